package inspect

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storelock"
)

// A run killed in the middle of a deletion (power cut, SIGKILL) leaves its
// batch "pending": a backup, maybe an undo record, and for each store whose
// change was under way the status "pending", which says nothing about
// whether the commit or the rename happened. The next delete, clear or
// undo settles such batches before doing anything else, from the stores
// themselves: a store that no longer holds the recorded rows or entries was
// changed (the batch is kept and can be undone), one that still holds them
// was not (its backup is removed). A Firefox session store killed between
// two of its files is completed, so that every file is whole and the
// cookies are gone from all of them.
//
// A run holds the lock of its batch for its whole life, so a batch whose
// lock can be taken belongs to a dead run; a live run's batch is never
// touched.

// RecoveryOutcome says what the recovery did with one interrupted batch.
type RecoveryOutcome string

const (
	// RecoveryFinished: some cookies had been deleted; the batch is now
	// committed and can be undone.
	RecoveryFinished RecoveryOutcome = "finished"
	// RecoveryCleanedUp: nothing had been deleted; the batch and its
	// backups were removed.
	RecoveryCleanedUp RecoveryOutcome = "cleaned-up"
	// RecoveryLeft: a store could not be settled (unreadable, or a browser
	// runs where a file had to be completed); the batch stays pending and
	// the next run tries again.
	RecoveryLeft RecoveryOutcome = "left"
)

// RecoveredBatch is what the recovery did with one interrupted batch.
type RecoveredBatch struct {
	ID      string
	Created time.Time
	Outcome RecoveryOutcome
	Deleted int // cookies the batch deleted (Finished)
	// Completed counts the stores whose interrupted rewrite was completed
	// (a Firefox session store killed between two of its files).
	Completed int
	Stores    []RecoveredStore
}

// RecoveredStore is what the recovery found in one store of a batch.
type RecoveredStore struct {
	Store     StoreRef
	Committed bool  // the store no longer holds the recorded cookies
	Completed bool  // a half-rewritten store was completed
	Err       error // why the store could not be settled (RecoveryLeft)
}

// interruptedBeforeCommit is the error recorded for a store whose run was
// killed before its change reached the store: nothing was changed.
var interruptedBeforeCommit = (&Problem{Kind: ProblemInterrupted, Unchanged: true}).Error()

// batchLockName names the lock a run holds on its own batch.
func batchLockName(id string) string { return "batch-" + safeName(id) + ".lock" }

// lockBatch takes the lock of a new batch, held by Delete until it returns.
func lockBatch(ctx context.Context, opts DeleteOptions, id string) (func(), error) {
	return takeLock(ctx, opts, batchLockName(id), StoreRef{})
}

// tryLockBatch takes a batch's lock only if no live run holds it.
func tryLockBatch(stateDir, id string) (func(), bool) {
	dir, err := storelock.Dir(locksDir(stateDir))
	if err != nil {
		return nil, false
	}
	l, err := storelock.Acquire(context.Background(), filepath.Join(dir, batchLockName(id)), "recover", 0, nil)
	if err != nil {
		return nil, false
	}
	return l.Release, true
}

// batchTime reads the creation time a batch id begins with.
func batchTime(id string) time.Time {
	stamp, _, _ := strings.Cut(id, "-")
	t, _ := time.Parse("20060102T150405.000000Z", stamp)
	return t
}

// RecoverInterrupted settles every batch that a killed run left pending,
// and removes the backups of runs killed before their undo record was
// written. It returns one result per batch it acted on.
func RecoverInterrupted(ctx context.Context, opts DeleteOptions) ([]RecoveredBatch, error) {
	if opts.StateDir == "" {
		d, err := StateDir()
		if err != nil {
			return nil, err
		}
		opts.StateDir = d
	}
	if opts.CheckRunning == nil {
		opts.CheckRunning = checkRunning
	}
	entries, err := batchEntries(opts.StateDir)
	if err != nil {
		return nil, err
	}
	var out []RecoveredBatch
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		if !e.IsDir() || batchTime(e.Name()).IsZero() {
			continue
		}
		r, acted, err := recoverBatch(ctx, opts, e.Name())
		if err != nil {
			return out, err
		}
		if acted {
			out = append(out, r)
		}
	}
	if len(out) > 0 {
		sweepDeadLocks(opts.StateDir)
	}
	return out, nil
}

// sweepDeadLocks removes the lock files a killed run left (the kernel
// released the locks, the files stay): each one that can be taken at once
// is taken and released, which removes it. A held lock is left alone.
func sweepDeadLocks(stateDir string) {
	dir := locksDir(stateDir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		if l, err := storelock.Acquire(context.Background(), filepath.Join(dir, e.Name()), "recover", 0, nil); err == nil {
			l.Release()
		}
	}
}

func recoverBatch(ctx context.Context, opts DeleteOptions, id string) (RecoveredBatch, bool, error) {
	dir := filepath.Join(batchesDir(opts.StateDir), id)
	res := RecoveredBatch{ID: id, Created: batchTime(id)}
	b, readable := readManifest(dir)
	if readable && b.Status != BatchPending {
		return res, false, nil
	}
	release, free := tryLockBatch(opts.StateDir, id)
	if !free {
		return res, false, nil // a live run
	}
	defer release()
	releaseState, err := lockState(ctx, opts)
	if err != nil {
		return res, false, err
	}
	defer releaseState()
	// Read again under the locks: the run may have ended since.
	if _, err := os.Stat(dir); err != nil {
		return res, false, nil
	}
	if b, readable = readManifest(dir); readable && b.Status != BatchPending {
		return res, false, nil
	}
	if !readable {
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); !errors.Is(err, os.ErrNotExist) {
			return res, false, nil // not ours to judge: left as it is
		}
		// Killed before its undo record: nothing was changed, since the
		// record is always written before a store is.
		if err := os.RemoveAll(dir); err != nil {
			return res, false, err
		}
		res.Outcome = RecoveryCleanedUp
		return res, true, nil
	}
	res.Created = b.Created
	left := false
	for i := range b.Stores {
		bs := &b.Stores[i]
		if bs.Status != StorePending {
			continue
		}
		rs, err := settleStore(ctx, opts, bs)
		if err != nil {
			rs.Err = storeProblem(err, bs.Store.Path)
			left = true
		}
		if rs.Completed {
			res.Completed++
		}
		res.Stores = append(res.Stores, rs)
	}
	if left {
		res.Outcome = RecoveryLeft
		return res, true, b.save(opts.StateDir)
	}
	if b.Count() == 0 {
		res.Outcome = RecoveryCleanedUp
		return res, true, os.RemoveAll(dir)
	}
	removeUnreferenced(dir, b)
	b.Status = BatchCommitted
	res.Outcome = RecoveryFinished
	for _, s := range b.Stores {
		if s.Status == StoreDeleted {
			res.Deleted += deletedCookies(s)
		}
	}
	return res, true, b.save(opts.StateDir)
}

// deletedCookies counts the cookies a store's part of a batch deleted: a
// session store records a cookie once for each file it was removed from.
func deletedCookies(bs BatchStore) int {
	if bs.Store.Kind != KindFirefoxSession {
		return len(bs.Rows) + len(bs.Entries)
	}
	seen := map[string]bool{}
	for _, e := range bs.Entries {
		c, _, err := firefoxfmt.ParseSessionCookie(e.Raw)
		if err != nil {
			return len(bs.Entries)
		}
		seen[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
	}
	return len(seen)
}

// readManifest reads a batch's manifest; false when it is missing or torn.
func readManifest(dir string) (*Batch, bool) {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, false
	}
	var b Batch
	if json.Unmarshal(data, &b) != nil || b.ID != filepath.Base(dir) {
		return nil, false
	}
	return &b, true
}

// removeUnreferenced removes what a killed run left in its batch
// directory and no store refers to: the backup of a store it had not yet
// recorded, and half-written manifests.
func removeUnreferenced(dir string, b *Batch) {
	keep := map[string]bool{"manifest.json": true}
	for _, s := range b.Stores {
		if s.BackupDir != "" {
			keep[filepath.Base(s.BackupDir)] = true
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !keep[e.Name()] {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// settleStore decides, from the store itself, whether a pending store was
// changed, and updates its part of the batch.
func settleStore(ctx context.Context, opts DeleteOptions, bs *BatchStore) (RecoveredStore, error) {
	rs := RecoveredStore{Store: bs.Store}
	release, err := lockStore(ctx, opts, bs.Store)
	if err != nil {
		return rs, err
	}
	defer release()
	removeStoreTemps(bs)
	switch {
	case len(bs.Rows) > 0:
		rs.Committed, err = sqliteCommitted(ctx, bs)
	case bs.Store.Kind == KindFirefoxSession:
		rs.Committed, rs.Completed, err = settleSession(opts, bs)
	case len(bs.Entries) > 0:
		rs.Committed, err = fileCommitted(bs)
	}
	if err != nil {
		return rs, err
	}
	if rs.Committed {
		bs.Status = StoreDeleted
		return rs, nil
	}
	if bs.BackupDir != "" {
		os.RemoveAll(bs.BackupDir)
	}
	bs.Status, bs.Error = StoreFailed, interruptedBeforeCommit
	bs.BackupDir, bs.Backup, bs.Rows, bs.Entries = "", nil, nil, nil
	return rs, nil
}

// removeStoreTemps removes the temporary files a rewrite killed before its
// rename leaves beside a file store. Their names are ofgl-cookies' own.
func removeStoreTemps(bs *BatchStore) {
	dirs := map[string]bool{filepath.Dir(bs.Store.Path): true}
	for _, e := range bs.Entries {
		dirs[filepath.Dir(e.File)] = true
	}
	for d := range dirs {
		var patterns []string
		patterns = append(patterns, filepath.Join(d, ".ofgl-cookies-*"))
		if bs.Store.Kind != KindFirefoxSession {
			base := filepath.Base(bs.Store.Path)
			patterns = append(patterns, filepath.Join(d, "."+base+".*.tmp"))
		}
		for _, p := range patterns {
			matches, _ := filepath.Glob(p)
			for _, m := range matches {
				if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() {
					os.Remove(m)
				}
			}
		}
	}
}

// sqliteCommitted tells whether the transaction of a pending SQLite store
// committed: none of the recorded rows is there any more. A row counts as
// there only if a row with its rowid holds exactly its values: a cookie set
// again since has other values.
func sqliteCommitted(ctx context.Context, bs *BatchStore) (bool, error) {
	present := 0
	_, err := withStoreDB(ctx, bs.Store.Path, func(db *sql.DB) error {
		for _, row := range bs.Rows {
			found, err := rowStillThere(ctx, db, bs.Table, row)
			if err != nil {
				return err
			}
			if found {
				present++
			}
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	// The transaction removes every row or none: any row still there
	// means it did not commit.
	return present == 0, nil
}

func rowStillThere(ctx context.Context, db *sql.DB, table string, row UndoRow) (bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM `+table+` WHERE rowid = ?`, row.RowID)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return false, err
	}
	if !rows.Next() {
		return false, rows.Err()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return false, err
	}
	now := map[string]SQLValue{}
	for i, c := range cols {
		v, err := toSQLValue(vals[i])
		if err != nil {
			return false, err
		}
		now[strings.ToLower(c)] = v
	}
	for i, c := range row.Columns {
		if i >= len(row.Values) || now[strings.ToLower(c)] != row.Values[i] {
			return false, nil
		}
	}
	return true, nil
}

// fileCommitted tells whether a cookies.txt or binarycookies rewrite was
// renamed into place: the file is no longer its backup, and none of the
// recorded entries is in it. The rename replaces the whole file at once.
func fileCommitted(bs *BatchStore) (bool, error) {
	data, err := os.ReadFile(bs.Store.Path)
	if err != nil {
		return false, err
	}
	if len(bs.Backup) == 1 {
		if sum, _, err := fileSHA256(filepath.Join(bs.BackupDir, bs.Backup[0].Name)); err == nil && sum == bs.Backup[0].SHA256 && sum == sha256Hex(data) {
			return false, nil
		}
	}
	keys, err := fileStoreKeys(data, bs.Entries[0].Bytes != nil)
	if err != nil {
		return false, err
	}
	for _, e := range bs.Entries {
		if keys[entryKey(e)] {
			return false, nil
		}
	}
	return true, nil
}

// fileStoreKeys lists the identities of a file store's cookies.
func fileStoreKeys(data []byte, safari bool) (map[string]bool, error) {
	keys := map[string]bool{}
	if safari {
		f, err := binarycookies.Parse(data)
		if err != nil {
			return nil, err
		}
		for _, p := range f.Pages {
			for _, c := range p {
				keys[fileCookieKey(c.Domain, c.Name, c.Path)] = true
			}
		}
		return keys, nil
	}
	lines, err := netscape.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		keys[l.Key()] = true
	}
	return keys, nil
}

// settleSession looks at each file of a pending session store: every file
// still holding its recorded entries means nothing was changed; none
// holding them means the change was made; a mix is a rewrite killed
// between two files, which is completed (when Firefox is closed) by
// removing the same entries from the files that still hold them.
func settleSession(opts DeleteOptions, bs *BatchStore) (committed, completed bool, err error) {
	files, byFile := entriesByFile(bs.Entries)
	var stale []string // files that still hold their entries
	for _, f := range files {
		raw, err := mozlz4.ReadFile(f, maxSessionStore)
		if err != nil {
			return false, false, err
		}
		cur, err := firefoxfmt.ParseSessionStore(raw)
		if err != nil {
			return false, false, err
		}
		present := map[string]bool{}
		for _, c := range cur {
			present[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
		}
		for _, e := range byFile[f] {
			if c, _, err := firefoxfmt.ParseSessionCookie(e.Raw); err == nil && present[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] {
				stale = append(stale, f)
				break
			}
		}
	}
	switch len(stale) {
	case 0:
		return true, false, nil
	case len(files):
		return false, false, nil
	}
	if _, err := refuseIfRunning(bs.Store, opts); err != nil {
		return false, false, err
	}
	for _, f := range stale {
		want := map[string]bool{}
		for _, e := range byFile[f] {
			if c, _, err := firefoxfmt.ParseSessionCookie(e.Raw); err == nil {
				want[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
			}
		}
		raw, err := mozlz4.ReadFile(f, maxSessionStore)
		if err != nil {
			return false, false, err
		}
		out, _, err := removeSessionEntries(raw, func(c firefoxfmt.SessionCookie) bool {
			return want[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)]
		})
		if err != nil {
			return false, false, err
		}
		enc, err := mozlz4.Encode(out)
		if err != nil {
			return false, false, err
		}
		if err := replaceFile(f, enc); err != nil {
			return false, false, err
		}
	}
	return true, true, nil
}
