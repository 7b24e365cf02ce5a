package inspect

import (
	"io"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
)

// WriteNetscape writes the cookies whose value is known as a Netscape
// cookies.txt, and returns how many were left out because their value is not.
func WriteNetscape(w io.Writer, cookies []Cookie) (skipped int, err error) {
	var lines []netscape.Line
	for _, c := range cookies {
		if c.ValueState != ValueShown {
			skipped++
			continue
		}
		l := netscape.Line{
			Domain: c.Host, IncludeSubdomains: strings.HasPrefix(c.Host, "."), Path: c.Path,
			Secure: c.Secure, Name: c.Name, Value: c.Value, HTTPOnly: c.HTTPOnly,
		}
		if !c.Session {
			l.Expires = c.Expires.Unix()
		}
		lines = append(lines, l)
	}
	return skipped, netscape.Write(w, lines)
}
