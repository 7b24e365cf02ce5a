package inspect

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// What stays on disk is bounded: a deletion batch (its undo record and its
// whole-store backups) is kept for a while, so that undo and
// undo --restore-file can serve, then removed. Pruning runs after every
// deletion and on demand (undo --prune).

// Retention is how long deletion batches are kept.
type Retention struct {
	MaxAge   time.Duration // a batch older than this is removed
	MaxCount int           // only the newest MaxCount batches are kept; 0: no limit
}

// DefaultRetention keeps batches for 30 days, and at most the last 20.
var DefaultRetention = Retention{MaxAge: 30 * 24 * time.Hour, MaxCount: 20}

// The environment variables that change the retention.
const (
	EnvRetainFor     = "OFGL_COOKIES_RETAIN_FOR"     // e.g. 30d, 72h
	EnvRetainBatches = "OFGL_COOKIES_RETAIN_BATCHES" // e.g. 20
)

// orphanGrace is how long a batch directory without a readable manifest
// is left alone: a run that is writing its first backup has no manifest
// yet. An older one is a crash's leftover.
const orphanGrace = time.Hour

// RetentionError says a retention setting is malformed.
type RetentionError struct {
	Name, Value string
}

func (e *RetentionError) Error() string {
	return fmt.Sprintf("invalid %s %q: expected a duration such as 30d or 12h, or a count of at least 1", e.Name, e.Value)
}

// RetentionFromEnv reads the retention from the environment, the default
// for what is not set.
func RetentionFromEnv(getenv func(string) string) (Retention, error) {
	r := DefaultRetention
	if v := getenv(EnvRetainFor); v != "" {
		d, err := ParseAge(v)
		if err != nil {
			return r, &RetentionError{Name: EnvRetainFor, Value: v}
		}
		r.MaxAge = d
	}
	if v := getenv(EnvRetainBatches); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return r, &RetentionError{Name: EnvRetainBatches, Value: v}
		}
		r.MaxCount = n
	}
	return r, nil
}

// ParseAge parses a duration as Go does (12h, 90m, 0s), plus whole days
// (30d).
func ParseAge(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100000 {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("invalid duration %q", s)
	}
	return d, nil
}

// PrunedBatch is one batch that pruning removed (or would remove).
type PrunedBatch struct {
	ID      string
	Created time.Time
	Status  string // "" for a leftover directory without a manifest
	Cookies int
	Files   int
	Bytes   int64
	Err     error // the removal failed (Files and Bytes say what went)
}

// PruneResult is what a prune removed, and what it left in use.
type PruneResult struct {
	Removed []PrunedBatch
	InUse   []string // batches another run is writing or whose store it holds
	Bytes   int64    // freed, in all
	Files   int
}

// PruneOptions configure Prune.
type PruneOptions struct {
	Retention Retention
	Keep      string // a batch never removed (the one a deletion just wrote)
	DryRun    bool   // say what would go, remove nothing
	Now       time.Time
}

// Prune removes the batches the retention no longer keeps: each batch's
// directory, with its manifest, its store backups and the copies taken
// before undos. It holds the state lock throughout, and never removes a
// batch that a live run is still writing or whose store another run has
// locked.
func Prune(ctx context.Context, stateDir string, po PruneOptions, opts DeleteOptions) (PruneResult, error) {
	var res PruneResult
	opts = undoOptions(stateDir, opts, "prune")
	if po.Now.IsZero() {
		po.Now = time.Now()
	}
	if err := checkPrivateDir(stateDir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, err
	}
	if _, err := os.Stat(batchesDir(stateDir)); errors.Is(err, os.ErrNotExist) {
		return res, nil
	}
	if !po.DryRun {
		release, err := lockState(ctx, opts)
		if err != nil {
			return res, err
		}
		defer release()
	}
	batches, err := ListBatches(stateDir)
	if err != nil {
		return res, err
	}
	cutoff := po.Now.Add(-po.Retention.MaxAge)
	listed := map[string]bool{}
	for i := range batches {
		b := &batches[i]
		listed[b.ID] = true
		withinCount := po.Retention.MaxCount <= 0 || i < po.Retention.MaxCount
		if b.ID == po.Keep || (withinCount && b.Created.After(cutoff)) {
			continue
		}
		if b.Status == BatchPending && writerAlive(b.Writer) {
			res.InUse = append(res.InUse, b.ID)
			continue
		}
		var release func()
		if !po.DryRun {
			var busy bool
			release, busy = lockBatchStores(ctx, opts, b)
			if busy {
				res.InUse = append(res.InUse, b.ID)
				continue
			}
		}
		p := removeBatchDir(batchDir(stateDir, b.ID), po.DryRun)
		p.ID, p.Created, p.Status, p.Cookies = b.ID, b.Created, b.Status, b.Cookies()
		if release != nil {
			release()
		}
		res.add(p)
	}
	// Directories without a readable manifest: a crash before the first
	// manifest was written leaves a backup there.
	entries, err := os.ReadDir(batchesDir(stateDir))
	if err != nil {
		return res, err
	}
	for _, e := range entries {
		if !e.IsDir() || listed[e.Name()] || e.Name() == po.Keep {
			continue
		}
		dir := batchDir(stateDir, e.Name())
		newest := newestChange(dir)
		if age := po.Now.Sub(newest); age < orphanGrace || age < po.Retention.MaxAge {
			continue
		}
		p := removeBatchDir(dir, po.DryRun)
		p.ID, p.Created = e.Name(), newest
		res.add(p)
	}
	return res, nil
}

func (r *PruneResult) add(p PrunedBatch) {
	r.Removed = append(r.Removed, p)
	r.Bytes += p.Bytes
	r.Files += p.Files
}

// lockBatchStores takes, without waiting, the lock of every store of a
// batch; busy when another run holds one of them.
func lockBatchStores(ctx context.Context, opts DeleteOptions, b *Batch) (release func(), busy bool) {
	opts.LockWait, opts.OnLockWait = time.Nanosecond, nil
	var releases []func()
	release = func() {
		for _, r := range releases {
			r()
		}
	}
	for _, s := range b.Stores {
		r, err := lockStore(ctx, opts, s.Store)
		if err != nil {
			release()
			return nil, true
		}
		releases = append(releases, r)
	}
	return release, false
}

// removeBatchDir removes a batch's directory and counts the regular files
// and bytes that went. In a dry run it only counts.
func removeBatchDir(dir string, dryRun bool) PrunedBatch {
	var p PrunedBatch
	files, size := dirUsage(dir)
	if dryRun {
		p.Files, p.Bytes = files, size
		return p
	}
	err := os.RemoveAll(dir)
	left, leftSize := dirUsage(dir)
	p.Files, p.Bytes = files-left, size-leftSize
	if err != nil {
		p.Err = err
	}
	syncDir(filepath.Dir(dir))
	return p
}

// dirUsage counts the regular files under dir and their bytes.
func dirUsage(dir string) (files int, size int64) {
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			files++
			size += fi.Size()
		}
		return nil
	})
	return files, size
}

// newestChange is the latest modification time under dir.
func newestChange(dir string) time.Time {
	var t time.Time
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().After(t) {
			t = fi.ModTime()
		}
		return nil
	})
	return t
}

// writerAlive reports whether the process writing a pending batch may
// still run: one on another host, or that the manifest does not name, is
// taken to be alive only when the manifest says so.
func writerAlive(w *BatchWriter) bool {
	if w == nil || w.PID <= 0 {
		return false
	}
	if host, _ := os.Hostname(); w.Host != host {
		return true
	}
	if w.PID == os.Getpid() {
		return true
	}
	return pidAlive(w.PID)
}

// pruneAfterDelete is the automatic prune after a deletion, with the
// retention of the environment; it never removes the batch just written.
func pruneAfterDelete(ctx context.Context, opts DeleteOptions, keep string) (PruneResult, error) {
	ret, err := RetentionFromEnv(os.Getenv)
	if err != nil {
		return PruneResult{}, err
	}
	return Prune(ctx, opts.StateDir, PruneOptions{Retention: ret, Keep: keep, Now: time.Now()}, opts)
}
