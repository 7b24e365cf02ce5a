package netscape

import (
	"bytes"
	"io"
	"strings"
)

// The rules below are those of curl 7.88 (lib/cookie.c and
// lib/curl_get_line.c), checked against the real curl -b: a cookies.txt
// line is a cookie exactly when curl would load it.

// curlMaxLine is curl's MAX_COOKIE_LINE: lines are read with fgets into a
// buffer of this size, so a line longer than curlMaxLine-2 bytes (its
// newline aside) is skipped whole.
const curlMaxLine = 5000

// Parse returns every line of a cookies.txt file that curl loads as a
// cookie, in file order, duplicates included (Cookies merges them as curl
// does). Lines curl skips are skipped without an error: comments, blank
// lines, lines with too few or too many fields, an expiry that is not a
// non-negative integer, lines over curl's length limit, a "__Secure-" or
// "__Host-" cookie that breaks its prefix's rules, Set-Cookie header lines
// (which the Netscape format does not describe). The only error is the
// reader's.
func Parse(r io.Reader) ([]Line, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []Line
	scan(data, func(_ int, _ []byte, l Line, ok bool) {
		if ok {
			out = append(out, l)
		}
	})
	return out, nil
}

// ParseLine reads one line, without its line end, as curl reads a line of
// a file; ok is false when curl would not load it.
func ParseLine(text string) (Line, bool) {
	if strings.ContainsRune(text, 0) || len(text) > curlMaxLine-2 {
		return Line{}, false
	}
	return parseCurlLine(text)
}

// Cookies merges lines as curl does when it loads them: a line replaces
// an earlier one with the same Key (the later values win, in the earlier
// one's place).
func Cookies(lines []Line) []Line {
	var out []Line
	at := map[string]int{}
	for _, l := range lines {
		k := l.Key()
		if i, ok := at[k]; ok {
			out[i] = l
			continue
		}
		at[k] = len(out)
		out = append(out, l)
	}
	return out
}

// HostKey is the line's host in the browsers' convention: "."+domain for a
// cookie curl sends to the domain and its subdomains (IncludeSubdomains
// TRUE), the bare domain for a host-only one. curl drops one leading dot
// of the domain field and decides by IncludeSubdomains alone, so
// "ofgl.fr TRUE" is ".ofgl.fr" and ".ofgl.fr FALSE" is "ofgl.fr". ok is
// false when curl sends the cookie to no host name at all: an empty domain,
// or one still starting with a dot.
func (l Line) HostKey() (host string, ok bool) {
	d := curlDomain(l.Domain)
	if d == "" || d[0] == '.' {
		return "", false
	}
	if l.IncludeSubdomains {
		return "." + d, true
	}
	return d, true
}

// Key is the cookie's identity as curl keeps it: domain without its
// leading dot, IncludeSubdomains, name and path as curl cleans it up, ASCII
// case ignored in all of them. Two lines with the same Key are one cookie
// to curl: the later line replaces the earlier.
func (l Line) Key() string {
	return identity(curlDomain(l.Domain), l.IncludeSubdomains, l.Name, l.Path)
}

// KeyOf is the Key of the cookie whose HostKey is hostKey.
func KeyOf(hostKey, name, path string) string {
	if d, ok := strings.CutPrefix(hostKey, "."); ok {
		return identity(d, true, name, path)
	}
	return identity(hostKey, false, name, path)
}

func identity(domain string, tailmatch bool, name, path string) string {
	t := "F"
	if tailmatch {
		t = "T"
	}
	return asciiLower(domain) + "\x00" + t + "\x00" + asciiLower(name) + "\x00" + asciiLower(sanitizePath(path))
}

func curlDomain(d string) string { return strings.TrimPrefix(d, ".") }

// sanitizePath is curl's sanitize_cookie_path: surrounding quotes go, a
// path not starting with "/" becomes "/", one trailing "/" goes.
func sanitizePath(p string) string {
	p = strings.TrimPrefix(p, `"`)
	p = strings.TrimSuffix(p, `"`)
	if !strings.HasPrefix(p, "/") {
		return "/"
	}
	return strings.TrimSuffix(p, "/")
}

// scan calls fn for every physical line of data (up to and including its
// "\n"), numbered from 1, with the cookie curl reads from it (ok=false if
// none). It follows curl's Curl_get_line: a line holding a NUL byte is cut
// there and, unless it is the last, also costs curl the line after it; a
// NUL at the start of a line ends curl's reading of the file.
func scan(data []byte, fn func(n int, full []byte, l Line, ok bool)) {
	var stopped, partial bool
	for n := 1; len(data) > 0; n++ {
		full := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			full = data[:i+1]
		}
		data = data[len(full):]
		var (
			l    Line
			ok   bool
			text string
			got  bool
		)
		if !stopped {
			text, got, partial, stopped = getLine(full, len(data) == 0, partial)
		}
		if got {
			l, ok = readFileLine(text)
		}
		fn(n, full, l, ok)
	}
}

// getLine replays fgets(buf, curlMaxLine) over one physical line: got is
// true when Curl_get_line returns a line from it, with that line's text.
func getLine(full []byte, atEOF, partial bool) (text string, got, partialOut, stop bool) {
	rest := full
	for len(rest) > 0 {
		chunk := rest
		if len(chunk) > curlMaxLine-1 {
			chunk = chunk[:curlMaxLine-1]
		}
		rest = rest[len(chunk):]
		// fgets sets end-of-file only when it tried to read past the end.
		eof := atEOF && len(rest) == 0 && len(chunk) < curlMaxLine-1 && chunk[len(chunk)-1] != '\n'
		rlen := bytes.IndexByte(chunk, 0)
		if rlen < 0 {
			rlen = len(chunk)
		}
		switch {
		case rlen == 0:
			return "", false, partial, true
		case chunk[rlen-1] == '\n':
			if partial {
				partial = false
				continue
			}
			return string(chunk[:rlen]), true, false, false
		case eof:
			if partial {
				return "", false, partial, true
			}
			return string(chunk[:rlen]), true, false, false
		}
		partial = true
	}
	return "", false, partial, false
}

// readFileLine is what curl's cookie loader does with a line: Set-Cookie
// header lines are not Netscape lines, leading blanks go.
func readFileLine(text string) (Line, bool) {
	if len(text) >= len("Set-Cookie:") && strings.EqualFold(text[:len("Set-Cookie:")], "Set-Cookie:") {
		return Line{}, false
	}
	return parseCurlLine(text)
}

// parseCurlLine is the Netscape branch of curl's Curl_cookie_add.
func parseCurlLine(s string) (Line, bool) {
	s = strings.TrimLeft(s, " \t")
	var l Line
	if strings.HasPrefix(s, httpOnlyPrefix) {
		l.HTTPOnly = true
		s = s[len(httpOnlyPrefix):]
	}
	if strings.HasPrefix(s, "#") {
		return Line{}, false
	}
	if i := strings.IndexByte(s, '\r'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	fields := 0
	// strtok: runs of TABs are one separator, empty fields do not exist.
	for _, tok := range strings.Split(s, "\t") {
		if tok == "" {
			continue
		}
		switch fields {
		case 0:
			l.Domain = tok
		case 1:
			l.IncludeSubdomains = asciiEqualFold(tok, "TRUE")
		case 2:
			if tok != "TRUE" && tok != "FALSE" {
				l.Path = tok
				break
			}
			// An old format without the path: this is the secure field.
			l.Path = "/"
			fields++
			l.Secure = asciiEqualFold(tok, "TRUE")
		case 3:
			l.Secure = asciiEqualFold(tok, "TRUE")
		case 4:
			exp, ok := curlExpires(tok)
			if !ok {
				return Line{}, false
			}
			l.Expires = exp
		case 5:
			l.Name = tok
		case 6:
			l.Value = tok
		}
		fields++
	}
	if fields == 6 {
		fields = 7 // a cookie with an empty value
	}
	if fields != 7 {
		return Line{}, false
	}
	switch {
	case asciiHasPrefixFold(l.Name, "__Secure-"):
		if !l.Secure {
			return Line{}, false
		}
	case asciiHasPrefixFold(l.Name, "__Host-"):
		if !l.Secure || l.Path != "/" || l.IncludeSubdomains {
			return Line{}, false
		}
	}
	return l, true
}

// curlExpires is curlx_strtoofft in base 10: blanks, then an optional "+"
// and at least one digit; whatever follows the digits is ignored; a minus
// sign, other white space or an overflow make the line invalid.
func curlExpires(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] == '-' || isSpace(s[0]) {
		return 0, false
	}
	s = strings.TrimPrefix(s, "+")
	var n int64
	digits := 0
	for ; digits < len(s) && s[digits] >= '0' && s[digits] <= '9'; digits++ {
		d := int64(s[digits] - '0')
		if n > (1<<63-1-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, digits > 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func asciiEqualFold(a, b string) bool {
	return len(a) == len(b) && asciiLower(a) == asciiLower(b)
}

func asciiHasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix)
}
