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

// TestAuditKeyApartFromTheDialog: a opens the audit page from the table,
// while in the clear dialog it is the answer that clears everywhere; and
// the audit page's c waits while a deletion runs.
func TestAuditKeyApartFromTheDialog(t *testing.T) {
	b := newFake()
	h := newHarness(t, b, i18n.English, 100, 40)
	h.keys("b", "b", "c") // chromium/Work: 1 shown, more in all
	h.mustShow("a: clear all")
	h.keys("a")
	if h.m.state != stateBrowse || len(b.deleted) != 1 {
		t.Fatalf("a in the dialog: state %s, deleted %v", h.m.state, b.deleted)
	}
	h.keys("a")
	if h.m.state != stateAudit {
		t.Fatalf("a in the table: state %s, want audit", h.m.state)
	}
	h.m.task = task{kind: taskDeleting, msg: "deleting"}
	h.m.syncKeys()
	h.keys("c")
	if h.m.state != stateAudit || h.m.dialog != nil {
		t.Fatalf("c on the audit page while deleting: state %s", h.m.state)
	}
	if h.m.status.text != i18n.For(i18n.English).UIBusy {
		t.Errorf("c on the audit page while deleting: status %q", h.m.status.text)
	}
}
