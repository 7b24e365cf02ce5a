package firefoxfmt

import (
	"math"
	"strings"
	"testing"
)

// maxID is Firefox's largest id (uint32). A variable, not a constant, so
// the tests also build where int is 32 bits (it is then -1, which Suffix
// writes back as 4294967295).
var maxID = int(u32max)

var u32max uint32 = math.MaxUint32

func TestParseOriginSuffix(t *testing.T) {
	cases := []struct {
		in    string
		want  OriginAttributes // Raw is checked separately
		canon string           // what Suffix() gives
	}{
		{in: "", want: OriginAttributes{}, canon: ""},
		{in: "^userContextId=1", want: OriginAttributes{UserContextID: 1}, canon: "^userContextId=1"},
		{in: "^userContextId=4294967295", want: OriginAttributes{UserContextID: maxID}, canon: "^userContextId=4294967295"},
		{in: "^partitionKey=%28https%2Cofgl.fr%29", want: OriginAttributes{PartitionKey: "(https,ofgl.fr)"}, canon: "^partitionKey=%28https%2Cofgl.fr%29"},
		{in: "^partitionKey=%28http%2Cofgl.fr%29", want: OriginAttributes{PartitionKey: "(http,ofgl.fr)"}, canon: "^partitionKey=%28http%2Cofgl.fr%29"},
		{in: "^partitionKey=%28https%2Cofgl.fr%2C8443%29", want: OriginAttributes{PartitionKey: "(https,ofgl.fr,8443)"}, canon: "^partitionKey=%28https%2Cofgl.fr%2C8443%29"},
		{in: "^partitionKey=%28https%2Cofgl.fr%2Cf%29", want: OriginAttributes{PartitionKey: "(https,ofgl.fr,f)"}, canon: "^partitionKey=%28https%2Cofgl.fr%2Cf%29"},
		{in: "^partitionKey=%28https%2Cofgl.fr%2C8443%2Cf%29", want: OriginAttributes{PartitionKey: "(https,ofgl.fr,8443,f)"}, canon: "^partitionKey=%28https%2Cofgl.fr%2C8443%2Cf%29"},
		{in: "^userContextId=2&firstPartyDomain=ofgl.fr", want: OriginAttributes{UserContextID: 2, FirstPartyDomain: "ofgl.fr"}, canon: "^userContextId=2&firstPartyDomain=ofgl.fr"},
		// Not Firefox's order (it writes userContextId first), but it must
		// parse, and Raw must keep it as is.
		{
			in:    "^firstPartyDomain=ofgl.fr&userContextId=2",
			want:  OriginAttributes{UserContextID: 2, FirstPartyDomain: "ofgl.fr"},
			canon: "^userContextId=2&firstPartyDomain=ofgl.fr",
		},
		{
			in:    "^userContextId=3&partitionKey=%28https%2Cofgl.fr%29",
			want:  OriginAttributes{UserContextID: 3, PartitionKey: "(https,ofgl.fr)"},
			canon: "^userContextId=3&partitionKey=%28https%2Cofgl.fr%29",
		},
		{
			in: "^userContextId=7&privateBrowsingId=1&firstPartyDomain=ofgl.fr&geckoViewUserContextId=abc&partitionKey=%28https%2Cofgl.fr%29",
			want: OriginAttributes{UserContextID: 7, PrivateBrowsingID: 1, FirstPartyDomain: "ofgl.fr",
				GeckoViewSessionContextID: "abc", PartitionKey: "(https,ofgl.fr)"},
			canon: "^userContextId=7&privateBrowsingId=1&firstPartyDomain=ofgl.fr&geckoViewUserContextId=abc&partitionKey=%28https%2Cofgl.fr%29",
		},
		// IPv6 top-level site: ":" is stored as "+" (then %2B) and comes back.
		{in: "^partitionKey=%28https%2C%5B%2B%2B1%5D%29", want: OriginAttributes{PartitionKey: "(https,[::1])"}, canon: "^partitionKey=%28https%2C%5B%2B%2B1%5D%29"},
		{in: "^firstPartyDomain=%5B%2B%2B1%5D", want: OriginAttributes{FirstPartyDomain: "[::1]"}, canon: "^firstPartyDomain=%5B%2B%2B1%5D"},
		// A literal "+" is a space in form encoding.
		{in: "^firstPartyDomain=a+b", want: OriginAttributes{FirstPartyDomain: "a b"}, canon: "^firstPartyDomain=a+b"},
		// Unknown and legacy keys are ignored; only Raw keeps them.
		{in: "^foo=bar&userContextId=3", want: OriginAttributes{UserContextID: 3}, canon: "^userContextId=3"},
		{in: "^inBrowser=1", want: OriginAttributes{}, canon: ""},
		{in: "^appId=1007&inBrowser=1&userContextId=2", want: OriginAttributes{UserContextID: 2}, canon: "^userContextId=2"},
		{in: "^disableJit", want: OriginAttributes{}, canon: ""},
		// Defaults written out, empty pairs, lower-case escapes: all parse.
		{in: "^userContextId=0", want: OriginAttributes{}, canon: ""},
		{in: "^", want: OriginAttributes{}, canon: ""},
		{in: "^&&userContextId=5&", want: OriginAttributes{UserContextID: 5}, canon: "^userContextId=5"},
		{in: "^partitionKey=%28https%2cofgl.fr%29", want: OriginAttributes{PartitionKey: "(https,ofgl.fr)"},
			canon: "^partitionKey=%28https%2Cofgl.fr%29"},
		{in: "^firstPartyDomain=", want: OriginAttributes{}, canon: ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseOriginSuffix(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Raw != c.in {
				t.Errorf("Raw = %q, want %q", got.Raw, c.in)
			}
			want := c.want
			want.Raw = c.in
			if got != want {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
			canon := c.canon
			if s := got.Suffix(); s != canon {
				t.Errorf("Suffix() = %q, want %q", s, canon)
			}
			if got.IsDefault() != (canon == "") {
				t.Errorf("IsDefault() = %v", got.IsDefault())
			}
		})
	}
}

func TestParseOriginSuffixErrors(t *testing.T) {
	for _, in := range []string{
		"userContextId=1",
		" ^userContextId=1",
		"^userContextId=",
		"^userContextId",
		"^userContextId=abc",
		"^userContextId=-1",
		"^userContextId=+1",
		"^userContextId=0x10",
		"^userContextId=4294967296",
		"^userContextId=99999999999999999999999",
		"^privateBrowsingId=x",
		"^partitionKey=%2",
		"^partitionKey=%zz",
		"^partitionKey=%28https%2Cofgl.fr%29%",
		"^user%ContextId=1",
		"^userContextId=1&userContextId=2",
		"^partitionKey=a&partitionKey=a",
		"^inBrowser=0",
		"^inBrowser",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseOriginSuffix(in)
			if err == nil {
				t.Fatalf("no error, got %+v", got)
			}
			if got != (OriginAttributes{}) {
				t.Fatalf("non-zero result with error: %+v", got)
			}
			if !strings.HasPrefix(err.Error(), "firefoxfmt: ") {
				t.Fatalf("error %q lacks package prefix", err)
			}
		})
	}
}

func TestSuffix(t *testing.T) {
	cases := []struct {
		in   OriginAttributes
		want string
	}{
		{OriginAttributes{}, ""},
		{OriginAttributes{Raw: "^userContextId=9"}, ""}, // Raw is not consulted
		{OriginAttributes{PartitionKey: "(https,ofgl.fr)"}, "^partitionKey=%28https%2Cofgl.fr%29"},
		{OriginAttributes{UserContextID: 2, FirstPartyDomain: "ofgl.fr"}, "^userContextId=2&firstPartyDomain=ofgl.fr"},
		{OriginAttributes{PartitionKey: "(https,[::1])"}, "^partitionKey=%28https%2C%5B%2B%2B1%5D%29"},
		{OriginAttributes{FirstPartyDomain: "a b~é"}, "^firstPartyDomain=a+b%7E%C3%A9"},
		{OriginAttributes{FirstPartyDomain: "*-._09AZaz"}, "^firstPartyDomain=*-._09AZaz"},
		{OriginAttributes{UserContextID: -1}, "^userContextId=4294967295"}, // uint32 in Firefox
		{OriginAttributes{PrivateBrowsingID: 1}, "^privateBrowsingId=1"},
		// geckoViewUserContextId: file-name-unsafe characters become "+"
		// for good (C1 control U+0085 included), "+" is then encoded.
		{OriginAttributes{GeckoViewSessionContextID: "a:b/c\x01d\u0085e f"}, "^geckoViewUserContextId=a%2Bb%2Bc%2Bd%2Be+f"},
	}
	for _, c := range cases {
		if got := c.in.Suffix(); got != c.want {
			t.Errorf("%+v.Suffix() = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParsePartitionKey(t *testing.T) {
	good := []struct {
		in   string
		want PartitionKey
	}{
		{"(https,ofgl.fr)", PartitionKey{Scheme: "https", Site: "ofgl.fr"}},
		{"(http,ofgl.fr)", PartitionKey{Scheme: "http", Site: "ofgl.fr"}},
		{"(https,ofgl.fr,8443)", PartitionKey{Scheme: "https", Site: "ofgl.fr", Port: 8443}},
		{"(https,ofgl.fr,f)", PartitionKey{Scheme: "https", Site: "ofgl.fr", ForeignAncestor: true}},
		{"(https,ofgl.fr,8443,f)", PartitionKey{Scheme: "https", Site: "ofgl.fr", Port: 8443, ForeignAncestor: true}},
		{"(https,[::1])", PartitionKey{Scheme: "https", Site: "[::1]"}},
		{"(x,y)", PartitionKey{Scheme: "x", Site: "y"}},
		{"(https,ofgl.fr,65535)", PartitionKey{Scheme: "https", Site: "ofgl.fr", Port: 65535}},
	}
	for _, c := range good {
		got, ok := ParsePartitionKey(c.in)
		if !ok || got != c.want {
			t.Errorf("ParsePartitionKey(%q) = %+v, %v; want %+v", c.in, got, ok, c.want)
		}
		if s := got.String(); s != c.in {
			t.Errorf("String() = %q, want %q", s, c.in)
		}
	}
	for _, in := range []string{
		"", "ofgl.fr", "(https)", "(https,)", "(,ofgl.fr)", "(x,y", "x,y)", "(a,b)c",
		"(https,ofgl.fr,)", "(https,ofgl.fr,0)", "(https,ofgl.fr,65536)", "(https,ofgl.fr,-1)",
		"(https,ofgl.fr,80x)", "(https,ofgl.fr,F)", "(https,ofgl.fr,f,f)", "(https,ofgl.fr,f,8443)",
		"(https,ofgl.fr,8443,8443)", "(https,ofgl.fr,8443,f,x)", "(https,,ofgl.fr)",
	} {
		if got, ok := ParsePartitionKey(in); ok || got != (PartitionKey{}) {
			t.Errorf("ParsePartitionKey(%q) = %+v, %v; want failure", in, got, ok)
		}
	}
}
