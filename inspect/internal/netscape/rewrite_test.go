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
			name: "BOM on a removed first line stays",
			in:   "\uFEFFa\tFALSE\t/\tFALSE\t0\tx\t1\n  b\tFALSE\t/\tFALSE\t0\ty\t2\n",
			want: "\uFEFF  b\tFALSE\t/\tFALSE\t0\ty\t2\n",
			drop: []string{"x"},
		},
		{
			name: "six fields (no value) and leading blanks",
			in:   "  a\tFALSE\t/\tFALSE\t0\tnovalue\n\t  \n b\tfalse\t/\ttrue\t\tkeep\t\n",
			want: "\t  \n b\tfalse\t/\ttrue\t\tkeep\t\n",
			drop: []string{"novalue"},
		},
		{
			name: "libsoup 8th field",
			in: "data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tsid\tv\tLax\n" +
				"#HttpOnly_data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tkeep\tv\tStrict\n" +
				".ofgl.fr\tTRUE\t/\tFALSE\t1893456000\tn\tv\tNone\n",
			want: "#HttpOnly_data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tkeep\tv\tStrict\n",
			drop: []string{"sid", "n"},
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
			out, removed, err := RemoveLines([]byte(c.in), byName(c.drop...))
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
	in := "\uFEFF#HttpOnly_data.ofgl.fr\tFALSE\t/p\tTRUE\t1893456000.5\tsid\tv w\tLax\r\n" +
		"x\tTRUE\t/\tFALSE\t-1\tkeep\t\n" +
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tcsrf\n"
	out, removed, err := RemoveLinesRaw([]byte(in), func(l Line) bool { return l.Domain == "data.ofgl.fr" })
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "\uFEFFx\tTRUE\t/\tFALSE\t-1\tkeep\t\n" {
		t.Fatalf("out %q", out)
	}
	want := []RemovedLine{
		{Line: Line{Domain: "data.ofgl.fr", Path: "/p", Secure: true, Expires: 1893456000, Name: "sid", Value: "v w", HTTPOnly: true},
			Number: 1, Text: "#HttpOnly_data.ofgl.fr\tFALSE\t/p\tTRUE\t1893456000.5\tsid\tv w\tLax"},
		{Line: Line{Domain: "data.ofgl.fr", Path: "/", Name: "csrf"}, Number: 3, Text: "data.ofgl.fr\tFALSE\t/\tFALSE\t0\tcsrf"},
	}
	if !reflect.DeepEqual(removed, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", removed, want)
	}
	// The lines RemoveLines sees are the ones Parse sees.
	parsed, err := Parse(strings.NewReader(strings.ReplaceAll(in, "\tLax", "")))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(parsed[0], want[0].Line) || !reflect.DeepEqual(parsed[2], want[1].Line) {
		t.Fatalf("Parse disagrees: %+v", parsed)
	}
}

func TestRemoveLinesErrors(t *testing.T) {
	const secret = "S3CR3T"
	cases := []struct{ in, msg string }{
		// w3m: url name value expires domain path flag version comment port commentURL
		{"http://data.ofgl.fr/\tsid\t" + secret + "\t1893456000\tdata.ofgl.fr\t/\t0\t0\t\t\t\n", "line 1: 11 TAB-separated fields"},
		{"# ok\nonly\t" + secret + "\n", "line 2: 2 TAB-separated fields"},
		{"a\tFALSE\t/\tFALSE\t0\tn\t" + secret + "\t" + secret + "\n", "line 1: 8 TAB-separated fields, and the 8th"},
		{"a\tFALSE\t/\tFALSE\t0\tn\tv\t\n", "line 1: 8 TAB-separated fields, and the 8th"},
		{"a\t" + secret + "\t/\tFALSE\t0\tn\tv\n", "line 1: include-subdomains field"},
		{"a\tFALSE\t/\t" + secret + "\t0\tn\tv\n", "line 1: secure field"},
		{"a\tFALSE\t/\tFALSE\t" + secret + "\tn\tv\n", "line 1: expires field"},
		{"\r\n#HttpOnly_\tFALSE\t/\tFALSE\t0\tn\t" + secret + "\r\n", "line 2: empty domain"},
		{"ok\tFALSE\t/\tFALSE\t0\tn\tv\n" + strings.Repeat(secret, MaxLineLen/len(secret)+1), "line 2: longer than"},
	}
	for _, c := range cases {
		out, removed, err := RemoveLines([]byte(c.in), func(Line) bool { return true })
		if err == nil {
			t.Errorf("%.40q: no error", c.in)
			continue
		}
		if out != nil || removed != nil {
			t.Errorf("%.40q: result with error", c.in)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "netscape: ") || !strings.Contains(msg, c.msg) {
			t.Errorf("%.40q: error %q, want %q", c.in, msg, c.msg)
		}
		if strings.Contains(msg, secret) {
			t.Errorf("error %q leaks line content", msg)
		}
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
			if same != nil || none != nil {
				t.Fatal("result with error")
			}
			return
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
		// Without 8-field lines (which Parse refuses), Parse agrees.
		before, perr := Parse(bytes.NewReader(data))
		if perr != nil {
			return
		}
		after, err := Parse(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("output does not parse: %v\n%q", err, out)
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
