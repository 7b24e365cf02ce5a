// Package binarycookies reads, edits and writes Safari's
// Cookies.binarycookies files (CFNetwork's cookie jar format).
//
// Layout (BE = big-endian, LE = little-endian):
//
//	file    "cook" · page count (u32 BE) · page sizes (u32 BE each) · pages ·
//	        checksum (u32 BE) · footer 07 17 20 05 00 00 00 4B · binary plist
//	page    00 00 01 00 · cookie count (u32 LE) · record offsets from the
//	        page start (u32 LE each) · 00 00 00 00 · records
//	record  size · version · flags · has-port · offsets of domain, name,
//	        path, value, comment, comment URL (u32 LE each, 0 = absent) ·
//	        expiry · creation (float64 LE, seconds since 2001-01-01 UTC) ·
//	        port (u16 LE, only if has-port) · NUL-terminated strings
//
// The checksum is the sum, over all pages, of the bytes at page offsets
// 0, 4, 8, … (one byte in four, not 32-bit words), as a wrapping uint32.
// This reading comes from the two open-source writers (interstateone's
// BinaryCookies in Swift and NETBinaryCookie in C#) and was checked
// against a file written by Safari itself (11 pages, stored checksum
// 0x1633; see TestChecksumOfSafariWrittenFile).
//
// Parse is strict: it refuses any layout it could not write back exactly
// (records out of order or with gaps between them, bytes after a page's
// last record, a bad checksum), so that
// Parse→Encode of an untouched file is the identity and an edit changes
// nothing but the removed records, the page table and the checksum.
package binarycookies

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// MaxFileSize bounds the files Parse accepts and Encode produces. Real
// jars are well under a few MiB. With it, and with slices grown only as
// records are validated (each takes at least 56 input bytes), a hostile
// file cannot make Parse hold more than a few times its own size.
const MaxFileSize = 16 << 20

// Flag bits of Cookie.Flags that have a known meaning. Other bits (Apple
// files use 8 and 16) are kept as they are.
const (
	FlagSecure   uint32 = 1
	FlagHTTPOnly uint32 = 4
)

var (
	fileMagic  = []byte("cook")
	pageMagic  = []byte{0x00, 0x00, 0x01, 0x00}
	footer     = []byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}
	macEpochTS = time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

const (
	fileHeaderLen = 8  // magic, page count
	pageHeaderLen = 12 // magic, count, end-of-offsets marker (without offsets)
	recordHeadLen = 56 // fixed part of a record
	trailerMinLen = 4 + 8
)

// Cookie is one record of a binarycookies file. Expires and Created are
// the exact float64 values of the file (seconds since 2001-01-01 UTC).
type Cookie struct {
	Domain, Name, Path, Value string
	Comment, CommentURL       string // "" when absent
	Flags                     uint32 // see FlagSecure, FlagHTTPOnly; unknown bits kept
	Version                   uint32
	Port                      uint16 // meaningful only if HasPort
	HasPort                   bool
	Expires, Created          float64
	// Page is the index in File.Pages of the page holding the cookie, set
	// by Parse and kept up to date by Remove; Encode ignores it.
	Page int

	// raw is the record as read, written back unchanged as long as the
	// exported fields still say what it says.
	raw []byte
}

// Secure reports whether the cookie is sent over HTTPS only.
func (c Cookie) Secure() bool { return c.Flags&FlagSecure != 0 }

// HTTPOnly reports whether the cookie is hidden from scripts.
func (c Cookie) HTTPOnly() bool { return c.Flags&FlagHTTPOnly != 0 }

// ExpiresTime returns Expires as a time, or the zero time if it is not a
// finite date within ±100 million years.
func (c Cookie) ExpiresTime() time.Time { return macTime(c.Expires) }

// CreatedTime returns Created as a time, or the zero time if it is not a
// finite date within ±100 million years.
func (c Cookie) CreatedTime() time.Time { return macTime(c.Created) }

// macTime converts like kooky's reader (integer seconds, then the
// fraction as nanoseconds) so both give the same instant.
func macTime(s float64) time.Time {
	const limit = 1e8 * 365.25 * 86400 // keeps the int64 conversions in range
	if math.IsNaN(s) || math.Abs(s) > limit {
		return time.Time{}
	}
	sec, frac := math.Modf(s)
	return time.Unix(int64(sec)+macEpochTS, int64(frac*1e9)).UTC()
}

// Record returns the cookie's bytes as Encode would write them: the
// original record if the cookie is unchanged since Parse, otherwise a new
// encoding of its fields. Keep it to put the cookie back later with
// ParseRecord.
func (c Cookie) Record() ([]byte, error) {
	b, err := c.record()
	if err != nil {
		return nil, fmt.Errorf("binarycookies: %w", err)
	}
	return bytes.Clone(b), nil
}

// ParseRecord decodes one record as returned by Record (for an undo). The
// returned cookie keeps the bytes, so Encode writes them back unchanged.
func ParseRecord(rec []byte) (Cookie, error) {
	if len(rec) > MaxFileSize {
		return Cookie{}, errors.New("binarycookies: record too large")
	}
	if len(rec) < 4 || int(binary.LittleEndian.Uint32(rec)) != len(rec) {
		return Cookie{}, errors.New("binarycookies: record size field does not match its length")
	}
	c, err := parseRecord(bytes.Clone(rec))
	if err != nil {
		return Cookie{}, fmt.Errorf("binarycookies: %w", err)
	}
	return c, nil
}

// File is a parsed binarycookies file.
type File struct {
	// Pages holds the cookies page by page, in file order. An empty page
	// is written as a page with no records (Safari itself writes some).
	Pages [][]Cookie
	// Trailer is everything after the checksum: the footer and the
	// binary property list (NSHTTPCookieAcceptPolicy), kept verbatim.
	Trailer []byte
}

// Parse decodes a whole binarycookies file. It checks every size and
// offset against the data, the page and footer markers, and the checksum,
// and refuses layouts it could not reproduce byte for byte. Errors name
// the page and cookie index, never a cookie's content.
func Parse(data []byte) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("binarycookies: file larger than %d bytes", MaxFileSize)
	}
	if len(data) < fileHeaderLen {
		return nil, errors.New("binarycookies: truncated file header")
	}
	// Own a copy: cookies keep slices of it as their raw records.
	data = bytes.Clone(data)
	if !bytes.Equal(data[:4], fileMagic) {
		return nil, errors.New(`binarycookies: bad magic (want "cook")`)
	}
	n := uint64(binary.BigEndian.Uint32(data[4:]))
	pos := uint64(fileHeaderLen) + 4*n
	if pos > uint64(len(data)) {
		return nil, fmt.Errorf("binarycookies: page count %d out of range", n)
	}
	// Not make(…, n): the count is untrusted until the pages are read.
	f := &File{Pages: make([][]Cookie, 0, min(n, 64))}
	var sum uint32
	for i := range n {
		size := uint64(binary.BigEndian.Uint32(data[fileHeaderLen+4*i:]))
		if size > uint64(len(data))-pos {
			return nil, fmt.Errorf("binarycookies: page %d: size out of range", i)
		}
		cookies, err := parsePage(data[pos:pos+size], int(i))
		if err != nil {
			return nil, fmt.Errorf("binarycookies: page %d: %w", i, err)
		}
		f.Pages = append(f.Pages, cookies)
		// Offsets 0, 4, 8, … count from each page's own start.
		sum += pageChecksum(data[pos : pos+size])
		pos += size
	}
	rest := data[pos:]
	if len(rest) < trailerMinLen {
		return nil, errors.New("binarycookies: truncated checksum or footer")
	}
	if !bytes.Equal(rest[4:4+len(footer)], footer) {
		return nil, errors.New("binarycookies: bad footer")
	}
	stored := binary.BigEndian.Uint32(rest)
	if sum != stored {
		return nil, fmt.Errorf("binarycookies: checksum mismatch (stored %#x, computed %#x)", stored, sum)
	}
	f.Trailer = rest[4:]
	return f, nil
}

// pageChecksum is the page's share of the file checksum.
func pageChecksum(page []byte) uint32 {
	var sum uint32
	for i := 0; i < len(page); i += 4 {
		sum += uint32(page[i])
	}
	return sum
}

// parsePage decodes one page, which must be laid out exactly as Encode
// would write it: records back to back, in offset order, right after the
// offset table, and nothing after the last one.
func parsePage(p []byte, page int) ([]Cookie, error) {
	if len(p) < pageHeaderLen {
		return nil, errors.New("truncated page header")
	}
	if !bytes.Equal(p[:4], pageMagic) {
		return nil, errors.New("bad page header")
	}
	n := uint64(binary.LittleEndian.Uint32(p[4:]))
	start := uint64(pageHeaderLen) + 4*n
	if start > uint64(len(p)) {
		return nil, fmt.Errorf("cookie count %d out of range", n)
	}
	if binary.LittleEndian.Uint32(p[8+4*n:]) != 0 {
		return nil, errors.New("bad end-of-offsets marker")
	}
	cookies := make([]Cookie, 0, min(n, 64))
	pos := start
	for i := range n {
		off := uint64(binary.LittleEndian.Uint32(p[8+4*i:]))
		if off+4 > uint64(len(p)) {
			return nil, fmt.Errorf("cookie %d: offset out of range", i)
		}
		if off != pos {
			return nil, fmt.Errorf("cookie %d: offset %d is not where the previous record ends (%d)", i, off, pos)
		}
		size := uint64(binary.LittleEndian.Uint32(p[off:]))
		if size < recordHeadLen {
			return nil, fmt.Errorf("cookie %d: record size %d too small", i, size)
		}
		if size > uint64(len(p))-off {
			return nil, fmt.Errorf("cookie %d: record size out of range", i)
		}
		c, err := parseRecord(p[off : off+size : off+size])
		if err != nil {
			return nil, fmt.Errorf("cookie %d: %w", i, err)
		}
		c.Page = page
		cookies = append(cookies, c)
		pos = off + size
	}
	if pos != uint64(len(p)) {
		return nil, fmt.Errorf("%d unexpected bytes after the last cookie", uint64(len(p))-pos)
	}
	return cookies, nil
}

// parseRecord decodes a record whose length equals its size field. The
// result shares rec as its raw bytes.
func parseRecord(rec []byte) (Cookie, error) {
	if len(rec) < recordHeadLen {
		return Cookie{}, errors.New("record too small")
	}
	u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(rec[off:]) }
	c := Cookie{
		Version: u32(4),
		Flags:   u32(8),
		Expires: math.Float64frombits(binary.LittleEndian.Uint64(rec[40:])),
		Created: math.Float64frombits(binary.LittleEndian.Uint64(rec[48:])),
		raw:     rec,
	}
	strStart := uint32(recordHeadLen)
	switch u32(12) {
	case 0:
	case 1:
		if len(rec) < recordHeadLen+2 {
			return Cookie{}, errors.New("port out of range")
		}
		c.HasPort = true
		c.Port = binary.LittleEndian.Uint16(rec[recordHeadLen:])
		strStart += 2
	default:
		// Only 0 and 1 are known; refuse rather than guess.
		return Cookie{}, fmt.Errorf("unknown has-port value %d", u32(12))
	}
	fields := []struct {
		name     string
		at       int
		dst      *string
		optional bool
	}{
		{"domain", 16, &c.Domain, false},
		{"name", 20, &c.Name, false},
		{"path", 24, &c.Path, false},
		{"value", 28, &c.Value, false},
		{"comment", 32, &c.Comment, true},
		{"comment URL", 36, &c.CommentURL, true},
	}
	for _, fl := range fields {
		off := u32(fl.at)
		if off == 0 && fl.optional {
			continue
		}
		if off < strStart || uint64(off) >= uint64(len(rec)) {
			return Cookie{}, fmt.Errorf("%s offset out of range", fl.name)
		}
		end := bytes.IndexByte(rec[off:], 0)
		if end < 0 {
			return Cookie{}, fmt.Errorf("%s not NUL-terminated", fl.name)
		}
		*fl.dst = string(rec[off : off+uint32(end)])
	}
	return c, nil
}

// unchanged reports whether c's exported fields still match its raw
// record, so that the record can be written back as it was.
func (c *Cookie) unchanged() bool {
	if c.raw == nil {
		return false
	}
	d, err := parseRecord(c.raw)
	if err != nil {
		return false
	}
	return c.Domain == d.Domain && c.Name == d.Name && c.Path == d.Path &&
		c.Value == d.Value && c.Comment == d.Comment && c.CommentURL == d.CommentURL &&
		c.Flags == d.Flags && c.Version == d.Version && c.HasPort == d.HasPort &&
		(!c.HasPort || c.Port == d.Port) &&
		math.Float64bits(c.Expires) == math.Float64bits(d.Expires) &&
		math.Float64bits(c.Created) == math.Float64bits(d.Created)
}

// record returns the bytes to write for c.
func (c *Cookie) record() ([]byte, error) {
	if c.unchanged() {
		return c.raw, nil
	}
	return encodeRecord(c)
}

// encodeRecord lays a record out like the Swift writer (and Safari, for
// files without comments): header, port, comment, comment URL, domain,
// name, path, value.
func encodeRecord(c *Cookie) ([]byte, error) {
	strs := []struct {
		name, s  string
		at       int
		optional bool
	}{
		{"comment", c.Comment, 32, true},
		{"comment URL", c.CommentURL, 36, true},
		{"domain", c.Domain, 16, false},
		{"name", c.Name, 20, false},
		{"path", c.Path, 24, false},
		{"value", c.Value, 28, false},
	}
	size := recordHeadLen
	if c.HasPort {
		size += 2
	}
	for _, s := range strs {
		if strings.IndexByte(s.s, 0) >= 0 {
			return nil, fmt.Errorf("%s contains a NUL byte", s.name)
		}
		if s.optional && s.s == "" {
			continue
		}
		size += len(s.s) + 1
	}
	if size > MaxFileSize {
		return nil, errors.New("record too large")
	}
	rec := make([]byte, recordHeadLen, size)
	put := func(off int, v uint32) { binary.LittleEndian.PutUint32(rec[off:], v) }
	put(0, uint32(size))
	put(4, c.Version)
	put(8, c.Flags)
	binary.LittleEndian.PutUint64(rec[40:], math.Float64bits(c.Expires))
	binary.LittleEndian.PutUint64(rec[48:], math.Float64bits(c.Created))
	if c.HasPort {
		put(12, 1)
		rec = binary.LittleEndian.AppendUint16(rec, c.Port)
	}
	for _, s := range strs {
		if s.optional && s.s == "" {
			continue
		}
		put(s.at, uint32(len(rec)))
		rec = append(rec, s.s...)
		rec = append(rec, 0)
	}
	return rec, nil
}

// Encode writes the file back: pages rebuilt from their cookies (records
// of unchanged cookies byte for byte), the page-size table, the checksum,
// then Trailer verbatim. For a File returned by Parse and not modified,
// the result equals the parsed data.
func (f *File) Encode() ([]byte, error) {
	if !bytes.HasPrefix(f.Trailer, footer) {
		return nil, errors.New("binarycookies: trailer does not start with the footer")
	}
	pages := make([][]byte, len(f.Pages))
	total := fileHeaderLen + 4*len(f.Pages) + 4 + len(f.Trailer)
	for i, cookies := range f.Pages {
		recs := make([][]byte, len(cookies))
		size := pageHeaderLen + 4*len(cookies)
		for j := range cookies {
			rec, err := cookies[j].record()
			if err != nil {
				return nil, fmt.Errorf("binarycookies: page %d: cookie %d: %w", i, j, err)
			}
			recs[j] = rec
			size += len(rec)
			if size > MaxFileSize {
				return nil, fmt.Errorf("binarycookies: page %d: larger than %d bytes", i, MaxFileSize)
			}
		}
		p := make([]byte, 0, size)
		p = append(p, pageMagic...)
		p = binary.LittleEndian.AppendUint32(p, uint32(len(cookies)))
		off := pageHeaderLen + 4*len(cookies)
		for _, rec := range recs {
			p = binary.LittleEndian.AppendUint32(p, uint32(off))
			off += len(rec)
		}
		p = binary.LittleEndian.AppendUint32(p, 0)
		for _, rec := range recs {
			p = append(p, rec...)
		}
		pages[i] = p
		total += len(p)
		if total > MaxFileSize {
			return nil, fmt.Errorf("binarycookies: file larger than %d bytes", MaxFileSize)
		}
	}
	out := make([]byte, 0, total)
	out = append(out, fileMagic...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(pages)))
	for _, p := range pages {
		out = binary.BigEndian.AppendUint32(out, uint32(len(p)))
	}
	var sum uint32
	for _, p := range pages {
		out = append(out, p...)
		sum += pageChecksum(p)
	}
	out = binary.BigEndian.AppendUint32(out, sum)
	out = append(out, f.Trailer...)
	return out, nil
}

// Remove drops the cookies for which match returns true and returns them
// (with the Page index they had). A page left empty by the removal is
// dropped; pages that were already empty stay, as Safari wrote them. With
// every page gone the file has zero pages, which Parse and kooky's reader
// accept. The Page field of the remaining cookies is renumbered.
func (f *File) Remove(match func(Cookie) bool) (removed []Cookie) {
	if match == nil {
		return nil
	}
	pages := f.Pages[:0]
	for _, cookies := range f.Pages {
		kept := cookies[:0]
		for _, c := range cookies {
			if match(c) {
				removed = append(removed, c)
			} else {
				kept = append(kept, c)
			}
		}
		if len(kept) == 0 && len(cookies) > 0 {
			continue
		}
		pages = append(pages, kept)
	}
	clear(f.Pages[len(pages):]) // drop references to removed pages
	f.Pages = pages
	for i := range f.Pages {
		for j := range f.Pages[i] {
			f.Pages[i][j].Page = i
		}
	}
	return removed
}
