package inspect

import "errors"

// ProblemKind names a failure inspect reports about a store. ui/i18n puts
// each kind into words, in French and in English; the value itself is a
// stable token (it shows in Error, in logs and in tests).
type ProblemKind string

// The kinds of problem a read, a deletion, an undo or a restore reports.
const (
	// Reading a store.
	ProblemLocked         ProblemKind = "store-locked"       // Detail: SQLite's words
	ProblemPermission     ProblemKind = "permission-denied"  // reading was refused
	ProblemDamaged        ProblemKind = "store-damaged"      // Detail: SQLite's words
	ProblemNotFound       ProblemKind = "not-found"          // the file is gone
	ProblemInternal       ProblemKind = "internal-error"     // Detail: the panic's words
	ProblemUnrecognised   ProblemKind = "unrecognised-store" // no known format
	ProblemEmptyFile      ProblemKind = "empty-file"
	ProblemIsDirectory    ProblemKind = "is-directory" // Subject: the path
	ProblemNoCookieTable  ProblemKind = "no-cookie-table"
	ProblemCookieNotFound ProblemKind = "cookie-gone" // a value asked for left its store
	ProblemNotSQLite      ProblemKind = "not-sqlite"  // an SQLite name, not its header
	ProblemChangedInRead  ProblemKind = "changed-during-read"
	ProblemKeptChanging   ProblemKind = "kept-changing" // N: the snapshots tried

	// Deleting from a store, or putting cookies back.
	ProblemLockedWrite      ProblemKind = "store-locked-write" // locked by another program
	ProblemReadOnly         ProblemKind = "read-only"
	ProblemDiskFull         ProblemKind = "disk-full"
	ProblemCannotOpen       ProblemKind = "cannot-open-for-writing" // Detail: SQLite's words
	ProblemUnsupported      ProblemKind = "delete-unsupported"
	ProblemUnknownSchema    ProblemKind = "unknown-schema"          // Subject: the missing column
	ProblemNoMetaVersion    ProblemKind = "no-meta-version"         // a Chromium store without meta.version
	ProblemChromiumVersion  ProblemKind = "unknown-chromium-schema" // Subject: version; N, M: known range
	ProblemFirefoxVersion   ProblemKind = "unknown-firefox-schema"  // Subject: version; M: newest known
	ProblemGoneFromStore    ProblemKind = "gone-from-store"         // Subject: the cookies, may be empty
	ProblemGoneFromSession  ProblemKind = "gone-from-session"       // Subject: the cookies
	ProblemGoneFromFile     ProblemKind = "gone-from-file"          // Subject: the cookies
	ProblemReplaced         ProblemKind = "replaced"                // Subject: "name on host"
	ProblemSharedIdentity   ProblemKind = "shared-identity"         // N: rows
	ProblemRowCount         ProblemKind = "row-count"               // Subject: "name on host"; N: rows removed
	ProblemRowsRemain       ProblemKind = "rows-remain"             // N: rows left; M: expected
	ProblemStillThere       ProblemKind = "still-there"             // Subject: "name on host"
	ProblemSchemaChanged    ProblemKind = "schema-changed"          // Subject: the old version; Detail: the new
	ProblemChangedInBackup  ProblemKind = "changed-during-backup"
	ProblemChangedInEdit    ProblemKind = "changed-during-edit" // Subject: the file, may be empty
	ProblemBackupFailed     ProblemKind = "backup-failed"       // Err: the cause
	ProblemUndoRecord       ProblemKind = "undo-record-failed"  // Err: the cause
	ProblemCheckFailed      ProblemKind = "check-failed"        // deleted, but the check failed; Err: the cause
	ProblemDirSync          ProblemKind = "dir-sync-failed"     // rewritten; the directory sync failed
	ProblemRunningUnknown   ProblemKind = "running-unknown"     // Detail: why the check failed
	ProblemBrowserRunning   ProblemKind = "browser-running"     // Subject: the browser; Detail: the check's reason
	ProblemInterrupted      ProblemKind = "interrupted"         // killed before the change reached the store
	ProblemRecordNotUpdated ProblemKind = "restored-record-failed"
	ProblemBackupDamaged    ProblemKind = "backup-damaged" // Subject: the backup file
	ProblemBackupUnreadable ProblemKind = "backup-unreadable"
	ProblemBackupForeign    ProblemKind = "backup-foreign" // Subject: the backup file; Detail: the path it names
	ProblemBackupUnknown    ProblemKind = "backup-origin-unknown"
	ProblemAt               ProblemKind = "at"                     // Subject: the file or cookie the cause (Err) is about
	ProblemUndoUnfinished   ProblemKind = "undo-record-unfinished" // deleted, but the record was not finished; Err: the cause
	ProblemCheckpointFailed ProblemKind = "checkpoint-failed"      // changed, but the WAL checkpoint failed; Err: the cause
	ProblemSchemaMoved      ProblemKind = "schema-moved"           // Subject: the version recorded; Detail: the version now
	ProblemRecordColumn     ProblemKind = "record-lacks-column"    // Subject: the column
	ProblemBackupChanged    ProblemKind = "backup-changed"         // Subject: the backup file
	ProblemRestoreDiffers   ProblemKind = "restore-differs"        // Subject: the restored file

	// Finding the batches and the directories.
	ProblemNoBatch        ProblemKind = "no-batch"        // Subject: the id asked for
	ProblemBatchAmbiguous ProblemKind = "batch-ambiguous" // Subject: the id prefix
	ProblemNoStateDir     ProblemKind = "no-state-dir"
	ProblemNoConfigDir    ProblemKind = "no-config-dir"

	// Failures whose cause keeps its own words as Detail.
	ProblemReaderFailed   ProblemKind = "reader-failed"         // a reader panicked; Detail: the panic's words
	ProblemDecryptFailed  ProblemKind = "decryption-failed"     // the decrypting reader panicked; Detail: its words
	ProblemQuickCheck     ProblemKind = "quick-check-failed"    // Detail: what PRAGMA quick_check answered
	ProblemKeepList       ProblemKind = "keep-list-unreadable"  // Subject: the keep list's path; Err: the cause
	ProblemBackupDir      ProblemKind = "backup-dir-failed"     // Err: the cause
	ProblemNotADirectory  ProblemKind = "not-a-directory"       // Subject: the path
	ProblemProcessList    ProblemKind = "process-list-failed"   // Err: the system's error
	ProblemSessionDamaged ProblemKind = "session-store-damaged" // Detail: the parser's words

	// ProblemFailed has no words of ours: Detail says it all (the
	// system's or SQLite's words).
	ProblemFailed ProblemKind = "failed"
)

// Problem is a failure inspect reports, with its facts as fields: ui/i18n
// renders it in the user's language, and errors.As finds it in a chain.
type Problem struct {
	Kind ProblemKind
	// Path, when set, names the store or file the problem is about, for a
	// message that stands alone (beside a store's row it is left empty).
	Path    string
	Subject string // what the problem is about: a file, cookies, a browser, a version
	N, M    int    // counts or versions the kind names
	// Detail is the underlying error's own words (SQLite's, the system's),
	// one line, without the store's path.
	Detail string
	// Unchanged says the store was not changed.
	Unchanged bool
	// Err is the cause, for errors.Is and errors.As; a cause that is itself
	// a Problem is rendered in the user's language too.
	Err error
}

// Error is a stable, terse form for logs: the kind, then the facts.
func (p *Problem) Error() string {
	s := string(p.Kind)
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if p.Subject != "" {
		s += " (" + p.Subject + ")"
	}
	if p.Err != nil {
		s += ": " + OneLine(p.Err.Error())
	} else if p.Detail != "" {
		s += ": " + p.Detail
	}
	if p.Unchanged {
		s += "; nothing was changed"
	}
	return s
}

func (p *Problem) Unwrap() error { return p.Err }

// problem builds a Problem of kind whose cause is err (nil for none).
func problem(kind ProblemKind, err error) *Problem {
	p := &Problem{Kind: kind, Err: err}
	if err != nil {
		p.Detail = OneLine(err.Error())
	}
	return p
}

// unchangedProblem is problem with the store known to be unchanged.
func unchangedProblem(kind ProblemKind, err error) *Problem {
	p := problem(kind, err)
	p.Unchanged = true
	return p
}

// IsUnchanged reports whether err says the store was not changed.
func IsUnchanged(err error) bool {
	var p *Problem
	for e := err; errors.As(e, &p); e = p.Err {
		if p.Unchanged {
			return true
		}
	}
	return false
}

// NoteKind is a remark about a store that was read or changed; ui/i18n
// puts it into words.
type NoteKind string

// The notes a read or a deletion attaches to a store.
const (
	NoteNone      NoteKind = ""
	NoteSnapshot  NoteKind = "snapshot"   // in use: read from a private snapshot
	NoteSession   NoteKind = "session"    // session cookies only
	NoteStaleLock NoteKind = "stale-lock" // the browser left a stale lock
)
