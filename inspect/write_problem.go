package inspect

import (
	"errors"
	"io/fs"
	"syscall"
)

// describeWriteError classifies SQLite's write errors by their result
// codes (and the system's errno), into a Problem that says the store was
// not changed; an error it does not know is returned as it is.
func describeWriteError(err error) error {
	var kind ProblemKind
	switch {
	case isSQLiteCode(err, sqliteBusy, sqliteLocked):
		kind = ProblemLockedWrite
	case isSQLiteCode(err, sqliteReadOnly, sqlitePerm), errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		kind = ProblemReadOnly
	case isSQLiteCode(err, sqliteFull), errors.Is(err, syscall.ENOSPC):
		kind = ProblemDiskFull
	case isSQLiteCode(err, sqliteCantOpen):
		p := unchangedProblem(ProblemCannotOpen, err)
		p.Err = nil // SQLite's words stay in Detail
		return p
	default:
		return err
	}
	return &Problem{Kind: kind, Unchanged: true}
}

// unchanged says, for an error before any write, that the store was not
// changed, unless the error says so already.
func unchanged(err error) error {
	if IsUnchanged(err) {
		return err
	}
	var p *Problem
	if errors.As(err, &p) && p.Err == nil {
		q := *p
		q.Unchanged = true
		return &q
	}
	return unchangedProblem(ProblemFailed, err)
}

// changedAfterAll is err without its claim that nothing was changed, for
// a failure after another file of the store was replaced.
func changedAfterAll(err error) error {
	var p *Problem
	if errors.As(err, &p) && p.Unchanged {
		q := *p
		q.Unchanged = false
		return &q
	}
	return err
}

// storeProblem is err as a Problem for a store's result, its Detail
// without the store's path (which the result names beside it).
func storeProblem(err error, path string) error {
	var (
		p    *Problem
		busy *BusyError
	)
	if errors.As(err, &busy) {
		return busy
	}
	if errors.As(err, &p) {
		if p.Kind != ProblemFailed || err != error(p) {
			return err
		}
		q := *p // the system's words, without the store's path
		q.Detail = OneLine(trimPathPrefix(q.Detail, path))
		return &q
	}
	return &Problem{Kind: ProblemFailed, Detail: OneLine(trimPathPrefix(err.Error(), path)), Err: err}
}
