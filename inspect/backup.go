package inspect

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// BackupFile is one file of a store's backup.
type BackupFile struct {
	Name   string `json:"name"`   // the copy's name in the backup directory
	Size   int64  `json:"size"`   // bytes
	SHA256 string `json:"sha256"` // of the copy, checked before a restore
	// Original is the path the copy was taken from, where a restore puts
	// it back. Manifests written before it existed lack it: see
	// originalPaths.
	Original string `json:"original,omitempty"`
}

// backupStore copies the store and its sidecars into dir (0700) as 0600
// files, with their SHA-256 sums, checking that the store did not change
// during the copy.
func backupStore(path, dir string) ([]BackupFile, error) {
	if err := mkdirPrivate(dir); err != nil {
		return nil, err
	}
	before, err := fingerprintStore(path)
	if err != nil {
		return nil, err
	}
	var files []BackupFile
	for _, suffix := range []string{"", "-wal", "-journal"} {
		src := path + suffix
		if _, err := os.Stat(src); suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		dst := filepath.Join(dir, filepath.Base(src))
		c, err := copyPrivate(src, dst, true)
		if err != nil {
			return nil, err
		}
		files = append(files, BackupFile{Name: filepath.Base(src), Size: c.Size, SHA256: c.SHA256, Original: absPath(src)})
	}
	after, err := fingerprintStore(path)
	if err != nil {
		return nil, err
	}
	if !before.equal(after) {
		return nil, &Problem{Kind: ProblemChangedInBackup}
	}
	syncDir(dir)
	return files, nil
}

// writeBackupFile writes bytes already read (under the store's lock) as a
// new, synced 0600 backup file.
func writeBackupFile(dst string, data []byte) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = out.Write(data)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func fileSHA256(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// absPath is path made absolute when it can be.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// safeName keeps a file name portable.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
}
