package mozlz4

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 100_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	session := []byte(`{"version":["sessionrestore",1],"windows":[],"cookies":[{"host":"data.ofgl.fr","value":"1","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1}]}`)
	cases := map[string][]byte{
		"empty":      {},
		"one byte":   {'x'},
		"session":    session,
		"repetitive": bytes.Repeat([]byte("ofgl "), 50_000),
		"zeros":      make([]byte, 1<<20),
		"random":     random,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			enc, err := Encode(in)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(enc, []byte(Magic)) {
				t.Fatalf("missing magic: % x", enc[:min(len(enc), 12)])
			}
			if got := binary.LittleEndian.Uint32(enc[8:12]); int(got) != len(in) {
				t.Fatalf("header size %d, want %d", got, len(in))
			}
			dec, err := Decode(enc)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dec, in) {
				t.Fatalf("round trip mismatch: %d bytes in, %d out", len(in), len(dec))
			}
		})
	}
}

// A hand-made block (one literal-only sequence), as any LZ4 encoder could
// write it, decodes without relying on our own encoder.
func TestDecodeKnownBlock(t *testing.T) {
	data := []byte("mozLz40\x00\x05\x00\x00\x00\x50hello")
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "hello" {
		t.Fatalf("got %q", got)
	}
}

func header(size uint32) []byte {
	h := []byte(Magic)
	return binary.LittleEndian.AppendUint32(h, size)
}

func TestDecodeErrors(t *testing.T) {
	var text bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&text, "cookie%d=value%d; ", i, i*i)
	}
	good, err := Encode(text.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	over := header(5)
	over = append(over, 0x60) // token: 6 literals, header says 5
	over = append(over, "hello!"...)
	under := header(6)
	under = append(under, 0x50)
	under = append(under, "hello"...)
	cases := []struct {
		name string
		in   []byte
		want error
	}{
		{"nil", nil, ErrTruncated},
		{"magic prefix", []byte("mozLz"), ErrTruncated},
		{"magic only", []byte(Magic), ErrTruncated},
		{"short size", []byte(Magic + "\x01\x00"), ErrTruncated},
		{"not mozlz4", []byte("{\"json\":true}"), ErrBadMagic},
		{"short garbage", []byte("abc"), ErrBadMagic},
		{"old magic", []byte("mozLz41\x00\x00\x00\x00\x00"), ErrBadMagic},
		{"too large", header(MaxSize + 1), ErrTooLarge},
		{"huge declared, tiny block", append(header(200<<20), 0x50, 'h', 'e', 'l', 'l', 'o'), ErrTruncated},
		{"cut in half", good[:len(good)/2], ErrCorrupt},
		{"cut last byte", good[:len(good)-1], ErrCorrupt},
		{"block longer than header", over, ErrCorrupt},
		{"block shorter than header", under, ErrCorrupt},
		{"bad offset", append(header(8), 0x14, 'a', 0x09, 0x00), ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Decode(c.in)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if out != nil {
				t.Fatalf("output %q with error", out)
			}
			if !strings.HasPrefix(err.Error(), "mozlz4: ") {
				t.Fatalf("error %q lacks package prefix", err)
			}
		})
	}
}

func TestEncodeTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 256 MiB")
	}
	_, err := Encode(make([]byte, MaxSize+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	in := bytes.Repeat([]byte(`{"cookies":[]}`), 100)
	enc, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "recovery.jsonlz4")
	if err := os.WriteFile(path, enc, 0o600); err != nil {
		t.Fatal(err)
	}

	got, err := ReadFile(path, 0)
	if err != nil || !bytes.Equal(got, in) {
		t.Fatalf("ReadFile default limit: %v", err)
	}
	got, err = ReadFile(path, int64(len(in)))
	if err != nil || !bytes.Equal(got, in) {
		t.Fatalf("ReadFile exact limit: %v", err)
	}
	if _, err := ReadFile(path, int64(len(in)-1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadFile small limit: err = %v", err)
	}

	// A file far bigger than any compression of maxSize bytes is refused
	// without being read whole.
	big := filepath.Join(dir, "big.jsonlz4")
	if err := os.WriteFile(big, append(header(10), make([]byte, 4096)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(big, 100); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadFile big file: err = %v", err)
	}

	if _, err := ReadFile(filepath.Join(dir, "missing"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("ReadFile missing: err = %v", err)
	}

	trunc := filepath.Join(dir, "trunc.jsonlz4")
	if err := os.WriteFile(trunc, enc[:10], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(trunc, 0)
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), trunc) {
		t.Fatalf("ReadFile truncated: err = %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(nil))
	f.Add([]byte(Magic))
	f.Add([]byte("mozLz40\x00\x05\x00\x00\x00\x50hello"))
	f.Add([]byte("mozLz40\x00\x08\x00\x00\x00\x14a\x01\x00"))
	for _, s := range []string{"", "x", `{"cookies":[]}`, strings.Repeat("abcd", 300)} {
		enc, err := Encode([]byte(s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := Decode(data)
		if err != nil {
			if out != nil {
				t.Fatalf("output with error %v", err)
			}
			return
		}
		if got := binary.LittleEndian.Uint32(data[8:12]); int(got) != len(out) {
			t.Fatalf("decoded %d bytes, header says %d", len(out), got)
		}
		enc, err := Encode(out)
		if err != nil {
			t.Fatalf("Encode after Decode: %v", err)
		}
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(x)): %v", err)
		}
		if !bytes.Equal(back, out) {
			t.Fatal("Encode/Decode round trip mismatch")
		}
	})
}
