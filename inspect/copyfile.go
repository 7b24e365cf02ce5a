package inspect

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

// copied is what copyPrivate wrote.
type copied struct {
	Size   int64
	SHA256 string // hex, of the bytes written
}

// copyPrivate copies src to a new 0600 file dst (never over an existing
// one), in one pass that also hashes it. durable fsyncs the copy (backups
// and undo copies); a private snapshot that lives for one read need not.
// A failed copy leaves no dst behind.
func copyPrivate(src, dst string, durable bool) (copied, error) {
	in, err := os.Open(src)
	if err != nil {
		return copied{}, err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return copied{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), in)
	if err == nil && durable {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return copied{}, err
	}
	return copied{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
