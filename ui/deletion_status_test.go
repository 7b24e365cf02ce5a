package ui

import (
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// A store another run kept busy, and stores that failed part-way, say so
// in the status line in the user's language, never "nothing changed" for a
// store that was changed.
func TestDeletionStatusBusyAndPartial(t *testing.T) {
	ref := inspect.StoreRef{Browser: "firefox", Profile: "default", Path: "/p/sessionstore.jsonlz4"}
	busy := inspect.StoreResult{Store: ref, Requested: 1, Err: &inspect.BusyError{Store: ref, Holder: inspect.LockHolder{PID: 4242, Command: "clear"}},
		Busy: &inspect.BusyError{Store: ref, Holder: inspect.LockHolder{PID: 4242, Command: "clear"}}}
	rolled := inspect.StoreResult{Store: ref, Requested: 1, Err: &inspect.Problem{Kind: inspect.ProblemReadOnly}, Change: inspect.ChangeRolledBack}
	partly := inspect.StoreResult{Store: ref, Requested: 1, Err: &inspect.Problem{Kind: inspect.ProblemReadOnly}, Change: inspect.ChangePartly}
	for _, c := range []struct {
		lang      i18n.Lang
		r         inspect.StoreResult
		want, not string
	}{
		{i18n.English, busy, "pid 4242, clear", ""},
		{i18n.French, busy, "pid 4242, clear", ""},
		{i18n.English, rolled, "put back as it was", "nothing changed"},
		{i18n.French, rolled, "remis comme avant", "rien n'a changé"},
		{i18n.English, partly, "its undo record is kept", "nothing changed"},
		{i18n.French, partly, "données d'annulation conservées", "rien n'a changé"},
	} {
		got, kind := deletionStatus(deletedMsg{result: inspect.BatchResult{Stores: []inspect.StoreResult{c.r}}}, i18n.For(c.lang))
		if kind != statusError || !strings.Contains(got, c.want) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("%v %q: status %q (kind %v), want it to contain %q", c.lang, c.r.Change, got, kind, c.want)
		}
	}
}
