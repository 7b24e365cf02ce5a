package demo

import "time"

// Lifetimes, with the catalog's units: a month is 1/12 of an average
// Gregorian year, so the charter's "12mo" and "6mo" match exactly.
const (
	day   = 24 * time.Hour
	week  = 7 * day
	year  = 31556952 * time.Second
	month = year / 12
	// maxLife is the 400-day cap both browsers put on expiries: _ga asks
	// for 2 years and is stored with 400 days.
	maxLife = 400 * day
)

// Chromium's samesite numbering; Firefox's differs only for "unset" (256).
const (
	sameSiteUnset = -1
	sameSiteNone  = 0
	sameSiteLax   = 1
)

// sample is one cookie row of a demo store.
type sample struct {
	host, name, value string
	path              string // "" means "/"
	// partition is the top-level site a partitioned cookie belongs to
	// ("https://ofgl.fr"): Chromium's top_frame_site_key, Firefox's
	// partitionKey.
	partition string
	chips     bool // the Partitioned attribute (CHIPS), not just Firefox's TCP
	container int  // Firefox userContextId

	age     time.Duration // created this long before now
	updated time.Duration // last set this long before now; 0: at creation
	life    time.Duration // from the last set to the expiry; 0: session cookie

	secure, httpOnly bool
	sameSite         int  // Chromium numbering
	script           bool // set by document.cookie rather than Set-Cookie

	// undecryptable rows get an encrypted_value no key opens (Chromium).
	undecryptable bool
	// decoy rows are in the store but not sent to data.ofgl.fr: the tool
	// must not list them.
	decoy bool
}

func (s sample) cookiePath() string {
	if s.path == "" {
		return "/"
	}
	return s.path
}

// times returns creation, last update and expiry (zero for a session
// cookie). Rows are numbered so that creation times are distinct, as
// Chromium keeps them.
func (s sample) times(now time.Time, i int) (created, updated, expires time.Time) {
	created = now.Add(-s.age).Add(time.Duration(i) * time.Millisecond)
	updated = created
	if s.updated != 0 {
		updated = now.Add(-s.updated).Add(time.Duration(i) * time.Millisecond)
	}
	if s.life != 0 {
		expires = updated.Add(min(s.life, maxLife))
	}
	return created, updated, expires
}

// Realistic values, fixed so that screenshots do not change from run to run.
const (
	gaValue        = "GA1.1.1187432905.1741100000"
	gaSessionValue = "GS1.1.1747296000.14.1.1747297415.0.0.0"
	// cookies_preferences holds raw JSON written by JavaScript; its quotes
	// are what make kooky.Valid drop such cookies.
	preferencesValue = `{"necessary":true,"statistics":false,"version":2}`
	atuserValue      = "%7B%22name%22%3A%22atuserid%22%2C%22val%22%3A%226a1f3c2e-8b4d-4e5f-9a7b-1c2d3e4f5a6b%22%2C%22options%22%3A%7B%22end%22%3A%222026-06-20T09%3A12%3A41.512Z%22%2C%22path%22%3A%22%2F%22%7D%7D"
)

// chromiumPersonal is the "Personnel" profile: everything the product shows.
var chromiumPersonal = []sample{
	// The charter's four necessary cookies, as Django and the portal set them.
	{host: "data.ofgl.fr", name: "sessionid", value: "q8v2k5n1x7c4m9b3z6l0w2e8r5t1y4u7",
		age: 3 * day, life: 2 * week, secure: true, httpOnly: true, sameSite: sameSiteLax},
	{host: "data.ofgl.fr", name: "csrftoken", value: "Xk3fQ9sLw2Zp7RtYb4Nc8Vm1Hd6Gj0Ea5Uo9Ir3Ty7We2Qa4Sd8Fg1Hj6Kl0Zx5C",
		age: 75 * day, updated: 3 * day, life: 12 * month, secure: true, sameSite: sameSiteLax},
	{host: "data.ofgl.fr", name: "django_language", value: "fr",
		age: 75 * day, life: 12 * month, sameSite: sameSiteUnset},
	{host: "data.ofgl.fr", name: "cookies_preferences", value: preferencesValue,
		age: 75 * day, life: 6 * month, sameSite: sameSiteUnset, script: true},
	// Audience measurement: Matomo, Google Analytics, AT Internet.
	{host: "data.ofgl.fr", name: "_pk_id.1.abcd", value: "5f3c2a1b0e9d8c7b.1741100000.",
		age: 75 * day, updated: 2 * time.Hour, life: 13 * month, sameSite: sameSiteLax, script: true},
	{host: "data.ofgl.fr", name: "_pk_ses.1.abcd", value: "1",
		age: 10 * time.Minute, life: 30 * time.Minute, sameSite: sameSiteLax, script: true},
	{host: ".ofgl.fr", name: "_ga", value: gaValue,
		age: 75 * day, updated: 2 * time.Hour, life: 2 * year, sameSite: sameSiteUnset, script: true},
	{host: ".ofgl.fr", name: "_ga_ABC123", value: gaSessionValue,
		age: 75 * day, updated: 2 * time.Hour, life: 2 * year, sameSite: sameSiteUnset, script: true},
	// _gid's value is stored so that no key opens it: the "undecryptable" state.
	{host: ".ofgl.fr", name: "_gid", value: "GA1.2.918273645.1747290000", undecryptable: true,
		age: 20 * time.Hour, updated: 2 * time.Hour, life: day, sameSite: sameSiteUnset, script: true},
	{host: ".data.ofgl.fr", name: "atuserid", value: atuserValue,
		age: 40 * day, life: 13 * month, sameSite: sameSiteLax, script: true},
	// A session cookie: no expiry, gone when the browser closes.
	{host: "data.ofgl.fr", name: "ofgl_session", value: "b7e2c9d41f0a",
		age: 25 * time.Minute, secure: true, httpOnly: true, sameSite: sameSiteLax},
	// A cookie the charter does not declare.
	{host: "data.ofgl.fr", name: "ofgl_ab_test", value: "explore-v2",
		age: 6 * day, life: 30 * day, sameSite: sameSiteUnset, script: true},
	// A cookie sent only under /api.
	{host: "data.ofgl.fr", name: "ods_api_quota", value: "4985", path: "/api",
		age: 5 * time.Hour, life: day, secure: true, httpOnly: true, sameSite: sameSiteLax},
	// A third-party cookie set by an embed on data.ofgl.fr, partitioned (CHIPS).
	{host: "tracker.example", name: "trk_frame_chips", value: "chips-7d41e2", partition: "https://ofgl.fr", chips: true,
		age: day, life: 30 * day, secure: true, sameSite: sameSiteNone},

	// Decoys: stored, but not sent to data.ofgl.fr.
	{host: "www.ofgl.fr", name: "PHPSESSID", value: "a1b2c3d4e5f6a7b8c9d0e1f2a3", decoy: true,
		age: 5 * day, life: 30 * day, sameSite: sameSiteUnset},
	{host: ".notofgl.fr", name: "_ga", value: "GA1.1.555555555.1747000000", decoy: true,
		age: 3 * day, life: 2 * year, sameSite: sameSiteUnset, script: true},
	{host: "example.org", name: "lang", value: "en", decoy: true,
		age: 20 * day, life: year, sameSite: sameSiteLax},
	{host: "tracker.example", name: "trk_frame_chips", value: "chips-99aa01", partition: "https://example.org", chips: true, decoy: true,
		age: day, life: 30 * day, secure: true, sameSite: sameSiteNone},
	{host: "data.ofgl.fr", name: "_pk_ref.1.abcd", value: `["","",1741100000,"https://www.ofgl.fr/"]`, decoy: true,
		age: 200 * day, life: 6 * month, sameSite: sameSiteLax, script: true}, // expired three weeks ago
}

// chromiumWorkRows is the "Travail" profile: a smaller set.
var chromiumWorkRows = []sample{
	{host: "data.ofgl.fr", name: "sessionid", value: "w4t9r2e7q1y6u3i8o5p0a2s7d4f9g1h6",
		age: 8 * day, life: 2 * week, secure: true, httpOnly: true, sameSite: sameSiteLax},
	{host: "data.ofgl.fr", name: "csrftoken", value: "Pq7Wm2Xc9Vb4Nz1Lk6Jh3Gf8Ds5Ar0Te7Yu2Io9Pa4Sd1Fg6Hj3Kl8Zx5Cv0Bn7Mq",
		age: 8 * day, life: 12 * month, secure: true, sameSite: sameSiteLax},
	{host: ".ofgl.fr", name: "_ga", value: "GA1.1.2039485761.1746600000",
		age: 8 * day, updated: 26 * time.Hour, life: 2 * year, sameSite: sameSiteUnset, script: true},
}

// firefoxRows is cookies.sqlite of the Firefox profile. Firefox keeps no
// session cookie there: ofgl_session is in sessionstore.jsonlz4.
var firefoxRows = []sample{
	{host: "data.ofgl.fr", name: "sessionid", value: "m3n8b2v7c1x6z0l5k9j4h8g3f7d2s6a1",
		age: 2 * day, life: 2 * week, secure: true, httpOnly: true, sameSite: sameSiteLax},
	{host: "data.ofgl.fr", name: "csrftoken", value: "Lk2Jh7Gf3Ds8Ap1Oi6Uy4Tr9Ew5Qz0Xc3Vb8Nm2Lk7Jh1Gf6Ds4Ap9Oi3Uy8Tr2Ew",
		age: 60 * day, updated: 2 * day, life: 12 * month, secure: true, sameSite: sameSiteLax},
	{host: "data.ofgl.fr", name: "django_language", value: "en",
		age: 60 * day, life: 12 * month, sameSite: sameSiteUnset},
	{host: "data.ofgl.fr", name: "cookies_preferences", value: `{"necessary":true,"statistics":true,"version":2}`,
		age: 60 * day, life: 6 * month, sameSite: sameSiteUnset, script: true},
	{host: "data.ofgl.fr", name: "_pk_id.1.abcd", value: "9a8b7c6d5e4f3a2b.1742000000.",
		age: 60 * day, updated: 3 * time.Hour, life: 13 * month, sameSite: sameSiteLax, script: true},
	{host: "data.ofgl.fr", name: "_pk_ses.1.abcd", value: "1",
		age: 12 * time.Minute, life: 30 * time.Minute, sameSite: sameSiteLax, script: true},
	{host: ".ofgl.fr", name: "_ga", value: "GA1.1.730194856.1742000000",
		age: 60 * day, updated: 3 * time.Hour, life: 2 * year, sameSite: sameSiteUnset, script: true},
	{host: ".ofgl.fr", name: "_ga_ABC123", value: "GS1.1.1747280000.9.1.1747281200.0.0.0",
		age: 60 * day, updated: 3 * time.Hour, life: 2 * year, sameSite: sameSiteUnset, script: true},
	{host: ".ofgl.fr", name: "_gid", value: "GA1.2.564738291.1747270000",
		age: 9 * time.Hour, updated: 3 * time.Hour, life: day, sameSite: sameSiteUnset, script: true},
	{host: ".data.ofgl.fr", name: "atuserid", value: "%7B%22name%22%3A%22atuserid%22%2C%22val%22%3A%22c0ffee00-1234-4abc-9def-0123456789ab%22%7D",
		age: 30 * day, life: 13 * month, sameSite: sameSiteLax, script: true},
	{host: "data.ofgl.fr", name: "ofgl_ab_test", value: "explore-v1",
		age: 4 * day, life: 30 * day, sameSite: sameSiteUnset, script: true},
	{host: "data.ofgl.fr", name: "ods_api_quota", value: "4312", path: "/api",
		age: 4 * time.Hour, life: day, secure: true, httpOnly: true, sameSite: sameSiteLax},
	// The same site in the "Personal" container: a second, separate login.
	{host: "data.ofgl.fr", name: "sessionid", value: "c9x8z7l6k5j4h3g2f1d0s9a8p7o6i5u4", container: 1,
		age: 6 * day, life: 2 * week, secure: true, httpOnly: true, sameSite: sameSiteLax},
	// Third-party cookies set by embeds, partitioned under ofgl.fr by Total
	// Cookie Protection; only the first asked for it (CHIPS).
	{host: "tracker.example", name: "trk_frame_chips", value: "chips-3be0f1", partition: "https://ofgl.fr", chips: true,
		age: day, life: 30 * day, secure: true, sameSite: sameSiteNone},
	{host: "tracker.example", name: "trk_pixel", value: "px-20f7a9c1", partition: "https://ofgl.fr",
		age: 2 * day, life: 90 * day, secure: true, sameSite: sameSiteNone},

	// Decoys.
	{host: "www.ofgl.fr", name: "PHPSESSID", value: "f0e1d2c3b4a5968778695a4b3c", decoy: true,
		age: 5 * day, life: 30 * day, sameSite: sameSiteUnset},
	{host: ".notofgl.fr", name: "_ga", value: "GA1.1.444444444.1747000000", decoy: true,
		age: 3 * day, life: 2 * year, sameSite: sameSiteUnset, script: true},
	{host: "example.org", name: "lang", value: "en", decoy: true,
		age: 20 * day, life: year, sameSite: sameSiteLax},
	{host: "tracker.example", name: "trk_frame_chips", value: "chips-5c6d7e", partition: "https://example.org", chips: true, decoy: true,
		age: day, life: 30 * day, secure: true, sameSite: sameSiteNone},
	{host: "data.ofgl.fr", name: "_pk_ref.1.abcd", value: `["","",1742000000,"https://www.ofgl.fr/"]`, decoy: true,
		age: 200 * day, life: 6 * month, sameSite: sameSiteLax, script: true},
}

// firefoxSession is the session cookie Firefox keeps in sessionstore.jsonlz4.
var firefoxSession = sample{host: "data.ofgl.fr", name: "ofgl_session", value: "1", sameSite: sameSiteLax}
