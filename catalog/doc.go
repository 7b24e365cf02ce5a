// Package catalog describes the cookies a site declares in its cookie charter
// and classifies the cookies a browser sends to that site.
//
// The data.ofgl.fr charter is embedded; other charters in the same
// line-based format (documented at the top of charters/data.ofgl.fr.charter)
// are read with Load:
//
//	c := catalog.Default()
//	m := c.Match("data.ofgl.fr", "sessionid", false)
//	fmt.Println(m.Declared, m.Category, m.Entry.Provider) // true necessary Opendatasoft
//
//	m = c.Match(".ofgl.fr", "_ga", false)
//	fmt.Println(m.Declared, m.Category, m.Source, m.Guess.Provider) // false statistics guess Google Analytics
//
// An undeclared cookie is placed in its guess's likely category when that
// is not necessary (guesses come from the project's table, then from the
// embedded Open Cookie Database); Declared and Source keep the charter's
// word apart from a guess.
//
// Opendatasoft's stock charter is embedded too (Opendatasoft, bound to the
// portal audited), and ForSite picks the charter of a listed French public
// Opendatasoft portal by its host. The entry marked consent.record is the
// cookie that keeps the visitor's choice (ConsentRecord).
//
// Entries bind to the charter's host, never to bare names: sessionid is the
// cookie of every Django site, so a sessionid of www.ofgl.fr is undeclared
// here. The package does no I/O except Load, which reads one file.
//
// Layout: parse.go reads a charter into a Catalog (catalog.go), whose Match
// looks a cookie up by host and name; site.go says which hosts a browser
// sends a site's cookies to; category.go is the closed set of categories;
// guesses.go names well-known undeclared cookies; lifetime.go reads the
// charter's durations. catalog depends on nothing else of this module:
// inspect uses it to classify what it reads, ui to show it.
package catalog
