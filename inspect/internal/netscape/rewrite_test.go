package netscape

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func byName(names ...string) func(Line) bool {
	return func(l Line) bool {
		for _, n := range names {
			if l.Name == n {
				return true
			}
		}
		return false
	}
}

func TestRemoveLinesKeepsEverythingElse(t *testing.T) {
	cases := []struct {
		name, in, want string
		drop           []string
		domain         string // when set, only lines of this Domain are dropped
	}{
		{
			name: "curl LF",
			in: "# Netscape HTTP Cookie File\n# https://curl.se/docs/http-cookies.html\n\n" +
				"data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tcsrftoken\tabc\n" +
				"#HttpOnly_data.ofgl.fr\tFALSE\t/\tTRUE\t0\tsessionid\ts3cr3t\n" +
				".example.com\tTRUE\t/\tFALSE\t0\tother\tv\n",
			want: "# Netscape HTTP Cookie File\n# https://curl.se/docs/http-cookies.html\n\n" +
				".example.com\tTRUE\t/\tFALSE\t0\tother\tv\n",
			drop: []string{"csrftoken", "sessionid"},
		},
		{
			name: "CRLF and a missing final newline",
			in:   "# Netscape HTTP Cookie File\r\n\r\na\tFALSE\t/\tFALSE\t0\tx\t1\r\nb\tFALSE\t/\tFALSE\t0\ty\t2\r\nc\tFALSE\t/\tFALSE\t0\tz\t3",
			want: "# Netscape HTTP Cookie File\r\n\r\na\tFALSE\t/\tFALSE\t0\tx\t1\r\nc\tFALSE\t/\tFALSE\t0\tz\t3",
			drop: []string{"y"},
		},
		{
			name: "last line without newline removed",
			in:   "a\tFALSE\t/\tFALSE\t0\tx\t1\nb\tFALSE\t/\tFALSE\t0\ty\t2",
			want: "a\tFALSE\t/\tFALSE\t0\tx\t1\n",
			drop: []string{"y"},
		},
		{
			name: "mixed line ends and a lone CR",
			in:   "a\tFALSE\t/\tFALSE\t0\tx\t1\r\nb\tFALSE\t/\tFALSE\t0\ty\t2\nc\tFALSE\t/\tFALSE\t0\tz\tv\r\r\n",
			want: "a\tFALSE\t/\tFALSE\t0\tx\t1\r\nc\tFALSE\t/\tFALSE\t0\tz\tv\r\r\n",
			drop: []string{"y"},
		},
		{
			name:   "a BOM is part of the first line, as for curl",
			in:     "\uFEFFa\tFALSE\t/\tFALSE\t0\tx\t1\n  b\tFALSE\t/\tFALSE\t0\tx\t2\n",
			want:   "  b\tFALSE\t/\tFALSE\t0\tx\t2\n",
			drop:   []string{"x"},
			domain: "\uFEFFa",
		},
		{
			name: "six fields (no value) and leading blanks",
			in:   "  a\tFALSE\t/\tFALSE\t0\tnovalue\n\t  \n b\tfalse\t/\ttrue\t\tkeep\t\n",
			want: "\t  \n b\tfalse\t/\ttrue\t\tkeep\t\n",
			drop: []string{"novalue"},
		},
		{
			name: "lines curl does not load stay",
			in: "data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tx\tv\tLax\n" +
				"a\tFALSE\t/\tFALSE\t-1\tx\tv\n" +
				"a\tFALSE\t/\tFALSE\t0\tx\tv\n" +
				"a\tFALSE\t/\tFALSE\t0\tn\x00\n" +
				"a\tFALSE\t/\tFALSE\t0\tx\tv\n" +
				"a\tFALSE\t/\tFALSE\t0\tx\tv\r\n",
			want: "data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tx\tv\tLax\n" +
				"a\tFALSE\t/\tFALSE\t-1\tx\tv\n" +
				"a\tFALSE\t/\tFALSE\t0\tn\x00\n" +
				"a\tFALSE\t/\tFALSE\t0\tx\tv\n",
			drop: []string{"x"},
		},
		{
			name: "comments that look like cookies stay",
			in:   "# a\tFALSE\t/\tFALSE\t0\tx\t1\n#Httponly_a\tFALSE\t/\tFALSE\t0\tx\t1\na\tFALSE\t/\tFALSE\t0\tx\t1\n",
			want: "# a\tFALSE\t/\tFALSE\t0\tx\t1\n#Httponly_a\tFALSE\t/\tFALSE\t0\tx\t1\n",
			drop: []string{"x"},
		},
		{name: "empty", in: "", want: "", drop: []string{"x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			match := byName(c.drop...)
			if c.domain != "" {
				match = func(l Line) bool { return l.Domain == c.domain && byName(c.drop...)(l) }
			}
			out, removed, err := RemoveLines([]byte(c.in), match)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Fatalf("got\n%q\nwant\n%q", out, c.want)
			}
			for _, r := range removed {
				found := false
				for _, d := range c.drop {
					found = found || r.Name == d
				}
				if !found {
					t.Errorf("removed %q", r.Name)
				}
			}
			// Removing nothing is the identity.
			same, none, err := RemoveLines([]byte(c.in), func(Line) bool { return false })
			if err != nil || none != nil || !bytes.Equal(same, []byte(c.in)) {
				t.Fatalf("match-nothing changed the file: %v", err)
			}
			if same, _, err := RemoveLines([]byte(c.in), nil); err != nil || !bytes.Equal(same, []byte(c.in)) {
				t.Fatalf("nil match changed the file: %v", err)
			}
		})
	}
}

func TestRemoveLinesReportsLines(t *testing.T) {
	in := "#HttpOnly_data.ofgl.fr\tFALSE\t/p\tTRUE\t1893456000.5\tsid\tv w\r\n" +
		"x\tTRUE\t/\tFALSE\t0\tkeep\t\n" +
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tcsrf\n"
	out, removed, err := RemoveLinesRaw([]byte(in), func(l Line) bool { return l.Domain == "data.ofgl.fr" })
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "x\tTRUE\t/\tFALSE\t0\tkeep\t\n" {
		t.Fatalf("out %q", out)
	}
	want := []RemovedLine{
		{Line: Line{Domain: "data.ofgl.fr", Path: "/p", Secure: true, Expires: 1893456000, Name: "sid", Value: "v w", HTTPOnly: true},
			Number: 1, Text: "#HttpOnly_data.ofgl.fr\tFALSE\t/p\tTRUE\t1893456000.5\tsid\tv w"},
		{Line: Line{Domain: "data.ofgl.fr", Path: "/", Name: "csrf"}, Number: 3, Text: "data.ofgl.fr\tFALSE\t/\tFALSE\t0\tcsrf"},
	}
	if !reflect.DeepEqual(removed, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", removed, want)
	}
	// The lines RemoveLines sees are the ones Parse sees.
	parsed, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(parsed[0], want[0].Line) || !reflect.DeepEqual(parsed[2], want[1].Line) {
		t.Fatalf("Parse disagrees: %+v", parsed)
	}
}

// FuzzRemoveLines: never panics; removing nothing returns the input;
// the result holds only input lines, and reads back (with Parse) as the
// input's cookies minus the removed ones.
func FuzzRemoveLines(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, sample); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes(), uint8(1))
	f.Add([]byte("\uFEFF# Netscape HTTP Cookie File\r\n#HttpOnly_a\ttrue\t/\tfalse\t\tn\r\nb\tFALSE\t/\tFALSE\t0\tm\tv"), uint8(2))
	f.Add([]byte("a\tFALSE\t/\tFALSE\t1.5e9\tn\tv\tLax\r\n  \t\n# c\nb\tTRUE\t/x\tTRUE\t-1\t\t\n"), uint8(3))
	f.Add([]byte("http://a/\tn\tv\t0\ta\t/\t0\t0\t\t\t\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		same, none, err := RemoveLines(data, func(Line) bool { return false })
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(same, data) || none != nil {
			t.Fatalf("removing nothing changed the input\n got %q\nwant %q", same, data)
		}
		i := 0
		drop := func(Line) bool { i++; return pick != 0 && i%int(pick) == 0 }
		out, removed, err := RemoveLinesRaw(data, drop)
		if err != nil {
			t.Fatalf("second pass: %v", err)
		}
		if len(out) > len(data) {
			t.Fatal("output longer than input")
		}
		for _, r := range removed {
			if !bytes.Contains(data, []byte(r.Text)) {
				t.Fatalf("removed text %q not in input", r.Text)
			}
		}
		// Parse agrees with what RemoveLines saw.
		before, err := Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		after, err := Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		// match saw the cookies in file order, once each, as Parse lists
		// them: the k-th (1-based) went iff k%pick == 0.
		var want, gone []Line
		for k, l := range before {
			if pick != 0 && (k+1)%int(pick) == 0 {
				gone = append(gone, l)
			} else {
				want = append(want, l)
			}
		}
		if i != len(before) || len(gone) != len(removed) {
			t.Fatalf("match called %d times, removed %d; Parse has %d cookies, %d to remove", i, len(removed), len(before), len(gone))
		}
		for k := range gone {
			if !reflect.DeepEqual(gone[k], removed[k].Line) {
				t.Fatalf("removed %+v, want %+v", removed[k].Line, gone[k])
			}
		}
		if len(want) != len(after) || (len(want) > 0 && !reflect.DeepEqual(want, after)) {
			t.Fatalf("Parse(out) = %+v\nwant %+v", after, want)
		}
	})
}
