package inspect

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Batch statuses.
const (
	BatchPending   = "pending"   // being written; a crash may leave it so
	BatchCommitted = "committed" // every store reached its final status
	BatchUndone    = "undone"
	BatchRestored  = "restored" // undo --restore-file put the backup files back
)

// Store statuses within a batch.
const (
	StoreUntouched = "untouched" // nothing was done yet
	StorePending   = "pending"   // undo data recorded, the commit may or may not have happened
	StoreDeleted   = "deleted"
	StoreFailed    = "failed" // rolled back: the store is as it was
	StoreRefused   = "refused"
	StoreRestored  = "restored"
)

// Batch is the undo record of one deletion: for each store, its backup and
// every deleted row or entry. It is saved as manifest.json (0600) in its own
// 0700 directory under StateDir/batches.
type Batch struct {
	ID      string       `json:"id"`
	Created time.Time    `json:"created"`
	Status  string       `json:"status"`
	Tool    string       `json:"tool"`
	Stores  []BatchStore `json:"stores"`
	Undone  *time.Time   `json:"undone,omitempty"` // when it was undone or restored
	// Writer names the process writing a pending batch, so that pruning
	// never removes a batch that a live run is still writing.
	Writer *BatchWriter `json:"writer,omitempty"`
}

// BatchWriter is the process that writes a pending batch.
type BatchWriter struct {
	PID  int    `json:"pid"`
	Host string `json:"host"`
}

// Done reports whether the batch was already undone or restored: it has
// nothing left to put back.
func (b *Batch) Done() bool { return b.Status == BatchUndone || b.Status == BatchRestored }

// Undoable reports whether undo can still put something of the batch back.
func (b *Batch) Undoable() bool { return !b.Done() && b.Count() > 0 }

// Cookies returns how many cookies the batch deleted, including those an
// undo put back since.
func (b *Batch) Cookies() int {
	n := 0
	for _, s := range b.Stores {
		switch s.Status {
		case StoreDeleted, StorePending, StoreRestored:
			n += storeCookieCount(s)
		}
	}
	return n
}

// BatchStore is one store's part of a batch.
type BatchStore struct {
	Store  StoreRef `json:"store"`
	Status string   `json:"status"`
	// Error records why the store failed, in the stable form of the
	// error's Error method (a record for maintainers, not words for people).
	Error     string       `json:"error,omitempty"`
	BackupDir string       `json:"backup_dir,omitempty"`
	Backup    []BackupFile `json:"backup,omitempty"`
	// SQLite stores: the table, its CREATE statement and schema version
	// (Chromium meta version, Firefox user_version) an undo must find again.
	Table     string    `json:"table,omitempty"`
	CreateSQL string    `json:"create_sql,omitempty"`
	Version   string    `json:"version,omitempty"`
	Rows      []UndoRow `json:"rows,omitempty"`
	// File stores: the removed entries, in their own format.
	Entries []FileEntry `json:"entries,omitempty"`
	// Restore notes, after an undo; Skipped holds Skipped.String of each
	// cookie the undo left out.
	Restored []string `json:"restored,omitempty"`
	Skipped  []string `json:"skipped,omitempty"`
	// Forgotten counts the rows and entries whose undo data was dropped
	// once the batch was undone: they are back in the store.
	Forgotten int `json:"forgotten,omitempty"`
}

// FileEntry is an entry removed from a non-SQLite store (a session store
// cookie, a cookies.txt line, a binarycookies record).
type FileEntry struct {
	File  string          `json:"file"`            // the file it was removed from
	Name  string          `json:"name"`            // cookie name, for messages
	Host  string          `json:"host"`            // cookie host, for messages
	Raw   json.RawMessage `json:"raw,omitempty"`   // session store JSON entry
	Line  string          `json:"line,omitempty"`  // cookies.txt line
	Bytes []byte          `json:"bytes,omitempty"` // binarycookies record
}

func batchesDir(stateDir string) string { return filepath.Join(stateDir, "batches") }

// batchEntries lists the batches directory; none yet is an empty list.
func batchEntries(stateDir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(batchesDir(stateDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return entries, err
}

func (b *Batch) dir(stateDir string) (string, error) {
	d := filepath.Join(batchesDir(stateDir), b.ID)
	// The state directory first: one that others can write to is refused
	// before anything is created in it.
	if err := mkdirPrivate(stateDir); err != nil {
		return "", err
	}
	if err := mkdirPrivate(batchesDir(stateDir)); err != nil {
		return "", problem(ProblemBackupDir, err)
	}
	if err := mkdirPrivate(d); err != nil {
		return "", problem(ProblemBackupDir, err)
	}
	return d, nil
}

// save writes the manifest atomically, so an undo never reads half of it.
func (b *Batch) save(stateDir string) error {
	if b.Tool == "" {
		b.Tool = "ofgl-cookies"
	}
	b.Writer = nil
	if b.Status == BatchPending {
		host, _ := os.Hostname()
		b.Writer = &BatchWriter{PID: os.Getpid(), Host: host}
	}
	d, err := b.dir(stateDir)
	if err != nil {
		return err
	}
	return writePrivateJSON(filepath.Join(d, "manifest.json"), b)
}

// saveBatch writes a batch's manifest under the state directory's lock,
// so that nothing that walks the batches (pruning, the clean-up of a batch
// a crash left pending) acts on a manifest while a run writes it. Lock
// order: a store's lock, then the state lock, never the other way round.
func saveBatch(ctx context.Context, opts DeleteOptions, b *Batch) error {
	release, err := lockState(ctx, opts)
	if err != nil {
		return err
	}
	defer release()
	return b.save(opts.StateDir)
}

// Count returns the number of rows and entries the batch deleted (or may have).
func (b *Batch) Count() int {
	n := 0
	for _, s := range b.Stores {
		if s.Status == StoreDeleted || s.Status == StorePending {
			n += len(s.Rows) + len(s.Entries)
		}
	}
	return n
}

// LoadBatch reads one batch by id (or by a unique prefix of it).
func LoadBatch(stateDir, id string) (*Batch, error) {
	all, err := ListBatches(stateDir)
	if err != nil {
		return nil, err
	}
	var found *Batch
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
		if strings.HasPrefix(all[i].ID, id) {
			if found != nil {
				return nil, &Problem{Kind: ProblemBatchAmbiguous, Subject: id}
			}
			found = &all[i]
		}
	}
	if found == nil {
		return nil, &Problem{Kind: ProblemNoBatch, Subject: id}
	}
	return found, nil
}

// ListBatches returns every recorded batch, newest first. A manifest that
// cannot be read is skipped: it can only come from outside the tool, since
// manifests are written atomically.
func ListBatches(stateDir string) ([]Batch, error) {
	// Manifests name the files a restore writes: none is read from a
	// directory that others can write to.
	if err := checkPrivateDir(stateDir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	entries, err := batchEntries(stateDir)
	if err != nil {
		return nil, err
	}
	var out []Batch
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(batchesDir(stateDir), e.Name(), "manifest.json"))
		if err != nil {
			continue
		}
		var b Batch
		if json.Unmarshal(data, &b) != nil || b.ID != e.Name() {
			continue
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.After(out[j].Created)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}
