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

// tabFilter is a tab's filter, in the order of keys 1-7.
type tabFilter int

const (
	tabAll tabFilter = iota
	tabNecessary
	tabNonEssential
	tabStatistics
	tabFirstParty
	tabThirdParty
	tabUndeclared
	numTabs
)

// categoryFilter is a category tab's filter: inspect's --category
// values, in their order, are tabs 2-7, so that the tabs take what list
// and clear take.
func (f tabFilter) categoryFilter() inspect.CategoryFilter {
	return inspect.CategoryFilters()[f-1]
}

// matches says whether a finding of match m shows in the tab.
func (f tabFilter) matches(m catalog.Match) bool {
	return f == tabAll || f.categoryFilter().Matches(m)
}

func tabLabels(t *i18n.Strings) [numTabs]string {
	out := [numTabs]string{t.UITabAll}
	for f := tabAll + 1; f < numTabs; f++ {
		out[f] = t.TabLabel(f.categoryFilter())
	}
	return out
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
	tab     tabFilter
	browser *browserKey
	search  string
	sort    sortColumn
	reverse bool // o: the sort column descending
}

// filtered says whether a filter other than the tab narrows the rows.
func (q query) filtered() bool { return q.browser != nil || q.search != "" }

// keepsRow says whether the browser and search filters keep a row (the
// tab aside).
func (q query) keepsRow(f *inspect.Finding, e *entry, needle string) bool {
	if q.browser != nil && (f.Store.Browser != q.browser.Browser || f.Store.Profile != q.browser.Profile) {
		return false
	}
	return needle == "" || strings.Contains(e.lowerName, needle) || strings.Contains(e.lowerHost, needle)
}

// counts are the rows each tab shows under the browser and search
// filters, and the count line of those rows: inspect's CategoryCounts,
// as list and the CLI's summaries count, so that the figures agree.
func (q query) counts(findings []inspect.Finding, entries []entry) (tabs [numTabs]int, line inspect.CategoryCounts) {
	if !q.filtered() {
		line = inspect.CountCategories(findings, inspect.Filter{})
	} else {
		needle := strings.ToLower(strings.TrimSpace(q.search))
		for i := range findings {
			if q.keepsRow(&findings[i], &entries[i], needle) {
				line.Add(findings[i].Match)
			}
		}
	}
	tabs[tabAll] = line.Total
	for f := tabAll + 1; f < numTabs; f++ {
		tabs[f] = line.Matching(f.categoryFilter())
	}
	return tabs, line
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
		if (q.tab != tabAll && !e.inTab(q.tab)) || !q.keepsRow(f, e, needle) {
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
	if cmp == nil && q.reverse {
		cmp = compareFindings
	}
	if cmp != nil {
		sign := 1
		if q.reverse {
			sign = -1
		}
		slices.SortStableFunc(out, func(i, j int) int { return sign * cmp(&findings[i], &findings[j]) })
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
