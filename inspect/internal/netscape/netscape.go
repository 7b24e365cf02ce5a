// Package netscape reads and writes the Netscape cookies.txt format used by
// curl, wget, yt-dlp and Python's http.cookiejar.MozillaCookieJar: one
// cookie per line, seven TAB-separated fields
//
//	domain  includeSubdomains  path  secure  expires  name  value
//
// with TRUE/FALSE booleans, expires in Unix seconds (0 for a session
// cookie), "#" comments, and curl's "#HttpOnly_" prefix on the domain of
// HttpOnly cookies.
//
// Files are read exactly as curl 7.88 reads them with -b, because curl is
// the program these files are made for: what curl would not send is not a
// cookie, and what it would send is listed with curl's own idea of its
// host, path and identity.
package netscape

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Line is one cookie of a cookies.txt file.
type Line struct {
	// Domain is written as given. By convention (and Python's
	// MozillaCookieJar insists on it) it starts with "." exactly when
	// IncludeSubdomains is true; curl ignores that dot and goes by
	// IncludeSubdomains alone (see HostKey).
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
	// curl reads a line only up to a NUL byte or a CR.
	const bad = "\t\r\n\x00"
	switch {
	case strings.ContainsAny(l.Value, bad):
		return errors.New("value contains TAB, CR, LF or NUL")
	case strings.ContainsAny(l.Name, bad):
		return errors.New("name contains TAB, CR, LF or NUL")
	case strings.ContainsAny(l.Path, bad):
		return errors.New("path contains TAB, CR, LF or NUL")
	case strings.ContainsAny(l.Domain, bad):
		return errors.New("domain contains TAB, CR, LF or NUL")
	case l.Domain == "":
		return errors.New("empty domain")
	case l.Domain[0] == '#' || l.Domain[0] == ' ':
		// Readers would take the line for a comment, or trim the blank.
		return errors.New("domain starts with '#' or a space")
	case l.Expires < 0:
		return errors.New("negative expiry")
	case l.Name == "":
		// Empty fields do not exist for curl: the value would be read
		// as the name.
		return errors.New("empty name")
	case l.Path == "" || l.Path == "TRUE" || l.Path == "FALSE":
		return errors.New("empty path, or a path curl takes for the secure field")
	case !l.HTTPOnly && asciiHasPrefixFold(l.Domain, "Set-Cookie:"):
		return errors.New(`domain starts with "Set-Cookie:" as a header line would`)
	case lineLen(l) > curlMaxLine-2:
		return fmt.Errorf("line longer than the %d bytes curl reads", curlMaxLine-2)
	}
	return nil
}

// lineLen is the length of the line Write writes for l, without its "\n".
func lineLen(l Line) int {
	n := len(l.Domain) + len(boolField(l.IncludeSubdomains)) + len(l.Path) + len(boolField(l.Secure)) +
		len(strconv.FormatInt(l.Expires, 10)) + len(l.Name) + len(l.Value) + 6
	if l.HTTPOnly {
		n += len(httpOnlyPrefix)
	}
	return n
}

func boolField(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}
