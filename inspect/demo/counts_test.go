package demo

import (
	"testing"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

// Every count line adds up on the demo, for every view a user can pick:
// the five categories sum to the total, the undeclared figure is a part
// of it, and each tab's figure is the number of rows the tab shows.
func TestCountsAddUpOnTheDemo(t *testing.T) {
	d := newDemo(t)
	var all []inspect.Finding
	for _, r := range readAll(t, d, false) {
		all = append(all, r.findings...)
	}
	if len(all) < 30 {
		t.Fatalf("only %d demo cookies", len(all))
	}
	places := []inspect.Filter{{}}
	for _, ref := range d.Stores {
		places = append(places, inspect.Filter{Browser: ref.Browser}, inspect.Filter{Browser: ref.Browser, Profile: ref.Profile})
	}
	places = append(places, inspect.Filter{Names: []string{"_ga", "sessionid", "trk_pixel"}})
	for _, place := range places {
		var views []inspect.Filter
		views = append(views, place)
		for _, c := range inspect.CategoryFilters() {
			v := place
			v.Categories = []inspect.CategoryFilter{c}
			views = append(views, v)
		}
		for _, v := range views {
			n := inspect.CountCategories(all, v)
			shown := v.Apply(all)
			sum := 0
			for _, l := range n.Lines() {
				sum += l.N
			}
			if sum != n.Total || n.Total != len(shown) {
				t.Errorf("%+v: lines add up to %d, total %d, %d rows shown", v, sum, n.Total, len(shown))
			}
			if n.Undeclared > n.Total || n.Of(catalog.Undeclared) > n.Undeclared || n.Guessed+n.Partitioned > n.Undeclared {
				t.Errorf("%+v: of which %+v is not a part of the total", v, n)
			}
			if len(v.Categories) > 0 {
				continue // tabs count under the place filter alone
			}
			// A tab's count is what the tab shows, without counting again.
			for _, c := range inspect.CategoryFilters() {
				tab := v
				tab.Categories = []inspect.CategoryFilter{c}
				if got, want := n.Matching(c), len(tab.Apply(all)); got != want {
					t.Errorf("%+v: tab %v counts %d, shows %d", v, c, got, want)
				}
			}
		}
	}
}

// The cookies: guessed statistics are under statistics and still
// undeclared; cookies no source knows stay unclassified.
func TestDemoGuessesPlaceCookies(t *testing.T) {
	d := newDemo(t)
	seen := map[string]catalog.Match{}
	for _, r := range readAll(t, d, false) {
		for _, f := range r.findings {
			seen[f.Name] = f.Match
		}
	}
	for _, name := range []string{"_ga", "atuserid"} {
		m, ok := seen[name]
		if !ok {
			t.Errorf("%s not in the demo", name)
			continue
		}
		if m.Category != catalog.Statistics || m.Declared || m.Source != catalog.SourceGuess || m.Guess == nil {
			t.Errorf("%s: %+v, want statistics from a guess, undeclared", name, m)
		}
		if !inspect.OfCategory(catalog.Statistics).Matches(m) || !inspect.OfCategory(catalog.Undeclared).Matches(m) || !inspect.NonEssential.Matches(m) {
			t.Errorf("%s: not in the statistics, undeclared and non-essential tabs", name)
		}
	}
	for _, name := range []string{"ods_api_quota", "ofgl_ab_test", "ofgl_session"} {
		m, ok := seen[name]
		if !ok {
			t.Errorf("%s not in the demo", name)
			continue
		}
		if m.Category != catalog.Undeclared || m.Source != catalog.SourceNone || m.Guess != nil {
			t.Errorf("%s: %+v, want unclassified without a guess", name, m)
		}
	}
}
