package inspect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

// Firefox restores session cookies from its session store files, so a
// session cookie is deleted for good only when it is gone from every one of
// them: the current store, the recovery files and the previous session
// (which "Restore previous session" brings back). Everything else in those
// files is kept as it was: only the cookie entries are removed.

// firefoxAllSessionFiles lists every session store file of a profile.
func firefoxAllSessionFiles(profileDir string) []string {
	var out []string
	for _, rel := range append(append([]string(nil), firefoxSessionFiles...), filepath.Join("sessionstore-backups", "previous.jsonlz4")) {
		p := filepath.Join(profileDir, rel)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			out = append(out, p)
		}
	}
	upgrades, _ := filepath.Glob(filepath.Join(profileDir, "sessionstore-backups", "upgrade.jsonlz4-*"))
	return append(out, upgrades...)
}

// sessionCookieKey is a session cookie's identity, as Firefox's.
func sessionCookieKey(host, name, path, originAttributes string) string {
	return host + "\x00" + name + "\x00" + path + "\x00" + originAttributes
}

// removeSessionEntries drops the cookie entries that match from a decoded
// session store, keeping every other value byte for byte.
func removeSessionEntries(data []byte, match func(firefoxfmt.SessionCookie) bool) ([]byte, []json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, nil, fmt.Errorf("session store: %w", err)
	}
	var removed []json.RawMessage
	filter := func(raw json.RawMessage) (json.RawMessage, bool, error) {
		var entries []json.RawMessage
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			return raw, false, nil
		}
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, false, err
		}
		kept := entries[:0]
		changed := false
		for _, e := range entries {
			c, ok, err := firefoxfmt.ParseSessionCookie(e)
			if err != nil {
				return nil, false, err
			}
			if ok && match(c) {
				removed = append(removed, e)
				changed = true
				continue
			}
			kept = append(kept, e)
		}
		if !changed {
			return raw, false, nil
		}
		out, err := json.Marshal(kept)
		return out, true, err
	}
	changed := false
	if raw, ok := top["cookies"]; ok {
		out, c, err := filter(raw)
		if err != nil {
			return nil, nil, fmt.Errorf("session store cookies: %w", err)
		}
		top["cookies"], changed = out, changed || c
	}
	for _, key := range []string{"windows", "_closedWindows"} {
		raw, ok := top[key]
		if !ok || bytes.Equal(raw, []byte("null")) {
			continue
		}
		var windows []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &windows); err != nil {
			continue // not the layout that carries cookies: leave it alone
		}
		wchanged := false
		for _, w := range windows {
			if cr, ok := w["cookies"]; ok {
				out, c, err := filter(cr)
				if err != nil {
					return nil, nil, fmt.Errorf("session store %s cookies: %w", key, err)
				}
				if c {
					w["cookies"], wchanged = out, true
				}
			}
		}
		if wchanged {
			out, err := json.Marshal(windows)
			if err != nil {
				return nil, nil, err
			}
			top[key], changed = out, true
		}
	}
	if !changed {
		return data, nil, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(top); err != nil {
		return nil, nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), removed, nil
}

// replaceFile writes data over path through a temporary file in the same
// directory and a rename, so the browser never finds half a file.
func replaceFile(path string, data []byte) error {
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ofgl-cookies-*")
	if err != nil {
		return describeWriteError(err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(mode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return describeWriteError(err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return describeWriteError(err)
	}
	if err := tmp.Close(); err != nil {
		return describeWriteError(err)
	}
	if err := os.Rename(name, path); err != nil {
		return describeWriteError(err)
	}
	ok = true
	syncDir(filepath.Dir(path))
	return nil
}

func deleteSessionCookies(ctx context.Context, batch *Batch, idx int, storeDir string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	ref := group[0].Store
	want := map[string]bool{}
	for _, c := range group {
		oa := ""
		if c.Firefox != nil {
			oa = c.Firefox.OriginAttributes
		}
		want[sessionCookieKey(c.Host, c.Name, c.Path, oa)] = true
	}
	match := func(c firefoxfmt.SessionCookie) bool {
		return want[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)]
	}
	profileDir := ref.ProfileDir
	if profileDir == "" {
		profileDir = filepath.Dir(ref.Path)
	}
	type change struct {
		path    string
		data    []byte
		removed []json.RawMessage
	}
	// Read and edit every file first: a file Firefox cannot read would stop
	// here, before anything is written.
	var changes []change
	found := map[string]bool{}
	for _, p := range firefoxAllSessionFiles(profileDir) {
		raw, err := mozlz4.ReadFile(p, maxSessionStore)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(p), err)
		}
		out, removed, err := removeSessionEntries(raw, match)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(p), err)
		}
		if len(removed) == 0 {
			continue
		}
		for _, e := range removed {
			c, _, _ := firefoxfmt.ParseSessionCookie(e)
			found[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
		}
		enc, err := mozlz4.Encode(out)
		if err != nil {
			return nil, err
		}
		changes = append(changes, change{p, enc, removed})
	}
	var missing []string
	for _, c := range group {
		oa := ""
		if c.Firefox != nil {
			oa = c.Firefox.OriginAttributes
		}
		if !found[sessionCookieKey(c.Host, c.Name, c.Path, oa)] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no longer in the session store: %s (it changed since it was listed; list again)", strings.Join(missing, ", "))
	}
	if err := mkdirPrivate(storeDir); err != nil {
		return nil, err
	}
	bs := &batch.Stores[idx]
	bs.BackupDir = storeDir
	for i, ch := range changes {
		name := fmt.Sprintf("%02d-%s", i+1, filepath.Base(ch.path))
		if _, err := copyFileSynced(ch.path, filepath.Join(storeDir, name)); err != nil {
			return nil, fmt.Errorf("backup failed, nothing was changed: %w", err)
		}
		sum, size, err := fileSHA256(filepath.Join(storeDir, name))
		if err != nil {
			return nil, err
		}
		bs.Backup = append(bs.Backup, BackupFile{Name: name, Size: size, SHA256: sum})
		for _, e := range ch.removed {
			c, _, _ := firefoxfmt.ParseSessionCookie(e)
			bs.Entries = append(bs.Entries, FileEntry{File: ch.path, Name: c.Name, Host: c.Host, Raw: e})
		}
	}
	opts.step(StepBackedUp)
	bs.Status = StorePending
	if err := batch.save(opts.StateDir); err != nil {
		return nil, fmt.Errorf("cannot write the undo record, nothing was changed: %w", err)
	}
	opts.step(StepRecorded)
	for _, ch := range changes {
		opts.step(StepCommit) // once per file: a kill at the second leaves a half-rewritten store
		if err := replaceFile(ch.path, ch.data); err != nil {
			return nil, err
		}
	}
	bs.Status = StoreDeleted
	opts.step(StepCommitted)
	// Verify: every file still decodes and holds none of the cookies.
	opts.step(StepVerifying)
	for _, ch := range changes {
		raw, err := mozlz4.ReadFile(ch.path, maxSessionStore)
		if err != nil {
			return group, fmt.Errorf("deleted, but %s no longer reads: %w", filepath.Base(ch.path), err)
		}
		left, err := firefoxfmt.ParseSessionStore(raw)
		if err != nil {
			return group, fmt.Errorf("deleted, but %s no longer parses: %w", filepath.Base(ch.path), err)
		}
		for _, c := range left {
			if match(c) {
				return group, fmt.Errorf("%s is still in %s", c.Name, filepath.Base(ch.path))
			}
		}
	}
	return group, batch.save(opts.StateDir)
}

// undoSessionEntries puts removed session cookies back into the files they
// came from, unless the same cookie is there again.
func undoSessionEntries(bs *BatchStore) (int, []string, error) {
	byFile := map[string][]FileEntry{}
	var files []string
	for _, e := range bs.Entries {
		if _, ok := byFile[e.File]; !ok {
			files = append(files, e.File)
		}
		byFile[e.File] = append(byFile[e.File], e)
	}
	restored := 0
	var skipped []string
	for _, f := range files {
		raw, err := mozlz4.ReadFile(f, maxSessionStore)
		if errors.Is(err, os.ErrNotExist) {
			for _, e := range byFile[f] {
				skipped = append(skipped, fmt.Sprintf("%s on %s: %s is gone", e.Name, e.Host, filepath.Base(f)))
			}
			continue
		}
		if err != nil {
			return restored, skipped, err
		}
		present := map[string]bool{}
		if cur, err := firefoxfmt.ParseSessionStore(raw); err == nil {
			for _, c := range cur {
				present[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
			}
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(raw, &top); err != nil {
			return restored, skipped, err
		}
		var entries []json.RawMessage
		if c, ok := top["cookies"]; ok && !bytes.Equal(c, []byte("null")) {
			if err := json.Unmarshal(c, &entries); err != nil {
				return restored, skipped, err
			}
		}
		n := 0
		for _, e := range byFile[f] {
			c, _, err := firefoxfmt.ParseSessionCookie(e.Raw)
			if err != nil {
				return restored, skipped, err
			}
			if present[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] {
				skipped = append(skipped, fmt.Sprintf("%s on %s: a newer cookie took its place", e.Name, e.Host))
				continue
			}
			entries = append(entries, e.Raw)
			n++
		}
		if n == 0 {
			continue
		}
		out, err := json.Marshal(entries)
		if err != nil {
			return restored, skipped, err
		}
		top["cookies"] = out
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(top); err != nil {
			return restored, skipped, err
		}
		data, err := mozlz4.Encode(bytes.TrimRight(b.Bytes(), "\n"))
		if err != nil {
			return restored, skipped, err
		}
		if err := replaceFile(f, data); err != nil {
			return restored, skipped, err
		}
		restored += n
	}
	return restored, skipped, nil
}
