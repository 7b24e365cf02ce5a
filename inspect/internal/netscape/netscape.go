// Package netscape reads and writes the Netscape cookies.txt format used by
// curl, wget, yt-dlp and Python's http.cookiejar.MozillaCookieJar: one
// cookie per line, seven TAB-separated fields
//
//	domain  includeSubdomains  path  secure  expires  name  value
//
// with TRUE/FALSE booleans, expires in Unix seconds (0 for a session
// cookie), "#" comments, and curl's "#HttpOnly_" prefix on the domain of
// HttpOnly cookies.
package netscape

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Line is one cookie of a cookies.txt file.
type Line struct {
	// Domain is written as given. By convention (and Python's
	// MozillaCookieJar insists on it) it starts with "." exactly when
	// IncludeSubdomains is true.
	Domain            string
	IncludeSubdomains bool
	Path              string
	Secure            bool
	Expires           int64 // Unix seconds; 0 = session cookie
	Name, Value       string
	HTTPOnly          bool
}

// Header is the first line of every file Write produces; Python's
// MozillaCookieJar and yt-dlp refuse files that do not start with it.
const Header = "# Netscape HTTP Cookie File"

// httpOnlyPrefix marks HttpOnly cookies (curl's extension; wget, yt-dlp and
// browser exporters read it too).
const httpOnlyPrefix = "#HttpOnly_"

// MaxLineLen bounds one line in Parse, so a hostile file without newlines
// cannot make us buffer it whole. Browsers cap a cookie at 4096 bytes.
const MaxLineLen = 1 << 20

// Write writes lines as a cookies.txt file: the header, a warning comment,
// a blank line, then one line per cookie. A field that contains TAB, CR or
// LF cannot be represented, a domain that is empty or starts with "#" or a
// space would be read back differently, and a negative Expires means
// nothing: Write then returns an error naming the cookie (never its value)
// before writing anything.
func Write(w io.Writer, lines []Line) error {
	// Check everything first: never leave half a file of credentials.
	for i, l := range lines {
		if err := check(l); err != nil {
			return fmt.Errorf("netscape: cookie %d (%.100q on %.100q): %w", i, l.Name, l.Domain, err)
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(Header + "\n")
	bw.WriteString("# Written by ofgl-cookies. This file holds live login credentials:\n")
	bw.WriteString("# anyone who has it can act as you on these sites. Delete it after use.\n\n")
	for _, l := range lines {
		if l.HTTPOnly {
			bw.WriteString(httpOnlyPrefix)
		}
		bw.WriteString(l.Domain)
		bw.WriteByte('\t')
		bw.WriteString(boolField(l.IncludeSubdomains))
		bw.WriteByte('\t')
		bw.WriteString(l.Path)
		bw.WriteByte('\t')
		bw.WriteString(boolField(l.Secure))
		bw.WriteByte('\t')
		bw.WriteString(strconv.FormatInt(l.Expires, 10))
		bw.WriteByte('\t')
		bw.WriteString(l.Name)
		bw.WriteByte('\t')
		bw.WriteString(l.Value)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func check(l Line) error {
	const bad = "\t\r\n"
	switch {
	case strings.ContainsAny(l.Value, bad):
		return errors.New("value contains TAB, CR or LF")
	case strings.ContainsAny(l.Name, bad):
		return errors.New("name contains TAB, CR or LF")
	case strings.ContainsAny(l.Path, bad):
		return errors.New("path contains TAB, CR or LF")
	case strings.ContainsAny(l.Domain, bad):
		return errors.New("domain contains TAB, CR or LF")
	case l.Domain == "":
		return errors.New("empty domain")
	case l.Domain[0] == '#' || l.Domain[0] == ' ':
		// Readers would take the line for a comment, or trim the blank.
		return errors.New("domain starts with '#' or a space")
	case l.Expires < 0:
		return errors.New("negative expiry")
	}
	return nil
}

func boolField(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// Parse reads a cookies.txt file as tolerantly as curl: it skips blank
// lines and "#" comments (but reads "#HttpOnly_" lines), ignores leading
// blanks, a UTF-8 BOM and CRLF line ends, accepts TRUE/FALSE in any case,
// an empty or negative expires as a session cookie (Python writes "",
// some exporters -1), a fractional one, and six fields (a cookie with no
// value, as curl does). Anything else is an error naming the line number.
func Parse(r io.Reader) ([]Line, error) {
	br := bufio.NewReader(r)
	var out []Line
	for n := 1; ; n++ {
		text, err := readLine(br)
		if err == io.EOF && text == "" {
			return out, nil
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("netscape: line %d: %w", n, err)
		}
		if n == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		l, ok, perr := parseLine(text)
		if perr != nil {
			return nil, fmt.Errorf("netscape: line %d: %w", n, perr)
		}
		if ok {
			out = append(out, l)
		}
		if err == io.EOF {
			return out, nil
		}
	}
}

var errLineTooLong = fmt.Errorf("longer than %d bytes", MaxLineLen)

// readLine returns one line without its "\n" or "\r\n".
func readLine(br *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err != nil {
			if len(b) > 0 && err == io.EOF {
				return string(b), io.EOF
			}
			return "", err
		}
		if len(b)+len(chunk) > MaxLineLen {
			return "", errLineTooLong
		}
		b = append(b, chunk...)
		if !isPrefix {
			return string(b), nil
		}
	}
}

// parseLine returns ok=false for lines that hold no cookie.
func parseLine(s string) (Line, bool, error) {
	s = strings.TrimLeft(s, " \t")
	var l Line
	if strings.HasPrefix(s, httpOnlyPrefix) {
		l.HTTPOnly = true
		s = s[len(httpOnlyPrefix):]
	} else if s == "" || s[0] == '#' {
		return Line{}, false, nil
	}
	f := strings.Split(s, "\t")
	switch len(f) {
	case 7:
	case 6:
		f = append(f, "") // curl: a cookie with no value
	default:
		return Line{}, false, fmt.Errorf("%d TAB-separated fields, want 7", len(f))
	}
	if f[0] == "" {
		return Line{}, false, errors.New("empty domain")
	}
	l.Domain = f[0]
	var err error
	if l.IncludeSubdomains, err = parseBool(f[1]); err != nil {
		return Line{}, false, fmt.Errorf("include-subdomains field: %w", err)
	}
	l.Path = f[2]
	if l.Secure, err = parseBool(f[3]); err != nil {
		return Line{}, false, fmt.Errorf("secure field: %w", err)
	}
	if l.Expires, err = parseExpires(f[4]); err != nil {
		return Line{}, false, fmt.Errorf("expires field: %w", err)
	}
	l.Name, l.Value = f[5], f[6]
	return l, true, nil
}

func parseBool(s string) (bool, error) {
	switch {
	case strings.EqualFold(s, "TRUE"):
		return true, nil
	case strings.EqualFold(s, "FALSE"):
		return false, nil
	}
	return false, fmt.Errorf("%.20q is not TRUE or FALSE", s)
}

func parseExpires(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			// Some exporters write -1 for session cookies.
			return 0, nil
		}
		return n, nil
	}
	// Some exporters write browser timestamps as floats (1.7e9, 1712345678.5).
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f >= math.MaxInt64 {
		return 0, fmt.Errorf("%.30q is not a Unix time", s)
	}
	if f < 0 {
		return 0, nil
	}
	return int64(f), nil
}
