package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// TestReadmeKeyTable checks the README's key table against the key map:
// every key the help names is in the table, so that the two never drift.
func TestReadmeKeyTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "| Key | Action |")
	if start < 0 {
		t.Fatal("no key table in the README")
	}
	table := readme[start:]
	table = table[:strings.Index(table, "\n\n")]
	k := newKeyMap(i18n.For(i18n.English))
	k.enableHelp(false)
	for _, group := range append(k.FullHelp(), k.ShortHelp()) {
		for _, b := range group {
			parts := strings.Split(b.Help().Key, "/")
			if b.Help().Key == "/" {
				parts = []string{"/"}
			}
			for _, part := range parts {
				part = strings.ReplaceAll(part, "⇧", "shift+")
				want := "`" + part + "`"
				if part == "1-7" {
					want = "`1`–`7`"
				}
				if !strings.Contains(table, want) {
					t.Errorf("the README's key table lacks `%s` (%s)", part, b.Help().Desc)
				}
			}
		}
	}
}
