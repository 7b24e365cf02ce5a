package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Deleting follows one protocol for every store:
//
//  1. refuse while the browser that owns the store runs;
//  2. back up the store and its sidecars into the state directory (0700/0600,
//     with SHA-256 sums) before opening it for writing;
//  3. in one short BEGIN IMMEDIATE transaction with secure_delete on,
//     re-read each row by its full identity, check it is the row that was
//     listed, record it for undo (fsynced before the commit), and delete it;
//     any row that is not exactly one row rolls the whole store back;
//  4. checkpoint a WAL, then verify with a fresh read: the rows are gone, the
//     others are all there, quick_check passes, the schema version is the same.
//
// Nothing else is changed: no schema, journal mode, meta row or VACUUM.

// RefusedError says a store was not touched because its browser runs.
type RefusedError struct {
	Store StoreRef
	// Problem says why: ProblemBrowserRunning, or ProblemRunningUnknown
	// when the check itself failed.
	Problem *Problem
	// Owner is what the running check found, when it ran.
	Owner OwnerStatus
}

func (e *RefusedError) Error() string { return e.Problem.Error() }

func (e *RefusedError) Unwrap() error { return e.Problem }

// DeleteOptions configure a deletion batch.
type DeleteOptions struct {
	StateDir string    // where batches go; "" means StateDir()
	Now      time.Time // batch time; zero means time.Now()
	// CheckRunning tells whether the owner of a store runs; nil means the
	// real check of the running package.
	CheckRunning func(StoreRef) (OwnerStatus, error)
	// Interrupt, when set, is called between protocol steps (tests kill the
	// process there).
	Interrupt func(step string)
	// Command names what this run does ("delete", "clear", "undo"...) in
	// the lock files, so that a second run can say who holds a store.
	Command string
	// LockWait is how long to wait for another run that changes the same
	// store; zero means DefaultLockWait.
	LockWait time.Duration
	// OnLockWait, when set, is called once when a run must wait for
	// another one (the CLI and the UI say so).
	OnLockWait func(store StoreRef, holder LockHolder)
}

// StoreResult is what happened to one store of a batch.
type StoreResult struct {
	Store     StoreRef
	Requested int
	Deleted   []Cookie // gone from the store
	Refused   bool     // the browser runs: nothing was touched
	Err       error    // why it failed (a *Problem, *RefusedError or *BusyError); nil on success
	Note      NoteKind // e.g. NoteStaleLock
	// NotDeleted are the requested cookies the store still holds (or may
	// hold) after a failure.
	NotDeleted []Cookie
	// Busy is set when another ofgl-cookies process held the store for
	// the whole wait: nothing was touched.
	Busy *BusyError
	// Change says what a store that failed after a file was changed holds
	// now, and ChangedFiles which of its files hold the change. The batch,
	// its undo record and its backup are kept then.
	Change       ChangeState
	ChangedFiles []string
}

// OK reports whether every requested cookie of the store was deleted.
func (r StoreResult) OK() bool { return r.Err == nil && len(r.Deleted) == r.Requested }

// BatchResult is the outcome of one Delete.
type BatchResult struct {
	ID     string
	Stores []StoreResult
	// What the automatic prune after the deletion removed, or why it
	// could not run.
	Pruned   PruneResult
	PruneErr error
}

// OK reports whether every store succeeded.
func (b BatchResult) OK() bool {
	for _, s := range b.Stores {
		if !s.OK() {
			return false
		}
	}
	return true
}

// Refused reports whether some store was refused because its browser runs.
func (b BatchResult) Refused() bool {
	for _, s := range b.Stores {
		if s.Refused {
			return true
		}
	}
	return false
}

// Delete deletes exactly the given cookies (as read by Read) from their
// stores, one store at a time, recording a batch that Undo can restore.
func Delete(ctx context.Context, cookies []Cookie, opts DeleteOptions) (BatchResult, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.StateDir == "" {
		d, err := StateDir()
		if err != nil {
			return BatchResult{}, err
		}
		opts.StateDir = d
	}
	if opts.CheckRunning == nil {
		opts.CheckRunning = checkRunning
	}
	groups := map[string][]Cookie{}
	var order []string
	for _, c := range cookies {
		if _, ok := groups[c.Store.Path]; !ok {
			order = append(order, c.Store.Path)
		}
		groups[c.Store.Path] = append(groups[c.Store.Path], c)
	}
	sort.Strings(order)
	batch := &Batch{ID: newBatchID(opts.Now), Created: opts.Now.UTC(), Status: BatchPending}
	res := BatchResult{ID: batch.ID}
	// Held until Delete returns: a later run recovers this batch only once
	// this process is gone (see RecoverInterrupted).
	releaseBatch, err := lockBatch(ctx, opts, batch.ID)
	if err != nil {
		return res, err
	}
	defer releaseBatch()
	dir, err := batch.dir(opts.StateDir)
	if err != nil {
		return res, err
	}
	keep := false // a store was changed although it failed: keep its backup
	for i, path := range order {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		group := groups[path]
		ref := group[0].Store
		r := StoreResult{Store: ref, Requested: len(group)}
		bs := BatchStore{Store: ref, Status: StoreUntouched}
		batch.Stores = append(batch.Stores, bs)
		idx := len(batch.Stores) - 1
		storeDir := filepath.Join(dir, fmt.Sprintf("%02d-%s", i+1, safeName(ref.Browser+"-"+filepath.Base(ref.Path))))
		deleted, note, err := deleteFromStore(ctx, batch, idx, storeDir, group, opts)
		r.Deleted, r.Note = deleted, note
		var (
			refused *RefusedError
			busy    *BusyError
			partial *PartialError
		)
		switch {
		case errors.As(err, &refused):
			r.Refused, r.Err = true, refused
			batch.Stores[idx].Status = StoreRefused
		case errors.As(err, &busy):
			r.Busy, r.Err = busy, busy
			batch.Stores[idx].Status, batch.Stores[idx].Error = StoreFailed, OneLine(busy.Error())
		case errors.As(err, &partial):
			r.Deleted, r.Change, r.ChangedFiles = partial.Deleted, partial.State, partial.Changed
			r.Err = storeProblem(partial.Cause, ref.Path)
			batch.Stores[idx].Error = r.Err.Error()
			keep = true
		case err != nil:
			r.Err = storeProblem(err, ref.Path)
			if batch.Stores[idx].Status != StoreDeleted {
				batch.Stores[idx].Status = StoreFailed
			}
			batch.Stores[idx].Error = r.Err.Error()
		}
		if err != nil {
			r.NotDeleted = notDeleted(group, r.Deleted)
		}
		res.Stores = append(res.Stores, r)
	}
	if batch.Count() == 0 && !keep {
		// Nothing was deleted: no batch to undo, and no backup to keep.
		os.RemoveAll(dir)
		return res, nil
	}
	batch.Status = BatchCommitted
	if err := saveBatch(ctx, opts, batch); err != nil {
		return res, problem(ProblemUndoUnfinished, err)
	}
	res.Pruned, res.PruneErr = pruneAfterDelete(ctx, opts, batch.ID)
	return res, nil
}

// refuseIfRunning is step 1 of the protocol.
func refuseIfRunning(ref StoreRef, opts DeleteOptions) (NoteKind, error) {
	st, err := opts.CheckRunning(ref)
	if err != nil {
		return NoteNone, &RefusedError{Store: ref, Problem: problem(ProblemRunningUnknown, err)}
	}
	if st.Running {
		return NoteNone, &RefusedError{Store: ref, Owner: st, Problem: &Problem{Kind: ProblemBrowserRunning, Subject: ref.Browser, Detail: st.Reason}}
	}
	if st.Stale {
		return NoteStaleLock, nil
	}
	return NoteNone, nil
}

// lockRef is the store whose lock guards ref. A session store file named
// by its path (--store) is not yet known as one: it shares the lock of its
// profile's session store, whichever way it was found.
func lockRef(ref StoreRef) StoreRef {
	if (ref.Kind == KindKooky && ref.Format == "") || ref.Kind == KindUnknown || ref.Kind == "" {
		if f, err := os.Open(ref.Path); err == nil {
			head := make([]byte, 8)
			n, _ := io.ReadFull(f, head)
			f.Close()
			if string(head[:n]) == "mozLz40\x00" {
				ref.Kind = KindFirefoxSession
			}
		}
	}
	if ref.Kind == KindFirefoxSession && ref.ProfileDir == "" {
		ref.ProfileDir = filepath.Dir(ref.Path)
	}
	return ref
}

// notDeleted is group less the cookies deleted.
func notDeleted(group, deleted []Cookie) []Cookie {
	gone := map[string]bool{}
	for _, c := range deleted {
		gone[cookieIdentity(c)] = true
	}
	var out []Cookie
	for _, c := range group {
		if !gone[cookieIdentity(c)] {
			out = append(out, c)
		}
	}
	return out
}

// cookieIdentity tells the cookies of one store apart, as their stores do.
func cookieIdentity(c Cookie) string {
	id := c.Host + "\x00" + c.Name + "\x00" + c.Path
	if c.Chromium != nil {
		id += fmt.Sprintf("\x00%s\x00%v\x00%v\x00%v", c.Chromium.TopFrameSiteKey, c.Chromium.HasCrossSiteAncestor, c.Chromium.SourceScheme, c.Chromium.SourcePort)
	}
	if c.Firefox != nil {
		id += "\x00" + c.Firefox.OriginAttributes
	}
	return id
}

// deleteFromStore runs the protocol on one store under its lock, from the
// running-browser check to the end of the verification, so that two runs
// never interleave their steps on one store.
func deleteFromStore(ctx context.Context, batch *Batch, idx int, storeDir string, group []Cookie, opts DeleteOptions) ([]Cookie, NoteKind, error) {
	ref := group[0].Store
	release, err := lockStore(ctx, opts, ref)
	if err != nil {
		return nil, NoteNone, err
	}
	defer release()
	note, err := refuseIfRunning(ref, opts)
	if err != nil {
		return nil, NoteNone, err
	}
	// The read that listed the cookies detected the kind and format; only
	// a reference made elsewhere (an older batch record) lacks them.
	kind, format := ref.Kind, ref.Format
	if kind == KindUnknown || kind == "" || (kind == KindKooky && format == "") {
		if kind, format, err = DetectKind(ctx, ref.Path); err != nil {
			return nil, note, err
		}
	}
	switch kind {
	case KindChromium, KindFirefox:
		d, err := deleteSQLite(ctx, batch, idx, storeDir, kind, group, opts)
		return d, note, err
	case KindFirefoxSession:
		d, err := deleteSessionCookies(ctx, batch, idx, storeDir, group, opts)
		return d, note, err
	case KindKooky:
		d, err := deleteFromFile(ctx, batch, idx, storeDir, format, group, opts)
		return d, note, err
	}
	return nil, note, &Problem{Kind: ProblemUnsupported}
}

// identityColumns are a row's identity, as the browser itself deletes it.
func identityColumns(kind Kind, cols map[string]bool) []string {
	var want []string
	if kind == KindChromium {
		want = []string{"host_key", "top_frame_site_key", "has_cross_site_ancestor", "name", "path", "source_scheme", "source_port"}
	} else {
		want = []string{"name", "host", "path", "originattributes"}
	}
	var out []string
	for _, c := range want {
		if cols[c] {
			out = append(out, c)
		}
	}
	return out
}

// identityArgs gives the identity values of a cookie for identityColumns.
func identityArgs(c Cookie, columns []string) ([]any, error) {
	args := make([]any, 0, len(columns))
	for _, col := range columns {
		switch col {
		case "host_key", "host":
			args = append(args, c.Host)
		case "name":
			args = append(args, c.Name)
		case "path":
			args = append(args, c.Path)
		case "top_frame_site_key", "has_cross_site_ancestor", "source_scheme", "source_port":
			if c.Chromium == nil {
				return nil, errors.New("a Chromium cookie without its row identity")
			}
			args = append(args, map[string]any{
				"top_frame_site_key": c.Chromium.TopFrameSiteKey, "has_cross_site_ancestor": c.Chromium.HasCrossSiteAncestor,
				"source_scheme": c.Chromium.SourceScheme, "source_port": c.Chromium.SourcePort,
			}[col])
		case "originattributes":
			if c.Firefox == nil {
				return nil, errors.New("a Firefox cookie without its row identity")
			}
			args = append(args, c.Firefox.OriginAttributes)
		}
	}
	return args, nil
}

func identityWhere(columns []string) string {
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = c + " IS ?" // IS: a NULL name still matches itself
	}
	return strings.Join(parts, " AND ")
}

// Known schema versions: newer ones may have changed what a row means (as
// Chromium 24 did with its value prefix), so they are refused.
const (
	maxChromiumVersion = 24
	minChromiumVersion = 12
	maxFirefoxVersion  = 17
)

// sqliteSchema is what a SQLite store must keep for an undo to be valid.
type sqliteSchema struct {
	table     string
	createSQL string
	version   string // Chromium meta version; Firefox user_version
	columns   []string
	colSet    map[string]bool
	wal       bool
}

func readSQLiteSchema(ctx context.Context, conn *sql.Conn, kind Kind) (sqliteSchema, error) {
	s := sqliteSchema{table: "cookies", colSet: map[string]bool{}}
	if kind == KindFirefox {
		s.table = "moz_cookies"
	}
	if err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type='table' AND name=?`, s.table).Scan(&s.createSQL); err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			return s, describeWriteError(err) // e.g. a WAL that cannot be created
		}
		return s, &Problem{Kind: ProblemNoCookieTable}
	}
	rows, err := conn.QueryContext(ctx, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, s.table)
	if err != nil {
		return s, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return s, err
		}
		s.columns = append(s.columns, n)
		s.colSet[strings.ToLower(n)] = true
	}
	rows.Close()
	var mode string
	if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err == nil {
		s.wal = strings.EqualFold(mode, "wal")
	}
	if kind == KindChromium {
		if err := conn.QueryRowContext(ctx, `SELECT value FROM meta WHERE key='version'`).Scan(&s.version); err != nil {
			return s, &Problem{Kind: ProblemNoMetaVersion}
		}
		v, err := strconv.Atoi(s.version)
		if err != nil || v < minChromiumVersion || v > maxChromiumVersion {
			return s, &Problem{Kind: ProblemChromiumVersion, Subject: s.version, N: minChromiumVersion, M: maxChromiumVersion, Unchanged: true}
		}
		for _, c := range []string{"host_key", "name", "path"} {
			if !s.colSet[c] {
				return s, &Problem{Kind: ProblemUnknownSchema, Subject: c}
			}
		}
	} else {
		var v int
		if err := conn.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
			return s, err
		}
		s.version = strconv.Itoa(v)
		if v > maxFirefoxVersion {
			return s, &Problem{Kind: ProblemFirefoxVersion, Subject: s.version, M: maxFirefoxVersion, Unchanged: true}
		}
		for _, c := range []string{"host", "name", "path"} {
			if !s.colSet[c] {
				return s, &Problem{Kind: ProblemUnknownSchema, Subject: c}
			}
		}
	}
	return s, nil
}

func deleteSQLite(ctx context.Context, batch *Batch, idx int, storeDir string, kind Kind, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	ref := group[0].Store
	step := opts.step
	// Step 2: the backup, before SQLite opens the file for writing (which
	// would replay a WAL or roll back a hot journal).
	before, err := fingerprintStore(ref.Path)
	if err != nil {
		return nil, err
	}
	backup, err := backupStore(ref.Path, storeDir)
	if err != nil {
		return nil, unchangedProblem(ProblemBackupFailed, err)
	}
	batch.Stores[idx].Backup = backup
	batch.Stores[idx].BackupDir = storeDir
	step(StepBackedUp)

	params := "mode=rw&_txlock=immediate&_pragma=busy_timeout(3000)&_pragma=secure_delete(on)"
	if before.header[18] == 2 {
		// As Firefox does: no -shm file beside the store.
		params += "&_pragma=locking_mode(exclusive)"
	} else if before.journal.exists {
		params += "&_pragma=journal_mode(truncate)" // keep Chromium's journal file as it was
	}
	db, err := sql.Open("sqlite", sqliteURI(ref.Path, params))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, unchanged(describeWriteError(err))
	}
	defer conn.Close()
	schema, err := readSQLiteSchema(ctx, conn, kind)
	if err != nil {
		return nil, unchanged(describeWriteError(err))
	}
	batch.Stores[idx].Table, batch.Stores[idx].CreateSQL, batch.Stores[idx].Version = schema.table, schema.createSQL, schema.version
	idCols := identityColumns(kind, schema.colSet)

	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE, from _txlock
	if err != nil {
		return nil, describeWriteError(err)
	}
	defer tx.Rollback()
	step("begun") // the benchmark times the transaction from here
	// The rows are counted inside the transaction: the check then counts
	// only what this transaction did, whatever another writer did before.
	countSQL := `SELECT count(*) FROM ` + schema.table
	var total int64
	if err := tx.QueryRowContext(ctx, countSQL).Scan(&total); err != nil {
		return nil, describeWriteError(err)
	}
	selectSQL := `SELECT rowid, * FROM ` + schema.table + ` WHERE ` + identityWhere(idCols)
	deleteSQL := `DELETE FROM ` + schema.table + ` WHERE ` + identityWhere(idCols)
	selectStmt, err := tx.PrepareContext(ctx, selectSQL)
	if err != nil {
		return nil, describeWriteError(err)
	}
	defer selectStmt.Close()
	deleteStmt, err := tx.PrepareContext(ctx, deleteSQL)
	if err != nil {
		return nil, describeWriteError(err)
	}
	defer deleteStmt.Close()
	var rows []UndoRow
	for _, c := range group {
		args, err := identityArgs(c, idCols)
		if err != nil {
			return nil, err
		}
		row, err := selectOneRow(ctx, selectStmt, args)
		if err != nil {
			return nil, &Problem{Kind: ProblemAt, Subject: c.Name + " (" + c.Host + ")", Err: err}
		}
		if want := listedRowID(c); want != 0 && row.RowID != want {
			return nil, &Problem{Kind: ProblemReplaced, Subject: c.Name + " on " + c.Host}
		}
		rows = append(rows, row)
	}
	// Step 3's undo record, saved before the commit: every committed
	// change has one.
	batch.Stores[idx].Rows = rows
	batch.Stores[idx].Status = StorePending
	if err := saveBatch(ctx, opts, batch); err != nil {
		return nil, unchangedProblem(ProblemUndoRecord, err)
	}
	step(StepRecorded)
	for _, c := range group {
		args, _ := identityArgs(c, idCols)
		r, err := deleteStmt.ExecContext(ctx, args...)
		if err != nil {
			return nil, describeWriteError(err)
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			return nil, &Problem{Kind: ProblemRowCount, Subject: c.Name + " on " + c.Host, N: int(n), Unchanged: true}
		}
	}
	var left int64
	if err := tx.QueryRowContext(ctx, countSQL).Scan(&left); err != nil {
		return nil, describeWriteError(err)
	}
	if want := total - int64(len(group)); left != want {
		return nil, &Problem{Kind: ProblemRowsRemain, N: int(left), M: int(want), Unchanged: true}
	}
	step(StepCommit)
	if err := tx.Commit(); err != nil {
		return nil, describeWriteError(err)
	}
	batch.Stores[idx].Status = StoreDeleted
	step(StepCommitted)
	if schema.wal {
		if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return group, problem(ProblemCheckpointFailed, err)
		}
	}
	conn.Close()
	db.Close()
	step(StepVerifying)
	if err := verifySQLiteDelete(ctx, ref.Path, kind, schema, idCols, group); err != nil {
		return group, problem(ProblemCheckFailed, err)
	}
	// The batch is saved again by Delete once every store is done.
	return group, nil
}

// listedRowID is the row id the listing saw, to detect a replaced row.
func listedRowID(c Cookie) int64 {
	switch {
	case c.Chromium != nil:
		return c.Chromium.RowID
	case c.Firefox != nil:
		return c.Firefox.ID
	}
	return 0
}

// selectOneRow reads the single row an identity names, every column.
func selectOneRow(ctx context.Context, stmt *sql.Stmt, args []any) (UndoRow, error) {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return UndoRow{}, describeWriteError(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return UndoRow{}, err
	}
	var out UndoRow
	n := 0
	for rows.Next() {
		n++
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return UndoRow{}, err
		}
		rowid, ok := vals[0].(int64)
		if !ok {
			return UndoRow{}, errors.New("row without a rowid")
		}
		out = UndoRow{RowID: rowid, Columns: cols[1:]}
		for _, v := range vals[1:] {
			sv, err := toSQLValue(v)
			if err != nil {
				return UndoRow{}, err
			}
			out.Values = append(out.Values, sv)
		}
	}
	if err := rows.Err(); err != nil {
		return UndoRow{}, err
	}
	switch n {
	case 0:
		return UndoRow{}, &Problem{Kind: ProblemGoneFromStore}
	case 1:
		return out, nil
	}
	return UndoRow{}, &Problem{Kind: ProblemSharedIdentity, N: int(n), Unchanged: true}
}

// verifySQLiteDelete is step 4: a fresh read of the store. The row count
// was checked inside the transaction; here the deleted identities must be
// gone, the file sound and the schema version the same.
func verifySQLiteDelete(ctx context.Context, path string, kind Kind, schema sqliteSchema, idCols []string, deleted []Cookie) error {
	_, err := withStoreDB(ctx, path, func(db *sql.DB) error {
		var check string
		if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
			return err
		}
		if check != "ok" {
			return &Problem{Kind: ProblemQuickCheck, Detail: OneLine(check)}
		}
		stmt, err := db.PrepareContext(ctx, `SELECT count(*) FROM `+schema.table+` WHERE `+identityWhere(idCols))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, c := range deleted {
			args, _ := identityArgs(c, idCols)
			var n int
			if err := stmt.QueryRowContext(ctx, args...).Scan(&n); err != nil {
				return err
			}
			if n != 0 {
				return &Problem{Kind: ProblemStillThere, Subject: c.Name + " on " + c.Host}
			}
		}
		var version string
		if kind == KindChromium {
			if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key='version'`).Scan(&version); err != nil {
				return err
			}
		} else {
			var v int
			if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
				return err
			}
			version = strconv.Itoa(v)
		}
		if version != schema.version {
			return &Problem{Kind: ProblemSchemaChanged, Subject: schema.version, Detail: version}
		}
		return nil
	})
	return err
}
