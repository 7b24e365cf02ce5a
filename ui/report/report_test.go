package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// sample builds findings as inspect returns them, classified by the real charter.
func sample() ([]inspect.Finding, []inspect.StoreStatus) {
	chromium := inspect.StoreRef{Browser: "chromium", Profile: "Your Chromium", Path: "/home/u/.config/chromium/Default/Cookies", Kind: inspect.KindChromium}
	firefox := inspect.StoreRef{Browser: "firefox", Profile: "default-esr", Path: "/home/u/.config/mozilla/firefox/x.default-esr/cookies.sqlite", Kind: inspect.KindFirefox}
	exp := time.Date(2027, 3, 1, 12, 30, 0, 0, time.UTC)
	cookies := []inspect.Cookie{
		{Store: chromium, Host: "data.ofgl.fr", Name: "sessionid", Path: "/", Expires: exp, Secure: true, HTTPOnly: true, SameSite: inspect.SameSiteLax,
			Value: "s3cr3t", ValueState: inspect.ValueShown, Chromium: &inspect.ChromiumKey{SourceScheme: 2, SourcePort: 443, IsPersistent: true, HasCrossSiteAncestor: 1}},
		{Store: chromium, Host: "data.ofgl.fr", Name: "cookies_preferences", Path: "/", Expires: exp, Value: `{"stats":false}`, ValueState: inspect.ValueShown,
			Chromium: &inspect.ChromiumKey{SourceScheme: 2, SourcePort: 443, IsPersistent: true}},
		{Store: chromium, Host: ".ofgl.fr", Name: "_ga", Path: "/", Expires: exp, ValueState: inspect.ValueUndecryptable,
			Chromium: &inspect.ChromiumKey{SourceScheme: 2, SourcePort: 443, IsPersistent: true}},
		{Store: chromium, Host: "tracker.example", Name: "trk_chips", Path: "/", Expires: exp, Secure: true, SameSite: inspect.SameSiteNone,
			PartitionSite: "https://ofgl.fr", Partitioned: true, ThirdParty: true, Value: "t", ValueState: inspect.ValueShown,
			Chromium: &inspect.ChromiumKey{TopFrameSiteKey: "https://ofgl.fr", SourceScheme: 2, SourcePort: 443, IsPersistent: true}},
		{Store: firefox, Host: "data.ofgl.fr", Name: "ofgl_session", Path: "/", Session: true, Value: "1", ValueState: inspect.ValueShown,
			Firefox: &inspect.FirefoxKey{}},
		{Store: firefox, Host: "data.ofgl.fr", Name: "_pk_id.1.abcd", Path: "/", Expires: exp, Container: "Work", Value: "x\ty", ValueState: inspect.ValueShown,
			Firefox: &inspect.FirefoxKey{OriginAttributes: "^userContextId=2", UserContextID: 2}},
	}
	cat := catalog.Default()
	var findings []inspect.Finding
	for _, c := range cookies {
		findings = append(findings, inspect.Finding{Cookie: c, Match: cat.Match(c.Host, c.Name, c.ThirdParty)})
	}
	stores := []inspect.StoreStatus{
		{StoreRef: chromium, OK: true, Count: 4},
		{StoreRef: firefox, OK: true, Count: 2, Note: inspect.NoteSnapshot},
		{StoreRef: inspect.StoreRef{Browser: "chrome", Profile: "Default", Path: "/home/u/.config/google-chrome/Default/Cookies"}, Err: &inspect.Problem{Kind: inspect.ProblemDamaged, Detail: "file is not a database"}},
	}
	return findings, stores
}

func TestTableGolden(t *testing.T) {
	findings, stores := sample()
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		for _, values := range []bool{false, true} {
			var b bytes.Buffer
			o := Options{Lang: lang, Site: "data.ofgl.fr", ShowValues: values, Location: time.UTC}
			if err := Table(&b, findings, stores, o); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b.Bytes(), []byte("\x1b[")) {
				t.Error("plain output holds ANSI codes")
			}
			if !values && bytes.Contains(b.Bytes(), []byte("s3cr3t")) {
				t.Error("a value is printed without --show-values")
			}
			name := "table-" + string(lang)
			if values {
				name += "-values"
			}
			golden(t, name, b.Bytes())
		}
	}
}

func TestTableColourKeepsWordsAndAlignment(t *testing.T) {
	findings, stores := sample()
	var plain, colour bytes.Buffer
	Table(&plain, findings, stores, Options{Lang: i18n.English, Site: "data.ofgl.fr", Location: time.UTC})
	Table(&colour, findings, stores, Options{Lang: i18n.English, Site: "data.ofgl.fr", Location: time.UTC, Color: true})
	stripped := stripANSI(colour.String())
	if stripped != plain.String() {
		t.Errorf("coloured output differs from plain once colours are removed:\n%s\n---\n%s", stripped, plain.String())
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && !(s[j] >= 0x40 && s[j] <= 0x7e) {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestJSONGolden(t *testing.T) {
	findings, _ := sample()
	for _, values := range []bool{false, true} {
		var b bytes.Buffer
		if err := JSON(&b, findings, Options{Lang: i18n.English, ShowValues: values}); err != nil {
			t.Fatal(err)
		}
		var decoded []map[string]any
		if err := json.Unmarshal(b.Bytes(), &decoded); err != nil {
			t.Fatal(err)
		}
		for _, c := range decoded {
			for _, k := range []string{"schema_version", "browser", "profile", "store", "host", "name", "path", "category", "category_source", "declared", "provider",
				"service_fr", "service_en", "purpose_fr", "purpose_en", "expires", "session", "secure", "http_only", "same_site", "partition_site"} {
				if _, ok := c[k]; !ok {
					t.Errorf("%v: missing key %q", c["name"], k)
				}
			}
			if _, ok := c["value"]; ok && !values {
				t.Errorf("%v: value without --show-values", c["name"])
			}
		}
		name := "json"
		if values {
			name += "-values"
		}
		golden(t, name, b.Bytes())
	}
}

func TestNetscapeGolden(t *testing.T) {
	findings, _ := sample()
	var b bytes.Buffer
	_, err := Netscape(&b, findings)
	if err == nil || !strings.Contains(err.Error(), "_pk_id.1.abcd") || strings.Contains(err.Error(), "x\ty") {
		t.Fatalf("a value with a TAB must be refused by name, without the value: %v", err)
	}
	b.Reset()
	skipped, err := Netscape(&b, findings[:5])
	if err != nil {
		t.Fatal(err)
	}
	if skipped != 1 {
		t.Errorf("skipped %d, want 1 (the undecryptable _ga)", skipped)
	}
	golden(t, "netscape", b.Bytes())
}

func TestStoresGolden(t *testing.T) {
	_, stores := sample()
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		var b bytes.Buffer
		if err := Stores(&b, stores, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		golden(t, "stores-"+string(lang), b.Bytes())
	}
	var b bytes.Buffer
	if err := StoresJSON(&b, stores); err != nil {
		t.Fatal(err)
	}
	golden(t, "stores-json", b.Bytes())
}

// The JSON is for programs: the interface language changes no byte.
func TestJSONSameInEveryLanguage(t *testing.T) {
	findings, _ := sample()
	var fr, en bytes.Buffer
	if err := JSON(&fr, findings, Options{Lang: i18n.French, ShowValues: true}); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&en, findings, Options{Lang: i18n.English, ShowValues: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fr.Bytes(), en.Bytes()) {
		t.Errorf("--json differs between French and English:\n%s\n---\n%s", fr.String(), en.String())
	}
	// Both texts are there, whatever the language.
	for _, want := range []string{`"purpose_fr": "Se souvenir de l'utilisateur`, `"purpose_en": "Remember the user`,
		`"service_en": "Authentication (front and back office)"`, `"iso8601": "P2W"`, `"seconds": 1209600`,
		`"category": "statistics",
    "category_source": "guess",
    "declared": false`, `"category": "third-party",
    "category_source": "partition"`} {
		if !strings.Contains(en.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

// Every figure of a count line is one category, and they add up to the
// total; the undeclared figure is a part, not a term.
func TestCountLineAddsUp(t *testing.T) {
	findings, _ := sample()
	n := inspect.CountCategories(findings, inspect.Filter{})
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		tr := i18n.For(lang)
		sum := 0
		for _, s := range CountSegments(tr, n) {
			sum += s.N
			if !strings.HasPrefix(s.Text, fmt.Sprint(s.N)+" ") {
				t.Errorf("%s: segment %q does not show %d", lang, s.Text, s.N)
			}
		}
		if sum != n.Total || n.Total != len(findings) {
			t.Errorf("%s: segments add up to %d, total %d, %d findings", lang, sum, n.Total, len(findings))
		}
	}
	want := "6 cookies: 2 necessary · 2 statistics · 0 first-party · 1 third-party · 1 unclassified (4 of them undeclared)"
	if got := CountLine(i18n.For(i18n.English), n); got != want {
		t.Errorf("CountLine = %q, want %q", got, want)
	}
	want = "6 cookies : 2 nécessaires · 2 statistiques · 0 interne · 1 tiers · 1 non classé (dont 4 non déclarés)"
	if got := CountLine(i18n.For(i18n.French), n); got != want {
		t.Errorf("CountLine = %q, want %q", got, want)
	}
}

// An undeclared cookie with no guess says so in words, in each language.
func TestUnknownProviderAndPurpose(t *testing.T) {
	findings, stores := sample()
	for lang, want := range map[i18n.Lang]string{i18n.English: "unknown", i18n.French: "inconnu"} {
		var b bytes.Buffer
		if err := Table(&b, findings, stores, Options{Lang: lang, Site: "data.ofgl.fr", Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(b.String(), "\n") {
			if strings.Contains(line, "ofgl_session") && !strings.Contains(line, "  "+want+"  ") {
				t.Errorf("%s: %q shows no %q", lang, line, want)
			}
		}
	}
}
