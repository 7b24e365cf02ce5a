package catalog

import (
	"bytes"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// FuzzParse: Parse never panics; an error is a one-line *SyntaxError with a
// line number inside the input; a parsed catalog is consistent.
func FuzzParse(f *testing.F) {
	f.Add(defaultCharter)
	f.Add([]byte(patternCharter))
	f.Add([]byte("site = a.fr\n" + minimalCookie + "lifetime = 2w\nhost = .x.com\n"))
	f.Add([]byte("\xef\xbb\xbfsite = a.fr\r\n[category statistics]\r\nconsent = oui\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz", bytes.NewReader(data))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T: %v", err, err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			if se.Line < 1 || se.Line > lines {
				t.Fatalf("line %d outside 1..%d: %v", se.Line, lines, err)
			}
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !strings.HasPrefix(msg, "fuzz:") {
				t.Fatalf("bad message %q", msg)
			}
			return
		}
		if c.Site.Host == "" || c.Site.Registrable == "" {
			t.Fatalf("parsed without a site: %+v", c.Site)
		}
		for i := range c.Entries {
			e := &c.Entries[i]
			if e.Category == Undeclared || e.Provider == "" || e.Line < 1 || checkCookieName(e.Name) != nil {
				t.Fatalf("bad entry %+v", e)
			}
			// Every entry declares at least its own name (or its prefix)
			// on a host it binds to.
			host := c.Site.Host
			if e.Host != "" {
				host = e.Host
			}
			if m := c.Match(host, strings.TrimSuffix(e.Name, "*"), false); !m.Declared {
				t.Fatalf("entry %q on %q not matched", e.Name, host)
			}
		}
	})
}

// FuzzNewSite: NewSite never panics and returns a normalised site whose
// keys are all sent to it, none of them a public suffix.
func FuzzNewSite(f *testing.F) {
	for _, s := range []string{"data.ofgl.fr", "DATA.ofgl.fr.", "x.gouv.fr", "foo.github.io", "fr", "co.uk",
		"::1", "[2001:db8::1]", "192.0.2.1", "café.fr", "localhost", "https://a.fr/", "a.fr:80", "1.2.3", "xn--.fr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := NewSite(in)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		if s.Host == "" || s.Host != asciiLower(s.Host) || !isASCII(s.Host) || strings.HasSuffix(s.Host, ".") {
			t.Fatalf("NewSite(%q) = %+v: not normalised", in, s)
		}
		if again, err := NewSite(s.Host); err != nil || again != s {
			t.Fatalf("NewSite(%q) = %+v, but NewSite(%q) = %+v, %v", in, s, s.Host, again, err)
		}
		if !withinRegistrable(s.Host, s.Registrable) {
			t.Fatalf("%q not under its registrable domain %q", s.Host, s.Registrable)
		}
		keys := s.HostKeys()
		if len(keys) == 0 || keys[0] != s.Host {
			t.Fatalf("HostKeys() = %q", keys)
		}
		for _, k := range keys {
			if !s.Sends(k) || !s.IsFirstPartyHost(k) {
				t.Fatalf("%q: own key %q not sent", s.Host, k)
			}
			if d := strings.TrimPrefix(k, "."); d != s.Registrable && !strings.HasSuffix(d, "."+s.Registrable) && !s.IsIP() {
				t.Fatalf("%q: key %q above the registrable domain", s.Host, k)
			}
		}
		for _, p := range s.PartitionSites() {
			if !strings.HasSuffix(strings.Trim(p, "[]"), s.Registrable) && !strings.HasSuffix(p, "["+s.Registrable+"]") {
				t.Fatalf("partition site %q", p)
			}
		}
		if !s.FirefoxPartitionMatches("(https," + firefoxHost(s.Registrable) + ")") {
			t.Fatalf("%q: own Firefox partition key rejected", s.Host)
		}
	})
}

// firefoxHost writes a host as Firefox does in a partitionKey.
func firefoxHost(h string) string {
	if ip, err := netip.ParseAddr(h); err == nil && ip.Is6() {
		return "[" + strings.ReplaceAll(h, ":", "+") + "]"
	}
	return h
}

// FuzzSiteSends: Sends agrees with HostKeys (ASCII case ignored) and never
// sends what is not first-party.
func FuzzSiteSends(f *testing.F) {
	for _, c := range [][2]string{
		{"data.ofgl.fr", ".ofgl.fr"}, {"data.ofgl.fr", "ofgl.fr"}, {"data.ofgl.fr", ".fr"},
		{"data.ofgl.fr", "\u212aata.ofgl.fr"}, {"data.x.gouv.fr", ".gouv.fr"}, {"::1", "[::1]"},
		{"192.0.2.1", ".192.0.2.1"}, {"foo.github.io", ".github.io"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, site, key string) {
		s, err := NewSite(site)
		if err != nil {
			return
		}
		got := s.Sends(key)
		if got && !s.IsFirstPartyHost(key) {
			t.Fatalf("%q sends %q, which is not first-party", s.Host, key)
		}
		if s.IsIP() {
			return // IP literals compare as addresses: "0::1" is "::1"
		}
		if want := slices.Contains(s.HostKeys(), asciiLower(key)); got != want {
			t.Fatalf("%q: Sends(%q) = %v, HostKeys %q", s.Host, key, got, s.HostKeys())
		}
	})
}
