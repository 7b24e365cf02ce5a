// Package demo writes built-in sample cookie stores for "ofgl-cookies
// --demo": a Chromium user-data-dir with two profiles and a Firefox profile,
// in the browsers' real on-disk formats, inside a private temporary
// directory. The demo is read, classified, deleted from and undone through
// exactly the same code as real stores, so a new user (or a screenshot) sees
// the whole product on a machine with no browser.
//
//	d, err := demo.New(time.Now())
//	defer d.Close()
//	inspect.ReadEach(ctx, d.Stores, inspect.Options{Site: site}, show)
//	inspect.Delete(ctx, cookies, inspect.DeleteOptions{StateDir: d.StateDir, CheckRunning: demo.CheckRunning})
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// Demo is a set of sample stores on disk.
type Demo struct {
	// Dir is the private temporary directory; Close removes it.
	Dir string
	// Stores are the stores, as Discover would return them (Browser,
	// Profile, Path, Kind, ProfileDir, UserDataDir set).
	Stores []inspect.StoreRef
	// StateDir and ConfigDir are where the demo's deletion batches and keep
	// list go (inside Dir), so a demo never touches the user's own.
	StateDir, ConfigDir string

	closeOnce sync.Once
	closeErr  error
	// realDir is Dir with links resolved; closed is set by Close. Together
	// they let CheckRunning vouch only for this open demo's stores.
	mu      sync.Mutex
	realDir string
	closed  bool
}

// Where the stores go inside Dir, and how they are named.
const (
	chromiumDir     = "chromium"
	firefoxDir      = "firefox"
	firefoxProfile  = "abcd1234.default-release"
	firefoxName     = "default-release"
	chromiumDefault = "Default"
	chromiumWork    = "Profile 1"
)

// New writes the sample stores into a new private temporary directory. Times
// are relative to now (zero means time.Now()): creations in the past,
// expiries per each cookie's usual lifetime.
func New(now time.Time) (*Demo, error) {
	if now.IsZero() {
		now = time.Now()
	}
	dir, err := inspect.PrivateTempDir("demo")
	if err != nil {
		return nil, err
	}
	if err := writeOwner(dir); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("demo: %w", err)
	}
	sweepAbandoned(dir)
	d := &Demo{
		Dir:       dir,
		StateDir:  filepath.Join(dir, "state"),
		ConfigDir: filepath.Join(dir, "config"),
	}
	if err := d.write(now); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("demo: %w", err)
	}
	d.realDir = realDir(dir)
	return d, nil
}

func (d *Demo) write(now time.Time) error {
	for _, sub := range []string{
		d.StateDir, d.ConfigDir,
		filepath.Join(d.Dir, chromiumDir),
		filepath.Join(d.Dir, chromiumDir, chromiumDefault),
		filepath.Join(d.Dir, chromiumDir, chromiumWork),
		filepath.Join(d.Dir, firefoxDir),
		filepath.Join(d.Dir, firefoxDir, firefoxProfile),
	} {
		if err := os.Mkdir(sub, 0o700); err != nil {
			return err
		}
	}
	userData := filepath.Join(d.Dir, chromiumDir)
	if err := writeLocalState(filepath.Join(userData, "Local State")); err != nil {
		return err
	}
	profiles := []struct {
		dir, name string
		rows      []sample
	}{
		{chromiumDefault, "Personnel", chromiumPersonal},
		{chromiumWork, "Travail", chromiumWorkRows},
	}
	for _, p := range profiles {
		profileDir := filepath.Join(userData, p.dir)
		path := filepath.Join(profileDir, "Cookies")
		if err := writeChromium(path, p.rows, now); err != nil {
			return fmt.Errorf("%s/Cookies: %w", p.dir, err)
		}
		d.Stores = append(d.Stores, inspect.StoreRef{Browser: "chromium", Profile: p.name, Path: path,
			Kind: inspect.KindChromium, ProfileDir: profileDir, UserDataDir: userData})
	}

	root := filepath.Join(d.Dir, firefoxDir)
	profileDir := filepath.Join(root, firefoxProfile)
	if err := writeProfilesINI(filepath.Join(root, "profiles.ini")); err != nil {
		return err
	}
	if err := writePrivate(filepath.Join(profileDir, "containers.json"), []byte(containersJSON)); err != nil {
		return err
	}
	cookies := filepath.Join(profileDir, "cookies.sqlite")
	if err := writeFirefox(cookies, firefoxRows, now); err != nil {
		return fmt.Errorf("cookies.sqlite: %w", err)
	}
	session := filepath.Join(profileDir, "sessionstore.jsonlz4")
	if err := writeSessionStore(session, now); err != nil {
		return fmt.Errorf("sessionstore.jsonlz4: %w", err)
	}
	d.Stores = append(d.Stores,
		inspect.StoreRef{Browser: "firefox", Profile: firefoxName, Path: cookies, Kind: inspect.KindFirefox, ProfileDir: profileDir},
		inspect.StoreRef{Browser: "firefox", Profile: firefoxName, Path: session, Kind: inspect.KindFirefoxSession, ProfileDir: profileDir},
	)
	return nil
}

// Close removes the demo's directory and everything in it, including the
// batches and keep list written there. It is safe to call more than once.
func (d *Demo) Close() error {
	d.closeOnce.Do(func() {
		d.mu.Lock()
		d.closed = true
		d.mu.Unlock()
		d.closeErr = os.RemoveAll(d.Dir)
	})
	return d.closeErr
}

func realDir(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// errNotDemo makes Delete refuse: CheckRunning must never let a real
// browser's store be written without the real check.
var errNotDemo = errors.New("not a store of an open demo")

// CheckRunning says no browser owns the demo's stores (for
// inspect.DeleteOptions.CheckRunning): they are private copies. For any
// other store, and for every store once the demo is closed, it returns an
// error, so that Delete and Undo refuse instead of skipping the real check.
func (d *Demo) CheckRunning(ref inspect.StoreRef) (inspect.OwnerStatus, error) {
	if !filepath.IsAbs(ref.Path) {
		return inspect.OwnerStatus{}, errNotDemo
	}
	// Resolve links so that a link inside the demo cannot vouch for a
	// browser's file outside it.
	path, err := filepath.EvalSymlinks(ref.Path)
	if err != nil {
		return inspect.OwnerStatus{}, errNotDemo
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return inspect.OwnerStatus{}, errNotDemo
	}
	rel, err := filepath.Rel(d.realDir, path)
	if err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
		return inspect.OwnerStatus{}, nil
	}
	return inspect.OwnerStatus{}, errNotDemo
}

// writePrivate writes a new 0600 file.
func writePrivate(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// openWriter opens one connection to a new store and applies the pragmas
// that give it the browser's layout.
func openWriter(ctx context.Context, path string, pragmas ...string) (*sql.DB, *sql.Conn, error) {
	db, err := sql.Open("sqlite", sqliteURI(path))
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	for _, p := range pragmas {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			db.Close()
			return nil, nil, err
		}
	}
	return db, conn, nil
}

// writeStore creates a store's tables and fills them in one transaction
// on one connection: pragmas first, then schema, then fill with the
// statement insert prepares; the statements of after run once committed.
func writeStore(ctx context.Context, path string, pragmas, schema []string, insert string, fill func(*sql.Stmt) error, after ...string) error {
	db, conn, err := openWriter(ctx, path, pragmas...)
	if err != nil {
		return err
	}
	defer db.Close()
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range schema {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	stmt, err := tx.PrepareContext(ctx, insert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	if err := fill(stmt); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, s := range after {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// sqliteURI builds a file: URI that no character of path (a TMPDIR with
// "?" or "#") can turn into URI parameters.
func sqliteURI(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath()
}
