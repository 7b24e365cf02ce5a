package catalog

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

const minimalCookie = `[cookie c]
provider = P
purpose.fr = finalité
category = necessary
`

// TestSyntaxErrors has one case per kind of syntax error.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string // a substring of the message
	}{
		{"empty file", "", 1, "empty charter"},
		{"only comments", "# a\n\n   # b\n", 1, "empty charter"},
		{"only a BOM", "\xef\xbb\xbf", 1, "empty charter"},
		{"no site line", "# c\n\n[cookie c]\nprovider = P\n", 3, `no "site = HOST" line`},
		{"no site, only source", "source = x\n", 1, `no "site = HOST" line`},
		{"invalid site host", "site = https://data.ofgl.fr/\n", 1, "without a scheme"},
		{"site is a public suffix", "\nsite = gouv.fr\n", 2, "public suffix"},
		{"site empty", "site =\n", 1, "empty value"},
		{"duplicate site", "site = a.fr\nsite = b.fr\n", 2, `duplicate key "site" (first at line 1)`},
		{"line outside a section", "site = a.fr\nprovider = P\n", 2, "outside a section"},
		{"unknown top-level key", "site = a.fr\nsitee = b\n", 2, `unknown key "sitee" before the first section`},
		{"unknown cookie key", "site = a.fr\n[cookie c]\nprovider = P\nduration = 2w\n", 4, `unknown key "duration" in a [cookie] section`},
		{"unknown category key", "site = a.fr\n[category necessary]\nlabel = x\n", 3, `unknown key "label"`},
		{"site inside a section", "site = a.fr\n[cookie c]\nsite = b.fr\n", 3, `unknown key "site"`},
		{"no equals sign", "site = a.fr\n[cookie c]\nprovider Opendatasoft\n", 3, `expected "key = value"`},
		{"missing key", "site = a.fr\n = x\n", 2, "missing key"},
		{"bad key characters", "site = a.fr\n[cookie c]\nprovider name = x\n", 3, "unknown key"},
		{"duplicate key", "site = a.fr\n[cookie c]\nprovider = P\nprovider = Q\n", 4, `duplicate key "provider" (first at line 3)`},
		{"empty value", "site = a.fr\n[cookie c]\nservice =   \n", 3, "empty value"},
		{"missing provider", "site = a.fr\n[cookie c]\npurpose.fr = x\ncategory = necessary\n", 2, `missing the required key "provider"`},
		{"missing category", "site = a.fr\n[cookie c]\nprovider = P\npurpose.fr = x\n", 2, `missing the required key "category"`},
		{"missing purpose", "site = a.fr\n[cookie c]\nprovider = P\ncategory = necessary\n", 2, `missing the required key "purpose.fr"`},
		{"bad category", "site = a.fr\n[cookie c]\nprovider = P\npurpose.fr = x\ncategory = essential\n", 5, `unknown category "essential"`},
		{"cookie category undeclared", "site = a.fr\n[cookie c]\nprovider = P\npurpose.fr = x\ncategory = undeclared\n", 5, "cannot be \"undeclared\""},
		{"bad category section", "site = a.fr\n[category tracking]\n", 2, `unknown category "tracking"`},
		{"duplicate category", "site = a.fr\n[category necessary]\n[category NECESSARY]\n", 3, "duplicate [category necessary] (first at line 2)"},
		{"bad category consent", "site = a.fr\n[category statistics]\nconsent = maybe\n", 3, "want yes or no"},
		{"bad cookie consent", "site = a.fr\n" + minimalCookie + "consent = 1\n", 6, "want yes or no"},
		{"duplicate cookie", "site = a.fr\n" + minimalCookie + "\n" + minimalCookie, 7, "duplicate [cookie c] (first at line 2)"},
		{"duplicate cookie, same host", "site = a.fr\n" + minimalCookie + "host = .x.com\n" + minimalCookie + "host = x.com\n", 7, "duplicate [cookie c]"},
		{"bad lifetime unit", "site = a.fr\n" + minimalCookie + "lifetime = 2 fortnights\n", 6, "unknown lifetime unit"},
		{"bad lifetime zero", "site = a.fr\n" + minimalCookie + "lifetime = 0w\n", 6, "more than 0"},
		{"bad lifetime number", "site = a.fr\n" + minimalCookie + "lifetime = forever\n", 6, "lifetime must be"},
		{"bad lifetime too long", "site = a.fr\n" + minimalCookie + "lifetime = 1000y\n", 6, "too long"},
		{"lifetime source alone", "site = a.fr\n" + minimalCookie + "lifetime.source = x\n", 6, "lifetime.source without a lifetime"},
		{"service.en alone", "site = a.fr\n" + minimalCookie + "service.en = Login\n", 6, "service.en without service"},
		{"bad entry host", "site = a.fr\n" + minimalCookie + "host = co.uk\n", 6, "public suffix"},
		{"bad entry host URL", "site = a.fr\n" + minimalCookie + "host = https://youtube.com\n", 6, "without a scheme"},
		{"unknown section kind", "site = a.fr\n[cookies c]\n", 2, `unknown section "cookies"`},
		{"section without name", "site = a.fr\n[cookie]\n", 2, "needs a name"},
		{"empty section header", "site = a.fr\n[ ]\n", 2, "empty section header"},
		{"unclosed section header", "site = a.fr\n[cookie c\n", 2, `must end with "]"`},
		{"section name with spaces", "site = a.fr\n[cookie a b]\n", 2, "one word"},
		{"bad cookie name", "site = a.fr\n[cookie a;b]\nprovider = P\npurpose.fr = x\ncategory = necessary\n", 2, "invalid character ';'"},
		{"star in the middle", "site = a.fr\n[cookie a*b]\nprovider = P\npurpose.fr = x\ncategory = necessary\n", 2, "only at the end"},
		{"star alone", "site = a.fr\n[cookie *]\nprovider = P\npurpose.fr = x\ncategory = necessary\n", 2, "at least one character"},
		{"non-UTF-8 bytes", "site = a.fr\n# ok\n[cookie c]\nprovider = \xe9tat\n", 4, "invalid UTF-8"},
		{"Latin-1 file", "site = a.fr\n\xe9\n", 2, "invalid UTF-8"},
		{"NUL byte", "site = a.fr\nsource = a\x00b\n", 2, "control character U+0000"},
		{"lone CR", "site = a.fr\rsource = x\n", 1, "control character U+000D"},
		{"error in the last section", "site = a.fr\n" + minimalCookie + "[cookie d]\nprovider = P\n", 6, `[cookie d] is missing the required key "category"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("test.charter", strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("parsed: %+v", c)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v, want *SyntaxError", err, err)
			}
			if se.File != "test.charter" || se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got %q, want line %d containing %q", err, tc.line, tc.msg)
			}
			if want := "test.charter:" + strconv.Itoa(tc.line) + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err, want)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("multi-line error %q", err)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	big := "site = a.fr\n" + strings.Repeat("# filler line\n", maxCharterSize/14+10)
	_, err := Parse("big", strings.NewReader(big))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line < 2 || !strings.Contains(se.Msg, "larger than 1 MiB") {
		t.Errorf("got %v", err)
	}
}

func TestParseReadError(t *testing.T) {
	_, err := Parse("r", iotest.ErrReader(io.ErrUnexpectedEOF))
	var se *SyntaxError
	if err == nil || errors.As(err, &se) || !strings.HasPrefix(err.Error(), "catalog: read r: ") {
		t.Errorf("got %v", err)
	}
}

func TestParseAccepts(t *testing.T) {
	in := "\xef\xbb\xbf# BOM, CRLF, tabs, odd spacing\r\n" +
		"SITE=Example.ORG.\r\n" +
		"source = https://example.org/cookies#charter\r\n" +
		"\r\n" +
		"  [Cookie\tlang]  \r\n" +
		"\tprovider=Us\r\n" +
		"purpose.en   =   Keeps the = sign and # too   \r\n" +
		"category = Statistics\r\n" +
		"lifetime = session\r\n" +
		"[cookie a*]\nprovider = P\npurpose.fr = f\ncategory = first-party\nconsent = non\nlifetime = 1y\nlifetime.source = vendor docs\n" +
		"[cookie t]\nhost = YouTube.com\nprovider = P\npurpose.fr = f\ncategory = third-party\n" +
		"[category statistics]\nconsent = no\nlabel.fr = Stats\n"
	c, err := Parse("ok", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if c.Site.Host != "example.org" || c.Source != "https://example.org/cookies#charter" {
		t.Errorf("site %+v, source %q", c.Site, c.Source)
	}
	lang := c.Lookup("lang", "")
	if lang == nil || lang.Purpose.EN != "Keeps the = sign and # too" || lang.Category != Statistics || lang.Line != 5 {
		t.Fatalf("lang = %+v", lang)
	}
	// consent defaults to the category's, whose section comes later.
	if lang.Consent || lang.Lifetime == nil || !lang.Lifetime.Session || lang.Lifetime.Source != c.Source {
		t.Errorf("lang consent %v lifetime %+v", lang.Consent, lang.Lifetime)
	}
	if a := c.Lookup("a*", ""); a == nil || a.Consent || a.Lifetime.Source != "vendor docs" || a.Lifetime.Duration != year {
		t.Errorf("a* = %+v", a)
	}
	if tp := c.Lookup("t", ".youtube.com"); tp == nil || !tp.Consent {
		t.Errorf("t = %+v", tp)
	}
	if info := c.Categories[Statistics]; info.Label.FR != "Stats" || info.Label.EN != "Statistics" || info.ConsentRequired {
		t.Errorf("statistics info %+v", info)
	}
	// Categories absent from the file keep their built-in labels.
	for _, cat := range Categories() {
		if c.Categories[cat].Label.FR == "" {
			t.Errorf("%v has no label", cat)
		}
	}
	// A site line alone is a valid, empty charter.
	if c, err := Parse("x", strings.NewReader("site = x.fr")); err != nil || len(c.Entries) != 0 {
		t.Errorf("site only: %v, %v", c, err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.charter")
	if err := os.WriteFile(good, defaultCharter, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(good)
	if err != nil || c.Site.Host != "data.ofgl.fr" || len(c.Entries) != len(Default().Entries) {
		t.Fatalf("Load(good) = %v, %v", c, err)
	}

	bad := filepath.Join(dir, "bad.charter")
	if err := os.WriteFile(bad, []byte("site = a.fr\n[cookie x]\nfoo = bar\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Load(bad)
	var se *SyntaxError
	if !errors.As(err, &se) || se.File != bad || se.Line != 3 || err.Error() != bad+`:3: unknown key "foo" in a [cookie] section (allowed: provider, service, service.en, purpose.fr, purpose.en, category, consent, lifetime, lifetime.source, host, consent.record)` {
		t.Errorf("Load(bad) = %v", err)
	}

	missing := filepath.Join(dir, "missing.charter")
	_, err = Load(missing)
	if err == nil || errors.As(err, &se) || !strings.HasPrefix(err.Error(), "catalog: open "+missing+": ") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v", err)
	}
	if _, err := Load(dir); err == nil || errors.As(err, &se) || strings.Contains(err.Error(), "\n") {
		t.Errorf("Load(dir) = %v", err)
	}
}

// The format doc at the top of the embedded charter must stay in step with
// the keys the parser accepts.
func TestFormatDocumented(t *testing.T) {
	head, _, _ := bytes.Cut(defaultCharter, []byte("\nsite"))
	for _, keys := range [][]string{topKeys, categoryKeys, cookieKeys} {
		for _, k := range keys {
			if !bytes.Contains(head, []byte(k)) {
				t.Errorf("key %q not documented at the top of the charter", k)
			}
		}
	}
}
