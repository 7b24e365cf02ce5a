package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

// testCharter declares one cookie of each kind the rules look at.
const testCharter = `site = data.ofgl.fr
source = test charter

[cookie stat]
provider = p
purpose.en = audience
category = statistics

[cookie sess]
provider = p
purpose.en = declared session
category = necessary
lifetime = session

[cookie twoweeks]
provider = p
purpose.en = declared two weeks
category = necessary
lifetime = 2w

[cookie choice]
provider = p
purpose.en = the visitor's choice
category = necessary
consent.record = yes
lifetime = 6mo

[cookie tracker]
host = .tracker.example
provider = t
purpose.en = a tracker
category = third-party
`

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Parse("test.charter", strings.NewReader(testCharter))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	created = time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC)
	now     = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
)

const day = 24 * time.Hour

// cookie builds a classified cookie of store "s1"; a zero lifetime makes
// it a session cookie.
func cookie(cat *catalog.Catalog, host, name string, created time.Time, lifetime time.Duration) inspect.Finding {
	c := inspect.Cookie{Store: inspect.StoreRef{Browser: "chromium", Profile: "Default", Path: "/s1"},
		Host: host, Name: name, Path: "/", Created: created}
	if lifetime == 0 {
		c.Session = true
	} else {
		c.Expires = created.Add(lifetime)
	}
	return inspect.Finding{Cookie: c, Match: cat.Match(host, name, false)}
}

// rulesOf returns the rules fs hold for the cookie called name.
func rulesOf(fs []Finding, name string) []Rule {
	var out []Rule
	for _, f := range fs {
		if f.Cookie.Name == name {
			out = append(out, f.Rule)
		}
	}
	return out
}

func TestAddMonths(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	for _, tc := range []struct {
		in   time.Time
		n    int
		want time.Time
	}{
		{time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC), 1, time.Date(2025, 2, 28, 10, 0, 0, 0, time.UTC)},
		{time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC), 1, time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)},
		{time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC), 13, time.Date(2026, 2, 28, 10, 0, 0, 0, time.UTC)},
		{time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC), 13, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{time.Date(2025, 3, 31, 23, 59, 59, 5, time.UTC), 13, time.Date(2026, 4, 30, 23, 59, 59, 5, time.UTC)},
		{time.Date(2025, 12, 15, 0, 0, 0, 0, time.UTC), 13, time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)},
		// Counted in UTC: 00:30 in Paris on March 1 is February 28 in UTC.
		{time.Date(2025, 3, 1, 0, 30, 0, 0, paris), 1, time.Date(2025, 3, 28, 23, 30, 0, 0, time.UTC)},
	} {
		if got := AddMonths(tc.in, tc.n); !got.Equal(tc.want) {
			t.Errorf("AddMonths(%v, %d) = %v, want %v", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestAudienceOver13Months(t *testing.T) {
	cat := testCatalog(t)
	thirteen := AddMonths(created, 13).Sub(created) // Jan 31 2025 -> Feb 28 2026: 393 days
	if thirteen != 393*day {
		t.Fatalf("13 months from %v = %v", created, thirteen)
	}
	for _, tc := range []struct {
		name     string
		lifetime time.Duration
		want     bool
	}{
		{"stat", thirteen, false},                       // exactly 13 months: not later
		{"stat", thirteen + time.Second, true},          // one second later
		{"stat", thirteen + time.Nanosecond, true},      // strict
		{"stat", thirteen - time.Second, false},         // inside
		{"stat", 390 * day, false},                      // 390 days
		{"stat", 400 * day, true},                       // a browser's cap
		{"_pk_id.1.abcd", thirteen + time.Second, true}, // guessed statistics
		{"_pk_id.1.abcd", thirteen, false},
		{"_ga", 400 * day, true}, // guessed statistics
		{"twoweeks", 400 * day, false},
		{"unknown_cookie", 800 * day, false}, // no guess: not audience
		{"stat", 0, false},                   // session: no lifetime finding
	} {
		fs := Run([]inspect.Finding{cookie(cat, ".data.ofgl.fr", tc.name, created, tc.lifetime)}, cat, now)
		var got *Finding
		for i := range fs {
			if fs[i].Rule == AudienceOver13Months {
				got = &fs[i]
			}
		}
		if (got != nil) != tc.want {
			t.Errorf("%s lifetime %v: finding %v, want %v", tc.name, tc.lifetime, got != nil, tc.want)
			continue
		}
		if got == nil {
			continue
		}
		if got.Severity != Error || *got.Limit != thirteen || *got.Lifetime != tc.lifetime ||
			got.Guessed != strings.HasPrefix(tc.name, "_") {
			t.Errorf("%s: %+v", tc.name, got)
		}
	}
}

func TestAudienceLimitCountsFromOwnCreation(t *testing.T) {
	cat := testCatalog(t)
	// Jul 31 2025 + 13 months = Aug 31 2026 (396 days); Jan 31 2025 gives 393.
	jul31 := time.Date(2025, 7, 31, 10, 0, 0, 0, time.UTC)
	fs := Run([]inspect.Finding{
		cookie(cat, ".data.ofgl.fr", "stat", jul31, 395*day),
		cookie(cat, "data.ofgl.fr", "stat", created, 395*day),
	}, cat, now)
	var n int
	for _, f := range fs {
		if f.Rule == AudienceOver13Months {
			n++
			if !f.Cookie.Created.Equal(created) || *f.Limit != 393*day {
				t.Errorf("%+v", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d audience findings, want 1", n)
	}
}

func TestLifetimeOverDeclared(t *testing.T) {
	cat := testCatalog(t)
	twoWeeks := 14 * day
	limit := twoWeeks * 3 / 2 // 21 days
	for _, tc := range []struct {
		name     string
		lifetime time.Duration
		want     bool
		mismatch Mismatch
	}{
		{"twoweeks", limit + day, true, NoMismatch},                // 1.5x + exactly one day
		{"twoweeks", limit + day - time.Second, false, NoMismatch}, // a second short
		{"twoweeks", limit, false, NoMismatch},
		{"twoweeks", limit + 30*day, true, NoMismatch},
		{"twoweeks", twoWeeks, false, NoMismatch},
		{"twoweeks", 0, true, SessionNotPersistent}, // declared 2 weeks, stored as a session cookie
		{"sess", time.Hour, true, PersistentNotSession},
		{"sess", 0, false, NoMismatch},
		{"stat", 800 * day, false, NoMismatch},         // no declared lifetime
		{"_pk_id.1.x", 800 * day, false, NoMismatch},   // undeclared
		{"choice", 274 * day, false, NoMismatch},       // 6mo*1.5 = 273.9 days; +1 day not reached
		{"choice", year()*3/4 + day, true, NoMismatch}, // 1.5 x 6 months + 1 day
		{"choice", year()*3/4 + day - 1, false, NoMismatch},
	} {
		fs := Run([]inspect.Finding{cookie(cat, "data.ofgl.fr", tc.name, created, tc.lifetime)}, cat, now)
		var got *Finding
		for i := range fs {
			if fs[i].Rule == LifetimeOverDeclared {
				got = &fs[i]
			}
		}
		if (got != nil) != tc.want {
			t.Errorf("%s lifetime %v: finding %v, want %v", tc.name, tc.lifetime, got != nil, tc.want)
			continue
		}
		if got == nil {
			continue
		}
		if got.Mismatch != tc.mismatch || got.Severity != Warning || got.Declared == nil {
			t.Errorf("%s %v: %+v", tc.name, tc.lifetime, got)
		}
		if tc.mismatch == NoMismatch && (*got.Lifetime != tc.lifetime || *got.Limit != got.Declared.Duration*3/2) {
			t.Errorf("%s %v: lifetime %v limit %v", tc.name, tc.lifetime, *got.Lifetime, *got.Limit)
		}
		if tc.mismatch == SessionNotPersistent && (got.Lifetime != nil || got.Limit != nil) {
			t.Errorf("session mismatch measured: %+v", got)
		}
	}
}

// year is the catalog's year (365.2425 days), which its months divide.
func year() time.Duration { return 31556952 * time.Second }

func TestUndeclaredAndThirdParty(t *testing.T) {
	cat := testCatalog(t)
	part := cookie(cat, "tracker.other", "tid", created, day)
	part.ThirdParty, part.PartitionSite = true, "https://ofgl.fr"
	part.Match = cat.Match(part.Host, part.Name, true)
	fs := Run([]inspect.Finding{
		cookie(cat, "data.ofgl.fr", "mystery", created, day),
		cookie(cat, ".tracker.example", "tracker", created, day), // declared third party
		part, // undeclared, partitioned under the site
		cookie(cat, "www.ofgl.fr", "sess", created, 0), // charter cookie on a host it does not bind
	}, cat, now)
	for name, want := range map[string][]Rule{
		"mystery": {Undeclared, NoConsentRecord},
		"tracker": {ThirdParty, NoConsentRecord},
		"tid":     {Undeclared, ThirdParty, NoConsentRecord},
		"sess":    {Undeclared, NoConsentRecord},
	} {
		if got := rulesOf(fs, name); !equalRules(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

func equalRules(a, b []Rule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestConsentRecordAndBeforeConsent(t *testing.T) {
	cat := testCatalog(t)
	at := func(d time.Duration) time.Time { return created.Add(d) }
	rec := cookie(cat, "data.ofgl.fr", "choice", at(time.Hour), 180*day)
	later := cookie(cat, "data.ofgl.fr", "choice", at(2*time.Hour), 180*day) // same store, another path
	later.Path = "/other"
	early := cookie(cat, ".data.ofgl.fr", "_pk_id.1.x", at(time.Hour-time.Second), 30*day)
	same := cookie(cat, "data.ofgl.fr", "_pk_ses.1.x", at(time.Hour), 30*day) // same second: not before
	after := cookie(cat, "data.ofgl.fr", "mystery", at(3*time.Hour), 30*day)
	noCreated := cookie(cat, "data.ofgl.fr", "sessionless", time.Time{}, 0)
	necessary := cookie(cat, "data.ofgl.fr", "twoweeks", at(0), 14*day)
	fs := Run([]inspect.Finding{rec, later, early, same, after, noCreated, necessary}, cat, now)
	for name, want := range map[string][]Rule{
		"_pk_id.1.x":  {Undeclared, BeforeConsent},
		"_pk_ses.1.x": {Undeclared},
		"mystery":     {Undeclared},
		"sessionless": {Undeclared},
		"twoweeks":    nil, // necessary: created before the record, no finding
		"choice":      nil,
	} {
		if got := rulesOf(fs, name); !equalRules(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	for _, f := range fs {
		if f.Rule == BeforeConsent && (!f.Consent.Created.Equal(rec.Created) || !f.DomainCookie) {
			t.Errorf("before-consent: record %v, domain %v", f.Consent.Created, f.DomainCookie)
		}
	}
}

func TestConsentRecordMustBeUnexpiredPersistentAndInTheStore(t *testing.T) {
	cat := testCatalog(t)
	stat := cookie(cat, "data.ofgl.fr", "mystery", created, 30*day)
	for what, rec := range map[string]func() inspect.Finding{
		"expired": func() inspect.Finding {
			r := cookie(cat, "data.ofgl.fr", "choice", created.Add(-200*day), 28*day) // ended before now
			return r
		},
		"session": func() inspect.Finding { return cookie(cat, "data.ofgl.fr", "choice", created, 0) },
		"other store, no profile": func() inspect.Finding {
			r := cookie(cat, "data.ofgl.fr", "choice", created, 180*day)
			r.Store.Path = "/s2"
			return r
		},
		"other profile": func() inspect.Finding {
			r := cookie(cat, "data.ofgl.fr", "choice", created, 180*day)
			r.Store.Path, r.Store.ProfileDir = "/p2/cookies.sqlite", "/p2"
			return r
		},
		"other site": func() inspect.Finding { return cookie(cat, "www.ofgl.fr", "choice", created, 180*day) },
	} {
		fs := Run([]inspect.Finding{stat, rec()}, cat, now)
		if got := rulesOf(fs, "mystery"); !equalRules(got, []Rule{Undeclared, NoConsentRecord}) {
			t.Errorf("record %s: %v", what, got)
		}
	}
	ok := cookie(cat, "data.ofgl.fr", "choice", created.Add(time.Hour), 180*day)
	// One profile, two files: the session store's cookies are judged with
	// the profile's cookies.sqlite.
	sessionStore := cookie(cat, "data.ofgl.fr", "mystery", created, 30*day)
	sessionStore.Store.Path, sessionStore.Store.ProfileDir = "/p1/sessionstore-backups/recovery.jsonlz4", "/p1"
	inSQLite := ok
	inSQLite.Store.Path, inSQLite.Store.ProfileDir = "/p1/cookies.sqlite", "/p1"
	if got := rulesOf(Run([]inspect.Finding{sessionStore, inSQLite}, cat, now), "mystery"); !equalRules(got, []Rule{Undeclared, BeforeConsent}) {
		t.Errorf("one profile, two files: %v", got)
	}
	if got := rulesOf(Run([]inspect.Finding{stat, ok}, cat, now), "mystery"); !equalRules(got, []Rule{Undeclared, BeforeConsent}) {
		t.Errorf("valid record: %v", got)
	}
}

func TestSortSummaryWorst(t *testing.T) {
	cat := testCatalog(t)
	fs := Run([]inspect.Finding{
		cookie(cat, "data.ofgl.fr", "zeta", created, 400*day),
		cookie(cat, ".data.ofgl.fr", "_ga", created, 400*day),
	}, cat, now)
	var got []string
	for _, f := range fs {
		got = append(got, string(f.Rule)+" "+f.Cookie.Name)
	}
	want := "undeclared _ga,undeclared zeta,audience-over-13-months _ga,no-consent-record _ga,no-consent-record zeta"
	if strings.Join(got, ",") != want {
		t.Errorf("order %v", got)
	}
	s := Summary(fs)
	if len(s) != len(Rules) || s[Undeclared] != 2 || s[AudienceOver13Months] != 1 || s[ThirdParty] != 0 {
		t.Errorf("summary %v", s)
	}
	if Worst(fs) != Error || Worst(nil) != "" || Worst(fs[:1]) != Warning {
		t.Error("worst")
	}
	if !Error.AtLeast(Warning) || Warning.AtLeast(Error) || !Warning.AtLeast(Warning) {
		t.Error("AtLeast")
	}
}
