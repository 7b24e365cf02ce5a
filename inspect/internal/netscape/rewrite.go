package netscape

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// RemovedLine is a cookie line that RemoveLinesRaw dropped.
type RemovedLine struct {
	Line
	// Number is the line's 1-based number in the input.
	Number int
	// Text is the line exactly as it was, without its line end (and
	// without the file's BOM), so that an undo can append it back.
	Text string
}

// RemoveLines drops the cookie lines for which match returns true and
// returns the rest of data unchanged, byte for byte: header, comments,
// blank lines, each line's LF or CRLF end, a missing final newline, a
// UTF-8 BOM and libsoup's 8th (SameSite) field. A dropped line goes with
// its own line end; the BOM always stays at the start.
//
// Lines are read as Parse reads them, with one addition: an 8th field
// holding Lax, Strict or None, as libsoup writes it. A line Parse would
// refuse, such as w3m's 11-field format, is an error naming its line
// number, never its content, and nothing is removed: editing a file we do
// not fully understand could corrupt it.
func RemoveLines(data []byte, match func(Line) bool) (out []byte, removed []Line, err error) {
	out, rl, err := RemoveLinesRaw(data, match)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range rl {
		removed = append(removed, r.Line)
	}
	return out, removed, nil
}

// RemoveLinesRaw is RemoveLines that also reports where each removed line
// was and its exact text.
func RemoveLinesRaw(data []byte, match func(Line) bool) (out []byte, removed []RemovedLine, err error) {
	const bom = "\uFEFF"
	out = make([]byte, 0, len(data))
	rest := data
	if bytes.HasPrefix(rest, []byte(bom)) {
		// The BOM belongs to the file, not to line 1: keep it even if
		// line 1 goes.
		out = append(out, bom...)
		rest = rest[len(bom):]
	}
	for n := 1; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		text := trimLineEnd(line)
		if len(text) > MaxLineLen {
			return nil, nil, fmt.Errorf("netscape: line %d: %w", n, errLineTooLong)
		}
		l, ok, perr := parseJarLine(string(text))
		if perr != nil {
			return nil, nil, fmt.Errorf("netscape: line %d: %w", n, perr)
		}
		if ok && match != nil && match(l) {
			removed = append(removed, RemovedLine{Line: l, Number: n, Text: string(text)})
			continue
		}
		out = append(out, line...)
	}
	return out, removed, nil
}

// trimLineEnd drops "\n" or "\r\n", like bufio.Reader.ReadLine (and so
// Parse): a lone "\r" stays part of the line.
func trimLineEnd(line []byte) []byte {
	if l, ok := bytes.CutSuffix(line, []byte("\n")); ok {
		l, _ = bytes.CutSuffix(l, []byte("\r"))
		return l
	}
	return line
}

// parseJarLine reads a line like parseLine, also accepting libsoup's
// 8th field, with error messages that never quote the line: a malformed
// line may hold a cookie value.
func parseJarLine(s string) (Line, bool, error) {
	t := strings.TrimLeft(s, " \t")
	var l Line
	if strings.HasPrefix(t, httpOnlyPrefix) {
		l.HTTPOnly = true
		t = t[len(httpOnlyPrefix):]
	} else if t == "" || t[0] == '#' {
		return Line{}, false, nil
	}
	f := strings.Split(t, "\t")
	switch len(f) {
	case 6:
		f = append(f, "") // curl: a cookie with no value
	case 7:
	case 8:
		if !isSameSite(f[7]) {
			return Line{}, false, errors.New("8 TAB-separated fields, and the 8th is not Lax, Strict or None")
		}
	default:
		return Line{}, false, fmt.Errorf("%d TAB-separated fields, want 7 (or 8 with SameSite)", len(f))
	}
	if f[0] == "" {
		return Line{}, false, errors.New("empty domain")
	}
	l.Domain = f[0]
	var err error
	if l.IncludeSubdomains, err = parseBool(f[1]); err != nil {
		return Line{}, false, errors.New("include-subdomains field is not TRUE or FALSE")
	}
	l.Path = f[2]
	if l.Secure, err = parseBool(f[3]); err != nil {
		return Line{}, false, errors.New("secure field is not TRUE or FALSE")
	}
	if l.Expires, err = parseExpires(f[4]); err != nil {
		return Line{}, false, errors.New("expires field is not a Unix time")
	}
	l.Name, l.Value = f[5], f[6]
	return l, true, nil
}

// isSameSite accepts what libsoup writes in its 8th field (it compares
// case-sensitively; accepting any case is harmless, as we keep the text).
func isSameSite(s string) bool {
	return strings.EqualFold(s, "Lax") || strings.EqualFold(s, "Strict") || strings.EqualFold(s, "None")
}
