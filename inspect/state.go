package inspect

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Backups and undo data hold live login tokens: they live in the user's
// state directory, in 0700 directories, as 0600 files, never beside the
// browser's files (Firefox uses cookies.sqlite.bak* names for itself).

// StateDir returns where ofgl-cookies keeps deletion batches: backups and
// undo data. OFGL_COOKIES_STATE_DIR overrides it.
func StateDir() (string, error) {
	return stateDir(currentEnv())
}

func stateDir(e env) (string, error) {
	if d := e.getenv("OFGL_COOKIES_STATE_DIR"); d != "" {
		// Manifests record paths inside it: a relative one would name
		// other places from another working directory.
		return absPath(d), nil
	}
	switch e.goos {
	case "windows":
		if d := e.getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "ofgl-cookies"), nil
		}
	case "darwin":
		if e.home != "" {
			return filepath.Join(e.home, "Library", "Application Support", "ofgl-cookies"), nil
		}
	default:
		if d := e.getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "ofgl-cookies"), nil
		}
		if e.home != "" {
			return filepath.Join(e.home, ".local", "state", "ofgl-cookies"), nil
		}
	}
	return "", &Problem{Kind: ProblemNoStateDir}
}

// ConfigDir returns where ofgl-cookies keeps its settings (the keep list).
// OFGL_COOKIES_CONFIG_DIR overrides it.
func ConfigDir() (string, error) {
	if d := os.Getenv("OFGL_COOKIES_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", &Problem{Kind: ProblemNoConfigDir}
	}
	return filepath.Join(d, "ofgl-cookies"), nil
}

// mkdirPrivate creates dir and its missing parents as 0700. A directory
// that already exists is never chmod-ed: it may be one the user chose and
// shares (a mode 1777 /tmp, a group directory). One that others can write
// to is refused instead, since they could swap the backups or the undo
// records for their own.
func mkdirPrivate(dir string) error {
	if err := checkPrivateDir(dir); err == nil || !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return checkPrivateDir(dir)
}

// UnsafeDirError says that a directory ofgl-cookies would keep backups in
// can be written by other users. Nothing was written there.
type UnsafeDirError struct {
	Dir  string
	Mode os.FileMode
}

func (e *UnsafeDirError) Error() string {
	return fmt.Sprintf("%s can be written by other users (mode %s): ofgl-cookies keeps private data only in a directory that only you can write to; nothing was written", e.Dir, ModeString(e.Mode))
}

// ModeString prints a mode as chmod takes it, sticky bit included (1777).
func ModeString(m os.FileMode) string {
	n := uint32(m.Perm())
	if m&os.ModeSticky != 0 {
		n |= 0o1000
	}
	if m&os.ModeSetgid != 0 {
		n |= 0o2000
	}
	return fmt.Sprintf("%04o", n)
}

// checkPrivateDir tells whether dir exists as a directory that only its
// owner can write to; an error wrapping os.ErrNotExist when it is missing.
func checkPrivateDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return &Problem{Kind: ProblemNotADirectory, Subject: dir}
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o022 != 0 {
		return &UnsafeDirError{Dir: dir, Mode: fi.Mode()}
	}
	return nil
}

// writePrivateFile writes data to path atomically as a 0600 file: a reader
// (or an undo after a crash) never sees half a file.
func writePrivateFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

func writePrivateJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writePrivateFile(path, append(data, '\n'))
}

// syncDir makes a rename durable; not possible (nor needed) on Windows.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// newBatchID names a batch by its time, with a random suffix so that two
// batches in the same second never collide.
func newBatchID(now time.Time) string {
	var b [3]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%s", now.UTC().Format("20060102T150405.000000Z"), hex.EncodeToString(b[:]))
}
