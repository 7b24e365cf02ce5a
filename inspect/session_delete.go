package inspect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/atomicfile"
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
		return nil, nil, problem(ProblemSessionDamaged, err)
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
			return nil, nil, problem(ProblemSessionDamaged, err)
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
					return nil, nil, problem(ProblemSessionDamaged, err)
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
// directory and a rename, so the browser never finds half a file. An
// error after the rename is an *atomicfile.SyncError: the file holds data.
func replaceFile(path string, data []byte) error {
	err := atomicfile.Replace(path, data)
	if err == nil || isReplacedButUnsynced(err) {
		return err
	}
	return describeWriteError(err)
}

func deleteSessionCookies(ctx context.Context, batch *Batch, idx int, storeDir string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	ref := group[0].Store
	want := map[string]bool{}
	for _, c := range group {
		want[sessionKeyOf(c)] = true
	}
	match := func(c firefoxfmt.SessionCookie) bool {
		return want[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)]
	}
	profileDir := ref.ProfileDir
	if profileDir == "" {
		profileDir = filepath.Dir(ref.Path)
	}
	// Read and edit every file first, under the store's lock: the new
	// content is made from what is on disk now, not from the listing, and
	// a file Firefox cannot read stops here, before anything is written.
	var (
		files   []rewrite
		removed [][]json.RawMessage
	)
	found := map[string]bool{}
	for _, p := range sessionFilesOf(ref, profileDir) {
		raw, err := readBounded(p, maxSessionStore+maxSessionStore/255+64)
		if err != nil {
			return nil, &Problem{Kind: ProblemAt, Subject: filepath.Base(p), Detail: OneLine(err.Error()), Err: err}
		}
		plain, err := mozlz4.Decode(raw)
		if err != nil {
			return nil, &Problem{Kind: ProblemAt, Subject: filepath.Base(p), Detail: OneLine(err.Error()), Err: err}
		}
		out, rm, err := removeSessionEntries(plain, match)
		if err != nil {
			return nil, &Problem{Kind: ProblemAt, Subject: filepath.Base(p), Detail: OneLine(err.Error()), Err: err}
		}
		if len(rm) == 0 {
			continue
		}
		for _, e := range rm {
			c, _, _ := firefoxfmt.ParseSessionCookie(e)
			found[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
		}
		enc, err := mozlz4.Encode(out)
		if err != nil {
			return nil, err
		}
		files = append(files, rewrite{path: p, before: raw, after: enc})
		removed = append(removed, rm)
	}
	var missing []string
	for _, c := range group {
		if !found[sessionKeyOf(c)] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return nil, &Problem{Kind: ProblemGoneFromSession, Subject: strings.Join(missing, ", ")}
	}
	if err := mkdirPrivate(storeDir); err != nil {
		return nil, err
	}
	bs := &batch.Stores[idx]
	bs.BackupDir = storeDir
	for i, f := range files {
		name := fmt.Sprintf("%02d-%s", i+1, filepath.Base(f.path))
		if err := writeBackupFile(filepath.Join(storeDir, name), f.before); err != nil {
			return nil, unchangedProblem(ProblemBackupFailed, err)
		}
		bs.Backup = append(bs.Backup, BackupFile{Name: name, Size: int64(len(f.before)), SHA256: sha256Hex(f.before), Original: absPath(f.path)})
	}
	opts.step(StepBackedUp)
	bs.Entries = sessionEntries(files, removed, nil)
	bs.Status = StorePending
	if err := saveBatch(ctx, opts, batch); err != nil {
		return nil, unchangedProblem(ProblemUndoRecord, err)
	}
	opts.step(StepRecorded)
	for _, f := range files {
		if now, err := os.ReadFile(f.path); err != nil || !bytes.Equal(now, f.before) {
			return nil, &Problem{Kind: ProblemChangedInEdit, Subject: filepath.Base(f.path), Unchanged: true}
		}
	}
	var failed error
	unsynced := false
	for i := range files {
		opts.step(StepCommit) // once per file: a kill at the second leaves a half-rewritten store
		err := atomicfile.Replace(files[i].path, files[i].after)
		if err == nil || isReplacedButUnsynced(err) {
			files[i].replaced = true
			unsynced = unsynced || err != nil
			continue
		}
		if i == 0 {
			failed = &Problem{Kind: ProblemAt, Subject: filepath.Base(files[i].path), Err: describeWriteError(err)}
		} else {
			// Other files were replaced: "nothing was changed" would be false.
			failed = &Problem{Kind: ProblemAt, Subject: filepath.Base(files[i].path), Err: changedAfterAll(describeWriteError(err))}
		}
		break
	}
	if failed != nil {
		return sessionPartial(ctx, batch, idx, opts, files, removed, group, failed)
	}
	bs.Status = StoreDeleted
	opts.step(StepCommitted)
	if unsynced {
		return group, &PartialError{State: ChangePartly, Changed: baseNames(rewrittenPaths(files)), Deleted: group, Cause: errDirSync}
	}
	// Verify: every file still decodes and holds none of the cookies.
	opts.step(StepVerifying)
	for _, f := range files {
		raw, err := mozlz4.ReadFile(f.path, maxSessionStore)
		if err != nil {
			return group, problem(ProblemCheckFailed, &Problem{Kind: ProblemAt, Subject: filepath.Base(f.path), Detail: OneLine(err.Error()), Err: err})
		}
		left, err := firefoxfmt.ParseSessionStore(raw)
		if err != nil {
			return group, problem(ProblemCheckFailed, &Problem{Kind: ProblemAt, Subject: filepath.Base(f.path), Detail: OneLine(err.Error()), Err: err})
		}
		for _, c := range left {
			if match(c) {
				return group, &Problem{Kind: ProblemStillThere, Subject: c.Name + " (" + filepath.Base(f.path) + ")"}
			}
		}
	}
	return group, nil
}

// readBounded reads a whole file, refusing one larger than limit bytes
// (no valid session store is).
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, mozlz4.ErrTooLarge
	}
	return data, nil
}

// sessionPartial handles a rewrite that failed after other files of the
// session store were replaced: it puts them back from what was read, then
// records what the store holds. Nothing replaced means nothing changed.
func sessionPartial(ctx context.Context, batch *Batch, idx int, opts DeleteOptions, files []rewrite, removed [][]json.RawMessage, group []Cookie, cause error) ([]Cookie, error) {
	bs := &batch.Stores[idx]
	if len(rewrittenPaths(files)) == 0 {
		bs.Status = StoreFailed
		return nil, cause
	}
	still := rollBack(files)
	if len(still) == 0 {
		bs.Status, bs.Entries = StoreFailed, nil
		return nil, &PartialError{State: ChangeRolledBack, Changed: baseNames(rewrittenPaths(files)), Cause: cause}
	}
	// Some files keep the change: the undo record keeps their entries
	// only, and a cookie went only if no file holds it any more.
	changed := map[string]bool{}
	for _, p := range still {
		changed[p] = true
	}
	bs.Entries = sessionEntries(files, removed, changed)
	bs.Status = StoreDeleted
	saveBatch(ctx, opts, batch)
	left := map[string]bool{}
	for i, f := range files {
		if changed[f.path] {
			continue
		}
		for _, e := range removed[i] {
			c, _, _ := firefoxfmt.ParseSessionCookie(e)
			left[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
		}
	}
	var gone []Cookie
	for _, c := range group {
		if !left[sessionKeyOf(c)] {
			gone = append(gone, c)
		}
	}
	return gone, &PartialError{State: ChangePartly, Changed: baseNames(still), Deleted: gone, Cause: cause}
}

// sessionEntries is the undo record of the rewritten files (all of them
// when only is nil).
func sessionEntries(files []rewrite, removed [][]json.RawMessage, only map[string]bool) []FileEntry {
	var out []FileEntry
	for i, f := range files {
		if only != nil && !only[f.path] {
			continue
		}
		for _, e := range removed[i] {
			c, _, _ := firefoxfmt.ParseSessionCookie(e)
			out = append(out, FileEntry{File: f.path, Name: c.Name, Host: c.Host, Raw: e})
		}
	}
	return out
}

func rewrittenPaths(files []rewrite) []string {
	var out []string
	for _, f := range files {
		if f.replaced {
			out = append(out, f.path)
		}
	}
	return out
}

// sessionKeyOf is a listed cookie's session store identity.
func sessionKeyOf(c Cookie) string {
	oa := ""
	if c.Firefox != nil {
		oa = c.Firefox.OriginAttributes
	}
	return sessionCookieKey(c.Host, c.Name, c.Path, oa)
}

// undoSessionEntries puts removed session cookies back into the files they
// came from, unless the same cookie is there again.
func undoSessionEntries(bs *BatchStore) (int, []Skipped, error) {
	files, byFile := entriesByFile(bs.Entries)
	restored := 0
	var skipped []Skipped
	for _, f := range files {
		raw, err := mozlz4.ReadFile(f, maxSessionStore)
		if errors.Is(err, os.ErrNotExist) {
			for _, e := range byFile[f] {
				skipped = append(skipped, Skipped{Cookie: CookieName{Name: e.Name, Host: e.Host}, Reason: SkipFileGone, File: filepath.Base(f)})
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
				skipped = append(skipped, Skipped{Cookie: CookieName{Name: e.Name, Host: e.Host}, Reason: SkipReplaced})
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

// entriesByFile groups a record's entries by the file they were removed
// from, files in their first-seen order.
func entriesByFile(entries []FileEntry) (files []string, byFile map[string][]FileEntry) {
	byFile = map[string][]FileEntry{}
	for _, e := range entries {
		if _, ok := byFile[e.File]; !ok {
			files = append(files, e.File)
		}
		byFile[e.File] = append(byFile[e.File], e)
	}
	return files, byFile
}
