package binarycookies

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/browserutils/kooky/browser/safari"
)

const secret = "S3CR3T-VALUE"

// Times as Safari stores them: fractional seconds since 2001.
const (
	t0 = 797_000_000.123456
	t1 = 828_536_400.5
)

var (
	sessionid = hrec{domain: "data.ofgl.fr", name: "sessionid", path: "/", value: secret, flags: 5, port: -1, expires: t1, created: t0}
	csrftoken = hrec{domain: "data.ofgl.fr", name: "csrftoken", path: "/", value: "tok", flags: 1, port: -1, expires: t1 + 1, created: t0 + 1}
	ga        = hrec{domain: ".ofgl.fr", name: "_ga", path: "/", value: "GA1.2.3", port: -1, expires: t1 + 2, created: t0 + 2}
	odd       = hrec{domain: "example.com", name: "odd", path: "/x", value: "v", flags: 4 | 8 | 16, version: 1, port: 8443,
		comment: "a comment", commentURL: "https://example.com/c", expires: t1 + 3, created: t0 + 3}
	reordered = hrec{domain: "example.com", name: "reordered", path: "/", value: "w", port: -1, order: "vpnd", pad: []byte{0, 0, 7}, expires: t1 + 4, created: t0 + 4}
	dataOnly  = hrec{domain: ".data.ofgl.fr", name: "pref", path: "/api", value: "fr", port: -1, expires: t1 + 5, created: t0 + 5}
)

// sampleFile has a mixed page, a page of other sites with unusual
// records, an empty page (Safari writes those) and a page that only holds
// data.ofgl.fr cookies.
func sampleFile() []byte {
	return hfile([][]hrec{
		{sessionid, ga, csrftoken},
		{odd, reordered},
		{},
		{dataOnly},
	}, safariPlist)
}

func isData(c Cookie) bool { return c.Domain == "data.ofgl.fr" || c.Domain == ".data.ofgl.fr" }

func TestChecksumKnownAnswer(t *testing.T) {
	// One page, one record a / b / "/" / c, all numbers zero. The bytes
	// at page offsets 0, 4, …, 76 are, by hand:
	//   0 page magic 00 · 4 count 1 · 8 offset 16 · 12 marker 0 ·
	//   16 size 64 · 20 version 0 · 24 flags 0 · 28 has-port 0 ·
	//   32 domain@56 · 36 name@58 · 40 path@60 · 44 value@62 ·
	//   48, 52 comment offsets 0 · 56–68 float bytes 0 ·
	//   72 record[56] 'a' · 76 record[60] '/'
	// 1 + 16 + 64 + 56 + 58 + 60 + 62 + 97 + 47 = 461.
	data := hfile([][]hrec{{{domain: "a", name: "b", path: "/", value: "c", port: -1}}}, nil)
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := binary.BigEndian.Uint32(data[len(data)-12:]); got != 461 {
		t.Fatalf("hand builder checksum %d, want 461", got)
	}
	out, err := f.Encode()
	if err != nil || !bytes.Equal(out, data) {
		t.Fatalf("Encode: %v, equal=%v", err, bytes.Equal(out, data))
	}
}

// TestChecksumOfSafariWrittenFile rebuilds, field by field, a file that
// Safari wrote (the 661-byte test vector of github.com/cixtor/binarycookies,
// test1_test.go: 11 pages, 10 of them empty, four urlecho.appspot.com
// cookies). The rebuilt bytes hash to the original's SHA-256, so the
// checksum Safari stored there, 0x1633, is an external answer for ours.
func TestChecksumOfSafariWrittenFile(t *testing.T) {
	exp := math.Float64frombits(0x41bb837467000000)
	cre := math.Float64frombits(0x41bb8222e7000000)
	rec := func(name string, flags uint32) hrec {
		return hrec{domain: "urlecho.appspot.com", name: name, path: "/", value: "value", flags: flags, port: -1, expires: exp, created: cre}
	}
	pages := make([][]hrec, 11)
	pages[1] = []hrec{rec("httpOnly", 4), rec("httpOnlySecure", 5), rec("normal", 0), rec("secure", 1)}
	data := hfile(pages, safariPlist)
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != "4b6d44537e243673458e2cf7310973d3f060d2e65dcbe1414e434e426a67c0fc" {
		t.Fatalf("rebuilt file differs from Safari's (sha256 %s)", got)
	}
	if got := binary.BigEndian.Uint32(data[len(data)-len(safariPlist)-12:]); got != 0x1633 {
		t.Fatalf("checksum %#x, Safari wrote 0x1633", got)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := f.Encode(); err != nil || !bytes.Equal(out, data) {
		t.Fatalf("Encode differs from Safari's file: %v", err)
	}
	kc := readKooky(t, data)
	if len(kc) != 4 || !kc[0].HttpOnly || kc[0].Secure || !kc[1].Secure || kc[2].HttpOnly || !kc[3].Secure {
		t.Fatalf("kooky reads %+v", kc)
	}

	// Remove one cookie; the new checksum is what the hand builder says.
	f.Remove(func(c Cookie) bool { return c.Name == "normal" })
	out, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	pages[1] = slices.Delete(pages[1], 2, 3)
	if want := hfile(pages, safariPlist); !bytes.Equal(out, want) {
		t.Fatal("after Remove, Encode differs from the hand-built file")
	}
	if len(readKooky(t, out)) != 3 {
		t.Fatal("kooky does not read 3 cookies")
	}
}

func TestRoundTripIdentity(t *testing.T) {
	files := map[string][]byte{
		"sample":     sampleFile(),
		"zero pages": hfile(nil, safariPlist),
		"no plist":   hfile([][]hrec{{ga}}, nil),
		"empty only": hfile([][]hrec{{}, {}}, []byte("x")),
		"weird times": hfile([][]hrec{{
			{domain: "a", name: "nan", path: "/", value: "", port: -1, expires: math.NaN(), created: math.Inf(-1)},
			{domain: "", name: "", path: "", value: "\xff\xfe", port: 0, expires: -1e300, created: math.Copysign(0, -1)},
		}}, safariPlist),
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			out, err := f.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, data) {
				t.Fatalf("Encode(Parse(x)) != x\n got %x\nwant %x", out, data)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	f, err := Parse(sampleFile())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Pages) != 4 || len(f.Pages[2]) != 0 {
		t.Fatalf("pages: %d", len(f.Pages))
	}
	if !bytes.Equal(f.Trailer[8:], safariPlist) {
		t.Fatal("plist not kept")
	}
	c := f.Pages[1][0]
	want := Cookie{Domain: "example.com", Name: "odd", Path: "/x", Value: "v", Comment: "a comment",
		CommentURL: "https://example.com/c", Flags: 28, Version: 1, Port: 8443, HasPort: true,
		Expires: t1 + 3, Created: t0 + 3, Page: 1}
	c.raw = nil
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("got  %+v\nwant %+v", c, want)
	}
	if !c.HTTPOnly() || c.Secure() {
		t.Fatal("flag helpers")
	}
	r := f.Pages[1][1]
	if r.Name != "reordered" || r.Value != "w" || r.Domain != "example.com" || r.Path != "/" {
		t.Fatalf("reordered record: %+v", r)
	}
	s := f.Pages[0][0]
	if !s.Secure() || !s.HTTPOnly() || s.Page != 0 || f.Pages[3][0].Page != 3 {
		t.Fatalf("sessionid: %+v", s)
	}
}

// readKooky runs kooky's Safari reader, the oracle, on data.
func readKooky(t *testing.T, data []byte) []kcookie {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Cookies.binarycookies")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cs, err := safari.ReadCookies(context.Background(), path)
	if err != nil {
		t.Fatalf("kooky: %v", err)
	}
	var out []kcookie
	for _, c := range cs {
		out = append(out, kcookie{c.Domain, c.Name, c.Path, c.Value, c.Secure, c.HttpOnly, c.Expires, c.Creation})
	}
	return out
}

type kcookie struct {
	Domain, Name, Path, Value string
	Secure, HttpOnly          bool
	Expires, Creation         time.Time
}

func (k kcookie) String() string { return fmt.Sprintf("%s %s %s", k.Domain, k.Name, k.Path) }

// checkKooky compares kooky's reading with the cookies we expect, field
// by field, times to the nanosecond.
func checkKooky(t *testing.T, got []kcookie, want []Cookie) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("kooky read %d cookies %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Domain != w.Domain || g.Name != w.Name || g.Path != w.Path || g.Value != w.Value ||
			g.Secure != w.Secure() || g.HttpOnly != w.HTTPOnly() ||
			!g.Expires.Equal(w.ExpiresTime()) || !g.Creation.Equal(w.CreatedTime()) {
			t.Errorf("cookie %d: kooky %+v\nwant %+v", i, g, w)
		}
	}
}

func allCookies(f *File) []Cookie {
	var out []Cookie
	for _, p := range f.Pages {
		out = append(out, p...)
	}
	return out
}

func TestRemoveKookyOracle(t *testing.T) {
	data := sampleFile()
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	checkKooky(t, readKooky(t, data), allCookies(f))

	removed := f.Remove(isData)
	var names []string
	for _, c := range removed {
		names = append(names, fmt.Sprint(c.Name, "@", c.Page))
	}
	if got := strings.Join(names, " "); got != "sessionid@0 csrftoken@0 pref@3" {
		t.Fatalf("removed %s", got)
	}
	// The emptied page is gone; the page that was empty before stays.
	if len(f.Pages) != 3 || len(f.Pages[0]) != 1 || len(f.Pages[1]) != 2 || len(f.Pages[2]) != 0 {
		t.Fatalf("pages after Remove: %v", f.Pages)
	}
	out, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	// Oracle: kooky reads exactly the remaining cookies.
	checkKooky(t, readKooky(t, out), allCookies(f))
	// The checksum is what the hand builder computes, and the whole file
	// equals the hand-built file without the removed records.
	want := hfile([][]hrec{{ga}, {odd, reordered}, {}}, safariPlist)
	if !bytes.Equal(out, want) {
		t.Fatalf("after Remove\n got %x\nwant %x", out, want)
	}
	if bytes.Contains(out, []byte(secret)) {
		t.Fatal("removed value still in the file")
	}
	// Untouched records are byte-identical.
	for _, r := range []hrec{ga, odd, reordered} {
		if !bytes.Contains(out, r.bytes()) {
			t.Errorf("record %s rewritten", r.name)
		}
	}
	back, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(allCookies(back)) != 3 || back.Pages[1][1].Page != 1 {
		t.Fatal("re-parse")
	}
}

func TestRemoveAllGivesZeroPages(t *testing.T) {
	f, err := Parse(sampleFile())
	if err != nil {
		t.Fatal(err)
	}
	f.Pages = f.Pages[:2] // drop the empty page and the data-only one
	if n := len(f.Remove(func(Cookie) bool { return true })); n != 5 {
		t.Fatalf("removed %d", n)
	}
	out, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte("cook\x00\x00\x00\x00\x00\x00\x00\x00\x07\x17\x20\x05\x00\x00\x00\x4b"), safariPlist...)
	if !bytes.Equal(out, want) {
		t.Fatalf("got %x", out)
	}
	if got := readKooky(t, out); len(got) != 0 {
		t.Fatalf("kooky reads %v", got)
	}
	if back, err := Parse(out); err != nil || len(back.Pages) != 0 {
		t.Fatalf("Parse: %v", err)
	}
	if f.Remove(nil) != nil {
		t.Fatal("nil match removed something")
	}
}

func TestEncodeFromFields(t *testing.T) {
	// Cookies with no original bytes are laid out like the Swift writer;
	// the hand builder, written separately, must agree byte for byte.
	recs := []hrec{odd, ga, {domain: "x", name: "p", path: "/", value: "", port: 0, comment: "only comment", expires: 1, created: 2}}
	var cookies []Cookie
	for _, r := range recs {
		c := Cookie{Domain: r.domain, Name: r.name, Path: r.path, Value: r.value, Comment: r.comment,
			CommentURL: r.commentURL, Flags: r.flags, Version: r.version, HasPort: r.port >= 0,
			Expires: r.expires, Created: r.created}
		if r.port >= 0 {
			c.Port = uint16(r.port)
		}
		cookies = append(cookies, c)
	}
	f := &File{Pages: [][]Cookie{cookies[:1], cookies[1:]}, Trailer: append(bytes.Clone(footer), safariPlist...)}
	out, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if want := hfile([][]hrec{recs[:1], recs[1:]}, safariPlist); !bytes.Equal(out, want) {
		t.Fatalf("\n got %x\nwant %x", out, want)
	}
	checkKooky(t, readKooky(t, out), cookies)
	back, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range allCookies(back) {
		c.raw, c.Page = nil, 0
		if !reflect.DeepEqual(c, cookies[i]) {
			t.Errorf("cookie %d: %+v, want %+v", i, c, cookies[i])
		}
	}
}

func TestModifiedCookieIsReencoded(t *testing.T) {
	data := sampleFile()
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	f.Pages[0][1].Value = "changed"
	f.Pages[1][0].Port = 1 // port changes count too
	out, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	g := ga
	g.value = "changed"
	o := odd
	o.port = 1
	// "reordered" keeps its odd layout; the edited ones get the default.
	if want := hfile([][]hrec{{sessionid, g, csrftoken}, {o, reordered}, {}, {dataOnly}}, safariPlist); !bytes.Equal(out, want) {
		t.Fatalf("\n got %x\nwant %x", out, want)
	}
	checkKooky(t, readKooky(t, out), allCookies(f))
}

func TestRecordAndParseRecord(t *testing.T) {
	f, err := Parse(sampleFile())
	if err != nil {
		t.Fatal(err)
	}
	removed := f.Remove(func(c Cookie) bool { return c.Name == "reordered" })
	rec, err := removed[0].Record()
	if err != nil || !bytes.Equal(rec, reordered.bytes()) {
		t.Fatalf("Record: %v", err)
	}
	// Undo: put it back; Encode gives the original file again.
	c, err := ParseRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	f.Pages[1] = append(f.Pages[1], c)
	out, err := f.Encode()
	if err != nil || !bytes.Equal(out, sampleFile()) {
		t.Fatalf("undo: %v", err)
	}
	if _, err := ParseRecord(rec[:len(rec)-1]); err == nil {
		t.Fatal("ParseRecord accepted a short record")
	}
	if _, err := ParseRecord(nil); err == nil {
		t.Fatal("ParseRecord accepted nil")
	}
}

func TestEncodeErrors(t *testing.T) {
	f := &File{Pages: [][]Cookie{{{Domain: "a", Name: "n\x00", Value: secret}}}, Trailer: bytes.Clone(footer)}
	if _, err := f.Encode(); err == nil || !strings.Contains(err.Error(), "page 0: cookie 0: name contains a NUL") {
		t.Fatalf("err = %v", err)
	}
	f = &File{Trailer: []byte("bplist00")}
	if _, err := f.Encode(); err == nil {
		t.Fatal("accepted a trailer without footer")
	}
}

func TestTimes(t *testing.T) {
	c := Cookie{Expires: 0, Created: -0.5}
	if !c.ExpiresTime().Equal(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatal(c.ExpiresTime())
	}
	if !c.CreatedTime().Equal(time.Date(2000, 12, 31, 23, 59, 59, 5e8, time.UTC)) {
		t.Fatal(c.CreatedTime())
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300, -1e300} {
		if !(Cookie{Expires: v}).ExpiresTime().IsZero() {
			t.Errorf("%v: not zero time", v)
		}
	}
}

// mutate returns a copy of data with fn applied.
func mutate(data []byte, fn func(b []byte) []byte) []byte { return fn(bytes.Clone(data)) }

func TestParseErrors(t *testing.T) {
	good := sampleFile()
	tableEnd := 8 + 4*4 // header + 4 page sizes
	p0 := tableEnd      // first page
	rec0 := p0 + 12 + 4*3
	refix := func(b []byte) []byte { return fixChecksum(b) }
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"empty", nil, "truncated file header"},
		{"bad magic", mutate(good, func(b []byte) []byte { b[0] = 'C'; return b }), "bad magic"},
		{"too large", make([]byte, MaxFileSize+1), "larger than"},
		{"page count", mutate(good, func(b []byte) []byte { b[4] = 0x7f; return b }), "page count 2130706436 out of range"},
		{"page size", mutate(good, func(b []byte) []byte { b[8] = 0x10; return b }), "page 0: size out of range"},
		{"page magic", refix(mutate(good, func(b []byte) []byte { b[p0+2] = 2; return b })), "page 0: bad page header"},
		{"cookie count", refix(mutate(good, func(b []byte) []byte { b[p0+4] = 200; return b })), "page 0: cookie count 200 out of range"},
		{"marker", refix(mutate(good, func(b []byte) []byte { b[p0+8+12] = 1; return b })), "page 0: bad end-of-offsets marker"},
		{"offset past end", refix(mutate(good, func(b []byte) []byte { b[p0+8+4+1] = 0x40; return b })), "page 0: cookie 1: offset out of range"},
		{"offset gap", refix(mutate(good, func(b []byte) []byte { b[p0+8+4]++; return b })), "page 0: cookie 1: offset"},
		{"record small", refix(mutate(good, func(b []byte) []byte { b[rec0] = 55; return b })), "page 0: cookie 0: record size 55 too small"},
		{"record size", refix(mutate(good, func(b []byte) []byte { b[rec0+1] = 0x10; return b })), "page 0: cookie 0: record size out of range"},
		{"has-port", refix(mutate(good, func(b []byte) []byte { b[rec0+12] = 2; return b })), "page 0: cookie 0: unknown has-port value 2"},
		{"string offset in header", refix(mutate(good, func(b []byte) []byte { b[rec0+28] = 40; return b })), "cookie 0: value offset out of range"},
		{"string offset past record", refix(mutate(good, func(b []byte) []byte { b[rec0+20] = 0xff; return b })), "cookie 0: name offset out of range"},
		{"string not terminated", refix(mutate(good, func(b []byte) []byte {
			size := int(binary.LittleEndian.Uint32(b[rec0:]))
			b[rec0+size-1] = 'x' // the value's NUL
			return b
		})), "cookie 0: value not NUL-terminated"},
		{"trailing bytes in page", refix(mutate(good, func(b []byte) []byte {
			// grow page 0 by one byte taken from page 1's size
			binary.BigEndian.PutUint32(b[8:], binary.BigEndian.Uint32(b[8:])+1)
			binary.BigEndian.PutUint32(b[12:], binary.BigEndian.Uint32(b[12:])-1)
			return b
		})), "page 0: 1 unexpected bytes"},
		{"checksum", mutate(good, func(b []byte) []byte { b[len(b)-len(safariPlist)-9]++; return b }), "checksum mismatch"},
		{"footer", mutate(good, func(b []byte) []byte { b[len(b)-len(safariPlist)-1] = 0; return b }), "bad footer"},
		{"no trailer", good[:len(good)-len(safariPlist)-1], "truncated checksum or footer"},
	}
	for _, c := range cases {
		f, err := Parse(c.data)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if f != nil {
			t.Errorf("%s: result with error", c.name)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "binarycookies: ") || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: error %q, want %q", c.name, msg, c.msg)
		}
		if strings.Contains(msg, secret) || strings.Contains(msg, "sessionid") {
			t.Errorf("%s: error %q leaks cookie content", c.name, msg)
		}
	}

	// Every truncation fails cleanly, except at the end of the trailer.
	for n := 0; n < len(good)-len(safariPlist); n++ {
		if _, err := Parse(good[:n]); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
	}
}

// fixChecksum recomputes the stored checksum after a mutation, so that
// the structural check under test is the one that fails (and so that the
// fuzzer gets past the checksum). Pages are located through the page
// table; whatever does not fit is left as it is. It never panics.
func fixChecksum(b []byte) []byte {
	if len(b) < 8 {
		return b
	}
	n := int(binary.BigEndian.Uint32(b[4:]))
	if n > len(b)/4 {
		return b
	}
	pos := 8 + 4*n
	var pages [][]byte
	for i := 0; i < n; i++ {
		if 8+4*i+4 > len(b) {
			return b
		}
		size := int(binary.BigEndian.Uint32(b[8+4*i:]))
		if pos > len(b) || size > len(b)-pos {
			return b
		}
		pages = append(pages, b[pos:pos+size])
		pos += size
	}
	if pos+4 <= len(b) {
		binary.BigEndian.PutUint32(b[pos:], hsum(pages))
	}
	return b
}
