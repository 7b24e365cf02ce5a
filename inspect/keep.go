package inspect

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storelock"
)

// KeepRule protects cookies from clear and delete: a name, on any host or
// on one host ("sessionid@data.ofgl.fr"). A name ending in "*" is a prefix,
// exactly as in the charter format: "_pk_*" keeps "_pk_id.1.abcd" and
// "_pk_ses.1.abcd". The host matches the cookie's stored host with its
// leading dot removed, so "_ga@ofgl.fr" keeps the ".ofgl.fr" cookie.
type KeepRule struct {
	Name string // exact name, or a prefix ending in "*"
	Host string // "" for any host; lower-case ASCII (punycode), no dots around it
}

// KeepRuleProblem says why a keep rule is refused.
type KeepRuleProblem int

// The reasons ParseKeepRule refuses a rule.
const (
	KeepRuleEmptyName   KeepRuleProblem = iota + 1 // nothing before "@"
	KeepRuleEmptyHost                              // nothing after "@"
	KeepRuleManyAts                                // more than one "@"
	KeepRuleControl                                // a control character (ESC, DEL, TAB...)
	KeepRuleInvalidUTF8                            // bytes that are not UTF-8
	KeepRuleBadNameChar                            // a space, ';', '=' or ',' in the name
	KeepRuleLoneStar                               // "*" alone would keep every cookie
	KeepRuleStarInside                             // "*" anywhere but at the end of the name
	KeepRuleBadHost                                // not a host name (a URL, a port, a path...)
	KeepRuleStarName                               // a cookie whose name ends in "*" cannot be kept alone
)

// KeepRuleError is a refused keep rule. Rule is the text as given: it may
// hold control bytes, so print it escaped.
type KeepRuleError struct {
	Rule    string
	Problem KeepRuleProblem
	// File and Line locate the rule when it comes from the keep list.
	File string
	Line int
}

var keepProblemText = map[KeepRuleProblem]string{
	KeepRuleEmptyName:   "expected NAME or NAME@HOST",
	KeepRuleEmptyHost:   "empty host after @",
	KeepRuleManyAts:     "more than one @",
	KeepRuleControl:     "control characters are not allowed",
	KeepRuleInvalidUTF8: "not valid UTF-8",
	KeepRuleBadNameChar: "a cookie name cannot hold spaces, ';', '=' or ','",
	KeepRuleLoneStar:    "\"*\" alone would keep every cookie",
	KeepRuleStarInside:  "\"*\" is allowed only at the end of the name",
	KeepRuleBadHost:     "the host is not a host name (no scheme, port, path or spaces)",
	KeepRuleStarName:    "the name ends in \"*\", which a rule reads as a prefix",
}

// Error is the English message, with the rule quoted and escaped.
func (e *KeepRuleError) Error() string {
	msg := fmt.Sprintf("invalid keep rule %q: %s", e.Rule, keepProblemText[e.Problem])
	if e.File != "" {
		msg = fmt.Sprintf("%s:%d: %s", e.File, e.Line, msg)
	}
	return msg
}

// ParseKeepRule reads NAME, NAME@HOST, or either with NAME ending in "*".
// Blanks around the rule and its parts are ignored; the host is checked as
// --site checks a host and lower-cased, one leading dot dropped. Errors are
// *KeepRuleError.
func ParseKeepRule(s string) (KeepRule, error) {
	fail := func(p KeepRuleProblem) (KeepRule, error) {
		return KeepRule{}, &KeepRuleError{Rule: s, Problem: p}
	}
	if !utf8.ValidString(s) {
		return fail(KeepRuleInvalidUTF8)
	}
	t := strings.TrimSpace(s)
	for _, r := range t {
		if isControl(r) {
			return fail(KeepRuleControl)
		}
	}
	name, host, hasHost := strings.Cut(t, "@")
	if strings.Contains(host, "@") {
		return fail(KeepRuleManyAts)
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return fail(KeepRuleEmptyName)
	case name == "*":
		return fail(KeepRuleLoneStar)
	case strings.Contains(strings.TrimSuffix(name, "*"), "*"):
		return fail(KeepRuleStarInside)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(";=,", r) }):
		return fail(KeepRuleBadNameChar)
	}
	if !hasHost {
		return KeepRule{Name: name}, nil
	}
	host = strings.TrimPrefix(strings.TrimSpace(host), ".")
	if host == "" {
		return fail(KeepRuleEmptyHost)
	}
	site, err := catalog.NewSite(host)
	if err != nil {
		return fail(KeepRuleBadHost)
	}
	return KeepRule{Name: name, Host: site.Host}, nil
}

// isControl reports C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// KeepRuleFor is the rule that keeps one cookie: NAME@HOST, the host
// without its leading dot. A cookie whose name or host a rule cannot hold
// gets a *KeepRuleError, never a rule that would mean something else.
func KeepRuleFor(c Cookie) (KeepRule, error) {
	text := c.Name + "@" + strings.TrimLeft(c.Host, ".")
	r, err := ParseKeepRule(text)
	if err != nil {
		return KeepRule{}, err
	}
	if r.IsPrefix() || r.Name != c.Name {
		return KeepRule{}, &KeepRuleError{Rule: text, Problem: KeepRuleStarName}
	}
	return r, nil
}

// IsPrefix reports whether the rule's name is a prefix pattern.
func (r KeepRule) IsPrefix() bool { return strings.HasSuffix(r.Name, "*") }

// String gives the rule back as NAME or NAME@HOST.
func (r KeepRule) String() string {
	if r.Host == "" {
		return r.Name
	}
	return r.Name + "@" + r.Host
}

// Matches reports whether the rule keeps the cookie. Names are
// case-sensitive; a prefix rule keeps every name that starts with it.
func (r KeepRule) Matches(c Cookie) bool {
	if r.IsPrefix() {
		if !strings.HasPrefix(c.Name, strings.TrimSuffix(r.Name, "*")) {
			return false
		}
	} else if c.Name != r.Name {
		return false
	}
	return r.Host == "" || strings.EqualFold(strings.TrimPrefix(c.Host, "."), r.Host)
}

// Kept returns the rule that keeps the cookie, if any.
func Kept(rules []KeepRule, c Cookie) (KeepRule, bool) {
	for _, r := range rules {
		if r.Matches(c) {
			return r, true
		}
	}
	return KeepRule{}, false
}

// KeepListPath is the persistent keep list: one rule per line.
func KeepListPath() (string, error) {
	d, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "keep.txt"), nil
}

// LoadKeepList reads the keep list; a missing file is an empty list. A
// malformed list is an error, never an empty list: a broken keep list must
// not let clear delete what the user meant to keep.
func LoadKeepList(path string) ([]KeepRule, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &Problem{Kind: ProblemKeepList, Subject: path, Detail: OneLine(err.Error()), Err: err}
	}
	var rules []KeepRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := ParseKeepRule(line)
		if err != nil {
			if ke, ok := err.(*KeepRuleError); ok {
				ke.File, ke.Line = path, n
				return nil, ke
			}
			return nil, &Problem{Kind: ProblemAt, Subject: fmt.Sprintf("%s:%d", path, n), Detail: OneLine(err.Error()), Err: err}
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, &Problem{Kind: ProblemKeepList, Subject: path, Detail: OneLine(err.Error()), Err: err}
	}
	return rules, nil
}

// SaveKeepList writes the keep list atomically, sorted and without duplicates.
func SaveKeepList(path string, rules []KeepRule) error {
	seen := map[string]bool{}
	var lines []string
	for _, r := range rules {
		if s := r.String(); !seen[s] {
			seen[s] = true
			lines = append(lines, s)
		}
	}
	sort.Strings(lines)
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return err
	}
	content := "# ofgl-cookies keep list: cookies that clear and delete never remove.\n" +
		"# One rule per line: NAME (any host) or NAME@HOST; a NAME ending in * is a prefix (_pk_*).\n"
	for _, l := range lines {
		content += l + "\n"
	}
	return writePrivateFile(path, []byte(content))
}

// UpdateKeepList reads the keep list, applies change and writes the
// result, all under a lock beside the list, so that two runs (two
// `keep add`, or the UI and the CLI) editing it at once never lose a rule.
// change returning an error leaves the list as it was. It returns the list
// as written.
func UpdateKeepList(ctx context.Context, path string, change func([]KeepRule) ([]KeepRule, error)) ([]KeepRule, error) {
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return nil, err
	}
	lock, err := storelock.Acquire(ctx, path+".lock", "keep", DefaultLockWait, nil)
	var busy *storelock.BusyError
	if errors.As(err, &busy) {
		return nil, &BusyError{Holder: busy.Holder}
	}
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	rules, err := LoadKeepList(path)
	if err != nil {
		return nil, err
	}
	next, err := change(rules)
	if err != nil {
		return nil, err
	}
	if err := SaveKeepList(path, next); err != nil {
		return nil, err
	}
	return next, nil
}
