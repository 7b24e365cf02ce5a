package browsertest

import (
	"fmt"
	"sort"
	"strings"
)

// Browser names a browser.
type Browser string

// The browsers the helpers drive.
const (
	Chromium Browser = "chromium"
	Firefox  Browser = "firefox"
)

// Scenario is how a profile was built and in what state its stores are read.
type Scenario string

// The scenarios. Each starts from a fresh profile and visits
// [ScenarioVisits]; the stores are read after [Server.WaitExpired].
const (
	// CleanExit: one run of the StandardVisits chain ending with
	// window.close(). Chromium: no session cookie in the file. Firefox: the
	// session cookie is in sessionstore.jsonlz4.
	CleanExit Scenario = "clean-exit"
	// DumpDOM (Chromium only): CleanExit, then a --dump-dom run of
	// http://data.ofgl.fr:8765/. It keeps the session cookie in the file only
	// sometimes (see MaybeStored): use Running or Killed for a session
	// cookie that is surely there.
	DumpDOM Scenario = "dump-dom"
	// Running: the StandardVisits chain left open (Firefox also opens
	// ContainerVisit in the test container), read while the browser runs:
	// Chromium after its ~30 s flush ([WaitForRows]), Firefox from
	// cookies.sqlite + cookies.sqlite-wal and, after [WaitForSessionStore],
	// recovery.jsonlz4.
	Running Scenario = "running"
	// Killed: Running, then SIGKILL. Chromium keeps what it flushed;
	// Firefox leaves the WAL and recovery.jsonlz4 behind.
	Killed Scenario = "killed"
)

// ExpectedCookie is a cookie as a browser stores it. Expectations and the
// Read*Store functions use the same type so that [DiffCookies] compares them.
type ExpectedCookie struct {
	Host string // as stored: "data.ofgl.fr", ".ofgl.fr", ".data.ofgl.fr", "tracker.example"...
	Name string
	Path string
	// Session: no expiry (Chromium is_persistent=0; Firefox: session store).
	Session bool
	// PartitionSite is the top-level site the cookie is partitioned under,
	// as scheme://site ("https://ofgl.fr"); empty when unpartitioned.
	PartitionSite string
	// PartitionKey is the partition as stored: Chromium's top_frame_site_key
	// ("https://ofgl.fr"), Firefox's decoded partitionKey ("(https,ofgl.fr)").
	PartitionKey string
	// Partitioned: the cookie carried the CHIPS attribute (Firefox
	// isPartitionedAttributeSet; Chromium stores only such third-party rows).
	Partitioned bool
	// UserContextID is the Firefox container (0: none).
	UserContextID int
	// Category is the charter category (see the Category* constants).
	Category string
	Secure   bool
	HTTPOnly bool
	SameSite string // "unspecified", "none", "lax" or "strict"
	// Store is the base name of the file holding it: "Cookies",
	// "cookies.sqlite", "sessionstore.jsonlz4" or "recovery.jsonlz4".
	Store string
	// Decoy: stored, but not sent to data.ofgl.fr.
	Decoy bool
	// Expired is set by the Read*Store functions only.
	Expired bool
}

// String is a one-line description used in diffs.
func (c ExpectedCookie) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", c.Host, c.Name, c.Path)
	if c.PartitionKey != "" {
		fmt.Fprintf(&b, " partition=%s", c.PartitionKey)
	}
	if c.UserContextID != 0 {
		fmt.Fprintf(&b, " container=%d", c.UserContextID)
	}
	if c.Session {
		b.WriteString(" session")
	}
	if c.Partitioned {
		b.WriteString(" CHIPS")
	}
	if c.Secure {
		b.WriteString(" secure")
	}
	if c.HTTPOnly {
		b.WriteString(" httponly")
	}
	fmt.Fprintf(&b, " samesite=%s store=%s category=%s", c.SameSite, c.Store, c.Category)
	if c.Decoy {
		b.WriteString(" decoy")
	}
	if c.Expired {
		b.WriteString(" EXPIRED")
	}
	return b.String()
}

// key identifies a stored cookie the way both browsers do.
func (c ExpectedCookie) key() string {
	return fmt.Sprintf("%s|%s|%s|%s|%d", c.Host, c.Name, c.Path, c.PartitionKey, c.UserContextID)
}

// siteOf returns the registrable domain of the test hosts (all under
// two-label public suffixes: "fr", "example").
func siteOf(host string) string {
	host = strings.TrimPrefix(host, ".")
	labels := strings.Split(host, ".")
	if len(labels) <= 2 {
		return host
	}
	return strings.Join(labels[len(labels)-2:], ".")
}

// sentToData reports whether a browser sends the cookie to data.ofgl.fr (on
// some path and scheme): its host domain-matches data.ofgl.fr and it is not
// partitioned elsewhere, or it is a third-party cookie partitioned under
// ofgl.fr (sent to the third party embedded in data.ofgl.fr).
func sentToData(c ExpectedCookie) bool {
	switch c.Host {
	case HostData, "." + HostData, ".ofgl.fr":
		return c.PartitionSite == "" || siteOf(strings.SplitN(c.PartitionSite, "://", 2)[1]) == "ofgl.fr"
	}
	return c.PartitionSite == "https://ofgl.fr" || c.PartitionSite == "http://ofgl.fr"
}

// classify fills Category and Decoy from the cookie table.
func classify(c *ExpectedCookie) {
	c.Decoy = !sentToData(*c)
	c.Category = CategoryUndeclared
	if siteOf(c.Host) != "ofgl.fr" && c.PartitionSite != "" && !c.Decoy {
		c.Category = CategoryThirdParty
		return
	}
	for _, s := range cookies {
		if s.Name == c.Name && siteOf(s.Host) == siteOf(c.Host) {
			c.Category = s.Category
			return
		}
	}
}

// ScenarioVisits returns the top-level visits of a scenario, in order.
func ScenarioVisits(b Browser, sc Scenario) []Visit {
	v := StandardVisits()
	switch sc {
	case DumpDOM:
		v = append(v, Visit{Scheme: "http", Host: HostData, Path: "/"})
	case Running, Killed:
		if b == Firefox {
			v = append(v, ContainerVisit())
		}
	}
	return v
}

// storeFile returns where a browser keeps a cookie in a scenario ("" if the
// scenario loses it), and whether it may as well be missing (timing).
func storeFile(b Browser, sc Scenario, session bool) (file string, maybe bool) {
	if b == Chromium {
		switch {
		case !session:
			return "Cookies", false
		case sc == CleanExit:
			// Never in the file after a window.close() exit before the 30 s flush.
			return "", false
		case sc == DumpDOM:
			// Measured: kept only when the page set it early in the browser's
			// start (5 runs in 7 without delay, 0 in 6 with ?delay=1500).
			return "Cookies", true
		}
		return "Cookies", false // Running, Killed: written by the 30 s flush
	}
	if !session {
		return "cookies.sqlite", false
	}
	// Firefox never writes session cookies to cookies.sqlite.
	if sc == CleanExit {
		return "sessionstore.jsonlz4", false
	}
	return "recovery.jsonlz4", false
}

// stores simulates what browser b stores when a page sets c. scheme is the
// scheme of the subresource or page, top the top-level visit.
func stores(b Browser, c CookieSpec, scheme string, top Visit) (ExpectedCookie, bool) {
	// Both browsers: Secure needs https, SameSite=None needs Secure.
	if c.Secure && scheme != "https" {
		return ExpectedCookie{}, false
	}
	if c.SameSite == "None" && !c.Secure {
		return ExpectedCookie{}, false
	}
	e := ExpectedCookie{
		Host: c.Host, Name: c.Name, Path: c.Path, Secure: c.Secure, HTTPOnly: c.HTTPOnly,
		SameSite: strings.ToLower(c.SameSite), Partitioned: c.Partitioned, UserContextID: top.UserContextID,
		Session: c.Session(),
	}
	if e.SameSite == "" {
		e.SameSite = "unspecified"
	}
	if c.Domain != "" {
		e.Host = "." + strings.TrimPrefix(c.Domain, ".")
	}
	if e.Path == "" {
		e.Path = "/" // the default path of every page here
	}
	thirdParty := siteOf(c.Host) != siteOf(top.Host)
	switch b {
	case Chromium:
		if thirdParty {
			// Headless Chromium 156 blocks unpartitioned third-party cookies;
			// only CHIPS are stored, keyed by the top-level scheme and site.
			if !c.Partitioned {
				return ExpectedCookie{}, false
			}
			e.PartitionKey = top.Scheme + "://" + siteOf(top.Host)
		}
		e.PartitionSite = e.PartitionKey
	case Firefox:
		if thirdParty {
			// Total Cookie Protection partitions every third-party cookie,
			// over http too, by (scheme,site) of the top level.
			e.PartitionKey = "(" + top.Scheme + "," + siteOf(top.Host) + ")"
		}
		e.PartitionSite = firefoxPartitionSite(e.PartitionKey)
	}
	return e, true
}

// expired reports whether a cookie of the table is expired when the stores
// are read (after Server.WaitExpired).
func expired(c CookieSpec) bool { return c.MaxAge > 0 && c.MaxAge < 60 }

// Expect simulates what browser b holds after the visits in scenario sc:
// every cookie stored and not expired, decoys included (Decoy set), sorted.
func Expect(b Browser, sc Scenario, visits []Visit) []ExpectedCookie {
	var out []ExpectedCookie
	for _, e := range simulate(b, sc, visits) {
		if !e.Expired && !e.maybe {
			out = append(out, e.ExpectedCookie)
		}
	}
	return out
}

// simCookie is a simulated cookie; maybe means timing decides whether the
// browser holds it.
type simCookie struct {
	ExpectedCookie
	maybe bool
}

// simulate replays the visits; cookies of the table that are expired when
// the stores are read come back with Expired set.
func simulate(b Browser, sc Scenario, visits []Visit) []simCookie {
	got := map[string]simCookie{}
	for _, v := range visits {
		page, ok := findPage(v.Host, v.Path)
		if !ok {
			continue
		}
		type set struct {
			spec   CookieSpec
			scheme string
		}
		var sets []set
		for _, c := range cookiesOf(v.Host, v.Path) {
			sets = append(sets, set{c, v.Scheme})
		}
		for _, e := range page.Embeds {
			for _, c := range cookiesOf(e.Host, e.Path) {
				sets = append(sets, set{c, v.Scheme})
			}
		}
		for _, s := range sets {
			e, ok := stores(b, s.spec, s.scheme, v)
			if !ok {
				continue
			}
			var maybe bool
			e.Store, maybe = storeFile(b, sc, e.Session)
			if e.Store == "" {
				delete(got, e.key())
				continue
			}
			e.Expired = expired(s.spec)
			classify(&e)
			got[e.key()] = simCookie{e, maybe}
		}
	}
	out := make([]simCookie, 0, len(got))
	for _, e := range got {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

// ExpectedStored returns every non-expired cookie browser b stores in
// scenario sc, decoys included (with Decoy set).
func ExpectedStored(b Browser, sc Scenario) []ExpectedCookie {
	return Expect(b, sc, ScenarioVisits(b, sc))
}

// ExpectedSent returns the cookies browser b would send to data.ofgl.fr in
// scenario sc: host-only data.ofgl.fr, .data.ofgl.fr and .ofgl.fr cookies
// that are not expired, and the third-party cookies partitioned under
// ofgl.fr.
func ExpectedSent(b Browser, sc Scenario) []ExpectedCookie {
	return OnlySent(ExpectedStored(b, sc))
}

// MaybeStored returns the cookies that browser b may or may not hold in
// scenario sc, depending on timing:
//   - expired ones (short_lived, with Expired set): Chromium deletes an
//     expired cookie when a later request to the same site (ofgl.fr) looks
//     its cookies up, but keeps it if it expired after the last such request;
//     Firefox keeps it in cookies.sqlite (seen across later visits and a clean
//     exit);
//   - Chromium's session cookie after --dump-dom (DumpDOM).
func MaybeStored(b Browser, sc Scenario) []ExpectedCookie {
	var out []ExpectedCookie
	for _, e := range simulate(b, sc, ScenarioVisits(b, sc)) {
		if e.Expired || e.maybe {
			out = append(out, e.ExpectedCookie)
		}
	}
	return out
}

// NotExpired drops the cookies marked Expired (by the Read*Store functions).
func NotExpired(cs []ExpectedCookie) []ExpectedCookie {
	var out []ExpectedCookie
	for _, c := range cs {
		if !c.Expired {
			out = append(out, c)
		}
	}
	return out
}

// ExpectedAtCheck returns the sorted names of the cookies a restarted
// browser sends to https://host:8766/check after scenario sc: to HostData
// (the top-level page) or to HostTracker (the iframe that page embeds). A
// restart drops the session cookies in both browsers (Firefox does not
// restore them with browser.startup.page=0); Path=/api cookies and other
// containers' cookies are not sent to /check.
func ExpectedAtCheck(b Browser, sc Scenario, host string) []string {
	var names []string
	for _, c := range ExpectedSent(b, sc) {
		if c.Session || c.UserContextID != 0 || c.Path != "/" {
			continue
		}
		switch host {
		case HostData:
			if c.PartitionKey == "" && siteOf(c.Host) == "ofgl.fr" {
				names = append(names, c.Name)
			}
		case HostTracker:
			if c.Host == HostTracker && c.PartitionSite == "https://ofgl.fr" {
				names = append(names, c.Name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// OnlySent keeps the cookies that are not decoys.
func OnlySent(cs []ExpectedCookie) []ExpectedCookie {
	var out []ExpectedCookie
	for _, c := range cs {
		if !c.Decoy {
			out = append(out, c)
		}
	}
	return out
}

// DiffCookies compares two sets of cookies on every field but Expired and
// returns a readable difference, or "" when they match. Order does not
// matter.
func DiffCookies(want, got []ExpectedCookie) string {
	norm := func(cs []ExpectedCookie) map[string]string {
		m := map[string]string{}
		for _, c := range cs {
			c.Expired = false
			m[c.key()] = c.String()
		}
		return m
	}
	w, g := norm(want), norm(got)
	var lines []string
	for k, ws := range w {
		gs, ok := g[k]
		switch {
		case !ok:
			lines = append(lines, "missing:    "+ws)
		case gs != ws:
			lines = append(lines, "want:       "+ws+"\n  got:      "+gs)
		}
	}
	for k, gs := range g {
		if _, ok := w[k]; !ok {
			lines = append(lines, "unexpected: "+gs)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
