package ui

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

// Backend is every piece of I/O the UI does: finding and reading the stores,
// revealing one value, deleting, undoing, and the keep list. The UI calls it
// only from tea.Cmds, never from Update or View; tests pass a fake.
type Backend interface {
	// Stores lists the stores to read (discovery, --store, or the demo's).
	Stores(ctx context.Context) ([]inspect.StoreRef, error)
	// ReadEach reads the stores concurrently and calls fn once per store,
	// one call at a time, as each read ends.
	ReadEach(ctx context.Context, refs []inspect.StoreRef, fn func(inspect.StoreStatus, []inspect.Finding))
	// Reveal reads the value of this one cookie.
	Reveal(ctx context.Context, c inspect.Cookie) (inspect.Cookie, error)
	// Delete deletes exactly these cookies, with backups and an undo record.
	Delete(ctx context.Context, cookies []inspect.Cookie) (inspect.BatchResult, error)
	// Undo puts back the batch id, or for "" the latest batch that can be
	// undone; it returns ErrNothingToUndo when there is none.
	Undo(ctx context.Context, id string) (undone string, results []inspect.UndoResult, err error)
	// Batches lists the deletion batches, newest first, as undo --list.
	Batches(ctx context.Context) ([]inspect.Batch, error)
	// KeepRules reads the persistent keep list.
	KeepRules() ([]inspect.KeepRule, error)
	// UpdateKeepRules changes the persistent keep list under its lock: change
	// gets the list as it is now and returns the list to write.
	UpdateKeepRules(change func([]inspect.KeepRule) ([]inspect.KeepRule, error)) ([]inspect.KeepRule, error)
}

// ErrNothingToUndo is Undo's answer when no batch can be undone.
var ErrNothingToUndo = errors.New("no deletion batch to undo")

// inspectBackend is the real Backend, over package inspect.
type inspectBackend struct {
	opts         inspect.Options
	stateDir     string // "" means inspect.StateDir()
	keepPath     string // "" means inspect.KeepListPath()
	checkRunning func(inspect.StoreRef) (inspect.OwnerStatus, error)
}

// newInspectBackend reads what opts says (discovery, opts.StorePath or
// opts.Refs). Values are never read in bulk: only Reveal reads one.
func newInspectBackend(opts inspect.Options, stateDir, keepPath string, checkRunning func(inspect.StoreRef) (inspect.OwnerStatus, error)) *inspectBackend {
	opts.ShowValues = false
	if opts.Catalog == nil {
		opts.Catalog = catalog.Default()
	}
	return &inspectBackend{opts: opts, stateDir: stateDir, keepPath: keepPath, checkRunning: checkRunning}
}

func (b *inspectBackend) Stores(ctx context.Context) ([]inspect.StoreRef, error) {
	return inspect.Stores(ctx, b.opts)
}

func (b *inspectBackend) ReadEach(ctx context.Context, refs []inspect.StoreRef, fn func(inspect.StoreStatus, []inspect.Finding)) {
	inspect.ReadEach(ctx, refs, b.opts, fn)
}

func (b *inspectBackend) Reveal(ctx context.Context, c inspect.Cookie) (inspect.Cookie, error) {
	return inspect.RevealValue(ctx, c, b.opts.Site)
}

func (b *inspectBackend) deleteOptions() (inspect.DeleteOptions, error) {
	dir := b.stateDir
	if dir == "" {
		d, err := inspect.StateDir()
		if err != nil {
			return inspect.DeleteOptions{}, err
		}
		dir = d
	}
	// The UI waits for another run as the CLI does, but says nothing on
	// stderr: a store still busy shows its error in the status line.
	return inspect.DeleteOptions{StateDir: dir, CheckRunning: b.checkRunning, Command: "ui", LockWait: inspect.DefaultLockWait}, nil
}

func (b *inspectBackend) Delete(ctx context.Context, cookies []inspect.Cookie) (inspect.BatchResult, error) {
	opts, err := b.deleteOptions()
	if err != nil {
		return inspect.BatchResult{}, err
	}
	return inspect.Delete(ctx, cookies, opts)
}

func (b *inspectBackend) Undo(ctx context.Context, id string) (string, []inspect.UndoResult, error) {
	opts, err := b.deleteOptions()
	if err != nil {
		return "", nil, err
	}
	if id == "" {
		batches, err := inspect.ListBatches(opts.StateDir)
		if err != nil {
			return "", nil, err
		}
		// The same choice as `ofgl-cookies undo`: the newest batch not undone.
		for _, batch := range batches {
			if batch.Undoable() {
				id = batch.ID
				break
			}
		}
		if id == "" {
			return "", nil, ErrNothingToUndo
		}
	}
	_, results, err := inspect.Undo(ctx, opts.StateDir, id, opts)
	return id, results, err
}

func (b *inspectBackend) Batches(ctx context.Context) ([]inspect.Batch, error) {
	opts, err := b.deleteOptions()
	if err != nil {
		return nil, err
	}
	return inspect.ListBatches(opts.StateDir)
}

func (b *inspectBackend) keepListPath() (string, error) {
	if b.keepPath != "" {
		return b.keepPath, nil
	}
	return inspect.KeepListPath()
}

func (b *inspectBackend) KeepRules() ([]inspect.KeepRule, error) {
	p, err := b.keepListPath()
	if err != nil {
		return nil, err
	}
	return inspect.LoadKeepList(p)
}

func (b *inspectBackend) UpdateKeepRules(change func([]inspect.KeepRule) ([]inspect.KeepRule, error)) ([]inspect.KeepRule, error) {
	p, err := b.keepListPath()
	if err != nil {
		return nil, err
	}
	return inspect.UpdateKeepList(context.Background(), p, change)
}

// demoKeepPath is the demo's own keep list, so the demo never edits the
// user's.
func demoKeepPath(configDir string) string { return filepath.Join(configDir, "keep.txt") }
