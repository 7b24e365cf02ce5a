package i18n

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// Error says err in the table's language, on one line: inspect's Problem
// kinds, a refusal, a busy store; any other error keeps its own words.
func (s *Strings) Error(err error) string {
	if err == nil {
		return ""
	}
	var (
		p       *inspect.Problem
		busy    *inspect.BusyError
		refused *inspect.RefusedError
	)
	switch {
	case errors.As(err, &refused) && refused.Owner.Running:
		if msg, ok := s.refusal(refused); ok {
			return msg
		}
		return s.problem(refused.Problem)
	case errors.As(err, &busy):
		pid := "?"
		if busy.Holder.PID > 0 {
			pid = fmt.Sprint(busy.Holder.PID)
		}
		return fmt.Sprintf(s.LockBusy, pid, busy.Holder.Command)
	case errors.As(err, &p):
		return s.problem(p)
	}
	return inspect.OneLine(err.Error())
}

// refusal words why the running check refused a store, from its facts.
func (s *Strings) refusal(e *inspect.RefusedError) (string, bool) {
	o := e.Owner
	format, ok := s.Running[o.Why]
	if !ok {
		return "", false
	}
	var msg string
	switch o.Why {
	case inspect.RunningHeld:
		var parts []string
		if o.PID > 0 {
			parts = append(parts, fmt.Sprintf(s.RunningPID, o.PID))
		}
		parts = append(parts, fmt.Sprintf(s.RunningLock, o.Lock))
		if o.Note.Kind != inspect.LockNoteNone {
			parts = append(parts, s.lockNote(o.Note))
		}
		msg = fmt.Sprintf(format, o.Browser, strings.Join(parts, ", "))
	case inspect.RunningOtherHost:
		msg = fmt.Sprintf(format, o.Browser, o.Profile, o.Host, o.PID, o.Lock)
	case inspect.RunningUnknownLock:
		msg = fmt.Sprintf(format, o.Browser, o.Lock, s.lockNote(o.Note))
	default:
		msg = fmt.Sprintf(format, o.Browser, o.PID, o.Process)
	}
	if e.Store.Profile != "" {
		msg += fmt.Sprintf(s.RunningProfileSuffix, e.Store.Profile)
	}
	return msg, true
}

// lockNote words what the running check found about a lock.
func (s *Strings) lockNote(n inspect.LockNote) string {
	format, ok := s.LockNotes[n.Kind]
	if !ok {
		return n.String()
	}
	switch n.Kind {
	case inspect.LockNoteBadTarget:
		return fmt.Sprintf(format, n.Name)
	case inspect.LockNoteProcessGone:
		return fmt.Sprintf(format, n.PID)
	case inspect.LockNoteProcessReused:
		return fmt.Sprintf(format, n.PID, n.Name, n.Want)
	case inspect.LockNoteOtherProfile:
		return fmt.Sprintf(format, n.PID, n.Name)
	}
	return format
}

// Note says a store's note in the table's language ("" for none).
func (s *Strings) Note(kind inspect.NoteKind) string {
	switch kind {
	case inspect.NoteSnapshot:
		return s.NoteSnapshot
	case inspect.NoteSession:
		return s.NoteSessionCookies
	case inspect.NoteStaleLock:
		return s.NoteStaleLock
	}
	return ""
}

// Skipped says why an undo left a cookie out, naming the cookie.
func (s *Strings) Skipped(k inspect.Skipped) string {
	format, ok := s.SkipReasons[k.Reason]
	if !ok {
		return k.String()
	}
	if k.Reason == inspect.SkipFileGone {
		return fmt.Sprintf(format, k.Cookie.Name, k.Cookie.Host, k.File)
	}
	return fmt.Sprintf(format, k.Cookie.Name, k.Cookie.Host)
}

func (s *Strings) problem(p *inspect.Problem) string {
	format, ok := s.Problems[p.Kind]
	if !ok {
		return inspect.OneLine(p.Error())
	}
	var msg string
	if p.Kind == inspect.ProblemBrowserRunning && p.Detail != "" {
		msg = p.Detail // the running check's own account
	} else {
		msg = fmt.Sprintf(format, s.problemArgs(p)...)
	}
	if p.Path != "" {
		msg = p.Path + ": " + msg
	}
	if p.Unchanged {
		msg += s.NothingChanged
	}
	return msg
}

// problemArgs are the facts a kind's words print, in their order.
func (s *Strings) problemArgs(p *inspect.Problem) []any {
	switch p.Kind {
	case inspect.ProblemLocked, inspect.ProblemDamaged, inspect.ProblemInternal, inspect.ProblemCannotOpen,
		inspect.ProblemFailed, inspect.ProblemRunningUnknown, inspect.ProblemBackupFailed,
		inspect.ProblemUndoRecord, inspect.ProblemCheckFailed, inspect.ProblemRecordNotUpdated,
		inspect.ProblemUndoUnfinished, inspect.ProblemCheckpointFailed, inspect.ProblemReaderFailed,
		inspect.ProblemDecryptFailed, inspect.ProblemQuickCheck, inspect.ProblemBackupDir,
		inspect.ProblemSessionDamaged, inspect.ProblemProcessList:
		return []any{s.cause(p)}
	case inspect.ProblemIsDirectory, inspect.ProblemGoneFromSession, inspect.ProblemGoneFromFile,
		inspect.ProblemReplaced, inspect.ProblemStillThere, inspect.ProblemChangedInEdit,
		inspect.ProblemBackupDamaged, inspect.ProblemBackupUnknown, inspect.ProblemUnknownSchema,
		inspect.ProblemBrowserRunning, inspect.ProblemRecordColumn, inspect.ProblemBackupChanged,
		inspect.ProblemRestoreDiffers, inspect.ProblemNoBatch, inspect.ProblemBatchAmbiguous,
		inspect.ProblemNotADirectory:
		return []any{p.Subject}
	case inspect.ProblemChromiumVersion:
		return []any{p.Subject, p.N, p.M}
	case inspect.ProblemFirefoxVersion:
		return []any{p.Subject, p.M}
	case inspect.ProblemSharedIdentity, inspect.ProblemKeptChanging:
		return []any{p.N}
	case inspect.ProblemRowCount:
		return []any{p.Subject, p.N}
	case inspect.ProblemRowsRemain:
		return []any{p.N, p.M}
	case inspect.ProblemSchemaChanged, inspect.ProblemBackupForeign, inspect.ProblemSchemaMoved:
		return []any{p.Subject, p.Detail}
	case inspect.ProblemBackupUnreadable, inspect.ProblemAt, inspect.ProblemKeepList:
		return []any{p.Subject, s.cause(p)}
	}
	return nil
}

// cause is what a problem's cause says: in the table's language when it
// is one of inspect's, else in its own words (SQLite's, the system's).
func (s *Strings) cause(p *inspect.Problem) string {
	var (
		inner *inspect.Problem
		busy  *inspect.BusyError
	)
	if p.Err != nil && (errors.As(p.Err, &inner) || errors.As(p.Err, &busy)) {
		return s.Error(p.Err)
	}
	if p.Detail != "" {
		return p.Detail
	}
	if p.Err != nil {
		return inspect.OneLine(p.Err.Error())
	}
	return "?"
}
