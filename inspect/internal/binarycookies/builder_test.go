package binarycookies

// A byte-level builder written from the format description, sharing no
// code with the package, so the encoder is not its own only proof.

import (
	"encoding/binary"
	"math"
)

// safariPlist is the property list Safari appends after the footer
// (NSHTTPCookieAcceptPolicy = 2), as found in a file Safari wrote.
var safariPlist = []byte("bplist00\xd1\x01\x02_\x10\x18NSHTTPCookieAcceptPolicy\x10\x02\x08\x0b&" +
	"\x00\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x03" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00(")

// hrec describes one record for the hand builder.
type hrec struct {
	domain, name, path, value string
	comment, commentURL       string // written only if non-empty
	flags, version            uint32
	port                      int // -1: no port
	expires, created          float64
	// order lists the strings in the order they are laid out:
	// d(omain) n(ame) p(ath) v(alue) c(omment) u(rl of comment).
	// Default "cudnpv", the Swift writer's order.
	order string
	pad   []byte // extra bytes after the last string, inside the record
}

func le32(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

// bytes lays the record out by hand.
func (r hrec) bytes() []byte {
	order := r.order
	if order == "" {
		order = "cudnpv"
	}
	b := make([]byte, 56)
	le32(b, 4, r.version)
	le32(b, 8, r.flags)
	binary.LittleEndian.PutUint64(b[40:], math.Float64bits(r.expires))
	binary.LittleEndian.PutUint64(b[48:], math.Float64bits(r.created))
	if r.port >= 0 {
		le32(b, 12, 1)
		b = append(b, byte(r.port), byte(r.port>>8))
	}
	for _, k := range order {
		var s string
		var at int
		switch k {
		case 'd':
			s, at = r.domain, 16
		case 'n':
			s, at = r.name, 20
		case 'p':
			s, at = r.path, 24
		case 'v':
			s, at = r.value, 28
		case 'c':
			if r.comment == "" {
				continue
			}
			s, at = r.comment, 32
		case 'u':
			if r.commentURL == "" {
				continue
			}
			s, at = r.commentURL, 36
		}
		le32(b, at, uint32(len(b)))
		b = append(b, s...)
		b = append(b, 0)
	}
	b = append(b, r.pad...)
	le32(b, 0, uint32(len(b)))
	return b
}

// hpage lays a page out: magic, count, offsets, zero marker, records.
func hpage(recs []hrec) []byte {
	var body [][]byte
	for _, r := range recs {
		body = append(body, r.bytes())
	}
	p := []byte{0, 0, 1, 0}
	p = binary.LittleEndian.AppendUint32(p, uint32(len(recs)))
	off := 4 + 4 + 4*len(recs) + 4
	for _, rb := range body {
		p = binary.LittleEndian.AppendUint32(p, uint32(off))
		off += len(rb)
	}
	p = append(p, 0, 0, 0, 0)
	for _, rb := range body {
		p = append(p, rb...)
	}
	return p
}

// hsum is the checksum as the binarycookies format defines it, computed
// separately from the package: every fourth byte of each page, counted
// from the page's start.
func hsum(pages [][]byte) uint32 {
	total := 0
	for _, p := range pages {
		for k := 0; k < len(p); k += 4 {
			total += int(p[k])
		}
	}
	return uint32(total)
}

// hfile builds a whole file with a correct checksum.
func hfile(pages [][]hrec, plist []byte) []byte {
	var raw [][]byte
	for _, recs := range pages {
		raw = append(raw, hpage(recs))
	}
	return hfileRaw(raw, hsum(raw), plist)
}

// hfileRaw assembles already built pages with the given checksum.
func hfileRaw(pages [][]byte, sum uint32, plist []byte) []byte {
	b := []byte("cook")
	b = binary.BigEndian.AppendUint32(b, uint32(len(pages)))
	for _, p := range pages {
		b = binary.BigEndian.AppendUint32(b, uint32(len(p)))
	}
	for _, p := range pages {
		b = append(b, p...)
	}
	b = binary.BigEndian.AppendUint32(b, sum)
	b = append(b, 0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B)
	return append(b, plist...)
}
