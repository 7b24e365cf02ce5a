package firefoxfmt

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// realEntry is the cookie Firefox ESR 153 wrote for data.ofgl.fr.
const realEntry = `{"host":"data.ofgl.fr","value":"1","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1}`

func TestParseSessionStoreReal(t *testing.T) {
	data := `{"version":["sessionrestore",1],"windows":[{"tabs":[],"selected":1}],"_closedWindows":[],"session":{"state":"running"},"global":{},"cookies":[` + realEntry + `]}`
	got, err := ParseSessionStore([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []SessionCookie{{
		Host: "data.ofgl.fr", Name: "ofgl_session", Value: "1", Path: "/",
		SameSite: 1, SchemeMap: 1,
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestParseSessionStore(t *testing.T) {
	data := `{
	  "cookies": [
	    {"host":".ofgl.fr","value":"a b","path":"/x","name":"full","secure":true,"httponly":true,"expiry":1893456000000,
	     "originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"(https,ofgl.fr)","privateBrowsingId":0,"userContextId":2},
	     "sameSite":2,"schemeMap":2,"isPartitioned":true},
	    {"host":"data.ofgl.fr","value":"v"},
	    null,
	    {"host":"data.ofgl.fr","value":"private","name":"pb","originAttributes":{"privateBrowsingId":1}},
	    {"host":"data.ofgl.fr","value":"fpi","name":"fpi","path":"/","originAttributes":{"firstPartyDomain":"ofgl.fr","userContextId":1},"sameSite":256},
	    {"host":"data.ofgl.fr","value":"float","name":"f","expiry":1e3,"sameSite":0.0}
	  ],
	  "windows": [
	    {"tabs":[], "cookies":[
	      {"host":"data.ofgl.fr","value":"dup-ignored","name":"fpi","path":"/","originAttributes":{"firstPartyDomain":"ofgl.fr","userContextId":1}},
	      {"host":"old.ofgl.fr","value":"w","name":"legacy","path":"/"}
	    ]},
	    {"tabs":[]}
	  ],
	  "_closedWindows": [
	    {"cookies":[{"host":"closed.ofgl.fr","value":"c","name":"gone","path":"/"}]}
	  ]
	}`
	got, err := ParseSessionStore([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []SessionCookie{
		{
			Host: ".ofgl.fr", Name: "full", Value: "a b", Path: "/x", Secure: true, HTTPOnly: true,
			SameSite: 2, SchemeMap: 2, Expiry: 1893456000000, IsPartitioned: true,
			OriginAttributes: OriginAttributes{
				UserContextID: 2, PartitionKey: "(https,ofgl.fr)",
				Raw: "^userContextId=2&partitionKey=%28https%2Cofgl.fr%29",
			},
		},
		{Host: "data.ofgl.fr", Value: "v", SameSite: -1},
		{
			Host: "data.ofgl.fr", Name: "fpi", Value: "fpi", Path: "/", SameSite: 256,
			OriginAttributes: OriginAttributes{
				UserContextID: 1, FirstPartyDomain: "ofgl.fr",
				Raw: "^userContextId=1&firstPartyDomain=ofgl.fr",
			},
		},
		{Host: "data.ofgl.fr", Name: "f", Value: "float", Expiry: 1000, SameSite: 0},
		{Host: "old.ofgl.fr", Name: "legacy", Value: "w", Path: "/", SameSite: -1},
		{Host: "closed.ofgl.fr", Name: "gone", Value: "c", Path: "/", SameSite: -1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	// The JSON partition key is not encoded; its Raw must match the
	// moz_cookies form of the same key.
	if got[0].OriginAttributes.Raw != mustParse(t, got[0].OriginAttributes.Raw).Suffix() {
		t.Fatal("Raw does not round-trip")
	}
}

func mustParse(t *testing.T, s string) OriginAttributes {
	t.Helper()
	o, err := ParseOriginSuffix(s)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestParseSessionStoreExpiry(t *testing.T) {
	cases := map[string]int64{
		`1712345678000`:       1712345678000,
		`1.5`:                 1,
		`-2.5`:                -2,
		`1e3`:                 1000,
		`9007199254740991`:    9007199254740991, // Number.MAX_SAFE_INTEGER
		`9223372036854775807`: math.MaxInt64,
		`9223372036854775808`: math.MaxInt64,
		`1e300`:               math.MaxInt64,
		`-1e400`:              math.MinInt64,
		`1e-400`:              0,
		`"123"`:               123, // a quoted number: encoding/json accepts it
	}
	for in, want := range cases {
		got, err := ParseSessionStore([]byte(`{"cookies":[{"host":"a","expiry":` + in + `}]}`))
		if err != nil || len(got) != 1 || got[0].Expiry != want {
			t.Errorf("expiry %s: got %+v, %v; want %d", in, got, err, want)
		}
	}
}

func TestParseSessionStoreEmpty(t *testing.T) {
	for _, in := range []string{`{}`, `{"cookies":[]}`, `{"cookies":null}`, `null`, ` {"windows":[{}],"_closedWindows":[]} `} {
		got, err := ParseSessionStore([]byte(in))
		if err != nil || len(got) != 0 {
			t.Errorf("ParseSessionStore(%s) = %v, %v", in, got, err)
		}
	}
}

func TestParseSessionStoreErrors(t *testing.T) {
	cases := []struct{ in, where string }{
		{``, "sessionstore"},
		{`{"cookies":[`, "sessionstore"},
		{`[]`, "sessionstore"},
		{`{"cookies":{}}`, "sessionstore"},
		{`{"cookies":[1]}`, "cookies[0]"},
		{`{"cookies":[{"host":1}]}`, "cookies[0]"},
		{`{"cookies":[{"host":"a"},{"host":"b","secure":"yes"}]}`, "cookies[1]"},
		{`{"cookies":[{"host":"a","expiry":"soon"}]}`, "cookies[0]"},
		{`{"cookies":[{"host":"a","sameSite":4294967296}]}`, "sameSite"},
		{`{"cookies":[{"host":"a","schemeMap":0.5}]}`, "schemeMap"},
		{`{"cookies":[{"host":"a","originAttributes":{"userContextId":-1}}]}`, "userContextId"},
		{`{"cookies":[{"host":"a","originAttributes":{"userContextId":4294967296}}]}`, "userContextId"},
		{`{"cookies":[{"host":"a","originAttributes":{"privateBrowsingId":"x"}}]}`, "cookies[0]"},
		{`{"cookies":[{"host":"a","originAttributes":[]}]}`, "cookies[0]"},
		{`{"windows":[{"cookies":[{"host":"a"},7]}]}`, "windows[0].cookies[1]"},
		{`{"_closedWindows":[{},{"cookies":[{"path":[]}]}]}`, "_closedWindows[1].cookies[0]"},
		{`{"windows":[1]}`, "sessionstore"},
		{strings.Repeat("[", 20000), "sessionstore"},
	}
	for _, c := range cases {
		got, err := ParseSessionStore([]byte(c.in))
		if err == nil {
			t.Errorf("ParseSessionStore(%.60s) = %+v, want error", c.in, got)
			continue
		}
		if got != nil {
			t.Errorf("ParseSessionStore(%.60s): result with error", c.in)
		}
		if !strings.HasPrefix(err.Error(), "firefoxfmt: sessionstore") || !strings.Contains(err.Error(), c.where) {
			t.Errorf("ParseSessionStore(%.60s): error %q should mention %q", c.in, err, c.where)
		}
	}
}

func TestParseContainers(t *testing.T) {
	// As written by Firefox before the Fluent migration (l10nID) and after
	// (l10nId), with a user-made container and the internal identities.
	oldFile := `{"version":4,"lastUserContextId":6,"identities":[
	  {"userContextId":1,"public":true,"icon":"fingerprint","color":"blue","l10nID":"userContextPersonal.label","accessKey":"userContextPersonal.accesskey","telemetryId":1},
	  {"userContextId":2,"public":true,"icon":"briefcase","color":"orange","l10nID":"userContextWork.label","accessKey":"userContextWork.accesskey","telemetryId":2},
	  {"userContextId":3,"public":true,"icon":"dollar","color":"green","l10nID":"userContextBanking.label","accessKey":"userContextBanking.accesskey","telemetryId":3},
	  {"userContextId":4,"public":true,"icon":"cart","color":"pink","l10nID":"userContextShopping.label","accessKey":"userContextShopping.accesskey","telemetryId":4},
	  {"userContextId":5,"public":false,"icon":"","color":"","name":"userContextIdInternal.thumbnail","accessKey":""},
	  {"userContextId":4294967295,"public":false,"icon":"","color":"","name":"userContextIdInternal.webextStorageLocal","accessKey":""},
	  {"userContextId":6,"public":true,"icon":"circle","color":"red","name":"OFGL admin"}
	]}`
	newFile := `{"version":5,"lastUserContextId":7,"identities":[
	  {"userContextId":1,"public":true,"icon":"fingerprint","color":"blue","l10nId":"user-context-personal"},
	  {"userContextId":2,"public":true,"icon":"briefcase","color":"orange","l10nId":"user-context-work"},
	  {"userContextId":3,"public":true,"icon":"dollar","color":"green","l10nId":"user-context-banking"},
	  {"userContextId":4,"public":true,"icon":"cart","color":"pink","l10nId":"user-context-shopping"},
	  {"userContextId":6,"public":true,"icon":"circle","color":"red","name":"OFGL admin"},
	  {"userContextId":7,"public":true,"icon":"circle","color":"red","l10nId":"user-context-unknown"},
	  {"userContextId":6,"public":true,"icon":"circle","color":"red","name":"duplicate ignored"}
	]}`
	want := map[int]string{1: "Personal", 2: "Work", 3: "Banking", 4: "Shopping", 6: "OFGL admin"}
	for name, in := range map[string]string{"old": oldFile, "new": newFile} {
		got, err := ParseContainers([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}

	got, err := ParseContainers([]byte(`{"version":5}`))
	if err != nil || len(got) != 0 {
		t.Errorf("no identities: %v, %v", got, err)
	}

	for _, in := range []string{
		``, `[`, `[]`, `{"identities":{}}`, `{"identities":[{"name":"x"}]}`,
		`{"identities":[{"userContextId":"one","name":"x"}]}`, `{"identities":[{"userContextId":-2,"name":"x"}]}`,
		`{"identities":[{"userContextId":1,"name":5}]}`,
	} {
		if got, err := ParseContainers([]byte(in)); err == nil || got != nil {
			t.Errorf("ParseContainers(%s) = %v, %v; want error", in, got, err)
		} else if !strings.HasPrefix(err.Error(), "firefoxfmt: containers.json") {
			t.Errorf("ParseContainers(%s): error %q lacks prefix", in, err)
		}
	}
}
