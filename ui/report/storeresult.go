package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// StoreFailure says in the table's language why a store of a batch
// failed and what it holds now: a busy store names the other process, a
// store changed part-way says whether it was put back or keeps the change.
// The CLI and the UI print it the same way.
func StoreFailure(t *i18n.Strings, r inspect.StoreResult) string {
	files := strings.Join(r.ChangedFiles, ", ")
	switch {
	case r.Refused:
		return fmt.Sprintf(t.ResultRefused, t.Error(r.Err))
	case r.Busy != nil:
		return fmt.Sprintf(t.ResultBusy, Busy(t, r.Busy))
	case r.Change == inspect.ChangeRolledBack:
		return fmt.Sprintf(t.ResultRolledBack, t.Error(r.Err), files)
	case r.Change == inspect.ChangePartly:
		return fmt.Sprintf(t.ResultPartly, t.Error(r.Err), files)
	}
	return fmt.Sprintf(t.ResultFailed, t.Error(r.Err))
}

// Busy names the other ofgl-cookies process that kept a store busy.
func Busy(t *i18n.Strings, e *inspect.BusyError) string {
	return fmt.Sprintf(t.LockBusy, PID(e.Holder.PID), e.Holder.Command)
}

// PID prints a process id, "?" when the lock file did not say.
func PID(pid int) string {
	if pid <= 0 {
		return "?"
	}
	return strconv.Itoa(pid)
}

// LockTarget names what a lock protects: a store's path, or the state
// directory.
func LockTarget(t *i18n.Strings, store inspect.StoreRef) string {
	if store.Path == "" {
		return t.StateDirName
	}
	return store.Path
}
