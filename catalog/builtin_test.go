package catalog

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestOpendatasoftCharter(t *testing.T) {
	site, _ := NewSite("opendata.paris.fr")
	c := Opendatasoft(site)
	if c.Site.Host != "opendata.paris.fr" || c.Name() != BuiltinOpendatasoft {
		t.Fatalf("bound to %q, name %q", c.Site.Host, c.Name())
	}
	if c.Source == "" {
		t.Error("no source")
	}
	want := map[string]time.Duration{
		"sessionid": 2 * week, "csrftoken": year, "cookies_preferences": year / 2, "django_language": year,
	}
	if len(c.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(c.Entries), len(want))
	}
	for name, d := range want {
		e := c.Lookup(name, "")
		if e == nil || e.Lifetime == nil || e.Lifetime.Duration != d || e.Category != Necessary || e.Consent {
			t.Errorf("%s: %+v", name, e)
			continue
		}
		if e.Lifetime.Source != c.Source {
			t.Errorf("%s: lifetime source %q", name, e.Lifetime.Source)
		}
		if m := c.Match(".opendata.paris.fr", name, false); !m.Declared {
			t.Errorf("%s not declared for the portal", name)
		}
		if m := c.Match("info-financiere.gouv.fr", name, false); m.Declared {
			t.Errorf("%s declared for another portal", name)
		}
	}
	if r := c.ConsentRecord(); r == nil || r.Name != "cookies_preferences" {
		t.Errorf("consent record %+v", r)
	}
	// A copy: binding one portal leaves the others alone.
	other, _ := NewSite("data.iledefrance.fr")
	if Opendatasoft(other); c.Site.Host != "opendata.paris.fr" {
		t.Error("rebinding changed an earlier copy")
	}
}

func TestDefaultConsentRecord(t *testing.T) {
	if r := Default().ConsentRecord(); r == nil || r.Name != "cookies_preferences" || r.Lifetime == nil {
		t.Errorf("consent record %+v", r)
	}
}

func TestForSite(t *testing.T) {
	if !sort.SliceIsSorted(Portals, func(i, j int) bool { return Portals[i].Host < Portals[j].Host }) {
		t.Fatal("Portals not sorted by host")
	}
	for _, tc := range []struct{ host, name, bound string }{
		{"data.ofgl.fr", BuiltinOFGL, "data.ofgl.fr"},
		{"DATA.OFGL.FR", BuiltinOFGL, "data.ofgl.fr"},
		{"info-financiere.gouv.fr", BuiltinOpendatasoft, "info-financiere.gouv.fr"},
		{"data.economie.gouv.fr", BuiltinOpendatasoft, "data.economie.gouv.fr"},
		{"data.enseignementsup-recherche.gouv.fr", BuiltinOpendatasoft, "data.enseignementsup-recherche.gouv.fr"},
		{"data.education.gouv.fr", BuiltinOpendatasoft, "data.education.gouv.fr"},
		{"opendata.paris.fr", BuiltinOpendatasoft, "opendata.paris.fr"},
		{"data.iledefrance.fr", BuiltinOpendatasoft, "data.iledefrance.fr"},
		{"www.ofgl.fr", BuiltinOFGL, "data.ofgl.fr"}, // not a portal: the default charter
	} {
		site, err := NewSite(tc.host)
		if err != nil {
			t.Fatal(err)
		}
		c := ForSite(site)
		if c.Name() != tc.name || c.Site.Host != tc.bound {
			t.Errorf("ForSite(%s) = %s bound to %s, want %s bound to %s", tc.host, c.Name(), c.Site.Host, tc.name, tc.bound)
		}
	}
	if _, ok := Builtin("nope", Site{}); ok {
		t.Error("unknown builtin accepted")
	}
}

func TestConsentRecordKey(t *testing.T) {
	for _, bad := range []string{
		"site = a.fr\n[cookie x*]\nprovider = p\npurpose.en = p\ncategory = necessary\nconsent.record = yes\n",
		"site = a.fr\n[cookie x]\nprovider = p\npurpose.en = p\ncategory = statistics\nconsent.record = yes\n",
		"site = a.fr\n[cookie x]\nprovider = p\npurpose.en = p\ncategory = necessary\nconsent.record = maybe\n",
	} {
		if _, err := parseString(bad); err == nil {
			t.Errorf("accepted:\n%s", bad)
		}
	}
	c, err := parseString("site = a.fr\n[cookie x]\nprovider = p\npurpose.en = p\ncategory = necessary\nconsent.record = yes\nlifetime = session\n")
	if err != nil {
		t.Fatal(err)
	}
	if r := c.ConsentRecord(); r == nil || r.Name != "x" || !r.Lifetime.Session {
		t.Errorf("%+v", r)
	}
}

func parseString(s string) (*Catalog, error) { return Parse("test.charter", strings.NewReader(s)) }
