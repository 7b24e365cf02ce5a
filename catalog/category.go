package catalog

import (
	"fmt"
	"strings"
)

// Category is the class of a cookie, as the charter defines it. Only
// Necessary is essential; every other category is non-essential.
type Category int

// The categories. Undeclared is the zero value: a cookie the charter does
// not list.
const (
	Undeclared Category = iota
	Necessary
	Statistics
	FirstParty
	ThirdParty
)

var categoryNames = [...]string{
	Undeclared: "undeclared",
	Necessary:  "necessary",
	Statistics: "statistics",
	FirstParty: "first-party",
	ThirdParty: "third-party",
}

// String returns the category's name as used in charter files:
// "undeclared", "necessary", "statistics", "first-party" or "third-party".
func (c Category) String() string {
	if c < 0 || int(c) >= len(categoryNames) {
		return fmt.Sprintf("Category(%d)", int(c))
	}
	return categoryNames[c]
}

// ParseCategory parses a category name as returned by String, ignoring
// ASCII case.
func ParseCategory(s string) (Category, error) {
	// ASCII folding only: strings.EqualFold would accept "ſtatistics".
	l := asciiLower(s)
	for i, n := range categoryNames {
		if l == n {
			return Category(i), nil
		}
	}
	return Undeclared, fmt.Errorf("unknown category %s (want necessary, statistics, first-party or third-party)", quoteShort(s))
}

// MarshalText implements encoding.TextMarshaler, so JSON shows the name.
func (c Category) MarshalText() ([]byte, error) {
	if c < 0 || int(c) >= len(categoryNames) {
		return nil, fmt.Errorf("catalog: invalid category %d", int(c))
	}
	return []byte(categoryNames[c]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseCategory.
func (c *Category) UnmarshalText(b []byte) error {
	v, err := ParseCategory(string(b))
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	*c = v
	return nil
}

// Essential reports whether cookies of this category may be kept without
// consent: only Necessary ones.
func (c Category) Essential() bool { return c == Necessary }

// Categories returns every category in display order: the charter's four,
// then Undeclared.
func Categories() []Category {
	return []Category{Necessary, Statistics, FirstParty, ThirdParty, Undeclared}
}

// Text is a text in French and English.
type Text struct{ FR, EN string }

// In returns the text in lang: French for "fr" (or "fr-FR", "fr_CA"...),
// English otherwise, each falling back to the other language when empty.
func (t Text) In(lang string) string {
	l := asciiLower(lang)
	if l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_") {
		if t.FR != "" {
			return t.FR
		}
		return t.EN
	}
	if t.EN != "" {
		return t.EN
	}
	return t.FR
}

// CategoryInfo is what a charter says about one category.
type CategoryInfo struct {
	Label      Text // short name, e.g. "Nécessaires" / "Necessary"
	Definition Text // the charter's own definition (FR) and its translation
	// ConsentRequired says whether the charter requires consent for the
	// category; only Necessary is exempt in the data.ofgl.fr charter.
	ConsentRequired bool
	// ConsentNote qualifies ConsentRequired, e.g. statistics are exempt
	// only when anonymous. Empty when there is nothing to add.
	ConsentNote Text
}

// builtinCategories gives every category a label even when a charter file
// has no section for it; definitions come from the file only, except for
// Undeclared, which no charter defines.
func builtinCategories() map[Category]CategoryInfo {
	return map[Category]CategoryInfo{
		Necessary:  {Label: Text{"Nécessaires", "Necessary"}},
		Statistics: {Label: Text{"Statistiques", "Statistics"}, ConsentRequired: true},
		FirstParty: {Label: Text{"Internes (first-party)", "First-party"}, ConsentRequired: true},
		ThirdParty: {Label: Text{"Tiers (third-party)", "Third-party"}, ConsentRequired: true},
		Undeclared: {
			Label: Text{"Non déclarés", "Undeclared"},
			Definition: Text{
				"Cookies que la charte du site ne mentionne pas : rien ne dit à quoi ils servent ni s'ils sont nécessaires.",
				"Cookies the site's charter does not mention: nothing says what they are for or whether they are needed.",
			},
			// Not necessary per the charter, so not exempt either.
			ConsentRequired: true,
		},
	}
}

// asciiLower lowercases ASCII letters only. Unicode case mapping would turn
// the Kelvin sign into "k" and let lookalike hosts or names compare equal.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// quoteShort quotes s for a one-line message, cutting it when long.
func quoteShort(s string) string {
	const maxLen = 60
	if len(s) > maxLen {
		// Cut on a rune boundary is not needed: %q escapes broken bytes.
		return fmt.Sprintf("%q…", s[:maxLen])
	}
	return fmt.Sprintf("%q", s)
}
