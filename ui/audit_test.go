package ui

import (
	"reflect"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

func TestAuditPageClearsWhatItNames(t *testing.T) {
	b := newFake()
	b.keep = []inspect.KeepRule{{Name: "_pk_id.1.abcd", Host: "data.ofgl.fr"}}
	h := newHarness(t, b, i18n.English, 100, 40)
	h.keys("a")
	h.mustShow("Audit of data.ofgl.fr against the data.ofgl.fr charter", "audience-over-13-months — audience cookie past 13 months (error): 3",
		"c clears the 5 non-essential cookies named here")
	h.keys("esc")
	if h.m.state != stateBrowse {
		t.Fatal("esc did not leave the audit page")
	}
	h.keys("a", "c")
	if h.m.state != stateConfirm || h.m.dialog == nil {
		t.Fatal("c on the audit page did not ask")
	}
	h.mustShow("Clear the 4 non-essential cookies?", "Kept by the keep list: _pk_id.1.abcd")
	h.keys("y")
	for path, want := range map[string][]string{
		chromeDefault: {"sessionid", "csrftoken", "_pk_id.1.abcd"},
		chromeWork:    nil,
		firefoxPath:   {"sessionid", "django_language"},
	} {
		if got := b.names(path); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", path, got, want)
		}
	}
}
