package inspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/atomicfile"
	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
)

// Text jars and Safari's binarycookies are rewritten whole: parsed
// strictly, the matching entries dropped, everything else kept byte for
// byte, written to a temporary file and renamed over the original, then
// parsed again to check the result.

// fileCookieKey is the identity of a cookie in a file store.
func fileCookieKey(host, name, path string) string {
	return strings.ToLower(host) + "\x00" + name + "\x00" + path
}

// deleteFromFile removes cookies from a text jar or a Safari binarycookies file.
func deleteFromFile(ctx context.Context, batch *Batch, idx int, storeDir, format string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	ref := group[0].Store
	want := map[string]bool{}
	for _, c := range group {
		want[fileCookieKey(c.Host, c.Name, c.Path)] = true
	}
	data, err := os.ReadFile(ref.Path)
	if err != nil {
		return nil, err
	}
	var (
		out     []byte
		entries []FileEntry
		found   = map[string]bool{}
	)
	switch format {
	case "netscape":
		var removed []netscape.RemovedLine
		out, removed, err = netscape.RemoveLinesRaw(data, func(l netscape.Line) bool {
			return want[fileCookieKey(jarHost(l), l.Name, l.Path)]
		})
		if err != nil {
			return nil, err
		}
		for _, r := range removed {
			found[fileCookieKey(jarHost(r.Line), r.Name, r.Path)] = true
			entries = append(entries, FileEntry{File: ref.Path, Name: r.Name, Host: jarHost(r.Line), Line: r.Text})
		}
	case "safari":
		f, err := binarycookies.Parse(data)
		if err != nil {
			return nil, err
		}
		removed := f.Remove(func(c binarycookies.Cookie) bool { return want[fileCookieKey(c.Domain, c.Name, c.Path)] })
		for _, c := range removed {
			rec, err := c.Record()
			if err != nil {
				return nil, err
			}
			found[fileCookieKey(c.Domain, c.Name, c.Path)] = true
			entries = append(entries, FileEntry{File: ref.Path, Name: c.Name, Host: c.Domain, Bytes: rec})
		}
		if out, err = f.Encode(); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("deleting from this kind of store is not supported")
	}
	var missing []string
	for _, c := range group {
		if !found[fileCookieKey(c.Host, c.Name, c.Path)] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no longer in the file: %s (it changed since it was listed; list again)", strings.Join(missing, ", "))
	}
	bs := &batch.Stores[idx]
	if err := mkdirPrivate(storeDir); err != nil {
		return nil, err
	}
	bs.BackupDir = storeDir
	name := filepath.Base(ref.Path)
	if _, err := copyFileSynced(ref.Path, filepath.Join(storeDir, name)); err != nil {
		return nil, fmt.Errorf("backup failed, nothing was changed: %w", err)
	}
	sum, size, err := fileSHA256(filepath.Join(storeDir, name))
	if err != nil {
		return nil, err
	}
	bs.Backup = []BackupFile{{Name: name, Size: size, SHA256: sum}}
	opts.step(StepBackedUp)
	bs.Entries, bs.Status = entries, StorePending
	if err := batch.save(opts.StateDir); err != nil {
		return nil, fmt.Errorf("cannot write the undo record, nothing was changed: %w", err)
	}
	opts.step(StepRecorded)
	// The file must not have changed since it was read.
	if now, err := os.ReadFile(ref.Path); err != nil || !bytes.Equal(now, data) {
		return nil, errors.New("the file changed while it was being edited (is the browser running?); nothing was changed")
	}
	opts.step(StepCommit)
	if err := atomicfile.Replace(ref.Path, out); err != nil {
		return nil, describeWriteError(err)
	}
	bs.Status = StoreDeleted
	opts.step(StepCommitted)
	opts.step(StepVerifying)
	if err := verifyFileStore(ref.Path, format, want); err != nil {
		return group, fmt.Errorf("deleted, but the check afterwards failed: %w", err)
	}
	return group, batch.save(opts.StateDir)
}

// jarHost is the host as a cookies.txt line stores it.
func jarHost(l netscape.Line) string { return l.Domain }

// verifyFileStore parses the rewritten file again and checks that none of
// the deleted cookies is left.
func verifyFileStore(path, format string, deleted map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var keys []string
	if format == "safari" {
		f, err := binarycookies.Parse(data)
		if err != nil {
			return err
		}
		for _, p := range f.Pages {
			for _, c := range p {
				keys = append(keys, fileCookieKey(c.Domain, c.Name, c.Path))
			}
		}
	} else {
		lines, err := netscape.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		for _, l := range lines {
			keys = append(keys, fileCookieKey(jarHost(l), l.Name, l.Path))
		}
	}
	for _, k := range keys {
		if deleted[k] {
			return fmt.Errorf("%s is still in the file", strings.Split(k, "\x00")[1])
		}
	}
	return nil
}

// undoFileEntries puts removed entries back into a file store.
func undoFileEntries(ctx context.Context, bs *BatchStore, preDir string) (int, []string, error) {
	if bs.Store.Kind == KindFirefoxSession {
		return undoSessionEntries(bs)
	}
	path := bs.Store.Path
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, nil, err
	}
	if err := mkdirPrivate(preDir); err != nil {
		return 0, nil, err
	}
	if _, err := copyFileSynced(path, filepath.Join(preDir, filepath.Base(path))); err != nil {
		return 0, nil, fmt.Errorf("backup failed, nothing was changed: %w", err)
	}
	var skipped []string
	restored := 0
	switch {
	case len(bs.Entries) > 0 && bs.Entries[0].Bytes != nil:
		f, err := binarycookies.Parse(data)
		if err != nil {
			return 0, nil, err
		}
		present := map[string]bool{}
		for _, p := range f.Pages {
			for _, c := range p {
				present[fileCookieKey(c.Domain, c.Name, c.Path)] = true
			}
		}
		var page []binarycookies.Cookie
		for _, e := range bs.Entries {
			c, err := binarycookies.ParseRecord(e.Bytes)
			if err != nil {
				return 0, nil, err
			}
			if present[fileCookieKey(c.Domain, c.Name, c.Path)] {
				skipped = append(skipped, fmt.Sprintf("%s on %s: a newer cookie took its place", e.Name, e.Host))
				continue
			}
			page = append(page, c)
		}
		if len(page) > 0 {
			f.Pages = append(f.Pages, page)
			out, err := f.Encode()
			if err != nil {
				return 0, nil, err
			}
			if err := atomicfile.Replace(path, out); err != nil {
				return 0, nil, describeWriteError(err)
			}
			restored = len(page)
		}
	default:
		lines, err := netscape.Parse(bytes.NewReader(data))
		if err != nil {
			return 0, nil, err
		}
		present := map[string]bool{}
		for _, l := range lines {
			present[fileCookieKey(l.Domain, l.Name, l.Path)] = true
		}
		out := append([]byte(nil), data...)
		eol := "\n"
		if bytes.Contains(data, []byte("\r\n")) {
			eol = "\r\n"
		}
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, eol...)
		}
		for _, e := range bs.Entries {
			if present[fileCookieKey(e.Host, e.Name, lineField(e.Line, 2))] {
				skipped = append(skipped, fmt.Sprintf("%s on %s: a newer cookie took its place", e.Name, e.Host))
				continue
			}
			out = append(out, e.Line+eol...)
			restored++
		}
		if restored > 0 {
			if err := atomicfile.Replace(path, out); err != nil {
				return 0, nil, describeWriteError(err)
			}
		}
	}
	return restored, skipped, nil
}

// lineField returns field i of a cookies.txt line.
func lineField(line string, i int) string {
	f := strings.Split(line, "\t")
	if i < len(f) {
		return f[i]
	}
	return ""
}
