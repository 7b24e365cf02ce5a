package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKeepRule(t *testing.T) {
	cases := []struct {
		in      string
		want    KeepRule
		problem KeepRuleProblem
	}{
		{"sessionid", KeepRule{Name: "sessionid"}, 0},
		{"  _ga@ofgl.fr  ", KeepRule{Name: "_ga", Host: "ofgl.fr"}, 0},
		{"_ga@.OFGL.fr", KeepRule{Name: "_ga", Host: "ofgl.fr"}, 0},
		{"_ga@ofgl.fr.", KeepRule{Name: "_ga", Host: "ofgl.fr"}, 0},
		{"x@données.fr", KeepRule{Name: "x", Host: "xn--donnes-eva.fr"}, 0},
		{"x@127.0.0.1", KeepRule{Name: "x", Host: "127.0.0.1"}, 0},
		{"x@localhost", KeepRule{Name: "x", Host: "localhost"}, 0},
		{"_pk_*", KeepRule{Name: "_pk_*"}, 0},
		{"_pk_*@data.ofgl.fr", KeepRule{Name: "_pk_*", Host: "data.ofgl.fr"}, 0},
		{"Été", KeepRule{Name: "Été"}, 0},
		{"", KeepRule{}, KeepRuleEmptyName},
		{"   ", KeepRule{}, KeepRuleEmptyName},
		{"@ofgl.fr", KeepRule{}, KeepRuleEmptyName},
		{"x@", KeepRule{}, KeepRuleEmptyHost},
		{"x@ .", KeepRule{}, KeepRuleEmptyHost},
		{"x@y@z", KeepRule{}, KeepRuleManyAts},
		{"*", KeepRule{}, KeepRuleLoneStar},
		{"*@ofgl.fr", KeepRule{}, KeepRuleLoneStar},
		{"**", KeepRule{}, KeepRuleStarInside},
		{"_pk*_id", KeepRule{}, KeepRuleStarInside},
		{"*_id", KeepRule{}, KeepRuleStarInside},
		{"\x1b[31mred", KeepRule{}, KeepRuleControl},
		{"a\x7fb", KeepRule{}, KeepRuleControl},
		{"a\tb", KeepRule{}, KeepRuleControl},
		{"a\u0085b", KeepRule{}, KeepRuleControl},
		{"x@ofgl.fr\x1b", KeepRule{}, KeepRuleControl},
		{"a\xffb", KeepRule{}, KeepRuleInvalidUTF8},
		{"a b", KeepRule{}, KeepRuleBadNameChar},
		{"a;b", KeepRule{}, KeepRuleBadNameChar},
		{"a=b", KeepRule{}, KeepRuleBadNameChar},
		{"a,b", KeepRule{}, KeepRuleBadNameChar},
		{"x@https://ofgl.fr", KeepRule{}, KeepRuleBadHost},
		{"x@ofgl.fr:443", KeepRule{}, KeepRuleBadHost},
		{"x@ofgl.fr/path", KeepRule{}, KeepRuleBadHost},
		{"x@of gl.fr", KeepRule{}, KeepRuleBadHost},
		{"x@fr", KeepRule{}, KeepRuleBadHost},
		{"x@a..b", KeepRule{}, KeepRuleBadHost},
	}
	for _, c := range cases {
		got, err := ParseKeepRule(c.in)
		if c.problem == 0 {
			if err != nil || got != c.want {
				t.Errorf("%q: %+v, %v; want %+v", c.in, got, err, c.want)
			}
			// What String prints parses back to the same rule.
			if back, err := ParseKeepRule(got.String()); err != nil || back != got {
				t.Errorf("%q: String %q reads back as %+v, %v", c.in, got.String(), back, err)
			}
			continue
		}
		var ke *KeepRuleError
		if !errors.As(err, &ke) || ke.Problem != c.problem {
			t.Errorf("%q: %+v, %v; want problem %d", c.in, got, err, c.problem)
			continue
		}
		if ke.Rule != c.in {
			t.Errorf("%q: error holds %q", c.in, ke.Rule)
		}
		if strings.ContainsAny(err.Error(), "\x1b\x7f\t") {
			t.Errorf("%q: Error() %q holds control bytes", c.in, err.Error())
		}
	}
}

func TestKeepRuleMatches(t *testing.T) {
	cookie := func(name, host string) Cookie { return Cookie{Name: name, Host: host} }
	cases := []struct {
		rule   string
		cookie Cookie
		want   bool
	}{
		{"_pk_*", cookie("_pk_id.1.abcd", "data.ofgl.fr"), true},
		{"_pk_*", cookie("_pk_", "data.ofgl.fr"), true},
		{"_pk_*", cookie("_pk", "data.ofgl.fr"), false},
		{"_pk_*", cookie("_PK_id", "data.ofgl.fr"), false}, // names are case-sensitive
		{"_pk_*", cookie("x_pk_id", "data.ofgl.fr"), false},
		{"_pk_*@data.ofgl.fr", cookie("_pk_ses.1", "data.ofgl.fr"), true},
		{"_pk_*@data.ofgl.fr", cookie("_pk_ses.1", ".ofgl.fr"), false},
		{"_ga@ofgl.fr", cookie("_ga", ".ofgl.fr"), true},
		{"_ga@OFGL.FR", cookie("_ga", ".ofgl.fr"), true},
		{"_ga@ofgl.fr", cookie("_ga", "data.ofgl.fr"), false},
		{"_ga", cookie("_ga", "anything.example"), true},
		{"_ga", cookie("_gat", "ofgl.fr"), false},
	}
	for _, c := range cases {
		r, err := ParseKeepRule(c.rule)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Matches(c.cookie); got != c.want {
			t.Errorf("%s on %s@%s: %v, want %v", c.rule, c.cookie.Name, c.cookie.Host, got, c.want)
		}
	}
}

func TestKeepRuleFor(t *testing.T) {
	r, err := KeepRuleFor(Cookie{Name: "_ga", Host: ".ofgl.fr"})
	if err != nil || r != (KeepRule{Name: "_ga", Host: "ofgl.fr"}) {
		t.Fatalf("%+v %v", r, err)
	}
	for _, c := range []Cookie{{Name: "a*", Host: "ofgl.fr"}, {Name: "a\x1b", Host: "ofgl.fr"}, {Name: "a@b", Host: "ofgl.fr"}} {
		var ke *KeepRuleError
		if _, err := KeepRuleFor(c); !errors.As(err, &ke) {
			t.Errorf("%q: %v", c.Name, err)
		}
	}
}

func TestLoadKeepListNamesTheLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keep.txt")
	os.WriteFile(path, []byte("# comment\n_ga@ofgl.fr\n\n_pk_*\n\x1b[31mred\n"), 0o600)
	_, err := LoadKeepList(path)
	var ke *KeepRuleError
	if !errors.As(err, &ke) || ke.File != path || ke.Line != 5 || ke.Problem != KeepRuleControl {
		t.Fatalf("%#v", err)
	}
	if !strings.HasPrefix(err.Error(), path+":5: ") {
		t.Errorf("Error() = %q", err.Error())
	}
	// What SaveKeepList writes, LoadKeepList reads back.
	rules := []KeepRule{{Name: "_pk_*"}, {Name: "_ga", Host: "ofgl.fr"}}
	if err := SaveKeepList(path, rules); err != nil {
		t.Fatal(err)
	}
	back, err := LoadKeepList(path)
	if err != nil || len(back) != 2 {
		t.Fatalf("%v %v", back, err)
	}
}
