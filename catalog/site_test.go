package catalog

import (
	"slices"
	"strings"
	"testing"
)

func TestNewSite(t *testing.T) {
	tests := []struct {
		in, host, reg string // host "" means an error is expected
		keys          []string
	}{
		{"data.ofgl.fr", "data.ofgl.fr", "ofgl.fr", []string{"data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"}},
		{"DATA.OFGL.FR", "data.ofgl.fr", "ofgl.fr", []string{"data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"}},
		{"data.ofgl.fr.", "data.ofgl.fr", "ofgl.fr", []string{"data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"}},
		{"ofgl.fr", "ofgl.fr", "ofgl.fr", []string{"ofgl.fr", ".ofgl.fr"}},
		{"a.b.data.ofgl.fr", "a.b.data.ofgl.fr", "ofgl.fr", []string{"a.b.data.ofgl.fr", ".a.b.data.ofgl.fr", ".b.data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"}},
		// gouv.fr is a public suffix: x.gouv.fr is a site of its own.
		{"x.gouv.fr", "x.gouv.fr", "x.gouv.fr", []string{"x.gouv.fr", ".x.gouv.fr"}},
		{"data.x.gouv.fr", "data.x.gouv.fr", "x.gouv.fr", []string{"data.x.gouv.fr", ".data.x.gouv.fr", ".x.gouv.fr"}},
		{"www.example.co.uk", "www.example.co.uk", "example.co.uk", []string{"www.example.co.uk", ".www.example.co.uk", ".example.co.uk"}},
		// github.io is a (private) public suffix too.
		{"foo.github.io", "foo.github.io", "foo.github.io", []string{"foo.github.io", ".foo.github.io"}},
		{"localhost", "localhost", "localhost", []string{"localhost", ".localhost"}},
		{"café.fr", "xn--caf-dma.fr", "xn--caf-dma.fr", []string{"xn--caf-dma.fr", ".xn--caf-dma.fr"}},
		{"under_score.ofgl.fr", "under_score.ofgl.fr", "ofgl.fr", nil},
		{"192.0.2.1", "192.0.2.1", "192.0.2.1", []string{"192.0.2.1"}},
		{"192.0.2.1.", "192.0.2.1", "192.0.2.1", []string{"192.0.2.1"}},
		{"::1", "::1", "::1", []string{"::1", "[::1]"}},
		{"[2001:DB8::1]", "2001:db8::1", "2001:db8::1", []string{"2001:db8::1", "[2001:db8::1]"}},

		{"", "", "", nil},
		{".", "", "", nil},
		{"fr", "", "", nil},
		{"FR.", "", "", nil},
		{"co.uk", "", "", nil},
		{"gouv.fr", "", "", nil},
		{"github.io", "", "", nil},
		{"https://data.ofgl.fr", "", "", nil},
		{"data.ofgl.fr/explore", "", "", nil},
		{"data.ofgl.fr:443", "", "", nil},
		{"user@data.ofgl.fr", "", "", nil},
		{".data.ofgl.fr", "", "", nil},
		{"data..ofgl.fr", "", "", nil},
		{"data.ofgl.fr..", "", "", nil},
		{"data ofgl.fr", "", "", nil},
		{" data.ofgl.fr", "", "", nil},
		{"data.ofgl.fr\n", "", "", nil},
		{"*.ofgl.fr", "", "", nil},
		{"1.2.3", "", "", nil},
		{"x.0x1f", "", "", nil},
		{"fe80::1%eth0", "", "", nil},
		{"[192.0.2.1]", "", "", nil},
		{strings.Repeat("a", 64) + ".fr", "", "", nil},
		{strings.Repeat("a.", 127) + "fr", "", "", nil},
		{"\xff.fr", "", "", nil},
	}
	for _, tc := range tests {
		s, err := NewSite(tc.in)
		if tc.host == "" {
			if err == nil {
				t.Errorf("NewSite(%q) = %+v, want error", tc.in, s)
			} else if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("NewSite(%q): multi-line error %q", tc.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("NewSite(%q): %v", tc.in, err)
			continue
		}
		if s.Host != tc.host || s.Registrable != tc.reg {
			t.Errorf("NewSite(%q) = %+v, want %s under %s", tc.in, s, tc.host, tc.reg)
		}
		if tc.keys != nil && !slices.Equal(s.HostKeys(), tc.keys) {
			t.Errorf("NewSite(%q).HostKeys() = %q, want %q", tc.in, s.HostKeys(), tc.keys)
		}
		for _, k := range s.HostKeys() {
			if !s.Sends(k) || !s.IsFirstPartyHost(k) {
				t.Errorf("%s: own key %q not sent or not first-party", s, k)
			}
		}
	}
}

func mustSite(t testing.TB, host string) Site {
	t.Helper()
	s, err := NewSite(host)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSends(t *testing.T) {
	tests := []struct {
		site, key string
		want      bool
	}{
		{"data.ofgl.fr", "data.ofgl.fr", true},
		{"data.ofgl.fr", ".data.ofgl.fr", true},
		{"data.ofgl.fr", ".ofgl.fr", true},
		{"data.ofgl.fr", "DATA.OFGL.FR", true},
		{"data.ofgl.fr", ".OfGl.Fr", true},
		// Decoys.
		{"data.ofgl.fr", "ofgl.fr", false}, // host-only cookie of ofgl.fr
		{"data.ofgl.fr", "www.ofgl.fr", false},
		{"data.ofgl.fr", ".www.ofgl.fr", false},
		{"data.ofgl.fr", "notofgl.fr", false},
		{"data.ofgl.fr", ".notofgl.fr", false},
		{"data.ofgl.fr", "sub.data.ofgl.fr", false},
		{"data.ofgl.fr", ".sub.data.ofgl.fr", false},
		{"data.ofgl.fr", "xdata.ofgl.fr", false},
		{"data.ofgl.fr", ".xdata.ofgl.fr", false},
		{"data.ofgl.fr", ".fr", false},
		{"data.ofgl.fr", "fr", false},
		{"data.ofgl.fr", ".", false},
		{"data.ofgl.fr", "", false},
		{"data.ofgl.fr", "data.ofgl.fr.", false},
		{"data.ofgl.fr", ".ofgl.fr.", false},
		{"data.ofgl.fr", "..ofgl.fr", false},
		{"data.ofgl.fr", "data.ofgl.fr:443", false},
		{"data.ofgl.fr", "\u212aata.ofgl.fr", false}, // Kelvin sign, not "k"
		// Under a multi-label public suffix, the suffix is never a key.
		{"data.x.gouv.fr", ".x.gouv.fr", true},
		{"data.x.gouv.fr", ".gouv.fr", false},
		{"x.gouv.fr", ".gouv.fr", false},
		{"x.gouv.fr", "y.gouv.fr", false},
		{"foo.github.io", ".foo.github.io", true},
		{"foo.github.io", ".github.io", false},
		{"foo.github.io", "bar.github.io", false},
		{"a.foo.github.io", ".foo.github.io", true},
		// IPs: host-only only.
		{"192.0.2.1", "192.0.2.1", true},
		{"192.0.2.1", ".192.0.2.1", false},
		{"192.0.2.1", ".0.2.1", false},
		{"192.0.2.1", "192.0.2.10", false},
		{"192.0.2.1", "[192.0.2.1]", false},
		{"::1", "::1", true},
		{"::1", "[::1]", true},
		{"::1", "0:0::1", true},
		{"::1", ".::1", false},
		{"::1", "::2", false},
	}
	for _, tc := range tests {
		s := mustSite(t, tc.site)
		if got := s.Sends(tc.key); got != tc.want {
			t.Errorf("Site(%s).Sends(%q) = %v, want %v", tc.site, tc.key, got, tc.want)
		}
	}
	if (Site{}).Sends("") || (Site{}).HostKeys() != nil {
		t.Error("zero Site sends something")
	}
}

func TestIsFirstPartyHost(t *testing.T) {
	s := mustSite(t, "data.ofgl.fr")
	for key, want := range map[string]bool{
		"data.ofgl.fr":      true,
		".ofgl.fr":          true,
		"ofgl.fr":           true,
		"www.ofgl.fr":       true,
		".deep.www.ofgl.fr": true,
		"OFGL.FR":           true,
		".notofgl.fr":       false,
		"notofgl.fr":        false,
		".fr":               false,
		".youtube.com":      false,
		"ofgl.fr.evil.com":  false,
		"":                  false,
	} {
		if got := s.IsFirstPartyHost(key); got != want {
			t.Errorf("IsFirstPartyHost(%q) = %v, want %v", key, got, want)
		}
	}
	ip := mustSite(t, "192.0.2.1")
	if !ip.IsFirstPartyHost("192.0.2.1") || ip.IsFirstPartyHost("192.0.2.2") {
		t.Error("IP site first-party check")
	}
}

func TestPartitionSites(t *testing.T) {
	for host, want := range map[string][]string{
		"data.ofgl.fr":   {"https://ofgl.fr", "http://ofgl.fr"},
		"data.x.gouv.fr": {"https://x.gouv.fr", "http://x.gouv.fr"},
		"192.0.2.1":      {"https://192.0.2.1", "http://192.0.2.1"},
		"::1":            {"https://[::1]", "http://[::1]"},
	} {
		if got := mustSite(t, host).PartitionSites(); !slices.Equal(got, want) {
			t.Errorf("%s: PartitionSites() = %q, want %q", host, got, want)
		}
	}
	if (Site{}).PartitionSites() != nil {
		t.Error("zero Site has partition sites")
	}
}

func TestFirefoxPartitionMatches(t *testing.T) {
	s := mustSite(t, "data.ofgl.fr")
	tests := []struct {
		key  string
		want bool
	}{
		{"(https,ofgl.fr)", true},
		{"(http,ofgl.fr)", true},
		{"(https,ofgl.fr,8443)", true},
		{"(https,ofgl.fr,f)", true},
		{"(https,ofgl.fr,8443,f)", true},
		{"(https,OFGL.FR)", true},
		{"%28https%2Cofgl.fr%29", true},
		{"%28http%2Cofgl.fr%2C8080%2Cf%29", true},
		{"(https,notofgl.fr)", false},
		{"(https,data.ofgl.fr)", false}, // keys hold the site, not the host
		{"(https,fr)", false},
		{"(ftp,ofgl.fr)", false},
		{"(https,ofgl.fr,0)", false},
		{"(https,ofgl.fr,65536)", false},
		{"(https,ofgl.fr,x)", false},
		{"(https,ofgl.fr,f,8443)", false},
		{"(https,ofgl.fr,1,2)", false},
		{"(https,ofgl.fr,8443,f,g)", false},
		{"(https)", false},
		{"https,ofgl.fr", false},
		{"ofgl.fr", false},
		{"", false},
		{"()", false},
		{"%28https%2Cofgl.fr", false},
		{"%zz", false},
	}
	for _, tc := range tests {
		if got := s.FirefoxPartitionMatches(tc.key); got != tc.want {
			t.Errorf("FirefoxPartitionMatches(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
	ip6 := mustSite(t, "::1")
	if !ip6.FirefoxPartitionMatches("(http,[++1])") || !ip6.FirefoxPartitionMatches("%28http%2C%5B%2B%2B1%5D%29") || ip6.FirefoxPartitionMatches("(http,[++2])") {
		t.Error("IPv6 partition keys")
	}
	ip4 := mustSite(t, "192.0.2.1")
	if !ip4.FirefoxPartitionMatches("(http,192.0.2.1,8080)") || ip4.FirefoxPartitionMatches("(http,192.0.2.2)") {
		t.Error("IPv4 partition keys")
	}
}
