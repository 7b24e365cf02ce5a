package browsertest

import (
	"fmt"
	"strings"
)

// The hosts the test server answers for. All of them resolve to 127.0.0.1 in
// the browsers (Chromium --host-resolver-rules, Firefox network.dns.localDomains).
const (
	HostData    = "data.ofgl.fr"     // the inspected site
	HostWWW     = "www.ofgl.fr"      // same site, other host: decoy host-only cookie
	HostSub     = "sub.data.ofgl.fr" // subdomain of the inspected host: decoy host-only cookie
	HostNot     = "notofgl.fr"       // a suffix match on "ofgl.fr" would wrongly take it
	HostTracker = "tracker.example"  // third party, embedded in iframes and pixels
	HostDecoy   = "decoy.example"    // another top-level site embedding the tracker
)

// Hosts returns every host the server answers for, HostData first.
func Hosts() []string {
	return []string{HostData, HostWWW, HostSub, HostNot, HostTracker, HostDecoy}
}

// Cookie categories, from the data.ofgl.fr cookie charter.
const (
	CategoryNecessary  = "necessary"   // declared in the charter
	CategoryUndeclared = "undeclared"  // set on the site, not in the charter, and no guess places it
	CategoryStatistics = "statistics"  // not in the charter, but an analytics name a guess places here
	CategoryThirdParty = "third-party" // set by an embedded third party, partitioned under ofgl.fr
)

// Lifetimes used in the table, in seconds.
const (
	day      = 24 * 60 * 60
	twoWeeks = 14 * day
	year     = 365 * day
	months6  = 180 * day
	months13 = 390 * day
	years2   = 2 * year // both browsers cap it at 400 days
)

// ShortLivedMaxAge is the Max-Age of the cookie short_lived: it is expired by
// the time a test reads the stores (see [Server.WaitExpired]).
const ShortLivedMaxAge = 2

// CookieSpec is one cookie the server sets, exactly as it sends it.
type CookieSpec struct {
	Host string // host of the page (or subresource) that sets it
	Page string // path of that page
	Name string
	// Value is sent raw: neither quoted nor escaped.
	Value string
	// Domain is the Domain attribute ("" for a host-only cookie).
	Domain string
	// Path is the Path attribute ("" sends none: the default path of every
	// page here is "/").
	Path string
	// MaxAge is the Max-Age in seconds; 0 sends none, making a session cookie.
	MaxAge      int
	Secure      bool
	HTTPOnly    bool
	SameSite    string // "", "Lax", "Strict" or "None"
	Partitioned bool   // the CHIPS attribute
	// Script means the page sets it with document.cookie instead of a
	// Set-Cookie header.
	Script bool
	// Category is the charter category when a browser would send the cookie
	// to data.ofgl.fr; decoys carry the category they would have.
	Category string
	Doc      string
}

// Session reports whether the cookie has no expiry.
func (c CookieSpec) Session() bool { return c.MaxAge == 0 }

// attributes returns the cookie string without the name=value pair.
func (c CookieSpec) attributes() string {
	var b strings.Builder
	if c.Domain != "" {
		fmt.Fprintf(&b, "; Domain=%s", c.Domain)
	}
	if c.Path != "" {
		fmt.Fprintf(&b, "; Path=%s", c.Path)
	}
	if c.MaxAge != 0 {
		fmt.Fprintf(&b, "; Max-Age=%d", c.MaxAge)
	}
	if c.Secure {
		b.WriteString("; Secure")
	}
	if c.HTTPOnly {
		b.WriteString("; HttpOnly")
	}
	if c.SameSite != "" {
		fmt.Fprintf(&b, "; SameSite=%s", c.SameSite)
	}
	if c.Partitioned {
		b.WriteString("; Partitioned")
	}
	return b.String()
}

// SetCookie returns the Set-Cookie header value (or the document.cookie
// string, for a Script cookie).
func (c CookieSpec) SetCookie() string { return c.Name + "=" + c.Value + c.attributes() }

// Embed is a third-party subresource of a page. It is loaded with the
// page's own scheme (and that scheme's port).
type Embed struct {
	Kind string // "iframe" or "img"
	Host string
	Path string
}

// Page is one route of the fake sites. Every page is served over http and
// https; the visit decides the scheme.
type Page struct {
	Host   string
	Path   string
	Embeds []Embed
	Doc    string
}

// trackerEmbeds is what a page embeds to get third-party cookies.
var trackerEmbeds = []Embed{
	{Kind: "iframe", Host: HostTracker, Path: "/frame"},
	{Kind: "img", Host: HostTracker, Path: "/pixel"},
}

var pages = []Page{
	{Host: HostData, Path: "/", Embeds: trackerEmbeds,
		Doc: "home of data.ofgl.fr: the charter cookies, analytics, a session cookie, Path=/api, short_lived; embeds the tracker"},
	{Host: HostData, Path: "/secure", Embeds: trackerEmbeds,
		Doc: "visited over https: a Secure cookie, and the tracker's CHIPS cookies partitioned under https://ofgl.fr"},
	{Host: HostData, Path: "/container",
		Doc: "visited in a Firefox container (userContextId)"},
	{Host: HostWWW, Path: "/", Doc: "decoy: host-only cookie on www.ofgl.fr"},
	{Host: HostSub, Path: "/", Doc: "decoy: host-only cookie on sub.data.ofgl.fr"},
	{Host: HostNot, Path: "/", Doc: "decoy: cookies on notofgl.fr (host-only and Domain=notofgl.fr)"},
	{Host: HostTracker, Path: "/", Doc: "the tracker visited as a top-level page: a first-party cookie on tracker.example"},
	{Host: HostTracker, Path: "/frame", Doc: "the tracker's iframe: CHIPS, SameSite=None and attribute-less cookies"},
	{Host: HostTracker, Path: "/pixel", Doc: "the tracker's image pixel (a GIF with Set-Cookie)"},
	{Host: HostDecoy, Path: "/", Embeds: trackerEmbeds,
		Doc: "decoy: another top-level site embedding the tracker, so its cookies are partitioned under decoy.example"},
}

// Pages returns the server's routes besides the /check pages (a copy).
// Any path ending in "/check", on any host, is a check page: see [Server.RequestLog].
func Pages() []Page {
	out := make([]Page, len(pages))
	copy(out, pages)
	return out
}

var cookies = []CookieSpec{
	// The charter of data.ofgl.fr.
	{Host: HostData, Page: "/", Name: "sessionid", Value: "s3ss10n1d0fgl", Path: "/", MaxAge: twoWeeks, HTTPOnly: true, SameSite: "Lax",
		Category: CategoryNecessary, Doc: "Django session: HttpOnly, SameSite=Lax, 2 weeks"},
	{Host: HostData, Page: "/", Name: "csrftoken", Value: "csrfT0kenOfgl0123456789", Path: "/", MaxAge: year, SameSite: "Lax",
		Category: CategoryNecessary, Doc: "Django CSRF token, 1 year"},
	{Host: HostData, Page: "/", Name: "django_language", Value: "fr", Path: "/", MaxAge: year,
		Category: CategoryNecessary, Doc: "Django language, 1 year, no SameSite"},
	{Host: HostData, Page: "/", Name: "cookies_preferences", Value: `{"necessary":true,"analytics":false}`, Path: "/", MaxAge: months6, Script: true,
		Category: CategoryNecessary, Doc: "consent choice, 6 months, raw JSON with double quotes, set from JS"},
	// Analytics the charter does not declare.
	{Host: HostData, Page: "/", Name: "_pk_id.1.abcd", Value: "0123456789abcdef.1700000000.", Path: "/", MaxAge: months13, SameSite: "Lax", Script: true,
		Category: CategoryStatistics, Doc: "Matomo visitor id, 13 months, from JS"},
	{Host: HostData, Page: "/", Name: "_pk_ses.1.abcd", Value: "1", Path: "/", MaxAge: 30 * 60, SameSite: "Lax", Script: true,
		Category: CategoryStatistics, Doc: "Matomo session, 30 minutes, from JS"},
	{Host: HostData, Page: "/", Name: "_ga", Value: "GA1.1.123456789.1700000000", Domain: ".ofgl.fr", Path: "/", MaxAge: years2, Script: true,
		Category: CategoryStatistics, Doc: "Google Analytics, Domain=.ofgl.fr, 2 years (stored as 400 days), from JS"},
	{Host: HostData, Page: "/", Name: "_ga_ABC123", Value: "GS1.1.1700000000.1.0.1700000000.0.0.0", Domain: ".ofgl.fr", Path: "/", MaxAge: years2, Script: true,
		Category: CategoryStatistics, Doc: "Google Analytics 4 session, Domain=.ofgl.fr, from JS"},
	{Host: HostData, Page: "/", Name: "_gid", Value: "GA1.1.987654321.1700000000", Domain: ".ofgl.fr", Path: "/", MaxAge: day,
		Category: CategoryStatistics, Doc: "Google Analytics, Domain=.ofgl.fr, 1 day, header"},
	{Host: HostData, Page: "/", Name: "atuserid", Value: "at-0f9l-user", Domain: "data.ofgl.fr", Path: "/", MaxAge: months13,
		Category: CategoryStatistics, Doc: "AT Internet, Domain=data.ofgl.fr (stored as .data.ofgl.fr), 13 months"},
	{Host: HostData, Page: "/", Name: "ofgl_session", Value: "1", Path: "/", SameSite: "Lax",
		Category: CategoryUndeclared, Doc: "session cookie: no Max-Age, no Expires"},
	{Host: HostData, Page: "/", Name: "api_token", Value: "api-0f9l", Path: "/api", MaxAge: day,
		Category: CategoryUndeclared, Doc: "Path=/api: sent only to /api/..."},
	{Host: HostData, Page: "/", Name: "pref_ville", Value: "Montréal", Path: "/", MaxAge: year, Script: true,
		Category: CategoryUndeclared, Doc: "non-ASCII UTF-8 value set from JS, unescaped"},
	{Host: HostData, Page: "/", Name: "short_lived", Value: "bye", Path: "/", MaxAge: ShortLivedMaxAge,
		Category: CategoryUndeclared, Doc: "Max-Age=2: expired by the time the stores are read"},
	{Host: HostData, Page: "/secure", Name: "ofgl_secure", Value: "https-only", Path: "/", MaxAge: day, Secure: true, SameSite: "Strict",
		Category: CategoryUndeclared, Doc: "Secure, SameSite=Strict, set over https"},
	{Host: HostData, Page: "/container", Name: "ofgl_container", Value: "in-a-container", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "set in a Firefox container tab (userContextId)"},

	// Decoys: stored, never sent to data.ofgl.fr.
	{Host: HostWWW, Page: "/", Name: "decoy_www", Value: "www", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "decoy: host-only on www.ofgl.fr"},
	{Host: HostSub, Page: "/", Name: "decoy_sub", Value: "sub", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "decoy: host-only on sub.data.ofgl.fr"},
	{Host: HostNot, Page: "/", Name: "decoy_not", Value: "not", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "decoy: host-only on notofgl.fr"},
	{Host: HostNot, Page: "/", Name: "decoy_not_dom", Value: "notdom", Domain: "notofgl.fr", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "decoy: Domain=notofgl.fr (stored as .notofgl.fr)"},
	{Host: HostTracker, Page: "/", Name: "trk_first", Value: "first", Path: "/", MaxAge: year,
		Category: CategoryUndeclared, Doc: "decoy: first-party cookie of tracker.example visited directly"},

	// The tracker, embedded: partitioned under the embedding site when stored.
	{Host: HostTracker, Page: "/frame", Name: "trk_chips", Value: "chips", Path: "/", MaxAge: year, Secure: true, SameSite: "None", Partitioned: true,
		Category: CategoryThirdParty, Doc: "iframe: CHIPS (Secure; SameSite=None; Partitioned)"},
	{Host: HostTracker, Page: "/frame", Name: "trk_frame_none", Value: "none", Path: "/", MaxAge: year, Secure: true, SameSite: "None",
		Category: CategoryThirdParty, Doc: "iframe: Secure; SameSite=None, not Partitioned"},
	{Host: HostTracker, Page: "/frame", Name: "trk_frame_unspec", Value: "unspec", MaxAge: year,
		Category: CategoryThirdParty, Doc: "iframe: no Path, no SameSite, not Secure (Max-Age only)"},
	{Host: HostTracker, Page: "/pixel", Name: "trk_pixel_chips", Value: "pxchips", Path: "/", MaxAge: year, Secure: true, SameSite: "None", Partitioned: true,
		Category: CategoryThirdParty, Doc: "image pixel: CHIPS"},
	{Host: HostTracker, Page: "/pixel", Name: "trk_pixel_unspec", Value: "pxunspec", MaxAge: year,
		Category: CategoryThirdParty, Doc: "image pixel: Max-Age only"},
}

// Cookies returns the table of every cookie the server sets (a copy).
func Cookies() []CookieSpec {
	out := make([]CookieSpec, len(cookies))
	copy(out, cookies)
	return out
}

// cookiesOf returns the cookies a page sets.
func cookiesOf(host, path string) []CookieSpec {
	var out []CookieSpec
	for _, c := range cookies {
		if c.Host == host && c.Page == path {
			out = append(out, c)
		}
	}
	return out
}

// findPage returns the page for host and path.
func findPage(host, path string) (Page, bool) {
	for _, p := range pages {
		if p.Host == host && p.Path == path {
			return p, true
		}
	}
	return Page{}, false
}

// ContainerID is the userContextId of the container seeded in every Firefox
// profile ([ContainerName]); ids 1-4 are Firefox's default containers and 5 is
// its internal thumbnail context.
const ContainerID = 6

// ContainerName is the name of the seeded Firefox container.
const ContainerName = "OFGL test"

// Visit is one top-level page load.
type Visit struct {
	Scheme string // "http" or "https"
	Host   string
	Path   string
	// UserContextID opens the page in a Firefox container (0: none).
	UserContextID int
}

// StandardVisits is the chain every profile builder visits in one run: first
// party over http and https, then the decoys, the tracker as a top-level
// site, and a decoy site embedding the tracker.
func StandardVisits() []Visit {
	return []Visit{
		{Scheme: "http", Host: HostData, Path: "/"},
		{Scheme: "https", Host: HostData, Path: "/secure"},
		{Scheme: "http", Host: HostWWW, Path: "/"},
		{Scheme: "http", Host: HostSub, Path: "/"},
		{Scheme: "http", Host: HostNot, Path: "/"},
		{Scheme: "http", Host: HostTracker, Path: "/"},
		{Scheme: "https", Host: HostDecoy, Path: "/"},
	}
}

// ContainerVisit is the page opened in the seeded Firefox container.
func ContainerVisit() Visit {
	return Visit{Scheme: "http", Host: HostData, Path: "/container", UserContextID: ContainerID}
}
