package catalog

import (
	"bytes"
	_ "embed" // the Open Cookie Database
	"encoding/csv"
	"strings"
	"sync"
)

// openCookieDB is the Open Cookie Database (Apache-2.0), embedded
// unmodified with its licence in opencookiedb/.
//
//go:embed opencookiedb/open-cookie-database.csv
var openCookieDB []byte

// ocdIndex is the database read for lookups: exact names, and wildcard
// names as prefixes, filed under their first minOCDPrefix bytes so that a
// lookup tries a handful of them, not all.
type ocdIndex struct {
	exact    map[string]Guess
	prefixes map[string][]guessRow // name is the prefix, without '*'
}

// minOCDPrefix is the shortest wildcard name used as a prefix: the
// database's two-letter wildcards ("SR", "CT") would name half the cookies
// of any site.
const minOCDPrefix = 3

var loadOCD = sync.OnceValue(func() *ocdIndex {
	idx, err := parseOpenCookieDB(openCookieDB)
	if err != nil {
		// Only a broken embedded file gets here; a test reads it.
		panic("catalog: embedded Open Cookie Database: " + err.Error())
	}
	return idx
})

// parseOpenCookieDB reads the database's CSV, found by its header names so
// a new column does not shift them. The first row of a name wins.
func parseOpenCookieDB(data []byte) (*ocdIndex, error) {
	r := csv.NewReader(bytes.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	idx := &ocdIndex{exact: map[string]Guess{}, prefixes: map[string][]guessRow{}}
	if len(rows) == 0 {
		return idx, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		name := get(row, "Cookie / Data Key name")
		if name == "" {
			continue
		}
		g := Guess{
			Provider: get(row, "Platform"),
			What:     Text{EN: get(row, "Description")},
			Likely:   ocdCategory(get(row, "Category"), get(row, "Domain")),
			Origin:   FromOpenCookieDB,
		}
		wild := get(row, "Wildcard match") == "1"
		key := name
		if wild {
			key += "*"
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		switch {
		case !wild:
			idx.exact[name] = g
		case len(name) >= minOCDPrefix:
			k := name[:minOCDPrefix]
			idx.prefixes[k] = append(idx.prefixes[k], guessRow{name, g})
		}
	}
	return idx, nil
}

// ocdCategory maps the database's categories to the charter's. Marketing
// cookies are third-party when the database names another domain that
// sets them, else first-party (the charter's first-party cookies may serve
// advertising). Functional, personalisation and security cookies get no
// likely category: only the charter can call a cookie necessary.
func ocdCategory(category, domain string) Category {
	switch asciiLower(category) {
	case "analytics":
		return Statistics
	case "marketing":
		if domain != "" {
			return ThirdParty
		}
		return FirstParty
	}
	return Undeclared
}

// lookupOpenCookieDB returns a copy of the database's guess for name: an
// exact name beats a prefix, a longer prefix beats a shorter one.
func lookupOpenCookieDB(name string) *Guess {
	idx := loadOCD()
	if g, ok := idx.exact[name]; ok {
		return &g
	}
	if len(name) < minOCDPrefix {
		return nil
	}
	var best *guessRow
	rows := idx.prefixes[name[:minOCDPrefix]]
	for i := range rows {
		p := &rows[i]
		if strings.HasPrefix(name, p.name) && (best == nil || len(p.name) > len(best.name)) {
			best = p
		}
	}
	if best == nil {
		return nil
	}
	g := best.Guess
	return &g
}
