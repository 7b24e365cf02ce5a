package catalog

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Site is the host whose cookies are inspected, with the RFC 6265
// domain-match rules a browser applies when it sends cookies to it.
type Site struct {
	Host        string // lowercased, ASCII (punycode), no trailing dot; IPv6 without brackets
	Registrable string // eTLD+1 from the public suffix list; == Host for IPs and single-label hosts
}

// NewSite checks and normalises a host name: it lowercases it, strips one
// trailing dot and converts an internationalised name to punycode. It
// rejects an empty host, a URL (scheme, path, port), invalid characters and
// a bare public suffix ("fr", "co.uk", "github.io"). IPv4 and IPv6 literals
// are accepted; browsers keep only host-only cookies for them.
func NewSite(host string) (Site, error) {
	fail := func(reason string) (Site, error) {
		return Site{}, fmt.Errorf("invalid site %s: %s", quoteShort(host), reason)
	}
	h := host
	switch {
	case h == "":
		return Site{}, errors.New("invalid site: empty host")
	case strings.Contains(h, "://"):
		return fail("give the host only, without a scheme (e.g. data.ofgl.fr)")
	case strings.ContainsAny(h, "/?#@\\"):
		return fail("give the host only, without a path, query or user name")
	}
	if ip, ok := parseIP(h); ok {
		return Site{Host: ip.String(), Registrable: ip.String()}, nil
	}
	if strings.Contains(h, ":") {
		return fail("give the host only, without a port")
	}
	h = strings.TrimSuffix(h, ".")
	if ip, ok := parseIP(h); ok { // "192.0.2.1."
		return Site{Host: ip.String(), Registrable: ip.String()}, nil
	}
	if isASCII(h) {
		h = asciiLower(h)
	} else {
		if !utf8.ValidString(h) {
			return fail("invalid UTF-8")
		}
		a, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return fail("not a valid internationalised host name")
		}
		h = a
	}
	if reason := checkHostName(h); reason != "" {
		return fail(reason)
	}
	ps, icann := publicsuffix.PublicSuffix(h)
	if ps == h {
		// A single label that no rule lists (localhost, an intranet name)
		// is a host of its own; a listed TLD or suffix is not.
		if !strings.Contains(h, ".") && !icann {
			return Site{Host: h, Registrable: h}, nil
		}
		return fail("it is a public suffix, shared by unrelated sites; give a host under it")
	}
	reg, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return fail("no registrable domain")
	}
	return Site{Host: h, Registrable: reg}, nil
}

// parseIP accepts an IPv4 or IPv6 literal, IPv6 with or without brackets,
// without a zone.
func parseIP(s string) (netip.Addr, bool) {
	if len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		s = s[1 : len(s)-1]
		ip, err := netip.ParseAddr(s)
		return ip, err == nil && ip.Is6() && ip.Zone() == ""
	}
	ip, err := netip.ParseAddr(s)
	return ip, err == nil && ip.Zone() == ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// checkHostName returns why h (lowercase ASCII) is not a host name, or "".
func checkHostName(h string) string {
	if len(h) > 253 {
		return "longer than 253 characters"
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if l == "" {
			return "empty label (two dots, or a leading dot)"
		}
		if len(l) > 63 {
			return "a label is longer than 63 characters"
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			// Underscores are not DNS-legal in host names but browsers
			// accept them, and so do we.
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return fmt.Sprintf("invalid character %q", rune(c))
			}
		}
	}
	// A URL parser reads a name ending in a number as an IPv4 address
	// (WHATWG URL), so "1.2.3" or "x.0x10" never reach cookies as names.
	if last := labels[len(labels)-1]; isNumericLabel(last) {
		return "not a valid IPv4 address, and a host name cannot end in a number"
	}
	return ""
}

func isNumericLabel(l string) bool {
	if strings.HasPrefix(l, "0x") {
		for i := 2; i < len(l); i++ {
			c := l[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(l); i++ {
		if l[i] < '0' || l[i] > '9' {
			return false
		}
	}
	return l != ""
}

// IsIP reports whether the site is an IP address literal.
func (s Site) IsIP() bool {
	_, err := netip.ParseAddr(s.Host)
	return err == nil
}

// HostKeys returns every stored host value whose cookies a browser sends to
// s.Host: the host-only key s.Host, the domain key "."+s.Host and "."+each
// parent domain down to Registrable, never a public suffix. For
// data.ofgl.fr: data.ofgl.fr, .data.ofgl.fr, .ofgl.fr. For an IP: the IP
// only, plus its bracketed form for IPv6 (Chromium stores "[::1]").
func (s Site) HostKeys() []string {
	if s.Host == "" {
		return nil
	}
	if ip, err := netip.ParseAddr(s.Host); err == nil {
		if ip.Is6() {
			return []string{s.Host, "[" + s.Host + "]"}
		}
		return []string{s.Host}
	}
	keys := []string{s.Host, "." + s.Host}
	for d := s.Host; d != s.Registrable; {
		i := strings.IndexByte(d, '.')
		if i < 0 || !strings.HasSuffix(d, s.Registrable) {
			break // a Site built by hand with an unrelated Registrable
		}
		d = d[i+1:]
		keys = append(keys, "."+d)
	}
	return keys
}

// Sends reports whether a browser sends to s.Host the cookies stored under
// hostKey (the host as the store keeps it: a leading dot for a domain
// cookie), ignoring ASCII case. "ofgl.fr" without a dot is a host-only
// cookie of ofgl.fr and is not sent to data.ofgl.fr; neither are
// "www.ofgl.fr", ".notofgl.fr", "sub.data.ofgl.fr" or ".fr".
func (s Site) Sends(hostKey string) bool {
	if s.Host == "" || hostKey == "" {
		return false
	}
	if s.IsIP() {
		return sameIP(hostKey, s.Host)
	}
	k := asciiLower(hostKey)
	if k == s.Host {
		return true
	}
	if k[0] != '.' {
		return false
	}
	d := k[1:]
	if d == s.Host {
		return true
	}
	// A parent domain, but not above the registrable domain: that would be
	// a public suffix, which browsers refuse as a cookie domain.
	return strings.HasSuffix(s.Host, "."+d) && withinRegistrable(d, s.Registrable)
}

func withinRegistrable(d, reg string) bool {
	return d == reg || strings.HasSuffix(d, "."+reg)
}

// sameIP compares a stored host key with an IP site; domain keys never
// match an IP.
func sameIP(hostKey, host string) bool {
	ip, ok := parseIP(hostKey)
	if !ok {
		return false
	}
	want, err := netip.ParseAddr(host)
	return err == nil && ip == want
}

// PartitionSites returns the Chromium top_frame_site_key values that mean
// "partitioned under this site": "https://"+Registrable and
// "http://"+Registrable.
func (s Site) PartitionSites() []string {
	if s.Registrable == "" {
		return nil
	}
	r := s.Registrable
	if ip, err := netip.ParseAddr(r); err == nil && ip.Is6() {
		r = "[" + r + "]"
	}
	return []string{"https://" + r, "http://" + r}
}

// FirefoxPartitionMatches reports whether a Firefox partitionKey (from
// originAttributes) puts a cookie under this site: "(https,ofgl.fr)",
// "(http,ofgl.fr)", "(https,ofgl.fr,8443)", "(https,ofgl.fr,f)" or
// "(https,ofgl.fr,8443,f)" for Registrable ofgl.fr, decoded or
// percent-encoded ("%28https%2Cofgl.fr%29").
func (s Site) FirefoxPartitionMatches(partitionKey string) bool {
	if s.Registrable == "" {
		return false
	}
	k := partitionKey
	if strings.Contains(k, "%") {
		// PathUnescape, not QueryUnescape: "+" stands for ":" in IPv6 keys.
		u, err := url.PathUnescape(k)
		if err != nil {
			return false
		}
		k = u
	}
	if len(k) < 2 || k[0] != '(' || k[len(k)-1] != ')' {
		return false
	}
	parts := strings.Split(k[1:len(k)-1], ",")
	if len(parts) < 2 || len(parts) > 4 {
		return false
	}
	if p := parts[0]; p != "http" && p != "https" {
		return false
	}
	rest := parts[2:]
	if n := len(rest); n > 0 && rest[n-1] == "f" { // foreign-ancestor bit
		rest = rest[:n-1]
	}
	switch {
	case len(rest) > 1:
		return false
	case len(rest) == 1 && !isPort(rest[0]):
		return false
	}
	host := parts[1]
	if s.IsIP() {
		// Firefox writes IPv6 as "[++1]": brackets, ":" replaced by "+".
		return sameIP(strings.ReplaceAll(host, "+", ":"), s.Registrable)
	}
	return asciiLower(host) == s.Registrable
}

func isPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n > 0 && n <= 65535
}

// IsFirstPartyHost reports whether hostKey (leading dot ignored) is the
// site's registrable domain or under it, i.e. whether a cookie stored there
// is first-party to the site rather than third-party.
func (s Site) IsFirstPartyHost(hostKey string) bool {
	if s.Registrable == "" {
		return false
	}
	if s.IsIP() {
		return sameIP(hostKey, s.Registrable)
	}
	d := asciiLower(strings.TrimPrefix(hostKey, "."))
	return withinRegistrable(d, s.Registrable)
}

// String returns the host.
func (s Site) String() string { return s.Host }
