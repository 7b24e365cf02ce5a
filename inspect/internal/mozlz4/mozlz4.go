// Package mozlz4 reads and writes Mozilla's "mozLz4" container, used by
// Firefox for sessionstore.jsonlz4 and friends: the 8-byte magic
// "mozLz40\x00", the decompressed size as a little-endian uint32, then a
// single LZ4 block (not an LZ4 frame).
//
// Inputs come from disk and may be truncated or hostile: every function
// returns an error instead of panicking, and the declared size is checked
// before anything is allocated.
package mozlz4

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/pierrec/lz4/v4"
)

// Magic is the 8-byte signature that starts every mozLz4 file.
const Magic = "mozLz40\x00"

// headerLen is the magic plus the uint32 size.
const headerLen = len(Magic) + 4

// MaxSize is the largest decompressed size Decode and Encode accept
// (256 MiB). Real session stores are a few MiB; anything bigger is far more
// likely to be corrupt or hostile than real.
const MaxSize = 256 << 20

// Decode's errors (and ReadFile's, besides those from opening or reading the
// file) wrap one of these, so callers can tell "not a session file" from
// "damaged session file" with errors.Is.
var (
	ErrBadMagic  = errors.New("mozlz4: bad magic")
	ErrTruncated = errors.New("mozlz4: truncated")
	ErrTooLarge  = errors.New("mozlz4: too large")
	ErrCorrupt   = errors.New("mozlz4: corrupt")
)

// maxRatio bounds how much one LZ4 block byte can expand: a sequence of
// k+3 bytes yields at most 19+255k bytes, so output < 255*input. We refuse
// declared sizes above this before allocating, so a 12-byte file cannot
// make us allocate 256 MiB.
const maxRatio = 255

// Decode returns the decompressed contents of a mozLz4 file. It refuses a
// declared size above MaxSize, and fails unless the block decompresses to
// exactly the declared size.
func Decode(data []byte) ([]byte, error) {
	return decode(data, MaxSize)
}

func decode(data []byte, limit int64) ([]byte, error) {
	if len(data) < len(Magic) {
		if bytes.HasPrefix([]byte(Magic), data) {
			return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrTruncated, len(data), headerLen)
		}
		return nil, ErrBadMagic
	}
	if string(data[:len(Magic)]) != Magic {
		return nil, ErrBadMagic
	}
	if len(data) < headerLen {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrTruncated, len(data), headerLen)
	}
	size := int64(binary.LittleEndian.Uint32(data[len(Magic):headerLen]))
	if size > limit {
		return nil, fmt.Errorf("%w: declared size %d exceeds limit %d", ErrTooLarge, size, limit)
	}
	block := data[headerLen:]
	if size > int64(len(block))*maxRatio+64 {
		// The block is too short to ever produce the declared size: most
		// likely the file was cut off while being written.
		return nil, fmt.Errorf("%w: %d-byte block cannot hold %d bytes", ErrTruncated, len(block), size)
	}
	if size > math.MaxInt-1 {
		return nil, fmt.Errorf("%w: declared size %d", ErrTooLarge, size)
	}
	// One spare byte lets us tell "block holds more than declared" from
	// other corruption in the common case.
	out := make([]byte, size+1)
	n, err := lz4.UncompressBlock(block, out)
	if err != nil {
		return nil, fmt.Errorf("%w: LZ4 block (declared size %d): %v", ErrCorrupt, size, err)
	}
	if int64(n) != size {
		return nil, fmt.Errorf("%w: header says %d bytes, block holds %d", ErrCorrupt, size, n)
	}
	return out[:n:n], nil
}

// Encode compresses data into a mozLz4 file that Firefox can read. It uses
// the LZ4 reference library's fast algorithm, as Firefox does, so the
// output should match what Firefox writes for the same bytes (not yet
// checked against a real file; any valid block is accepted anyway).
func Encode(data []byte) ([]byte, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes exceeds limit %d", ErrTooLarge, len(data), MaxSize)
	}
	out := make([]byte, headerLen+lz4.CompressBlockBound(len(data)))
	copy(out, Magic)
	binary.LittleEndian.PutUint32(out[len(Magic):headerLen], uint32(len(data)))
	var c lz4.CompressorCCompat
	n, err := c.CompressBlock(data, out[headerLen:])
	if err != nil {
		return nil, fmt.Errorf("mozlz4: compress: %w", err)
	}
	if n == 0 {
		// Cannot happen with a CompressBlockBound-sized buffer; guard anyway
		// rather than write a file Firefox would reject.
		return nil, errors.New("mozlz4: compress: block did not fit")
	}
	return out[: headerLen+n : headerLen+n], nil
}

// ReadFile reads and decodes the mozLz4 file at path. maxSize caps the
// decompressed size (and so the number of bytes read from disk); a value
// <= 0 means MaxSize, and a larger one lifts Decode's limit.
func ReadFile(path string, maxSize int64) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = MaxSize
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A valid file is never larger than the worst-case compressed size of
	// maxSize bytes; read one byte more to notice a bigger one.
	bound := int64(headerLen) + maxSize + maxSize/255 + 16
	data, err := io.ReadAll(io.LimitReader(f, bound+1))
	if err != nil {
		return nil, fmt.Errorf("mozlz4: read %s: %w", path, err)
	}
	if int64(len(data)) > bound {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, path, bound)
	}
	out, err := decode(data, maxSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
