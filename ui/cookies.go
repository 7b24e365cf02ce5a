package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// tabFilters are the tabs' category filters, in the order of keys 1-7;
// "" is every cookie, the others are inspect's --category values.
var tabFilters = []string{"", "necessary", "non-essential", "statistics", "first-party", "third-party", "undeclared"}

func tabLabels(t *i18n.Strings) []string {
	return []string{t.UITabAll, t.UITabNecessary, t.UITabNonEssential, t.UITabStatistics,
		t.UITabFirstParty, t.UITabThirdParty, t.UITabUndeclared}
}

// sortColumn is what s cycles through.
type sortColumn int

const (
	sortStore sortColumn = iota // browser, profile, host, name: inspect's order
	sortName
	sortHost
	sortCategory
	sortDeclared
	sortExpires
	sortColumns
)

// cookieKey identifies one stored cookie across reloads, for the
// selection, the marks and a revealed value.
func cookieKey(c inspect.Cookie) string {
	parts := []string{c.Store.Path, c.Host, c.Name, c.Path, c.PartitionSite, c.Container}
	if k := c.Chromium; k != nil {
		parts = append(parts, k.TopFrameSiteKey, fmt.Sprint(k.HasCrossSiteAncestor))
	}
	if k := c.Firefox; k != nil {
		parts = append(parts, k.OriginAttributes)
	}
	return strings.Join(parts, "\x00")
}

// browserKey is a browser/profile filter value.
type browserKey struct{ Browser, Profile string }

func (b browserKey) String() string {
	if b.Profile == "" {
		return b.Browser
	}
	return b.Browser + "/" + b.Profile
}

func browserOf(c inspect.Cookie) browserKey {
	return browserKey{c.Store.Browser, c.Store.Profile}
}

// browsers lists the browser/profile pairs that hold cookies, in the
// findings' order.
func browsers(findings []inspect.Finding) []browserKey {
	var out []browserKey
	seen := map[browserKey]bool{}
	for _, f := range findings {
		if b := browserOf(f.Cookie); !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// query is everything that selects and orders the rows.
type query struct {
	tab     int
	browser *browserKey
	search  string
	sort    sortColumn
}

// apply filters and sorts the findings, whose entries are entries[i]; the
// input is never modified. It returns the indices of the rows shown, in
// order. findings must be in inspect's order, as publish leaves them: a
// subsequence of it is in that order too, and the sort column then
// reorders, stably. Indices are sorted rather than findings, which are
// large to move.
func (q query) apply(findings []inspect.Finding, entries []entry) []int {
	out := make([]int, 0, len(findings))
	needle := strings.ToLower(strings.TrimSpace(q.search))
	for i := range findings {
		f, e := &findings[i], &entries[i]
		if q.tab != 0 && !e.inTab(q.tab) {
			continue
		}
		if q.browser != nil && (f.Store.Browser != q.browser.Browser || f.Store.Profile != q.browser.Profile) {
			continue
		}
		if needle != "" && !strings.Contains(e.lowerName, needle) && !strings.Contains(e.lowerHost, needle) {
			continue
		}
		out = append(out, i)
	}
	var cmp func(a, b *inspect.Finding) int
	switch q.sort {
	case sortName:
		cmp = func(a, b *inspect.Finding) int { return strings.Compare(a.Name, b.Name) }
	case sortHost:
		cmp = func(a, b *inspect.Finding) int {
			return strings.Compare(strings.TrimPrefix(a.Host, "."), strings.TrimPrefix(b.Host, "."))
		}
	case sortCategory:
		cmp = func(a, b *inspect.Finding) int { return categoryRank(a.Match) - categoryRank(b.Match) }
	case sortDeclared:
		cmp = func(a, b *inspect.Finding) int { return boolRank(!a.Match.Declared) - boolRank(!b.Match.Declared) }
	case sortExpires:
		cmp = func(a, b *inspect.Finding) int { return expiryTime(a).Compare(expiryTime(b)) }
	}
	if cmp != nil {
		slices.SortStableFunc(out, func(i, j int) int { return cmp(&findings[i], &findings[j]) })
	}
	return out
}

// compareFindings orders findings exactly as inspect.SortFindings does:
// browser, profile, store, host, name, path, partition, container. publish
// sorts indices with it, rather than the findings themselves with
// inspect.SortFindings, so that each finding's entry follows it cheaply.
func compareFindings(a, b *inspect.Finding) int {
	for _, p := range [...][2]string{
		{a.Store.Browser, b.Store.Browser}, {a.Store.Profile, b.Store.Profile},
		{a.Store.Path, b.Store.Path}, {a.Host, b.Host}, {a.Name, b.Name},
		{a.Path, b.Path}, {a.PartitionSite, b.PartitionSite}, {a.Container, b.Container},
	} {
		if c := strings.Compare(p[0], p[1]); c != 0 {
			return c
		}
	}
	return 0
}

// categoryRank orders categories as the charter lists them, undeclared last.
func categoryRank(m catalog.Match) int {
	r := int(m.Category)
	if m.Category == catalog.Undeclared {
		r = 10
	}
	if !m.Declared {
		r += 20
	}
	return r
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// expiryTime sorts session cookies first: they go when the browser closes.
func expiryTime(f *inspect.Finding) time.Time {
	if f.Session {
		return time.Time{}
	}
	return f.Expires
}

// categoryWord is the category as a word in the table: colour is never
// the only sign of it.
func categoryWord(m catalog.Match, t *i18n.Strings) string {
	return t.Category(m.Category)
}

// clean keeps control characters of stored names and values from driving
// the terminal, as the command line's output does.
func clean(s string) string { return report.Clean(s) }
