package firefoxfmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
)

// SessionCookie is one cookie from a Firefox session store. Firefox keeps
// session cookies (no Expires/Max-Age) only there, never in cookies.sqlite.
type SessionCookie struct {
	Host, Name, Value, Path string
	Secure, HTTPOnly        bool
	// SameSite uses Firefox's numbering: 0 None, 1 Lax, 2 Strict, 256 unset;
	// -1 when absent (sessions written before Firefox stored it, which
	// Firefox restores as None).
	SameSite int
	// SchemeMap is the bit set of schemes that set the cookie (1 http,
	// 2 https); 0 when absent, which Firefox restores as https.
	SchemeMap int
	// Expiry is as stored (truncated to an integer, clamped to int64), 0
	// when absent (Firefox then uses "never").
	Expiry int64
	// OriginAttributes comes from the JSON object form; its Raw is its
	// Suffix(), the string the same cookie would have in moz_cookies.
	OriginAttributes OriginAttributes
	// IsPartitioned is the CHIPS "Partitioned" attribute as stored. Firefox
	// also restores as partitioned any cookie with a partitionKey.
	IsPartitioned bool
}

type sessionFile struct {
	Cookies       []json.RawMessage `json:"cookies"`
	Windows       []sessionWindow   `json:"windows"`
	ClosedWindows []sessionWindow   `json:"_closedWindows"`
}

// sessionWindow: Firefox before 55 kept cookies per window, and still
// restores a window's "cookies" when it restores that window.
type sessionWindow struct {
	Cookies []json.RawMessage `json:"cookies"`
}

type jsonCookie struct {
	Host             string                `json:"host"`
	Name             string                `json:"name"`
	Value            string                `json:"value"`
	Path             string                `json:"path"`
	Secure           bool                  `json:"secure"`
	HTTPOnly         bool                  `json:"httponly"`
	Expiry           json.Number           `json:"expiry"`
	SameSite         json.Number           `json:"sameSite"`
	SchemeMap        json.Number           `json:"schemeMap"`
	OriginAttributes *jsonOriginAttributes `json:"originAttributes"`
	IsPartitioned    bool                  `json:"isPartitioned"`
}

// jsonOriginAttributes is the OriginAttributesDictionary as JSON.stringify
// writes it; unlike the suffix form, nothing is percent-encoded.
type jsonOriginAttributes struct {
	FirstPartyDomain          string      `json:"firstPartyDomain"`
	GeckoViewSessionContextID string      `json:"geckoViewSessionContextId"`
	PartitionKey              string      `json:"partitionKey"`
	PrivateBrowsingID         json.Number `json:"privateBrowsingId"`
	UserContextID             json.Number `json:"userContextId"`
}

// ParseSessionStore returns the cookies of a decoded Firefox session store
// (the JSON inside sessionstore.jsonlz4, recovery.jsonlz4...). It reads the
// top-level "cookies" array, then the "cookies" of each entry of "windows"
// and "_closedWindows" (older layouts). A cookie seen twice (same host,
// name, path and origin attributes) is returned once, first wins, as when
// Firefox restores them. Private-browsing cookies are dropped.
//
// A cookie entry with a field of the wrong type is an error naming the
// entry; the whole file is then rejected rather than read in part.
func ParseSessionStore(data []byte) ([]SessionCookie, error) {
	var f sessionFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("firefoxfmt: sessionstore: %w", err)
	}
	var out []SessionCookie
	seen := map[string]bool{}
	add := func(where string, raws []json.RawMessage) error {
		for i, raw := range raws {
			c, ok, err := parseSessionCookie(raw)
			if err != nil {
				return fmt.Errorf("firefoxfmt: sessionstore: %scookies[%d]: %w", where, i, err)
			}
			if !ok {
				continue
			}
			key := c.Host + "\x00" + c.Name + "\x00" + c.Path + "\x00" + c.OriginAttributes.Raw
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, c)
		}
		return nil
	}
	if err := add("", f.Cookies); err != nil {
		return nil, err
	}
	for i, w := range f.Windows {
		if err := add(fmt.Sprintf("windows[%d].", i), w.Cookies); err != nil {
			return nil, err
		}
	}
	for i, w := range f.ClosedWindows {
		if err := add(fmt.Sprintf("_closedWindows[%d].", i), w.Cookies); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseSessionCookie returns ok=false for entries to skip: null and
// private-browsing cookies.
func parseSessionCookie(raw json.RawMessage) (SessionCookie, bool, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return SessionCookie{}, false, nil
	}
	var j jsonCookie
	if err := json.Unmarshal(raw, &j); err != nil {
		return SessionCookie{}, false, err
	}
	c := SessionCookie{
		Host: j.Host, Name: j.Name, Value: j.Value, Path: j.Path,
		Secure: j.Secure, HTTPOnly: j.HTTPOnly, IsPartitioned: j.IsPartitioned,
		SameSite: -1,
	}
	if j.Expiry != "" {
		var err error
		if c.Expiry, err = jsonExpiry(j.Expiry); err != nil {
			return SessionCookie{}, false, fmt.Errorf("expiry: %w", err)
		}
	}
	if j.SameSite != "" {
		n, err := jsonInt(j.SameSite, math.MinInt32, math.MaxInt32)
		if err != nil {
			return SessionCookie{}, false, fmt.Errorf("sameSite: %w", err)
		}
		c.SameSite = int(n)
	}
	if j.SchemeMap != "" {
		n, err := jsonInt(j.SchemeMap, math.MinInt32, math.MaxInt32)
		if err != nil {
			return SessionCookie{}, false, fmt.Errorf("schemeMap: %w", err)
		}
		c.SchemeMap = int(n)
	}
	if oa := j.OriginAttributes; oa != nil {
		c.OriginAttributes.FirstPartyDomain = oa.FirstPartyDomain
		c.OriginAttributes.GeckoViewSessionContextID = oa.GeckoViewSessionContextID
		c.OriginAttributes.PartitionKey = oa.PartitionKey
		if oa.UserContextID != "" {
			n, err := jsonInt(oa.UserContextID, 0, math.MaxUint32)
			if err != nil {
				return SessionCookie{}, false, fmt.Errorf("originAttributes.userContextId: %w", err)
			}
			c.OriginAttributes.UserContextID = int(n)
		}
		if oa.PrivateBrowsingID != "" {
			n, err := jsonInt(oa.PrivateBrowsingID, 0, math.MaxUint32)
			if err != nil {
				return SessionCookie{}, false, fmt.Errorf("originAttributes.privateBrowsingId: %w", err)
			}
			c.OriginAttributes.PrivateBrowsingID = int(n)
		}
	}
	if c.OriginAttributes.PrivateBrowsingID != 0 {
		// Private windows' cookies die with them; Firefox does not save
		// them, and one found here is not a cookie any window will send.
		return SessionCookie{}, false, nil
	}
	c.OriginAttributes.Raw = c.OriginAttributes.Suffix()
	return c, true, nil
}

// jsonExpiry reads an expiry leniently: it is informational, not part of
// the cookie's identity, so a fractional or out-of-range number is
// truncated or clamped rather than making the whole file unreadable.
func jsonExpiry(n json.Number) (int64, error) {
	s := string(n)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%.40s is not a number", s)
	}
	switch {
	case f >= math.MaxInt64: // float64(MaxInt64) is 2^63
		return math.MaxInt64, nil
	case f <= math.MinInt64:
		return math.MinInt64, nil
	}
	return int64(f), nil
}

// jsonInt reads an integer JSON number in [lo, hi]. JavaScript has only
// doubles, so an integral value written as 1e3 or 1.0 is accepted too.
func jsonInt(n json.Number, lo, hi int64) (int64, error) {
	s := string(n)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		if i < lo || i > hi {
			return 0, fmt.Errorf("%.40s out of range", s)
		}
		return i, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	// Beyond 2^53 a double is not an exact integer; Firefox never writes one.
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%.40s is not an integer", s)
	}
	if i := int64(f); i >= lo && i <= hi {
		return i, nil
	}
	return 0, fmt.Errorf("%.40s out of range", s)
}

// ParseSessionCookie parses one entry of a session store's "cookies" array.
// ok is false for an entry Firefox would not restore (a private-browsing
// cookie, or null).
func ParseSessionCookie(raw json.RawMessage) (c SessionCookie, ok bool, err error) {
	return parseSessionCookie(raw)
}
