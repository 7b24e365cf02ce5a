package inspect

import (
	"bytes"
	"os"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
)

// cookies.txt jars are read by our own reader, exactly as curl reads them
// with -b: the include-subdomains field, not a leading dot, makes a domain
// cookie; an expiry of 0 is a session cookie curl sends; two lines with
// curl's identity are one cookie, the later one.

// maxJarExpiry keeps far-future expiries within the dates we can print
// (curl accepts any int64).
const maxJarExpiry = 253402300799 // 9999-12-31T23:59:59Z

// readJar reads the cookies of a cookies.txt file that apply to the site.
func readJar(ref StoreRef, opts Options, now time.Time) ([]Cookie, error) {
	data, err := os.ReadFile(ref.Path)
	if err != nil {
		return nil, err
	}
	lines, err := netscape.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []Cookie
	for _, l := range netscape.Cookies(lines) {
		host, ok := l.HostKey()
		if !ok {
			continue // curl sends it to no host
		}
		c := Cookie{
			Store: ref, Host: host, Name: l.Name, Path: l.Path,
			Session: l.Expires == 0, Secure: l.Secure, HTTPOnly: l.HTTPOnly,
		}
		if !c.Session {
			c.Expires = time.Unix(min(l.Expires, maxJarExpiry), 0).UTC()
		}
		if !classifyPlacement(&c, opts) {
			continue
		}
		// curl drops a cookie once its expiry is strictly in the past.
		c.Expired = !c.Session && l.Expires < now.Unix()
		if c.Expired && !opts.Expired {
			continue
		}
		if opts.ShowValues {
			c.Value, c.ValueState = l.Value, ValueShown
		}
		out = append(out, c)
	}
	return out, nil
}

// jarCookieKey is the identity of a cookie of a cookies.txt file, as curl
// keeps it: the include-subdomains flag is part of it (as the leading dot
// of host), ASCII case is not.
func jarCookieKey(host, name, path string) string { return netscape.KeyOf(host, name, path) }
