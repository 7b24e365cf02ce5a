package catalog

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// seedPath is a capture of the live data.ofgl.fr charter page, kept beside
// the repository on the project's CI machine; TestDefaultMatchesSeed skips
// where it is absent.
const seedPath = "../../shared/seed/000_965129dbd5e005d7.txt"

func TestDefaultParses(t *testing.T) {
	c, err := Parse(DefaultCharterName, bytes.NewReader(defaultCharter))
	if err != nil {
		t.Fatalf("embedded charter: %v", err)
	}
	if c.Site.Host != "data.ofgl.fr" || c.Site.Registrable != "ofgl.fr" {
		t.Errorf("Site = %+v, want data.ofgl.fr under ofgl.fr", c.Site)
	}
	if c.Source == "" {
		t.Error("Source is empty")
	}
	if len(c.Entries) != 4 {
		t.Errorf("%d entries, want the charter's 4", len(c.Entries))
	}
	if a, b := Default(), Default(); a != b {
		t.Error("Default() parses more than once")
	}
}

// One case per line of the charter's table, with the exact text.
var charterLines = []struct {
	name, service, purposeFR string
	lifetime                 time.Duration
	label                    Text
}{
	{"sessionid", "Authentification (front et back office)", "Se souvenir de l'utilisateur d'une page à une autre.",
		14 * day, Text{"2 semaines", "2 weeks"}},
	{"django_language", "Sélection de la langue (front et back office)", "Se souvenir de la langue du visiteur",
		year, Text{"12 mois", "12 months"}},
	{"csrftoken", "API (CSRF) (front et back office)", "Récupérer des données via des appels API",
		year, Text{"12 mois", "12 months"}},
	{"cookies_preferences", "Choix concernant vos préférences sur les cookies", "Se souvenir du choix opéré par le visiteur concernant les cookies",
		year / 2, Text{"6 mois", "6 months"}},
}

func TestDefaultCharterLines(t *testing.T) {
	c := Default()
	for _, tc := range charterLines {
		t.Run(tc.name, func(t *testing.T) {
			for _, host := range []string{"data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"} {
				m := c.Match(host, tc.name, false)
				if !m.Declared || m.Entry == nil || m.Guess != nil {
					t.Fatalf("Match(%q, %q) = %+v, want declared, no guess", host, tc.name, m)
				}
				e := m.Entry
				if m.Category != Necessary || e.Category != Necessary || !m.Category.Essential() {
					t.Errorf("%s: category %v, want necessary", host, m.Category)
				}
				if e.Name != tc.name || e.Host != "" || e.Provider != "Opendatasoft" || e.Service.FR != tc.service || e.Purpose.FR != tc.purposeFR {
					t.Errorf("%s: entry %+v", host, e)
				}
				if e.Purpose.EN == "" || e.Consent {
					t.Errorf("%s: EN purpose %q, consent %v", host, e.Purpose.EN, e.Consent)
				}
				lt := e.Lifetime
				if lt == nil {
					t.Fatalf("%s: no lifetime", host)
				}
				if lt.Session || lt.Duration != tc.lifetime || lt.Label != tc.label {
					t.Errorf("%s: lifetime %+v, want %v %v", host, lt, tc.lifetime, tc.label)
				}
				if !strings.Contains(lt.Source, "info-financiere.gouv.fr") || !strings.Contains(lt.Source, "not stated in the data.ofgl.fr charter") {
					t.Errorf("%s: lifetime source %q", host, lt.Source)
				}
				if e.Line <= 0 {
					t.Errorf("%s: Line %d", host, e.Line)
				}
			}
		})
	}
}

func TestDefaultCategories(t *testing.T) {
	c := Default()
	for _, cat := range Categories() {
		info, ok := c.Categories[cat]
		if !ok {
			t.Errorf("%v: no CategoryInfo", cat)
			continue
		}
		if info.Label.FR == "" || info.Label.EN == "" || info.Definition.FR == "" || info.Definition.EN == "" {
			t.Errorf("%v: missing label or definition: %+v", cat, info)
		}
		if info.ConsentRequired == cat.Essential() {
			t.Errorf("%v: ConsentRequired = %v", cat, info.ConsentRequired)
		}
	}
	if n := c.Categories[Statistics].ConsentNote; n.FR == "" || n.EN == "" {
		t.Errorf("statistics: no consent note for the anonymous-statistics exemption")
	}
}

func TestDefaultEntriesBilingual(t *testing.T) {
	for _, e := range Default().Entries {
		if e.Purpose.FR == "" || e.Purpose.EN == "" {
			t.Errorf("%s: purpose %+v", e.Name, e.Purpose)
		}
		if e.Service.FR == "" || e.Service.EN == "" || e.Provider == "" {
			t.Errorf("%s: provider %q, service %q", e.Name, e.Provider, e.Service)
		}
	}
}

// TestDefaultMatchesSeed checks the French texts byte for byte against the
// captured charter.
func TestDefaultMatchesSeed(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if os.IsNotExist(err) {
		t.Skipf("%s absent; French text not compared", seedPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	defs := map[string]Category{
		"Les cookies « nécessaires »":                 Necessary,
		"Les cookies « statistiques »":                Statistics,
		"Les cookies « internes » ou « first-party »": FirstParty,
		"Les cookies dits « tiers »":                  ThirdParty,
	}
	foundDefs := map[Category]bool{}
	rows := map[string]bool{}
	for _, line := range strings.Split(string(raw), "\n") {
		for prefix, cat := range defs {
			if strings.HasPrefix(line, prefix) {
				foundDefs[cat] = true
				if got := c.Categories[cat].Definition.FR; got != line {
					t.Errorf("%v definition:\n got %q\nwant %q", cat, got, line)
				}
			}
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "Nom du prestataire" {
			continue
		}
		provider, service, name, purpose := f[0], f[1], f[2], f[3]
		rows[name] = true
		e := c.Lookup(name, "")
		if e == nil {
			t.Errorf("seed row %q not in the charter file", name)
			continue
		}
		if e.Provider != provider || e.Service.FR != service || e.Purpose.FR != purpose {
			t.Errorf("%s: got (%q, %q, %q), want (%q, %q, %q)", name, e.Provider, e.Service, e.Purpose.FR, provider, service, purpose)
		}
	}
	if len(foundDefs) != 4 {
		t.Errorf("found %d of 4 definitions in the seed", len(foundDefs))
	}
	if len(rows) != len(c.Entries) {
		t.Errorf("seed has %d rows, charter file %d entries", len(rows), len(c.Entries))
	}
}
