package catalog

import (
	"bytes"
	_ "embed" // the stock charter
	"sort"
	"strings"
	"sync"
)

//go:embed charters/opendatasoft.charter
var opendatasoftCharter []byte

// OpendatasoftCharterName is the name the embedded stock charter carries
// in messages.
const OpendatasoftCharterName = "charters/opendatasoft.charter"

// Names of the built-in catalogs, as --catalog takes them.
const (
	BuiltinOFGL         = "data.ofgl.fr"
	BuiltinOpendatasoft = "opendatasoft"
)

var opendatasoftCatalog = sync.OnceValue(func() *Catalog {
	c, err := Parse(OpendatasoftCharterName, bytes.NewReader(opendatasoftCharter))
	if err != nil {
		// Only a broken embedded file gets here; a test parses it.
		panic("catalog: embedded charter: " + err.Error())
	}
	c.name = BuiltinOpendatasoft
	return c
})

// Opendatasoft returns Opendatasoft's stock charter bound to site: every
// portal running on Opendatasoft publishes the same charter, so its entries
// apply to whichever portal is audited. The result is a fresh copy.
func Opendatasoft(site Site) *Catalog {
	stock := opendatasoftCatalog()
	c := *stock
	c.Site = site
	c.Entries = append([]Entry(nil), stock.Entries...)
	return &c
}

// Portal is a French public data portal that runs on Opendatasoft.
type Portal struct {
	Host    string // the portal's host
	Charter string // BuiltinOFGL or BuiltinOpendatasoft
}

// Portals lists the French public Opendatasoft portals the program knows,
// sorted by host. data.ofgl.fr keeps its own charter (an older template);
// the others publish the stock charter.
var Portals = []Portal{
	{"dashboard.paris", BuiltinOpendatasoft},
	{"data.economie.gouv.fr", BuiltinOpendatasoft},
	{"data.education.gouv.fr", BuiltinOpendatasoft},
	{"data.enseignementsup-recherche.gouv.fr", BuiltinOpendatasoft},
	{"data.iledefrance.fr", BuiltinOpendatasoft},
	{"data.ofgl.fr", BuiltinOFGL},
	{"info-financiere.gouv.fr", BuiltinOpendatasoft},
	{"opendata.paris.fr", BuiltinOpendatasoft},
}

// Builtin returns the built-in catalog called name (BuiltinOFGL or
// BuiltinOpendatasoft, ASCII case ignored) for site. ok is false for any
// other name. The data.ofgl.fr charter stays bound to data.ofgl.fr.
func Builtin(name string, site Site) (c *Catalog, ok bool) {
	switch asciiLower(strings.TrimSpace(name)) {
	case BuiltinOFGL:
		return Default(), true
	case BuiltinOpendatasoft:
		return Opendatasoft(site), true
	}
	return nil, false
}

// ForSite returns the charter for site: the listed portal's own charter,
// else the data.ofgl.fr charter (whose entries bind to data.ofgl.fr only).
func ForSite(site Site) *Catalog {
	if p, ok := LookupPortal(site.Host); ok {
		c, _ := Builtin(p.Charter, site)
		return c
	}
	return Default()
}

// LookupPortal finds host (already normalised by NewSite) in Portals.
func LookupPortal(host string) (Portal, bool) {
	i := sort.Search(len(Portals), func(i int) bool { return Portals[i].Host >= host })
	if i < len(Portals) && Portals[i].Host == host {
		return Portals[i], true
	}
	return Portal{}, false
}

// Name returns the short name of a built-in catalog (BuiltinOFGL or
// BuiltinOpendatasoft) or the file name of a loaded one.
func (c *Catalog) Name() string { return c.name }

// ConsentRecord returns the entry marked as the visitor's choice, or nil.
func (c *Catalog) ConsentRecord() *Entry {
	if c == nil {
		return nil
	}
	for i := range c.Entries {
		if c.Entries[i].ConsentRecord {
			return &c.Entries[i]
		}
	}
	return nil
}
