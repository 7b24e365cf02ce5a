package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// UndoResult is what an undo (or a restore of the backup files) did to
// one store, or would do in a dry run.
type UndoResult struct {
	Store    StoreRef
	Restored int          // cookies put back (or that would be)
	Cookies  []CookieName // those cookies, when known
	Skipped  []Skipped    // rows a newer cookie replaced, or that were never deleted
	Files    []RestoredFile
	Removed  []string // stale -wal/-journal/-shm files a restore removes
	Refused  bool
	Already  bool  // another run put this store back meanwhile
	Err      error // a *Problem, or a *RefusedError when Refused
}

// AlreadyDoneError says a batch was already undone or restored: there is
// nothing left to put back.
type AlreadyDoneError struct {
	ID     string
	Status string // BatchUndone or BatchRestored
	When   time.Time
}

func (e *AlreadyDoneError) Error() string {
	if e.Status == BatchRestored {
		return fmt.Sprintf("batch %s was already restored from its backup files; nothing to do", e.ID)
	}
	return fmt.Sprintf("batch %s was already undone; nothing to do", e.ID)
}

// AlreadyDone returns an *AlreadyDoneError when the batch was already
// undone or restored, nil otherwise.
func (b *Batch) AlreadyDone() error {
	if !b.Done() {
		return nil
	}
	e := &AlreadyDoneError{ID: b.ID, Status: b.Status}
	if b.Undone != nil {
		e.When = *b.Undone
	}
	return e
}

// undoOptions fills in what Undo and RestoreBackup need.
func undoOptions(stateDir string, opts DeleteOptions, command string) DeleteOptions {
	if opts.CheckRunning == nil {
		opts.CheckRunning = checkRunning
	}
	if opts.StateDir == "" {
		opts.StateDir = stateDir
	}
	if opts.Command == "" {
		opts.Command = command
	}
	return opts
}

// undoable reports whether a store of a batch has deleted rows or entries
// that an undo can put back.
func undoable(bs BatchStore) bool {
	return (bs.Status == StoreDeleted || bs.Status == StorePending) && len(bs.Rows)+len(bs.Entries) > 0
}

// Undo re-inserts the rows and entries of a batch, store by store, when the
// browser is closed and the schema is the one the rows came from. A row
// whose identity is taken again (the site set the cookie anew) is skipped:
// the newer cookie wins. Each store is locked for its whole undo. Once
// every store is back, the batch is marked undone and its backups, which
// can no longer serve, are removed.
func Undo(ctx context.Context, stateDir, id string, opts DeleteOptions) (*Batch, []UndoResult, error) {
	opts = undoOptions(stateDir, opts, "undo")
	b, err := openBatch(stateDir, id)
	if err != nil {
		return b, nil, err
	}
	var results []UndoResult
	for i := range b.Stores {
		if !undoable(b.Stores[i]) {
			continue
		}
		results = append(results, undoStore(ctx, stateDir, b.ID, i, opts))
	}
	err = finishBatch(stateDir, b.ID, BatchUndone, opts)
	if nb, lerr := LoadBatch(stateDir, b.ID); lerr == nil {
		b = nb
	}
	return b, results, err
}

func undoStore(ctx context.Context, stateDir, id string, i int, opts DeleteOptions) UndoResult {
	b, r, release := lockBatchStore(ctx, stateDir, id, i, opts, undoable)
	if release == nil {
		return r
	}
	defer release()
	bs := &b.Stores[i]
	home := bs.BackupDir
	if home == "" {
		home = batchDir(stateDir, id)
	}
	preDir := filepath.Join(home, "before-undo-"+time.Now().UTC().Format("20060102T150405.000000Z"))
	var (
		n   int
		err error
	)
	var skipped []Skipped
	if len(bs.Rows) > 0 {
		n, skipped, err = undoSQLite(ctx, bs, preDir)
	} else {
		// An entry per file it was removed from: the count is of cookies,
		// read under the lock before the undo writes.
		present, perr := presentNow(ctx, *bs)
		n, skipped, err = undoFileEntries(ctx, bs, preDir)
		if perr == nil && err == nil {
			var back []CookieName
			back, skipped = planCookies(*bs, present)
			n = len(back)
		}
	}
	r.Restored, r.Skipped = n, skipped
	if err != nil {
		// The copy taken before the undo stays: it is the way back if the
		// undo left the store in doubt.
		r.Err = storeProblem(err, bs.Store.Path)
		return r
	}
	// The undo is done and checked: the copy taken before it can no longer
	// serve (deleting the cookies again does what it would).
	if insideDir(batchDir(stateDir, id), preDir) {
		os.RemoveAll(preDir)
	}
	err = updateBatch(ctx, stateDir, id, opts, func(b *Batch) {
		s := &b.Stores[i]
		s.Status = StoreRestored
		s.Restored = append(s.Restored, fmt.Sprintf("%d restored", n))
		s.Skipped = append(s.Skipped, skippedStrings(skipped)...)
	})
	if err != nil {
		r.Err = problem(ProblemRecordNotUpdated, err)
	}
	return r
}

// openBatch loads a batch that is still to be undone or restored; a
// batch already done comes back with an AlreadyDoneError.
func openBatch(stateDir, id string) (*Batch, error) {
	b, err := LoadBatch(stateDir, id)
	if err != nil {
		return nil, err
	}
	if b.Done() {
		return b, b.AlreadyDone()
	}
	return b, nil
}

// lockBatchStore locks store i of a batch for an undo or a restore, reads
// the batch again under the lock (another run may have put the store back
// meanwhile: pending then says no) and refuses while the browser runs. It
// returns the batch and the release, or, with a nil release, the result
// to report (an error, a refusal, or Already).
func lockBatchStore(ctx context.Context, stateDir, id string, i int, opts DeleteOptions, pending func(BatchStore) bool) (*Batch, UndoResult, func()) {
	b, err := LoadBatch(stateDir, id)
	if err != nil {
		return nil, UndoResult{Err: err}, nil
	}
	r := UndoResult{Store: b.Stores[i].Store}
	release, err := lockStore(ctx, opts, r.Store)
	if err != nil {
		r.Err = err
		return nil, r, nil
	}
	if b, err = LoadBatch(stateDir, id); err != nil {
		release()
		r.Err = err
		return nil, r, nil
	}
	if !pending(b.Stores[i]) {
		release()
		r.Already = true
		return nil, r, nil
	}
	if _, err := refuseIfRunning(b.Stores[i].Store, opts); err != nil {
		release()
		r.Refused, r.Err = true, err
		return nil, r, nil
	}
	return b, r, release
}

func batchDir(stateDir, id string) string { return filepath.Join(batchesDir(stateDir), id) }

// insideDir reports whether path lies strictly inside dir.
func insideDir(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// updateBatch changes a saved batch under the state lock, so that two
// runs that finish different stores of one batch never lose an update.
func updateBatch(ctx context.Context, stateDir, id string, opts DeleteOptions, change func(*Batch)) error {
	release, err := lockState(ctx, opts)
	if err != nil {
		return err
	}
	defer release()
	b, err := LoadBatch(stateDir, id)
	if err != nil {
		return err
	}
	change(b)
	return b.save(stateDir)
}

// finishBatch marks a batch undone (or restored) once none of its stores
// has anything left to put back. Its whole-store backups and the copies
// taken before each undo can then no longer serve: they are removed, and
// the rows and entries kept for undo (the cookies' values) are dropped
// from the manifest, which keeps only their count until it is pruned.
func finishBatch(stateDir, id, status string, opts DeleteOptions) error {
	var dirs []string
	err := updateBatch(context.Background(), stateDir, id, opts, func(b *Batch) {
		restored := false
		for _, s := range b.Stores {
			if undoable(s) || (status == BatchRestored && restorable(s)) {
				return
			}
			restored = restored || s.Status == StoreRestored
		}
		if !restored {
			return
		}
		now := time.Now().UTC()
		b.Status, b.Undone = status, &now
		for i := range b.Stores {
			s := &b.Stores[i]
			if s.Status == StoreRestored {
				s.Forgotten = storeCookieCount(*s)
			}
			s.Rows, s.Entries = nil, nil
			if s.BackupDir != "" {
				dirs = append(dirs, s.BackupDir)
			}
			s.Backup, s.BackupDir = nil, ""
		}
	})
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if insideDir(batchDir(stateDir, id), d) {
			os.RemoveAll(d)
		}
	}
	return nil
}

func undoSQLite(ctx context.Context, bs *BatchStore, preDir string) (int, []Skipped, error) {
	path := bs.Store.Path
	kind := KindChromium
	if bs.Table == "moz_cookies" {
		kind = KindFirefox
	}
	if _, err := backupStore(path, preDir); err != nil {
		return 0, nil, unchangedProblem(ProblemBackupFailed, err)
	}
	fp, err := fingerprintStore(path)
	if err != nil {
		return 0, nil, err
	}
	params := "mode=rw&_txlock=immediate&_pragma=busy_timeout(3000)"
	if fp.header[18] == 2 {
		params += "&_pragma=locking_mode(exclusive)"
	} else if fp.journal.exists {
		params += "&_pragma=journal_mode(truncate)"
	}
	db, err := sql.Open("sqlite", sqliteURI(path, params))
	if err != nil {
		return 0, nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, nil, describeWriteError(err)
	}
	defer conn.Close()
	schema, err := readSQLiteSchema(ctx, conn, kind)
	if err != nil {
		return 0, nil, describeWriteError(err)
	}
	// Chromium drops every cookie of a site when one row does not load: rows
	// go back only into the schema they came from.
	if schema.version != bs.Version || normalizeSQL(schema.createSQL) != normalizeSQL(bs.CreateSQL) {
		return 0, nil, &Problem{Kind: ProblemSchemaMoved, Subject: bs.Version, Detail: schema.version}
	}
	idCols := identityColumns(kind, schema.colSet)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, describeWriteError(err)
	}
	defer tx.Rollback()
	restored := 0
	var skipped []Skipped
	for _, row := range bs.Rows {
		values := map[string]SQLValue{}
		for i, c := range row.Columns {
			if i < len(row.Values) {
				values[strings.ToLower(c)] = row.Values[i]
			}
		}
		label := CookieName{Name: values["name"].Value, Host: firstNonEmpty(values["host_key"].Value, values["host"].Value)}
		args := make([]any, len(idCols))
		for i, c := range idCols {
			v, ok := values[c]
			if !ok {
				return 0, nil, &Problem{Kind: ProblemRecordColumn, Subject: c}
			}
			if args[i], err = v.Arg(); err != nil {
				return 0, nil, err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+schema.table+` WHERE `+identityWhere(idCols), args...).Scan(&n); err != nil {
			return 0, nil, describeWriteError(err)
		}
		if n > 0 {
			skipped = append(skipped, Skipped{Cookie: label, Reason: SkipReplacedOrKept})
			continue
		}
		var cols, marks []string
		var vals []any
		for i, c := range row.Columns {
			if strings.EqualFold(c, "id") && kind == KindFirefox {
				// Keep Firefox's id when it is free; SQLite picks one otherwise.
				var taken int
				tx.QueryRowContext(ctx, `SELECT count(*) FROM moz_cookies WHERE id = ?`, row.Values[i].Value).Scan(&taken)
				if taken > 0 {
					continue
				}
			}
			v, err := row.Values[i].Arg()
			if err != nil {
				return 0, nil, err
			}
			cols = append(cols, `"`+strings.ReplaceAll(c, `"`, `""`)+`"`)
			marks = append(marks, "?")
			vals = append(vals, v)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+schema.table+` (`+strings.Join(cols, ",")+`) VALUES (`+strings.Join(marks, ",")+`)`, vals...); err != nil {
			return 0, nil, describeWriteError(err)
		}
		restored++
	}
	if err := tx.Commit(); err != nil {
		return 0, nil, describeWriteError(err)
	}
	if schema.wal {
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return restored, skipped, problem(ProblemCheckpointFailed, err)
		}
	}
	conn.Close()
	db.Close()
	_, err = withStoreDB(ctx, path, func(db *sql.DB) error {
		var check string
		if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
			return err
		}
		if check != "ok" {
			return &Problem{Kind: ProblemQuickCheck, Detail: OneLine(check)}
		}
		return nil
	})
	return restored, skipped, err
}

func normalizeSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
