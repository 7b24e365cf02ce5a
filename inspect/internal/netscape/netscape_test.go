package netscape

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

var sample = []Line{
	{Domain: "data.ofgl.fr", Path: "/", Secure: true, Expires: 1893456000, Name: "csrftoken", Value: "abc123"},
	{Domain: "data.ofgl.fr", Path: "/", Name: "sessionid", Value: "s3cr3t", HTTPOnly: true},
	{Domain: ".ofgl.fr", IncludeSubdomains: true, Path: "/", Expires: 1800000000, Name: "_ga", Value: "GA1.2.3.4"},
	{Domain: "data.ofgl.fr", Path: "/api", Name: "raw_json_pref", Value: `{"a":"b c","d":[1,2]}`},
	{Domain: "data.ofgl.fr", Path: "/", Name: "empty", Value: ""},
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
		{Line{Domain: "a", Name: "nul", Value: "x\x00y"}, "value contains"},
		{Line{Domain: "a", Path: "/", Name: "", Value: "nameless"}, "empty name"},
		{Line{Domain: "a", Path: "", Name: "nopath", Value: "v"}, "empty path"},
		{Line{Domain: "a", Path: "TRUE", Name: "boolpath", Value: "v"}, "empty path, or"},
		{Line{Domain: "Set-Cookie:a", Path: "/", Name: "hdr", Value: "v"}, "Set-Cookie"},
		{Line{Domain: "a", Path: "/", Name: "long", Value: strings.Repeat("x", 4990)}, "longer than"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		ok := Line{Domain: "fine", Path: "/", Name: "ok", Value: "ok"}
		if c.line.Path == "" && c.line.Name != "nopath" {
			c.line.Path = "/"
		}
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
		if c.line.Value != "v" && c.line.Value != "nameless" && strings.Contains(msg, "x") {
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
