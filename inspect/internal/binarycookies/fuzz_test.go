package binarycookies

import (
	"bytes"
	"math"
	"reflect"
	"testing"
)

func fuzzSeeds() [][]byte {
	exp := math.Float64frombits(0x41bb837467000000)
	safariLike := make([][]hrec, 3)
	safariLike[1] = []hrec{{domain: "urlecho.appspot.com", name: "n", path: "/", value: "value", flags: 5, port: -1, expires: exp}}
	good := sampleFile()
	return [][]byte{
		good,
		hfile(nil, safariPlist),
		hfile(safariLike, safariPlist),
		hfile([][]hrec{{odd, reordered}}, nil),
		good[:len(good)/2],
		[]byte("cook\x00\x00\x00\x01\x00\x00\x00\x0c\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07\x17\x20\x05\x00\x00\x00\x4b"),
	}
}

// FuzzParse: Parse never panics; whatever it accepts, Encode writes back
// byte for byte, and a removal re-parses to exactly the remaining cookies.
// With fix set, the stored checksum is first corrected, so that mutations
// reach the structure checks and the success path instead of dying at
// the checksum.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, fix bool) {
		if fix {
			data = fixChecksum(bytes.Clone(data))
		}
		file, err := Parse(data)
		if err != nil {
			if file != nil {
				t.Fatal("result with error")
			}
			return
		}
		out, err := file.Encode()
		if err != nil {
			t.Fatalf("Encode of a parsed file: %v", err)
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("Encode(Parse(x)) != x\n got %x\nwant %x", out, data)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		if !sameCookies(allCookies(back), allCookies(file)) {
			t.Fatal("re-parse gives other cookies")
		}

		// Remove every other cookie; the rest survive intact.
		i := 0
		file.Remove(func(Cookie) bool { i++; return i%2 == 1 })
		kept := allCookies(file)
		out, err = file.Encode()
		if err != nil {
			t.Fatalf("Encode after Remove: %v", err)
		}
		back, err = Parse(out)
		if err != nil {
			t.Fatalf("re-parse after Remove: %v", err)
		}
		if !sameCookies(allCookies(back), kept) {
			t.Fatal("after Remove, re-parse gives other cookies")
		}
	})
}

// sameCookies compares field by field, floats by their bits (NaN is
// kept exactly, and NaN != NaN).
func sameCookies(a, b []Cookie) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if math.Float64bits(x.Expires) != math.Float64bits(y.Expires) ||
			math.Float64bits(x.Created) != math.Float64bits(y.Created) {
			return false
		}
		x.Expires, y.Expires, x.Created, y.Created = 0, 0, 0, 0
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}
