package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// notCounts are the string messages whose numbers need no agreement: a
// line number, a terminal size, a count in parentheses after a noun.
var notCounts = map[string]bool{
	"KeepListInvalid": true, "UITooSmall": true, "UIConfirmFrom": true, "UIStoresTitle": true,
	// "rule — words (severity): 3", "…, 0 failed" / "0 en échec"
	"AuditRuleLine": true, "AuditStoresLine": true, "RunningPID": true,
	// "Deletion history (3)"
	"UIHistoryTitle": true,
}

// phraseArgs are the messages whose %s slots take CookieCount and
// StoreCount phrases rather than plain words.
var phraseArgs = map[string]func(s *Strings, n int) []any{
	"Summary":        func(s *Strings, n int) []any { return []any{"data.ofgl.fr", s.CookieCount(n), s.StoreCount(n)} },
	"SummaryNone":    func(s *Strings, n int) []any { return []any{"data.ofgl.fr", s.StoreCount(n)} },
	"StoreRead":      func(s *Strings, n int) []any { return []any{s.CookieCount(n)} },
	"UIHeaderCounts": func(s *Strings, n int) []any { return []any{s.CookieCount(n), s.StoreCount(n)} },
	"UIDeleting":     func(s *Strings, n int) []any { return []any{s.CookieCount(n)} },
	"ResultSummary":  func(s *Strings, n int) []any { return []any{s.CookieCount(n), s.StoreCount(n)} },
	"UIDeleted":      func(s *Strings, n int) []any { return []any{s.CookieCount(n), s.StoreCount(n)} },
	"UIUndone":       func(s *Strings, n int) []any { return []any{s.CookieCount(n), "20261202-0245"} },
}

// args fills a form's verbs: the count for %d, a word for %s and %q.
func args(form string, n int) []any {
	var out []any
	for _, v := range verb.FindAllString(form, -1) {
		if strings.HasSuffix(v, "d") {
			out = append(out, n)
		} else {
			out = append(out, "X")
		}
	}
	return out
}

// renderNumbered renders every message of s that takes a number, for n,
// one "Name: text" line each, in the struct's order.
func renderNumbered(t *testing.T, s *Strings, n int) []string {
	t.Helper()
	v, typ := reflect.ValueOf(*s), reflect.TypeOf(*s)
	var out []string
	pairs := map[string]string{} // One field -> its Many field
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		if base, ok := strings.CutSuffix(name, "One"); ok {
			for _, many := range []string{base + "Many", base} {
				if _, ok := typ.FieldByName(many); ok && many != name {
					pairs[name] = many
					break
				}
			}
		}
	}
	manyOf := map[string]bool{}
	for _, m := range pairs {
		manyOf[m] = true
	}
	for i := 0; i < typ.NumField(); i++ {
		name, f := typ.Field(i).Name, v.Field(i)
		switch x := f.Interface().(type) {
		case Counted:
			var text string
			if p, ok := phraseArgs[name]; ok {
				text = s.Nf(x, n, p(s, n)...)
			} else if form := s.form(x, n); strings.Contains(form, "%") {
				text = s.Nf(x, n, args(form, n)...)
			} else {
				text = s.N(x, n)
			}
			out = append(out, name+": "+text)
		case map[catalog.Category]Counted:
			for _, c := range catalog.Categories() {
				out = append(out, fmt.Sprintf("%s[%v]: %s", name, c, s.CategoryCount(c, n)))
			}
		case string:
			switch {
			case pairs[name] != "":
				one, many := x, v.FieldByName(pairs[name]).String()
				form := s.Plural(n, one, many)
				out = append(out, name+": "+fmt.Sprintf(form, args(form, n)...))
			case manyOf[name] || notCounts[name]:
			case phraseArgs[name] != nil:
				out = append(out, name+": "+fmt.Sprintf(x, phraseArgs[name](s, n)...))
			case strings.Contains(x, "%d"):
				t.Errorf("%s takes a number but has one form: make it a Counted (or list it in notCounts)", name)
			}
		}
	}
	return out
}

// plurals and singulars are the words whose number the tests check right
// after a count.
var (
	plurals   = []string{"cookies", "stores", "values", "days", "hours", "minutes", "batches", "bytes", "files", "magasins", "valeurs", "jours", "heures", "fichiers", "octets", "suppressions", "nécessaires", "statistiques", "internes", "autres", "marqués", "supprimés", "restaurés", "non classés", "non déclarés", "des"}
	singulars = []string{"cookie", "store", "value", "day", "hour", "minute", "batch", "byte", "file", "magasin", "valeur", "jour", "heure", "fichier", "octet", "suppression", "nécessaire", "statistique", "interne", "autre", "marqué", "supprimé", "restauré", "non classé", "non déclaré", "sur"}
)

// wordAfter matches a count and the words after it.
var wordAfter = regexp.MustCompile(`(?:^|[^0-9])([0-9]+) ((?:non )?[\pL]+)`)

// Every numbered message agrees with its number, n = 0, 1, 2, in both
// languages: the words after the count are singular when the language
// says so (English 1; French 0 and 1) and plural otherwise. The renders
// are kept in a golden file, read once by a person.
func TestPluralsAgree(t *testing.T) {
	var all []string
	for _, lang := range []Lang{English, French} {
		s := For(lang)
		for _, n := range []int{0, 1, 2} {
			singular := n == 1 || (n == 0 && lang == French)
			lines := renderNumbered(t, s, n)
			if len(lines) < 40 {
				t.Fatalf("%s n=%d: only %d numbered messages found", lang, n, len(lines))
			}
			for _, line := range lines {
				all = append(all, fmt.Sprintf("%s n=%d %s", lang, n, line))
				if strings.Contains(line, "%!") {
					t.Errorf("%s n=%d: bad format: %s", lang, n, line)
				}
				name, _, _ := strings.Cut(line, ":")
				if f := reflect.ValueOf(*s).FieldByName(name); f.IsValid() && n == 0 && f.Type() == reflect.TypeOf(Counted{}) && !strings.Contains(f.Interface().(Counted).One, "%") {
					// A One form without a count is for exactly 1; a
					// dialog about 0 cookies is never opened.
					continue
				}
				for _, m := range wordAfter.FindAllStringSubmatch(line, -1) {
					if m[1] != fmt.Sprint(n) {
						continue
					}
					word, bad := m[2], plurals
					if !singular {
						bad = singulars
					}
					for _, b := range bad {
						if word == b || strings.HasPrefix(word, "non ") && strings.TrimPrefix(word, "non ") == strings.TrimPrefix(b, "non ") {
							t.Errorf("%s n=%d: %q after the count: %s", lang, n, word, line)
						}
					}
				}
			}
		}
	}
	golden.RequireEqual(t, []byte(strings.Join(all, "\n")+"\n"))
}

// The examples the issue gives, word for word.
func TestPluralExamples(t *testing.T) {
	en, fr := For(English), For(French)
	for _, c := range []struct{ got, want string }{
		{en.CookieCount(1), "1 cookie"},
		{en.StoreCount(1), "1 store"},
		{en.N(en.UIConfirmDelete, 1), "Delete this cookie?"},
		{en.N(en.ConfirmPrompt, 1), "Delete this cookie? [y/N] "},
		{en.N(en.ConfirmPrompt, 2), "Delete these 2 cookies? [y/N] "},
		{fr.Nf(fr.ResultSummary, 2, fr.CookieCount(2), fr.StoreCount(1)), "2 cookies supprimés dans 1 magasin."},
		{fr.CategoryCount(catalog.Necessary, 11), "11 nécessaires"},
		{fr.CategoryCount(catalog.Necessary, 1), "1 nécessaire"},
		{fmt.Sprintf(en.Summary, "data.ofgl.fr", en.CookieCount(9), en.StoreCount(1)), "data.ofgl.fr: 9 cookies in 1 store"},
		{fmt.Sprintf(en.StoreRead, en.CookieCount(1)), "read: 1 cookie"},
		{fr.N(fr.UIInDays, 1), "dans 1 jour"},
		{fr.N(fr.UIInDays, 6), "dans 6 jours"},
		{fr.N(fr.UIConfirmDelete, 0), "Supprimer ces 0 cookies ?"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
