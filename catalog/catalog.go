package catalog

import (
	"bytes"
	_ "embed" // the default charter
	"strings"
	"sync"
)

// Entry is one cookie a charter declares.
type Entry struct {
	Name string // exact name, or a prefix pattern ending in '*'
	// Host is "" for a cookie of the catalog's Site (the usual case), or a
	// cookie domain like ".youtube.com" for a third-party provider's cookie.
	Host     string
	Provider string
	// Service is the charter's "service et emplacement": FR exactly as the
	// charter writes it, EN its translation (service.en).
	Service  Text
	Purpose  Text
	Category Category
	Consent  bool      // consent required
	Lifetime *Lifetime // nil when neither the charter nor its sources state one
	// ConsentRecord marks the cookie that keeps the visitor's choice about
	// cookies (consent.record = yes): an audit dates consent by it.
	ConsentRecord bool
	Line          int // line in the charter file, for messages
}

// IsPattern reports whether the entry's Name is a prefix pattern.
func (e *Entry) IsPattern() bool { return strings.HasSuffix(e.Name, "*") }

// matchesName returns how well name matches: 0 for no match, a higher
// number for a better match (exact beats any prefix; longer prefixes beat
// shorter ones). Cookie names are case-sensitive.
func (e *Entry) matchesName(name string) int {
	if !e.IsPattern() {
		if e.Name == name {
			return exactRank
		}
		return 0
	}
	prefix := e.Name[:len(e.Name)-1]
	if strings.HasPrefix(name, prefix) {
		return 1 + len(prefix)
	}
	return 0
}

// exactRank is above any prefix rank (prefixes are cut at 1 MiB by Parse).
const exactRank = 1 << 30

// Guess is a best guess at what an undeclared cookie is, from the
// project's table of well-known cookie names, else from the Open Cookie
// Database. It is not part of any charter.
type Guess struct {
	Provider string
	What     Text     // the Open Cookie Database's descriptions are English only
	Likely   Category // the charter category it would most likely fall in; Undeclared when none
	Origin   GuessOrigin
}

// GuessOrigin names the table a guess comes from.
type GuessOrigin string

// The guess tables, in the order they are asked.
const (
	FromProjectTable GuessOrigin = "ofgl-cookies"
	FromOpenCookieDB GuessOrigin = "open-cookie-database"
)

// Catalog is a site's cookie charter.
//
// Its entries bind to Site, the charter's own host, and to nothing else:
// there is deliberately no way to rebind them. To inspect another host
// (--site www.ofgl.fr) with this charter, filter the cookies with that
// host's Site and keep the Catalog as is; a www.ofgl.fr host-only
// sessionid then stays undeclared, while a .ofgl.fr one, which data.ofgl.fr
// also receives, is declared.
type Catalog struct {
	Site   Site   // the host the charter is about ("site =" line)
	Source string // URL or description of the charter; may be empty
	// Categories holds all five categories, Undeclared included: what the
	// file says, over built-in labels for those it leaves out.
	Categories map[Category]CategoryInfo
	Entries    []Entry // in file order
	name       string  // see Name
}

// Match is the classification of one cookie.
type Match struct {
	Entry *Entry // nil when undeclared
	// Category is the entry's; for an undeclared cookie, ThirdParty when it
	// is a partitioned third-party cookie, else its guess's likely category
	// when that is a non-essential one, else Undeclared. Declared and
	// Source tell these apart.
	Category Category
	Declared bool
	Source   CategorySource
	Guess    *Guess // only for undeclared cookies; nil when the name is unknown
}

//go:embed charters/data.ofgl.fr.charter
var defaultCharter []byte

// DefaultCharterName is the name the embedded charter carries in messages.
const DefaultCharterName = "charters/data.ofgl.fr.charter"

var defaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := Parse(DefaultCharterName, bytes.NewReader(defaultCharter))
	if err != nil {
		// Only a broken embedded file gets here; a test parses it.
		panic("catalog: embedded charter: " + err.Error())
	}
	c.name = BuiltinOFGL
	return c
})

// Default returns the embedded data.ofgl.fr charter, parsed once. Callers
// share it and must not modify it.
func Default() *Catalog { return defaultCatalog() }

// Match classifies a cookie stored under host (as the store keeps it: a
// leading dot for a domain cookie) with this name. thirdParty is true for a
// cookie stored under another site's host but partitioned under the
// catalog's site.
//
// Entries without a Host match only when c.Site.Sends(host): the charter
// binds to its own site, so a sessionid of www.ofgl.fr is not declared by
// the data.ofgl.fr charter. Entries with a Host match when the cookie's
// host is that domain or a subdomain of it (leading dots ignored). Exact
// names beat prefix patterns, longer prefixes beat shorter ones, and among
// equals the first in the file wins.
func (c *Catalog) Match(host, name string, thirdParty bool) Match {
	var best *Entry
	bestRank := 0
	if c != nil {
		for i := range c.Entries {
			e := &c.Entries[i]
			r := e.matchesName(name)
			if r <= bestRank || !c.binds(e, host) {
				continue
			}
			best, bestRank = e, r
		}
	}
	if best != nil {
		return Match{Entry: best, Category: best.Category, Declared: true, Source: SourceCharter}
	}
	m := Match{Guess: lookupGuess(name)}
	m.Category, m.Source = undeclaredCategory(m.Guess, thirdParty)
	return m
}

// binds reports whether entry e applies to a cookie stored under host.
func (c *Catalog) binds(e *Entry, host string) bool {
	if e.Host == "" {
		return c.Site.Sends(host)
	}
	h := asciiLower(strings.TrimPrefix(host, "."))
	d := strings.TrimPrefix(e.Host, ".")
	if h == "" || d == "" {
		return false
	}
	// Brackets: Chromium stores an IPv6 host as "[::1]", entries keep "::1".
	if len(h) > 2 && h[0] == '[' && h[len(h)-1] == ']' {
		h = h[1 : len(h)-1]
	}
	return h == d || strings.HasSuffix(h, "."+d)
}

// Lookup returns the entry declared under exactly this name and host ("" for
// the catalog's site), or nil.
func (c *Catalog) Lookup(name, host string) *Entry {
	if c == nil {
		return nil
	}
	for i := range c.Entries {
		if e := &c.Entries[i]; e.Name == name && e.Host == host {
			return e
		}
	}
	return nil
}
