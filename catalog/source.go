package catalog

import "fmt"

// CategorySource says where a cookie's category comes from.
type CategorySource int

// The sources, from the strongest: the charter always wins.
const (
	// SourceNone: the charter does not declare the cookie and nothing
	// suggests a category; the category is Undeclared.
	SourceNone CategorySource = iota
	// SourceCharter: the charter declares the cookie.
	SourceCharter
	// SourcePartition: undeclared, stored by another site and partitioned
	// under the charter's site, so third-party by the way it is stored.
	SourcePartition
	// SourceGuess: undeclared, placed in its guess's likely category.
	SourceGuess
)

var sourceNames = [...]string{
	SourceNone:      "none",
	SourceCharter:   "charter",
	SourcePartition: "partition",
	SourceGuess:     "guess",
}

// String returns "none", "charter", "partition" or "guess".
func (s CategorySource) String() string {
	if s < 0 || int(s) >= len(sourceNames) {
		return fmt.Sprintf("CategorySource(%d)", int(s))
	}
	return sourceNames[s]
}

// MarshalText implements encoding.TextMarshaler, so JSON shows the name.
func (s CategorySource) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(sourceNames) {
		return nil, fmt.Errorf("catalog: invalid category source %d", int(s))
	}
	return []byte(sourceNames[s]), nil
}

// undeclaredCategory places a cookie the charter does not declare. A
// partitioned cookie of another site is third-party whatever its name. A
// guess places a cookie only in a non-essential category: a guess never
// makes a cookie necessary, since only the charter can exempt one from
// consent, so clearing non-essential cookies still clears every
// undeclared one.
func undeclaredCategory(g *Guess, thirdParty bool) (Category, CategorySource) {
	switch {
	case thirdParty:
		return ThirdParty, SourcePartition
	case g != nil && g.Likely != Undeclared && !g.Likely.Essential():
		return g.Likely, SourceGuess
	}
	return Undeclared, SourceNone
}
