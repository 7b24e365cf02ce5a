package netscape

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

var sample = []Line{
	{Domain: "data.ofgl.fr", Path: "/", Secure: true, Expires: 1893456000, Name: "csrftoken", Value: "abc123"},
	{Domain: "data.ofgl.fr", Path: "/", Name: "sessionid", Value: "s3cr3t", HTTPOnly: true},
	{Domain: ".ofgl.fr", IncludeSubdomains: true, Path: "/", Expires: 1800000000, Name: "_ga", Value: "GA1.2.3.4"},
	{Domain: "data.ofgl.fr", Path: "/api", Name: "raw_json_pref", Value: `{"a":"b c","d":[1,2]}`},
	{Domain: "data.ofgl.fr", Path: "/", Name: "empty", Value: ""},
	{Domain: "data.ofgl.fr", Path: "", Name: "", Value: "nameless"},
	{Domain: "tracker.example", Path: "/", Secure: true, HTTPOnly: true, Name: "é#=;", Value: " spaces  "},
}

func TestWriteFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample[:3]); err != nil {
		t.Fatal(err)
	}
	want := Header + "\n" +
		"# Written by ofgl-cookies. This file holds live login credentials:\n" +
		"# anyone who has it can act as you on these sites. Delete it after use.\n" +
		"\n" +
		"data.ofgl.fr\tFALSE\t/\tTRUE\t1893456000\tcsrftoken\tabc123\n" +
		"#HttpOnly_data.ofgl.fr\tFALSE\t/\tFALSE\t0\tsessionid\ts3cr3t\n" +
		".ofgl.fr\tTRUE\t/\tFALSE\t1800000000\t_ga\tGA1.2.3.4\n"
	if got := buf.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, lines := range [][]Line{nil, sample} {
		var buf bytes.Buffer
		if err := Write(&buf, lines); err != nil {
			t.Fatal(err)
		}
		got, err := Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, lines) {
			t.Fatalf("got\n%+v\nwant\n%+v", got, lines)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	cases := []struct {
		line Line
		msg  string
	}{
		{Line{Domain: "a", Name: "tab", Value: "x\ty"}, "value contains"},
		{Line{Domain: "a", Name: "cr", Value: "x\ry"}, "value contains"},
		{Line{Domain: "a", Name: "lf", Value: "x\ny"}, "value contains"},
		{Line{Domain: "a", Name: "n\tm", Value: "v"}, "name contains"},
		{Line{Domain: "a", Path: "/\n", Name: "p", Value: "v"}, "path contains"},
		{Line{Domain: "a\tb", Name: "d", Value: "v"}, "domain contains"},
		{Line{Domain: "", Name: "nodomain", Value: "v"}, "empty domain"},
		{Line{Domain: "#x", Name: "hash", Value: "v"}, "starts with"},
		{Line{Domain: " x", Name: "space", Value: "v"}, "starts with"},
		{Line{Domain: "a", Name: "neg", Value: "v", Expires: -1}, "negative"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		ok := Line{Domain: "fine", Path: "/", Name: "ok", Value: "ok"}
		err := Write(&buf, []Line{ok, c.line})
		if err == nil {
			t.Errorf("%+v: no error", c.line)
			continue
		}
		if buf.Len() != 0 {
			t.Errorf("%+v: wrote %d bytes before failing", c.line, buf.Len())
		}
		msg := err.Error()
		if !strings.Contains(msg, c.msg) || !strings.Contains(msg, "cookie 1") {
			t.Errorf("%+v: error %q, want %q and the index", c.line, msg, c.msg)
		}
		// The error names the cookie but must never leak its value.
		if c.line.Value != "v" && strings.Contains(msg, "x") {
			t.Errorf("error %q leaks the value", msg)
		}
		if !strings.Contains(msg, strings.ReplaceAll(strings.ReplaceAll(c.line.Name, "\t", `\t`), "\n", `\n`)) {
			t.Errorf("error %q does not name the cookie %q", msg, c.line.Name)
		}
	}
}

func TestWriteWriterError(t *testing.T) {
	boom := errors.New("disk full")
	err := Write(failWriter{boom}, sample)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

func TestParseTolerant(t *testing.T) {
	in := "\uFEFF# Netscape HTTP Cookie File\r\n" +
		"# https://curl.se/docs/http-cookies.html\r\n" +
		"\r\n" +
		"   \t\r\n" +
		"  # indented comment\n" +
		".ofgl.fr\tTRUE\t/\tFALSE\t0\t_ga\tGA1\r\n" +
		"#HttpOnly_data.ofgl.fr\tfalse\t/\ttrue\t1893456000\tsessionid\tabc\n" +
		"  data.ofgl.fr\tFALSE\t/\tFALSE\t\tpy_session\tv\n" + // Python: "" expires
		"data.ofgl.fr\tFALSE\t/\tFALSE\t1712345678.9\tfloat\tv\n" +
		"data.ofgl.fr\tFALSE\t/\tFALSE\t-1\tminus\tv\n" +
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tnovalue\n" + // curl: six fields
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tcr\tv\r\n" +
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tlast\tno newline"
	got, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{Domain: ".ofgl.fr", IncludeSubdomains: true, Path: "/", Name: "_ga", Value: "GA1"},
		{Domain: "data.ofgl.fr", Path: "/", Secure: true, Expires: 1893456000, Name: "sessionid", Value: "abc", HTTPOnly: true},
		{Domain: "data.ofgl.fr", Path: "/", Name: "py_session", Value: "v"},
		{Domain: "data.ofgl.fr", Path: "/", Expires: 1712345678, Name: "float", Value: "v"},
		{Domain: "data.ofgl.fr", Path: "/", Name: "minus", Value: "v"},
		{Domain: "data.ofgl.fr", Path: "/", Name: "novalue"},
		{Domain: "data.ofgl.fr", Path: "/", Name: "cr", Value: "v"},
		{Domain: "data.ofgl.fr", Path: "/", Name: "last", Value: "no newline"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}

	// Reads of one byte at a time and an empty input work too.
	got, err = Parse(iotest.OneByteReader(strings.NewReader(in)))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("one-byte reader: %v", err)
	}
	if got, err := Parse(strings.NewReader("")); err != nil || got != nil {
		t.Fatalf("empty input: %v, %v", got, err)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in, msg string
	}{
		{"# Netscape HTTP Cookie File\n\nonly one field\n", "line 3: 1 TAB-separated fields"},
		{"a\tFALSE\t/\tFALSE\t0\n", "line 1: 5 TAB-separated"},
		{"a\tFALSE\t/\tFALSE\t0\tn\tv\textra\n", "line 1: 8 TAB-separated"},
		{"ok\tFALSE\t/\tFALSE\t0\tn\tv\n\tFALSE\t/\tFALSE\t0\tn\tv\tx\n", "line 2: include-subdomains"}, // leading TAB trimmed, like curl
		{"#HttpOnly_\tFALSE\t/\tFALSE\t0\tn\tv\n", "line 1: empty domain"},
		{"a\tyes\t/\tFALSE\t0\tn\tv\n", "line 1: include-subdomains"},
		{"a\tFALSE\t/\t1\t0\tn\tv\n", "line 1: secure"},
		{"a\tFALSE\t/\tFALSE\tsoon\tn\tv\n", "line 1: expires"},
		{"a\tFALSE\t/\tFALSE\tNaN\tn\tv\n", "line 1: expires"},
		{"a\tFALSE\t/\tFALSE\t1e300\tn\tv\n", "line 1: expires"},
		{"Set-Cookie: a=b\n", "line 1:"},
		{strings.Repeat("x", MaxLineLen+1), "line 1: longer than"},
	}
	for _, c := range cases {
		got, err := Parse(strings.NewReader(c.in))
		if err == nil {
			t.Errorf("Parse(%.40q) = %+v, want error", c.in, got)
			continue
		}
		if got != nil {
			t.Errorf("Parse(%.40q): result with error", c.in)
		}
		if !strings.HasPrefix(err.Error(), "netscape: ") || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Parse(%.40q): error %q, want %q", c.in, err, c.msg)
		}
	}

	boom := errors.New("read failed")
	_, err := Parse(iotest.ErrReader(boom))
	if !errors.Is(err, boom) {
		t.Errorf("reader error: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, sample); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("\uFEFF# Netscape HTTP Cookie File\r\n#HttpOnly_a\ttrue\t/\tfalse\t\tn\n"))
	f.Add([]byte("a\tFALSE\t/\tFALSE\t1.5e9\tn\tv\r\n  \t\n# c\nb\tTRUE\t/x\tTRUE\t-1\t\t\n"))
	f.Add([]byte("a\tFALSE\t/\tFALSE\t0\tn\tv\textra"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := Parse(bytes.NewReader(data))
		if err != nil {
			if lines != nil {
				t.Fatal("result with error")
			}
			return
		}
		// Whatever Parse accepts, Write either refuses or writes a file
		// that parses back to the same cookies.
		var out bytes.Buffer
		if err := Write(&out, lines); err != nil {
			return
		}
		back, err := Parse(&out)
		if err != nil {
			t.Fatalf("re-parse: %v\n%q", err, out.String())
		}
		if len(lines) == 0 && len(back) == 0 {
			return
		}
		if !reflect.DeepEqual(back, lines) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", back, lines)
		}
	})
}
