package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// UndoResult is what an undo did to one store.
type UndoResult struct {
	Store    StoreRef
	Restored int
	Skipped  []string // rows a newer cookie replaced, or that were never deleted
	Refused  bool
	Err      string
}

// Undo re-inserts the rows and entries of a batch, store by store, when the
// browser is closed and the schema is the one the rows came from. A row
// whose identity is taken again (the site set the cookie anew) is skipped:
// the newer cookie wins.
func Undo(ctx context.Context, stateDir, id string, opts DeleteOptions) (*Batch, []UndoResult, error) {
	if opts.CheckRunning == nil {
		opts.CheckRunning = checkRunning
	}
	b, err := LoadBatch(stateDir, id)
	if err != nil {
		return nil, nil, err
	}
	if b.Status == BatchUndone {
		return b, nil, fmt.Errorf("batch %s was already undone", b.ID)
	}
	var results []UndoResult
	allDone := true
	for i := range b.Stores {
		bs := &b.Stores[i]
		if bs.Status != StoreDeleted && bs.Status != StorePending {
			continue
		}
		r := UndoResult{Store: bs.Store}
		if _, err := refuseIfRunning(bs.Store, opts); err != nil {
			var refused *RefusedError
			errors.As(err, &refused)
			r.Refused, r.Err = true, err.Error()
			results = append(results, r)
			allDone = false
			continue
		}
		preDir := filepath.Join(bs.BackupDir, "before-undo-"+time.Now().UTC().Format("20060102T150405Z"))
		var n int
		var skipped []string
		switch {
		case len(bs.Rows) > 0:
			n, skipped, err = undoSQLite(ctx, bs, preDir)
		case len(bs.Entries) > 0:
			n, skipped, err = undoFileEntries(ctx, bs, preDir)
		}
		r.Restored, r.Skipped = n, skipped
		if err != nil {
			r.Err = oneLine(trimPathPrefix(err.Error(), bs.Store.Path))
			allDone = false
		} else {
			bs.Status = StoreRestored
			bs.Restored = append(bs.Restored, fmt.Sprintf("%d restored", n))
			bs.Skipped = append(bs.Skipped, skipped...)
		}
		results = append(results, r)
	}
	if allDone {
		now := time.Now().UTC()
		b.Status, b.Undone = BatchUndone, &now
	}
	if err := b.save(stateDir); err != nil {
		return b, results, err
	}
	return b, results, nil
}

func undoSQLite(ctx context.Context, bs *BatchStore, preDir string) (int, []string, error) {
	path := bs.Store.Path
	kind := KindChromium
	if bs.Table == "moz_cookies" {
		kind = KindFirefox
	}
	if _, err := backupStore(path, preDir); err != nil {
		return 0, nil, fmt.Errorf("backup failed, nothing was changed: %w", err)
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
		return 0, nil, fmt.Errorf("the store's schema changed since the deletion (version %s, was %s); restore the backup file instead (undo --restore-file)", schema.version, bs.Version)
	}
	idCols := identityColumns(kind, schema.colSet)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, nil, describeWriteError(err)
	}
	defer tx.Rollback()
	restored := 0
	var skipped []string
	for _, row := range bs.Rows {
		values := map[string]SQLValue{}
		for i, c := range row.Columns {
			if i < len(row.Values) {
				values[strings.ToLower(c)] = row.Values[i]
			}
		}
		label := fmt.Sprintf("%s on %s", values["name"].Value, firstNonEmpty(values["host_key"].Value, values["host"].Value))
		args := make([]any, len(idCols))
		for i, c := range idCols {
			v, ok := values[c]
			if !ok {
				return 0, nil, fmt.Errorf("the undo record lacks column %s", c)
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
			skipped = append(skipped, label+": a newer cookie took its place, or it was never deleted")
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
			return restored, skipped, fmt.Errorf("restored, but the WAL checkpoint failed: %w", err)
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
			return fmt.Errorf("quick_check after the undo: %s", check)
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

// RestoreBackup puts a batch's backup files back in place of a store,
// reverting every change the browser made since the deletion too: callers
// must warn and ask first. The browser must be closed.
func RestoreBackup(ctx context.Context, stateDir, id string, opts DeleteOptions) ([]UndoResult, error) {
	if opts.CheckRunning == nil {
		opts.CheckRunning = checkRunning
	}
	b, err := LoadBatch(stateDir, id)
	if err != nil {
		return nil, err
	}
	var results []UndoResult
	for _, bs := range b.Stores {
		if len(bs.Backup) == 0 {
			continue
		}
		r := UndoResult{Store: bs.Store}
		if _, err := refuseIfRunning(bs.Store, opts); err != nil {
			r.Refused, r.Err = true, err.Error()
			results = append(results, r)
			continue
		}
		if err := restoreFiles(bs); err != nil {
			r.Err = oneLine(err.Error())
		} else {
			r.Restored = len(bs.Backup)
		}
		results = append(results, r)
	}
	return results, nil
}

func restoreFiles(bs BatchStore) error {
	// Check every copy before touching anything.
	for _, f := range bs.Backup {
		sum, _, err := fileSHA256(filepath.Join(bs.BackupDir, f.Name))
		if err != nil {
			return err
		}
		if sum != f.SHA256 {
			return fmt.Errorf("backup file %s is damaged (checksum mismatch); nothing was changed", f.Name)
		}
	}
	dir := filepath.Dir(bs.Store.Path)
	base := filepath.Base(bs.Store.Path)
	// Sidecars that the backup lacks would be replayed onto the old file.
	for _, suffix := range []string{"-wal", "-journal", "-shm"} {
		inBackup := false
		for _, f := range bs.Backup {
			if f.Name == base+suffix {
				inBackup = true
			}
		}
		if !inBackup {
			if err := os.Remove(filepath.Join(dir, base+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	for _, f := range bs.Backup {
		tmp := filepath.Join(dir, ".ofgl-cookies-restore-"+f.Name)
		if _, err := copyFileSynced(filepath.Join(bs.BackupDir, f.Name), tmp); err != nil {
			os.Remove(tmp)
			return err
		}
		if err := os.Rename(tmp, filepath.Join(dir, f.Name)); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	syncDir(dir)
	return nil
}
