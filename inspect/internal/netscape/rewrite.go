package netscape

import (
	"bytes"
)

// RemovedLine is a cookie line that RemoveLinesRaw dropped.
type RemovedLine struct {
	Line
	// Number is the line's 1-based number in the input.
	Number int
	// Text is the line exactly as it was, without its line end, so that
	// an undo can append it back.
	Text string
}

// RemoveLines drops the cookie lines for which match returns true and
// returns the rest of data unchanged, byte for byte: header, comments,
// blank lines, lines curl does not load, each line's LF or CRLF end, a
// missing final newline. A dropped line goes with its own line end.
//
// match sees exactly the lines Parse returns, in file order: a line curl
// would not load is never offered, so it always stays. The error is
// always nil today; it is kept for readers that may refuse a file.
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
	out = make([]byte, 0, len(data))
	scan(data, func(n int, full []byte, l Line, ok bool) {
		if ok && match != nil && match(l) {
			removed = append(removed, RemovedLine{Line: l, Number: n, Text: string(trimLineEnd(full))})
			return
		}
		out = append(out, full...)
	})
	return out, removed, nil
}

// trimLineEnd drops "\n" or "\r\n".
func trimLineEnd(line []byte) []byte {
	if l, ok := bytes.CutSuffix(line, []byte("\n")); ok {
		l, _ = bytes.CutSuffix(l, []byte("\r"))
		return l
	}
	return line
}
