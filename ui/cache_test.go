package ui

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// TestMergeOrderIsInspectOrder: publish orders the findings with
// compareFindings and mergeOrder, store by store, where it used
// inspect.SortFindings on all of them. The two must agree exactly, ties
// (findings the order does not tell apart) included.
func TestMergeOrderIsInspectOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var batches [][]inspect.Finding
	for _, s := range benchFindings(2000) {
		s = slices.Clone(s)
		// Ties: the same cookie again, later in the store, or in the next
		// batch, differing only in what the order ignores.
		for i := 0; i < 40; i++ {
			f := s[rng.IntN(len(s))]
			f.Expires = f.Expires.Add(time.Duration(i+1) * time.Hour)
			s = append(s, f)
		}
		rng.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		batches = append(batches, s[:len(s)/2], s[len(s)/2:])
	}
	for _, s := range newFake().stores {
		batches = append(batches, s.cookies)
	}
	// Every field the order looks at, from a tiny alphabet: each pair of
	// fields differs both ways somewhere, so their precedence shows.
	pick := func() string { return []string{"", "a", "b"}[rng.IntN(3)] }
	for range 2 {
		var b []inspect.Finding
		for range 400 {
			var f inspect.Finding
			f.Store = inspect.StoreRef{Browser: pick(), Profile: pick(), Path: pick()}
			f.Host, f.Name, f.Path, f.PartitionSite, f.Container = pick(), pick(), pick(), pick(), pick()
			f.Expires = testNow.Add(time.Duration(rng.IntN(1000)) * time.Hour)
			b = append(b, f)
		}
		batches = append(batches, b)
	}
	var pend []inspect.Finding
	var order []int
	for _, b := range batches {
		pend = append(pend, b...)
		order = mergeOrder(pend, order)

		want := slices.Clone(pend)
		inspect.SortFindings(want)
		got := make([]inspect.Finding, len(order))
		for i, j := range order {
			got[i] = pend[j]
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after %d findings, mergeOrder differs from inspect.SortFindings", len(pend))
		}
	}
}

// TestCellWidth: the table's widths are lipgloss's, ASCII or not.
func TestCellWidth(t *testing.T) {
	for _, s := range []string{"", "_ga", "data.ofgl.fr [https://ofgl.fr]", "chromium/Personne 1", "préférences",
		"日本語クッキー", "Work 💼", "e\u0301", clean("\x1b[31mred\ttab\x7f"), "no-break\u00a0space"} {
		if got, want := cellWidth(s), lipgloss.Width(s); got != want {
			t.Errorf("cellWidth(%q) = %d, lipgloss.Width says %d", s, got, want)
		}
	}
}
