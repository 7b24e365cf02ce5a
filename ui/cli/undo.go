package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// UndoRequest is undo: the latest batch, a named one, or a whole-file
// restore; or the pruning of old batches.
type UndoRequest struct {
	Batch       string // "" for the latest batch that can be undone
	List        bool   // only list the batches
	JSON        bool   // with List: as JSON
	RestoreFile bool   // put the backup files back (explicit, with a warning)
	DryRun      bool   // say what would be restored or removed, change nothing
	Prune       bool   // remove the batches the retention no longer keeps
	OlderThan   *time.Duration
	Retention   inspect.Retention // from the environment
	Yes         bool
	Delete      inspect.DeleteOptions
}

// Undo lists the deletion batches, restores one, or prunes old ones.
func Undo(ctx context.Context, env Env, req UndoRequest) int {
	t := env.t()
	stateDir := req.Delete.StateDir
	if stateDir == "" {
		d, err := inspect.StateDir()
		if err != nil {
			env.warnf("%s", t.Error(err))
			return ExitRuntime
		}
		stateDir = d
	}
	if req.Prune {
		return prune(ctx, env, stateDir, req)
	}
	if !req.DryRun {
		recovery := req.Delete
		recovery.StateDir = stateDir
		recoverInterrupted(ctx, env, recovery)
	}
	batches, err := inspect.ListBatches(stateDir)
	if err != nil {
		env.warnf("%s", errText(t, err))
		return ExitRuntime
	}
	next := ""
	for _, b := range batches {
		if b.Undoable() {
			next = b.ID
			break
		}
	}
	if req.List {
		return listBatches(env, batches, next, req.JSON)
	}
	id := req.Batch
	if id == "" {
		if next == "" {
			fmt.Fprintln(env.Stdout, t.UndoNone)
			return ExitOK
		}
		id = next
	}
	b, err := inspect.LoadBatch(stateDir, id)
	if err != nil {
		env.warnf("%s", errText(t, err))
		return ExitRuntime
	}
	if err := b.AlreadyDone(); err != nil {
		fmt.Fprintln(env.Stdout, errText(t, err))
		return ExitOK
	}
	about := b.Created.Local().Format(time.DateTime) + ", " + cookieCount(t, b.Cookies())
	switch {
	case req.DryRun && req.RestoreFile:
		fmt.Fprintf(env.Stdout, t.RestoreDryTitle+"\n", b.ID, about)
		results, err := inspect.PlanRestore(ctx, stateDir, b.ID, req.Delete)
		return printUndo(env, b.ID, results, err, undoDryRun|undoFiles)
	case req.DryRun:
		fmt.Fprintf(env.Stdout, t.UndoDryTitle+"\n", b.ID, about)
		results, err := inspect.PlanUndo(ctx, stateDir, b.ID, req.Delete)
		return printUndo(env, b.ID, results, err, undoDryRun)
	case req.RestoreFile:
		fmt.Fprintf(env.Stdout, t.RestoreFileWarning+"\n", b.ID)
		if !req.Yes {
			if !env.StdinTTY {
				env.warnf("%s", t.NeedYesRestore)
				return ExitUsage
			}
			if !confirm(ctx, env, t.RestoreFilePrompt) {
				if ctx.Err() != nil {
					env.warnf("%s", t.Interrupted)
					return ExitSignal
				}
				fmt.Fprintln(env.Stdout, t.Cancelled)
				return ExitOK
			}
		}
		fmt.Fprintf(env.Stdout, t.RestoreTitle+"\n", b.ID, about)
		results, err := inspect.RestoreBackup(ctx, stateDir, b.ID, withLockMessages(env, req.Delete, "undo"))
		return printUndo(env, b.ID, results, err, undoFiles)
	}
	fmt.Fprintf(env.Stdout, t.UndoTitle+"\n", b.ID, about)
	_, results, err := inspect.Undo(ctx, stateDir, b.ID, withLockMessages(env, req.Delete, "undo"))
	return printUndo(env, b.ID, results, err, 0)
}

// What printUndo prints.
const (
	undoDryRun = 1 << iota // a plan: "would"
	undoFiles              // restore-file: files, not rows
)

func printUndo(env Env, id string, results []inspect.UndoResult, err error, mode int) int {
	t := env.t()
	var done *inspect.AlreadyDoneError
	if errors.As(err, &done) {
		fmt.Fprintln(env.Stdout, errText(t, err))
		return ExitOK
	}
	if err != nil && results == nil {
		env.warnf("%s", errText(t, err))
		return ExitRuntime
	}
	if err == nil && len(results) == 0 {
		fmt.Fprintf(env.Stdout, t.UndoNothingInBatch+"\n", id)
		return ExitOK
	}
	dry, files := mode&undoDryRun != 0, mode&undoFiles != 0
	code := ExitOK
	for _, r := range results {
		var status string
		switch {
		case r.Refused:
			status = fmt.Sprintf(t.ResultRefused, t.Error(r.Err))
			code = ExitRunning
		case r.Already:
			status = t.UndoAlreadyStore
		case r.Err != nil:
			status = fmt.Sprintf(t.ResultFailed, t.Error(r.Err))
			if code == ExitOK {
				code = ExitRuntime
			}
		case dry:
			status = fmt.Sprintf(t.Plural(r.Restored, t.UndoWouldOne, t.UndoWouldMany), r.Restored)
			if files {
				status += ", " + fmt.Sprintf(t.Plural(len(r.Files), t.RestoreWouldFilesOne, t.RestoreWouldFiles), len(r.Files))
			}
		default:
			status = fmt.Sprintf(t.Plural(r.Restored, t.UndoCookiesOne, t.UndoCookiesMany), r.Restored)
			if files {
				status += ", " + fmt.Sprintf(t.Plural(len(r.Files), t.RestoreFilesOne, t.RestoreFilesMany), len(r.Files))
			}
		}
		fmt.Fprintf(env.Stdout, "%s · %s · %s: %s\n", r.Store.Browser, r.Store.Profile, r.Store.Path, status)
		if r.Refused {
			continue
		}
		for _, c := range r.Cookies {
			fmt.Fprintf(env.Stdout, t.UndoCookieLine+"\n", c.Name, c.Host)
		}
		for _, p := range r.Removed {
			if dry {
				fmt.Fprintf(env.Stdout, t.RestoreWouldStaleLine+"\n", p)
			} else {
				fmt.Fprintf(env.Stdout, t.RestoreStaleLine+"\n", p)
			}
		}
		for _, f := range r.Files {
			if dry {
				fmt.Fprintf(env.Stdout, t.RestoreWouldFileLine+"\n", f.Path, formatBytes(t, f.Size))
			} else {
				fmt.Fprintf(env.Stdout, t.RestoreFileLine+"\n", f.Path, formatBytes(t, f.Size))
			}
		}
		for _, s := range r.Skipped {
			fmt.Fprintf(env.Stdout, "  "+t.UndoSkipped+"\n", t.Skipped(s))
		}
	}
	if err != nil {
		env.warnf("%s", errText(t, err))
		if code == ExitOK {
			code = ExitRuntime
		}
	}
	switch {
	case dry:
		// A preview: what it found, refusals included, is its answer.
		fmt.Fprintln(env.Stdout, t.UndoDryDone)
		return ExitOK
	case code == ExitOK && files:
		fmt.Fprintf(env.Stdout, t.RestoreDone+"\n", id)
	case code == ExitOK:
		fmt.Fprintf(env.Stdout, t.UndoDone+"\n", id)
	default:
		fmt.Fprintf(env.Stdout, t.UndoPartly+"\n", id)
		// A run that exits non-zero says why on stderr.
		if code == ExitRunning {
			env.warnf("%s", t.RunningHint)
			break
		}
		for _, r := range results {
			if r.Err != nil {
				env.warnf("%s: %s", r.Store.Path, t.Error(r.Err))
				break
			}
		}
	}
	return code
}

// prune removes the batches the retention (or --older-than) no longer
// keeps, and says what went and the bytes freed.
func prune(ctx context.Context, env Env, stateDir string, req UndoRequest) int {
	t := env.t()
	ret := req.Retention
	if req.OlderThan != nil {
		ret.MaxAge = *req.OlderThan
	}
	res, err := inspect.Prune(ctx, stateDir, inspect.PruneOptions{Retention: ret, DryRun: req.DryRun}, withLockMessages(env, req.Delete, "prune"))
	if err != nil {
		env.warnf("%s", errText(t, err))
		return ExitRuntime
	}
	printPruned(env, res, req.DryRun)
	if len(res.Removed) == 0 {
		fmt.Fprintf(env.Stdout, t.PruneNone+"\n", t.Nf(t.RetentionDesc, ret.MaxCount, ret.MaxCount, formatAge(ret.MaxAge)))
		return ExitOK
	}
	n := len(res.Removed)
	if req.DryRun {
		fmt.Fprintf(env.Stdout, t.Plural(n, t.PruneWouldOne, t.PruneWouldMany)+"\n", n, formatBytes(t, res.Bytes))
	} else {
		fmt.Fprintf(env.Stdout, t.Plural(n, t.PruneSummaryOne, t.PruneSummaryMany)+"\n", n, formatBytes(t, res.Bytes))
	}
	for _, p := range res.Removed {
		if p.Err != nil {
			return ExitRuntime
		}
	}
	return ExitOK
}

func printPruned(env Env, res inspect.PruneResult, dry bool) {
	t := env.t()
	for _, p := range res.Removed {
		status := t.PruneLeftover
		if p.Status != "" {
			status = statusText(t, p.Status) + ", " + cookieCount(t, p.Cookies)
		}
		line := t.PruneLine
		if dry {
			line = t.PruneWouldLine
		}
		fmt.Fprintf(env.Stdout, line+"\n", p.ID, p.Created.Local().Format(time.DateTime), status, formatBytes(t, p.Bytes))
		if p.Err != nil {
			env.warnf(t.PruneFailed, p.ID, t.Error(p.Err))
		}
	}
	for _, id := range res.InUse {
		fmt.Fprintf(env.Stdout, t.PruneInUse+"\n", id)
	}
}

// printAutoPrune says what the prune after a deletion removed.
func printAutoPrune(env Env, b inspect.BatchResult) {
	t := env.t()
	if b.PruneErr != nil {
		env.warnf(t.PruneAutoFailed, errText(t, b.PruneErr))
		return
	}
	if n := len(b.Pruned.Removed); n > 0 {
		fmt.Fprintf(env.Stdout, t.Plural(n, t.PruneSummaryOne, t.PruneSummaryMany)+"\n", n, formatBytes(t, b.Pruned.Bytes))
	}
}

// statusText names a batch status; one this version does not know is shown
// as it is.
func statusText(t *i18n.Strings, status string) string {
	if s, ok := t.BatchStatus[status]; ok {
		return s
	}
	return status
}

func cookieCount(t *i18n.Strings, n int) string {
	return fmt.Sprintf(t.Plural(n, t.BatchCookiesOne, t.BatchCookiesMany), n)
}

// formatBytes gives a size in the reader's units, with the exact count.
func formatBytes(t *i18n.Strings, n int64) string {
	exact := fmt.Sprintf(t.Plural(int(min(n, 2)), t.BytesOne, t.BytesMany), n)
	unit, div := "", 1.0
	switch {
	case n >= 1<<30:
		unit, div = t.BytesGB, 1<<30
	case n >= 1<<20:
		unit, div = t.BytesMB, 1<<20
	case n >= 1<<10:
		unit, div = t.BytesKB, 1<<10
	default:
		return exact
	}
	v := strings.Replace(strconv.FormatFloat(float64(n)/div, 'f', 1, 64), ".", t.DecimalSep, 1)
	return fmt.Sprintf(unit, v, exact)
}

// formatAge prints a retention age in days when it is whole days.
func formatAge(d time.Duration) string {
	if d > 0 && d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	return d.String()
}

// errText renders the errors inspect types in the reader's language, and
// translates the phrases of the others.
func errText(t *i18n.Strings, err error) string {
	var done *inspect.AlreadyDoneError
	var unsafe *inspect.UnsafeDirError
	var ret *inspect.RetentionError
	var busy *inspect.BusyError
	switch {
	case errors.As(err, &busy):
		return report.Busy(t, busy)
	case errors.As(err, &done):
		when := done.When.Local().Format(time.DateTime)
		if done.Status == inspect.BatchRestored {
			return fmt.Sprintf(t.UndoAlreadyRestored, done.ID, when)
		}
		return fmt.Sprintf(t.UndoAlreadyDone, done.ID, when)
	case errors.As(err, &unsafe):
		return fmt.Sprintf(t.ErrUnsafeStateDir, unsafe.Dir, inspect.ModeString(unsafe.Mode))
	case errors.As(err, &ret):
		return fmt.Sprintf(t.ErrBadRetention, ret.Name, ret.Value)
	}
	return t.Error(err)
}
