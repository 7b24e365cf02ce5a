package catalog

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestCategoryNames(t *testing.T) {
	want := map[Category]string{
		Undeclared: "undeclared",
		Necessary:  "necessary",
		Statistics: "statistics",
		FirstParty: "first-party",
		ThirdParty: "third-party",
	}
	for c, s := range want {
		if c.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(c), c.String(), s)
		}
		for _, in := range []string{s, asciiUpper(s)} {
			got, err := ParseCategory(in)
			if err != nil || got != c {
				t.Errorf("ParseCategory(%q) = %v, %v", in, got, err)
			}
		}
		if c.Essential() != (c == Necessary) {
			t.Errorf("%v.Essential() = %v", c, c.Essential())
		}
	}
	for _, bad := range []string{"", "essential", "first party", "ſtatistics", " necessary", "Nécessaires"} {
		if _, err := ParseCategory(bad); err == nil {
			t.Errorf("ParseCategory(%q) accepted", bad)
		}
	}
	if s := Category(9).String(); s != "Category(9)" {
		t.Errorf("out of range: %q", s)
	}
	if got := Categories(); !slices.Equal(got, []Category{Necessary, Statistics, FirstParty, ThirdParty, Undeclared}) {
		t.Errorf("Categories() = %v", got)
	}
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

func TestCategoryJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Category{"c": FirstParty})
	if err != nil || string(b) != `{"c":"first-party"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back map[string]Category
	if err := json.Unmarshal(b, &back); err != nil || back["c"] != FirstParty {
		t.Errorf("Unmarshal = %v, %v", back, err)
	}
	if _, err := json.Marshal(Category(-1)); err == nil {
		t.Error("Marshal(Category(-1)) succeeded")
	}
}

func TestTextIn(t *testing.T) {
	both := Text{"bonjour", "hello"}
	onlyFR := Text{FR: "bonjour"}
	onlyEN := Text{EN: "hello"}
	tests := []struct {
		t    Text
		lang string
		want string
	}{
		{both, "fr", "bonjour"},
		{both, "FR", "bonjour"},
		{both, "fr-FR", "bonjour"},
		{both, "fr_CA", "bonjour"},
		{both, "en", "hello"},
		{both, "", "hello"},
		{both, "de", "hello"},
		{both, "fry", "hello"},
		{onlyFR, "en", "bonjour"},
		{onlyEN, "fr", "hello"},
		{Text{}, "fr", ""},
	}
	for _, tc := range tests {
		if got := tc.t.In(tc.lang); got != tc.want {
			t.Errorf("%+v.In(%q) = %q, want %q", tc.t, tc.lang, got, tc.want)
		}
	}
}

func TestParseLifetime(t *testing.T) {
	tests := []struct {
		in    string
		d     int64 // seconds
		fr    string
		en    string
		isErr bool
	}{
		{"session", 0, "session", "session", false},
		{"Session", 0, "session", "session", false},
		{"2w", 14 * 86400, "2 semaines", "2 weeks", false},
		{"1w", 7 * 86400, "1 semaine", "1 week", false},
		{"12mo", 31556952, "12 mois", "12 months", false},
		{"6mo", 31556952 / 2, "6 mois", "6 months", false},
		{"13 mo", 31556952 / 12 * 13, "13 mois", "13 months", false},
		{"1y", 31556952, "1 an", "1 year", false},
		{"2y", 2 * 31556952, "2 ans", "2 years", false},
		{"30min", 1800, "30 minutes", "30 minutes", false},
		{"24h", 86400, "24 heures", "24 hours", false},
		{"1d", 86400, "1 jour", "1 day", false},
		{"90s", 90, "90 secondes", "90 seconds", false},
		{"100y", 100 * 31556952, "100 ans", "100 years", false},
		{"101y", 0, "", "", true},
		{"99999999999999999999999s", 0, "", "", true},
		{"0w", 0, "", "", true},
		{"w", 0, "", "", true},
		{"2", 0, "", "", true},
		{"2 weeks", 0, "", "", true},
		{"-1d", 0, "", "", true},
		{"1.5y", 0, "", "", true},
		{"", 0, "", "", true},
	}
	isoOf := map[string]string{"2w": "P2W", "1w": "P1W", "12mo": "P12M", "6mo": "P6M", "13 mo": "P13M",
		"1y": "P1Y", "2y": "P2Y", "30min": "PT30M", "24h": "PT24H", "1d": "P1D", "90s": "PT90S", "100y": "P100Y"}
	for _, tc := range tests {
		lt, err := parseLifetime(tc.in)
		if tc.isErr {
			if err == nil {
				t.Errorf("parseLifetime(%q) = %+v, want error", tc.in, lt)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseLifetime(%q): %v", tc.in, err)
			continue
		}
		if lt.Seconds() != tc.d || lt.ISO8601 != isoOf[tc.in] || lt.Label != (Text{tc.fr, tc.en}) || lt.Session != (tc.in == "session" || tc.in == "Session") {
			t.Errorf("parseLifetime(%q) = %+v", tc.in, lt)
		}
	}
}
