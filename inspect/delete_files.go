package inspect

import (
	"bytes"
	"context"
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
	key := storeCookieKey(format)
	want := map[string]bool{}
	for _, c := range group {
		want[key(c.Host, c.Name, c.Path)] = true
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
			return want[l.Key()]
		})
		if err != nil {
			return nil, err
		}
		for _, r := range removed {
			found[r.Key()] = true
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
		return nil, &Problem{Kind: ProblemUnsupported}
	}
	var missing []string
	for _, c := range group {
		if !found[key(c.Host, c.Name, c.Path)] {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return nil, &Problem{Kind: ProblemGoneFromFile, Subject: strings.Join(missing, ", ")}
	}
	// The backup is what was read under the lock, the bytes the new
	// content was made from.
	bs := &batch.Stores[idx]
	if err := mkdirPrivate(storeDir); err != nil {
		return nil, err
	}
	bs.BackupDir = storeDir
	name := filepath.Base(ref.Path)
	if err := writeBackupFile(filepath.Join(storeDir, name), data); err != nil {
		return nil, unchangedProblem(ProblemBackupFailed, err)
	}
	bs.Backup = []BackupFile{{Name: name, Size: int64(len(data)), SHA256: sha256Hex(data), Original: absPath(ref.Path)}}
	opts.step(StepBackedUp)
	bs.Entries, bs.Status = entries, StorePending
	if err := saveBatch(ctx, opts, batch); err != nil {
		return nil, unchangedProblem(ProblemUndoRecord, err)
	}
	opts.step(StepRecorded)
	// The file must not have changed since it was read (under the lock:
	// only its owner, which must not run, could have changed it).
	if now, err := os.ReadFile(ref.Path); err != nil || !bytes.Equal(now, data) {
		return nil, &Problem{Kind: ProblemChangedInEdit, Subject: filepath.Base(ref.Path), Unchanged: true}
	}
	opts.step(StepCommit)
	if err := atomicfile.Replace(ref.Path, out); err != nil {
		if isReplacedButUnsynced(err) {
			// Renamed: the file holds the change, the record stays.
			bs.Status = StoreDeleted
			return group, &PartialError{State: ChangePartly, Changed: []string{name}, Deleted: group, Cause: errDirSync}
		}
		return nil, describeWriteError(err)
	}
	bs.Status = StoreDeleted
	opts.step(StepCommitted)
	opts.step(StepVerifying)
	if err := verifyFileStore(ref.Path, format, want); err != nil {
		return group, problem(ProblemCheckFailed, err)
	}
	return group, nil
}

// storeCookieKey is the identity function of a file store's format.
func storeCookieKey(format string) func(host, name, path string) string {
	if format == "netscape" {
		return jarCookieKey
	}
	return fileCookieKey
}

// jarHost is a cookies.txt line's host as it is listed.
func jarHost(l netscape.Line) string {
	if h, ok := l.HostKey(); ok {
		return h
	}
	return l.Domain
}

// verifyFileStore parses the rewritten file again and checks that none of
// the deleted cookies is left.
func verifyFileStore(path, format string, deleted map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// key -> cookie name, for the message.
	keys := map[string]string{}
	if format == "safari" {
		f, err := binarycookies.Parse(data)
		if err != nil {
			return err
		}
		for _, p := range f.Pages {
			for _, c := range p {
				keys[fileCookieKey(c.Domain, c.Name, c.Path)] = c.Name
			}
		}
	} else {
		lines, err := netscape.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		for _, l := range lines {
			keys[l.Key()] = l.Name
		}
	}
	for k, name := range keys {
		if deleted[k] {
			return &Problem{Kind: ProblemStillThere, Subject: name}
		}
	}
	return nil
}

// undoFileEntries puts removed entries back into a file store.
func undoFileEntries(ctx context.Context, bs *BatchStore, preDir string) (int, []Skipped, error) {
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
	if _, err := copyPrivate(path, filepath.Join(preDir, filepath.Base(path)), true); err != nil {
		return 0, nil, unchangedProblem(ProblemBackupFailed, err)
	}
	var skipped []Skipped
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
				skipped = append(skipped, Skipped{Cookie: CookieName{Name: e.Name, Host: e.Host}, Reason: SkipReplaced})
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
			present[l.Key()] = true
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
			if l, ok := netscape.ParseLine(e.Line); ok && present[l.Key()] {
				skipped = append(skipped, Skipped{Cookie: CookieName{Name: e.Name, Host: e.Host}, Reason: SkipReplaced})
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
