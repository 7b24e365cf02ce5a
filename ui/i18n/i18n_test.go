package i18n

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/catalog"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// Every string exists in both languages, with the same format verbs in the
// same order, so a translation can never print %!d(MISSING).
func TestTablesComplete(t *testing.T) {
	fr, en := reflect.ValueOf(french), reflect.ValueOf(english)
	for i := 0; i < fr.NumField(); i++ {
		name := fr.Type().Field(i).Name
		switch f := fr.Field(i); f.Kind() {
		case reflect.String:
			e := en.Field(i).String()
			if f.String() == "" {
				t.Errorf("French string %s is missing", name)
			}
			if e == "" {
				t.Errorf("English string %s is missing", name)
			}
			if a, b := verb.FindAllString(f.String(), -1), verb.FindAllString(e, -1); !reflect.DeepEqual(a, b) {
				t.Errorf("%s: French verbs %v, English verbs %v", name, a, b)
			}
		case reflect.Struct:
			if c, ok := f.Interface().(Counted); ok {
				checkCounted(t, name, c, en.Field(i).Interface().(Counted))
			}
		case reflect.Map:
			for _, k := range en.Field(i).MapKeys() {
				v := f.MapIndex(k)
				if !v.IsValid() || v.String() == "" {
					t.Errorf("French %s[%s] is missing", name, k)
					continue
				}
				if a, b := verb.FindAllString(v.String(), -1), verb.FindAllString(en.Field(i).MapIndex(k).String(), -1); !reflect.DeepEqual(a, b) {
					t.Errorf("%s[%s]: French verbs %v, English verbs %v", name, k, a, b)
				}
			}
			if c, ok := f.Interface().(map[catalog.Category]Counted); ok {
				for k, v := range c {
					checkCounted(t, fmt.Sprintf("%s[%v]", name, k), v, english.CategoryCounts[k])
				}
			}
			if f.Len() != en.Field(i).Len() {
				t.Errorf("%s: %d French entries, %d English", name, f.Len(), en.Field(i).Len())
			}
		}
	}
}

func TestDetectAndParse(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, French},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, English},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, French},
		{map[string]string{"LC_ALL": "fr"}, French},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
	}
	for _, c := range cases {
		if got := Detect(env(c.env)); got != c.want {
			t.Errorf("Detect(%v) = %s, want %s", c.env, got, c.want)
		}
	}
	for in, want := range map[string]Lang{"fr": French, "FR": French, "fr_BE": French, "en": English, "en-GB": English} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %s, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "de", "french", "f"} {
		if _, ok := Parse(in); ok {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
	if For(French).Yes != "oui" || For("xx").Yes != "yes" {
		t.Error("For picks the wrong table")
	}
}

// checkCounted: both forms in both languages, the same verbs everywhere,
// except a One form without verbs (used for exactly 1).
func checkCounted(t *testing.T, name string, fr, en Counted) {
	t.Helper()
	want := verb.FindAllString(en.Many, -1)
	for _, form := range []struct{ what, s string }{{"French One", fr.One}, {"French Many", fr.Many}, {"English One", en.One}, {"English Many", en.Many}} {
		if form.s == "" {
			t.Errorf("%s: %s is missing", name, form.what)
			continue
		}
		got := verb.FindAllString(form.s, -1)
		if strings.HasSuffix(form.what, "One") && len(got) == 0 && len(want) == 1 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s verbs %v, English Many verbs %v", name, form.what, got, want)
		}
	}
}
