package storegen

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CacheEnv names the environment variable that sets the cache directory.
const CacheEnv = "OFGL_BENCH_DIR"

// manifestName is the manifest's file name beside a cached store.
const manifestName = "manifest.json"

// CacheDir is where Cached keeps stores: $OFGL_BENCH_DIR, or
// os.TempDir()/ofgl-bench-<Version>.
func CacheDir() string {
	if d := os.Getenv(CacheEnv); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "ofgl-bench-"+Version)
}

// Cached returns the manifest of a store of format f with n cookies from seed,
// kept in CacheDir()/<format>-<n>-<seed>/ with its manifest.json. It generates
// the store on the first call, and again when the cached one is no longer
// usable: written by another Version, a file changed in size (for FirefoxWAL,
// a reader that checkpointed the -wal file), or a cookie that should be sent
// has expired since (the family's _gid lives one day). Concurrent callers may
// both generate; the directory is renamed into place atomically.
func Cached(f Format, n int, seed int64) (Manifest, error) {
	root := CacheDir()
	dir := filepath.Join(root, fmt.Sprintf("%s-%d-%d", f, n, seed))
	if m, err := loadCached(dir, f); err == nil {
		return m, nil
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Manifest{}, err
	}
	tmp, err := os.MkdirTemp(root, ".gen-")
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(tmp)
	m, err := Config{N: n, Seed: seed}.Write(f, filepath.Join(tmp, f.FileName()))
	if err != nil {
		return Manifest{}, err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, manifestName), data, 0o644); err != nil {
		return Manifest{}, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return Manifest{}, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another process won the race: use its store if it is good.
		if m2, err2 := loadCached(dir, f); err2 == nil {
			return m2, nil
		}
		return Manifest{}, err
	}
	m.Path = filepath.Join(dir, f.FileName())
	return m, nil
}

// loadCached reads and checks the store cached in dir.
func loadCached(dir string, f Format) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, err
	}
	if m.Version != Version || m.Format != f {
		return m, errors.New("storegen: cached store from another version")
	}
	m.Path = filepath.Join(dir, f.FileName())
	st, err := os.Stat(m.Path)
	if err != nil || st.Size() != m.Bytes {
		return m, errors.New("storegen: cached store changed")
	}
	if f == FirefoxWAL {
		st, err := os.Stat(m.Path + "-wal")
		if err != nil || st.Size() != m.WALBytes {
			return m, errors.New("storegen: cached -wal file changed")
		}
	}
	deadline := time.Now().Add(5 * time.Minute)
	for _, c := range m.Cookies {
		if c.Sent && !c.Expires.IsZero() && c.Expires.Before(deadline) {
			return m, errors.New("storegen: cached store too old")
		}
	}
	return m, nil
}
