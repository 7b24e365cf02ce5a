package inspect

import "strings"

// OneLine keeps the first line of a message, trimmed, for one-line errors
// and statuses.
func OneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
