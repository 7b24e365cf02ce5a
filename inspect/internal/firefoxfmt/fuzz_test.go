package firefoxfmt

import (
	"testing"
)

func FuzzParseOriginSuffix(f *testing.F) {
	for _, s := range []string{
		"", "^", "^userContextId=1", "^partitionKey=%28https%2Cofgl.fr%29",
		"^firstPartyDomain=ofgl.fr&userContextId=2", "^partitionKey=%28https%2Cofgl.fr%2C8443%29",
		"^partitionKey=%28https%2Cofgl.fr%2Cf%29", "^partitionKey=%28https%2C%5B%2B%2B1%5D%29",
		"^userContextId=7&privateBrowsingId=1&firstPartyDomain=a+b&geckoViewUserContextId=%3A%01&partitionKey=x",
		"^inBrowser=1&foo", "^userContextId=4294967296", "^%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOriginSuffix(s)
		if err != nil {
			if o != (OriginAttributes{}) {
				t.Fatalf("non-zero result with error: %+v", o)
			}
			return
		}
		if o.Raw != s {
			t.Fatalf("Raw = %q, want %q", o.Raw, s)
		}
		// What Suffix writes must parse back to the same attributes (the
		// GeckoView id modulo its one-way sanitising) and the same string.
		canon := o.Suffix()
		o2, err := ParseOriginSuffix(canon)
		if err != nil {
			t.Fatalf("Suffix() %q does not parse: %v", canon, err)
		}
		if got := o2.Suffix(); got != canon {
			t.Fatalf("Suffix not stable: %q -> %q", canon, got)
		}
		want := o
		want.Raw = canon
		want.GeckoViewSessionContextID = sanitizeGeckoView(o.GeckoViewSessionContextID)
		if o2 != want {
			t.Fatalf("round trip via %q:\n got %+v\nwant %+v", canon, o2, want)
		}
		if canon == "" != o.IsDefault() {
			t.Fatal("IsDefault disagrees with Suffix")
		}
		if k, ok := ParsePartitionKey(o.PartitionKey); ok {
			k2, ok2 := ParsePartitionKey(k.String())
			if !ok2 || k2 != k {
				t.Fatalf("partition key %q -> %q does not round-trip", o.PartitionKey, k.String())
			}
		}
	})
}

func FuzzParseSessionStore(f *testing.F) {
	f.Add([]byte(`{"cookies":[` + realEntry + `]}`))
	f.Add([]byte(`{"cookies":[{"host":".ofgl.fr","value":"v","secure":true,"httponly":true,"expiry":1e3,"isPartitioned":true,` +
		`"originAttributes":{"partitionKey":"(https,ofgl.fr)","userContextId":2,"privateBrowsingId":0}},null],` +
		`"windows":[{"cookies":[{"host":"a","name":"n","path":"/"}]}],"_closedWindows":[{"cookies":[]}]}`))
	f.Add([]byte(`{"cookies":[{"host":"a","originAttributes":{"privateBrowsingId":1}}]}`))
	f.Add([]byte(`{"cookies":[{"host":"a","expiry":1.5}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cookies, err := ParseSessionStore(data)
		if err != nil {
			if cookies != nil {
				t.Fatal("result with error")
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range cookies {
			oa := c.OriginAttributes
			if oa.PrivateBrowsingID != 0 {
				t.Fatalf("private cookie kept: %+v", c)
			}
			if oa.Raw != oa.Suffix() {
				t.Fatalf("Raw %q != Suffix %q", oa.Raw, oa.Suffix())
			}
			if _, err := ParseOriginSuffix(oa.Raw); err != nil {
				t.Fatalf("Raw %q does not parse: %v", oa.Raw, err)
			}
			key := c.Host + "\x00" + c.Name + "\x00" + c.Path + "\x00" + oa.Raw
			if seen[key] {
				t.Fatalf("duplicate cookie %+v", c)
			}
			seen[key] = true
		}
	})
}

func FuzzParseContainers(f *testing.F) {
	f.Add([]byte(`{"identities":[{"userContextId":1,"l10nID":"userContextPersonal.label"},{"userContextId":6,"name":"x"}]}`))
	f.Add([]byte(`{"identities":[{"userContextId":5,"name":"userContextIdInternal.thumbnail"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseContainers(data)
		if err != nil && m != nil {
			t.Fatal("result with error")
		}
		for id, name := range m {
			if name == "" {
				t.Fatalf("empty name for %d", id)
			}
		}
	})
}
