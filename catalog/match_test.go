package catalog

import (
	"strings"
	"testing"
)

func TestMatchBinding(t *testing.T) {
	c := Default()
	tests := []struct {
		host, name string
		third      bool
		declared   bool
		cat        Category
		guess      string // provider of the guess; "" for none
	}{
		// Sent to data.ofgl.fr: declared.
		{"data.ofgl.fr", "sessionid", false, true, Necessary, ""},
		{"DATA.OFGL.FR", "csrftoken", false, true, Necessary, ""},
		{".data.ofgl.fr", "django_language", false, true, Necessary, ""},
		{".ofgl.fr", "cookies_preferences", false, true, Necessary, ""},
		// Same names, other hosts: Django's defaults, not the charter's.
		{"www.ofgl.fr", "sessionid", false, false, Undeclared, "Django"},
		{".www.ofgl.fr", "sessionid", false, false, Undeclared, "Django"},
		{"ofgl.fr", "sessionid", false, false, Undeclared, "Django"},
		{"notofgl.fr", "csrftoken", false, false, Undeclared, "Django"},
		{".notofgl.fr", "csrftoken", false, false, Undeclared, "Django"},
		{"sub.data.ofgl.fr", "sessionid", false, false, Undeclared, "Django"},
		{".fr", "sessionid", false, false, Undeclared, "Django"},
		{"data.ofgl.fr.", "sessionid", false, false, Undeclared, "Django"},
		{"xdata.ofgl.fr", "sessionid", false, false, Undeclared, "Django"},
		{"", "sessionid", false, false, Undeclared, "Django"},
		// Cookie names are case-sensitive.
		{"data.ofgl.fr", "SessionID", false, false, Undeclared, ""},
		{"data.ofgl.fr", "sessionid2", false, false, Undeclared, ""},
		// Partitioned third-party cookies.
		{".youtube.com", "YSC", true, false, ThirdParty, "YouTube"},
		{"tracker.example", "unknown", true, false, ThirdParty, ""},
		{".youtube.com", "sessionid", true, false, ThirdParty, "Django"},
		// Undeclared first-party analytics: placed by their guess.
		{".ofgl.fr", "_ga", false, false, Statistics, "Google Analytics"},
		{"data.ofgl.fr", "_pk_id.3.1fff", false, false, Statistics, "Matomo"},
		{"data.ofgl.fr", "whatever", false, false, Undeclared, ""},
	}
	for _, tc := range tests {
		m := c.Match(tc.host, tc.name, tc.third)
		if m.Declared != tc.declared || m.Category != tc.cat || (m.Entry != nil) != tc.declared {
			t.Errorf("Match(%q, %q, %v) = %+v, want declared=%v %v", tc.host, tc.name, tc.third, m, tc.declared, tc.cat)
			continue
		}
		got := ""
		if m.Guess != nil {
			got = m.Guess.Provider
		}
		if got != tc.guess {
			t.Errorf("Match(%q, %q).Guess = %q, want %q", tc.host, tc.name, got, tc.guess)
		}
	}
}

func TestMatchNilCatalog(t *testing.T) {
	var c *Catalog
	if m := c.Match("data.ofgl.fr", "_ga", false); m.Declared || m.Guess == nil {
		t.Errorf("nil catalog: %+v", m)
	}
	if c.Lookup("x", "") != nil {
		t.Error("nil catalog Lookup")
	}
}

const patternCharter = `site = example.org
[category statistics]
consent = yes
[cookie _pk_*]
provider = Matomo
purpose.en = any Matomo cookie
category = statistics
[cookie _pk_id.*]
provider = Matomo
purpose.en = Matomo visitor ID
category = statistics
lifetime = 13mo
[cookie _pk_id.1.abc]
provider = Matomo
purpose.en = this exact one
category = statistics
[cookie VISITOR_INFO1_LIVE]
host = .youtube.com
provider = YouTube
purpose.fr = vidéo intégrée
category = third-party
[cookie first]
provider = A
purpose.en = first
category = first-party
[cookie first*]
provider = B
purpose.en = pattern
category = necessary
`

func TestMatchPatternsAndHosts(t *testing.T) {
	c, err := Parse("pattern", strings.NewReader(patternCharter))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, name string
		third      bool
		purpose    string // "" for undeclared
	}{
		{"example.org", "_pk_id.1.abc", false, "this exact one"},
		{"example.org", "_pk_id.2.def", false, "Matomo visitor ID"},
		{".example.org", "_pk_ses.1.abc", false, "any Matomo cookie"},
		{"www.example.org", "_pk_ses.1.abc", false, ""},
		{"example.org", "_pk", false, ""},
		{"example.org", "first", false, "first"},
		{"example.org", "firstly", false, "pattern"},
		{".youtube.com", "VISITOR_INFO1_LIVE", true, "vidéo intégrée"},
		{"www.youtube.com", "VISITOR_INFO1_LIVE", true, "vidéo intégrée"},
		{"youtube.com", "VISITOR_INFO1_LIVE", false, "vidéo intégrée"},
		{".notyoutube.com", "VISITOR_INFO1_LIVE", true, ""},
		{"example.org", "VISITOR_INFO1_LIVE", false, ""},
	}
	for _, tc := range tests {
		m := c.Match(tc.host, tc.name, tc.third)
		got := ""
		if m.Declared {
			got = m.Entry.Purpose.In("en")
		}
		if got != tc.purpose {
			t.Errorf("Match(%q, %q) purpose %q, want %q", tc.host, tc.name, got, tc.purpose)
		}
		if !m.Declared && m.Guess == nil && strings.HasPrefix(tc.name, "_pk") && tc.name != "_pk" {
			t.Errorf("Match(%q, %q): no guess", tc.host, tc.name)
		}
	}
	if e := c.Lookup("VISITOR_INFO1_LIVE", ".youtube.com"); e == nil || e.Category != ThirdParty || !e.Consent {
		t.Errorf("youtube entry = %+v, want third-party needing consent", e)
	}
	if e := c.Lookup("_pk_id.*", ""); e == nil || e.Lifetime == nil || e.Lifetime.Source != "the charter" || !e.IsPattern() {
		t.Errorf("_pk_id.* = %+v", e)
	}
}

func TestGuesses(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		likely   Category
	}{
		{"_pk_id.1.a2b3", "Matomo", Statistics},
		{"_pk_ses.1.a2b3", "Matomo", Statistics},
		{"_pk_ref.1.a2b3", "Matomo", Statistics},
		{"_pk_cvar.1.a2b3", "Matomo", Statistics},
		{"_pk_hsr.1.a2b3", "Matomo", Statistics},
		{"mtm_consent", "Matomo", Necessary},
		{"mtm_consent_removed", "Matomo", Necessary},
		{"MATOMO_SESSID", "Matomo", Necessary},
		{"_ga", "Google Analytics", Statistics},
		{"_ga_ABC123", "Google Analytics", Statistics},
		{"_gid", "Google Analytics", Statistics},
		{"_gat", "Google Analytics", Statistics},
		{"_gat_gtag_UA_1", "Google Analytics", Statistics},
		{"__utma", "Google Analytics", Statistics},
		{"__utmz", "Google Analytics", Statistics},
		{"atuserid", "AT Internet / Piano", Statistics},
		{"atidvisitor", "AT Internet", Statistics},
		{"atauthority", "AT Internet / Piano", Statistics},
		{"_pcid", "Piano", Statistics},
		{"_pctx", "Piano", Statistics},
		{"_pprv", "Piano", Necessary},
		{"pa_user", "Piano Analytics", Statistics},
		{"pa_vid", "Piano Analytics", Statistics},
		{"_gcl_au", "Google Ads", FirstParty},
		{"IDE", "Google DoubleClick", ThirdParty},
		{"test_cookie", "Google DoubleClick", ThirdParty},
		{"_fbp", "Meta (Facebook)", FirstParty},
		{"_hjSessionUser_123", "Hotjar", Statistics},
		{"VISITOR_INFO1_LIVE", "YouTube", ThirdParty},
		{"YSC", "YouTube", ThirdParty},
		{"__cf_bm", "Cloudflare", Necessary},
		{"cf_clearance", "Cloudflare", Necessary},
		{"sessionid", "Django", Necessary},
		{"ide_not_a_cookie", "", Undeclared},
		{"_g", "", Undeclared},
		{"", "", Undeclared},
	}
	c := Default()
	for _, tc := range tests {
		g := lookupGuess(tc.name)
		if tc.provider == "" {
			if g != nil {
				t.Errorf("guess(%q) = %+v, want none", tc.name, g)
			}
			continue
		}
		if g == nil || g.Provider != tc.provider || g.Likely != tc.likely || g.What.FR == "" || g.What.EN == "" {
			t.Errorf("guess(%q) = %+v, want %s %v", tc.name, g, tc.provider, tc.likely)
			continue
		}
		// A guess is never a declaration.
		m := c.Match("tracker.example", tc.name, false)
		// It places the cookie in a non-essential likely category, never
		// in necessary: only the charter exempts a cookie from consent.
		wantCat, wantSrc := tc.likely, SourceGuess
		if tc.likely == Necessary {
			wantCat, wantSrc = Undeclared, SourceNone
		}
		if m.Declared || m.Entry != nil || m.Guess == nil || *m.Guess != *g || m.Category != wantCat || m.Source != wantSrc {
			t.Errorf("Match(%q) = %+v, want undeclared, %v from %v, with the guess", tc.name, m, wantCat, wantSrc)
		}
		if g.Origin != FromProjectTable {
			t.Errorf("guess(%q) from %q", tc.name, g.Origin)
		}
		// A partitioned third-party cookie is third-party whatever its name.
		if m := c.Match("tracker.example", tc.name, true); m.Category != ThirdParty || m.Source != SourcePartition || m.Declared {
			t.Errorf("Match(%q, third party) = %+v", tc.name, m)
		}
	}
	// The table is copied out, never shared.
	g := lookupGuess("_ga")
	g.Provider = "changed"
	if lookupGuess("_ga").Provider != "Google Analytics" {
		t.Error("lookupGuess returns the table's own row")
	}
}

func TestGuessTableWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, g := range guesses {
		if seen[g.name] {
			t.Errorf("duplicate guess %q", g.name)
		}
		seen[g.name] = true
		if err := checkCookieName(g.name); err != nil {
			t.Errorf("guess %q: %v", g.name, err)
		}
		if g.Provider == "" || g.What.FR == "" || g.What.EN == "" || g.Likely == Undeclared {
			t.Errorf("guess %q incomplete: %+v", g.name, g.Guess)
		}
	}
}

// The Open Cookie Database is the second source: asked only when the
// project's table has no row, and never over the charter.
func TestOpenCookieDBGuesses(t *testing.T) {
	c := Default()
	tests := []struct {
		name     string
		provider string
		likely   Category
		origin   GuessOrigin
	}{
		// Exact names of the database.
		{"__Secure-3PSID", "Google Ads", ThirdParty, FromOpenCookieDB},
		{"CookieConsent", "Cookiebot", Undeclared, FromOpenCookieDB},
		// A wildcard name is a prefix.
		{"AMCV_1234ABCD%40AdobeOrg", "Adobe Audience Manager", FirstParty, FromOpenCookieDB},
		{"_dc_gtm_UA-1", "Google Analytics", Statistics, FromOpenCookieDB},
		// The project's table is asked first.
		{"_ga", "Google Analytics", Statistics, FromProjectTable},
		{"_gat_gtag_UA_1", "Google Analytics", Statistics, FromProjectTable},
		// Two-letter wildcards are too short to be prefixes.
		{"SRnotadform", "", Undeclared, ""},
		// The demo's own names are in neither source.
		{"ods_api_quota", "", Undeclared, ""},
		{"ofgl_session", "", Undeclared, ""},
		{"trk_pixel", "", Undeclared, ""},
	}
	for _, tc := range tests {
		g := lookupGuess(tc.name)
		if tc.provider == "" {
			if g != nil {
				t.Errorf("guess(%q) = %+v, want none", tc.name, g)
			}
			continue
		}
		if g == nil || g.Provider != tc.provider || g.Likely != tc.likely || g.Origin != tc.origin || g.What.EN == "" {
			t.Errorf("guess(%q) = %+v, want %s %v from %s", tc.name, g, tc.provider, tc.likely, tc.origin)
		}
	}
	// The charter wins over both tables: django_language is in the
	// database too.
	if g := lookupOpenCookieDB("django_language"); g == nil {
		t.Fatal("django_language is not in the Open Cookie Database any more; pick another name")
	}
	if m := c.Match("data.ofgl.fr", "django_language", false); !m.Declared || m.Guess != nil || m.Source != SourceCharter {
		t.Errorf("charter lost to a guess: %+v", m)
	}
}

func TestOpenCookieDBEmbedded(t *testing.T) {
	idx, err := parseOpenCookieDB(openCookieDB)
	if err != nil {
		t.Fatal(err)
	}
	prefixes := 0
	for k, rows := range idx.prefixes {
		for _, p := range rows {
			prefixes++
			if len(p.name) < minOCDPrefix || p.name[:minOCDPrefix] != k {
				t.Errorf("prefix %q filed under %q", p.name, k)
			}
		}
	}
	if len(idx.exact) < 1500 || prefixes < 100 {
		t.Errorf("%d exact names, %d prefixes: the CSV was not read whole", len(idx.exact), prefixes)
	}
}
