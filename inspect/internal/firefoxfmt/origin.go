// Package firefoxfmt parses Firefox-specific formats: the originAttributes
// suffix stored in moz_cookies, partition keys, the cookies of a decoded
// session store (sessionstore.jsonlz4 and its backups), and containers.json.
//
// Everything here reads files that may be truncated or hostile: functions
// return errors and never panic.
package firefoxfmt

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// OriginAttributes is the part of a Firefox cookie's identity besides name,
// host and path: container, private browsing, first-party isolation and
// partitioning (Total Cookie Protection and CHIPS).
type OriginAttributes struct {
	UserContextID     int    // container; 0 = no container
	PrivateBrowsingID int    // non-zero only in private windows (never on disk)
	FirstPartyDomain  string // first-party isolation (privacy.firstparty.isolate)
	// PartitionKey is decoded, e.g. "(https,ofgl.fr)"; see ParsePartitionKey.
	PartitionKey string
	// GeckoViewSessionContextID is used by Android embedders only. Its key
	// in the suffix is "geckoViewUserContextId".
	GeckoViewSessionContextID string
	// Raw is the suffix exactly as stored (for session store cookies: the
	// Suffix() of the JSON object). It is part of the row identity Firefox
	// deletes by, so it is kept byte for byte and never rebuilt.
	Raw string
}

// Suffix keys, as Firefox writes them.
const (
	keyUserContextID     = "userContextId"
	keyPrivateBrowsingID = "privateBrowsingId"
	keyFirstPartyDomain  = "firstPartyDomain"
	keyGeckoView         = "geckoViewUserContextId"
	keyPartitionKey      = "partitionKey"
	keyInBrowser         = "inBrowser"
)

// ParseOriginSuffix parses the originAttributes column of moz_cookies, e.g.
// "", "^userContextId=1" or "^partitionKey=%28https%2Cofgl.fr%29", the way
// Firefox's OriginAttributes::PopulateFromSuffix does: "&"-separated
// form-urlencoded pairs after a leading "^", with "+" in firstPartyDomain
// and partitionKey turned back into ":".
//
// Unknown keys (and the legacy inBrowser=1) are accepted and ignored; they
// survive only in Raw. Stricter than Firefox, a bad percent escape, a
// non-numeric or out-of-range id and a repeated known key are errors, since
// Firefox never writes them.
func ParseOriginSuffix(s string) (OriginAttributes, error) {
	o := OriginAttributes{Raw: s}
	if s == "" {
		return o, nil
	}
	if s[0] != '^' {
		return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q does not start with ^", s)
	}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s[1:], "&") {
		if part == "" {
			continue // Firefox's URLParams skips empty pairs
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := formDecode(k)
		if err != nil {
			return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q: %w", s, err)
		}
		val, err := formDecode(v)
		if err != nil {
			return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q: %s: %w", s, key, err)
		}
		switch key {
		case keyUserContextID, keyPrivateBrowsingID, keyFirstPartyDomain, keyGeckoView, keyPartitionKey:
			if seen[key] {
				return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q: %s repeated", s, key)
			}
			seen[key] = true
		}
		switch key {
		case keyUserContextID, keyPrivateBrowsingID:
			n, err := parseUint32(val)
			if err != nil {
				return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q: %s: %w", s, key, err)
			}
			if key == keyUserContextID {
				o.UserContextID = n
			} else {
				o.PrivateBrowsingID = n
			}
		case keyFirstPartyDomain:
			o.FirstPartyDomain = strings.ReplaceAll(val, "+", ":")
		case keyGeckoView:
			o.GeckoViewSessionContextID = val
		case keyPartitionKey:
			o.PartitionKey = strings.ReplaceAll(val, "+", ":")
		case keyInBrowser:
			if val != "1" {
				return OriginAttributes{}, fmt.Errorf("firefoxfmt: origin suffix %.80q: inBrowser=%.20q, want 1", s, val)
			}
		}
	}
	return o, nil
}

// Suffix serialises o as Firefox's OriginAttributes::CreateSuffix does:
// non-default attributes in the order userContextId, privateBrowsingId,
// firstPartyDomain, geckoViewUserContextId, partitionKey, each value
// form-urlencoded, ":" sanitised to "+" first, and a leading "^"; "" when
// every attribute is default. Raw is ignored.
//
// The order is Firefox's insertion order, not alphabetical: a container
// cookie under first-party isolation is "^userContextId=2&firstPartyDomain=ofgl.fr".
// Ids are uint32 in Firefox; values outside that range wrap the same way.
func (o OriginAttributes) Suffix() string {
	var b strings.Builder
	add := func(key, val string) {
		if b.Len() == 0 {
			b.WriteByte('^')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(key)
		b.WriteByte('=')
		formEncode(&b, val)
	}
	if id := uint32(o.UserContextID); id != 0 {
		add(keyUserContextID, strconv.FormatUint(uint64(id), 10))
	}
	if id := uint32(o.PrivateBrowsingID); id != 0 {
		add(keyPrivateBrowsingID, strconv.FormatUint(uint64(id), 10))
	}
	if o.FirstPartyDomain != "" {
		add(keyFirstPartyDomain, strings.ReplaceAll(o.FirstPartyDomain, ":", "+"))
	}
	if o.GeckoViewSessionContextID != "" {
		add(keyGeckoView, sanitizeGeckoView(o.GeckoViewSessionContextID))
	}
	if o.PartitionKey != "" {
		add(keyPartitionKey, strings.ReplaceAll(o.PartitionKey, ":", "+"))
	}
	return b.String()
}

// IsDefault reports whether o has no container, partition, isolation or
// private browsing, i.e. whether its Suffix is "".
func (o OriginAttributes) IsDefault() bool {
	return o.Suffix() == ""
}

// parseUint32 accepts only plain decimal digits: Firefox writes ids with
// AppendInt, never with signs, spaces or hex.
func parseUint32(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty number")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%.20q is not a decimal number", s)
		}
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%.20q is out of range", s)
	}
	return int(n), nil
}

// formDecode undoes application/x-www-form-urlencoded ("+" is a space).
func formDecode(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b.WriteByte(' ')
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", fmt.Errorf("bad percent escape at byte %d", i)
			}
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// formEncode is Firefox's URLParams::SerializeString: only [*-._0-9A-Za-z]
// stay as they are, space becomes "+", every other byte "%XX" (upper case).
func formEncode(b *strings.Builder, s string) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			b.WriteByte('+')
		case c == '*' || c == '-' || c == '.' || c == '_' ||
			'0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
}

// sanitizeGeckoView replaces QuotaManager::kReplaceChars (control
// characters, DEL, C1 controls and /:*?"<>|\) with "+", as CreateSuffix
// does for geckoViewUserContextId. Unlike ":" in the other fields, Firefox
// never turns these back, so the replacement is one-way.
func sanitizeGeckoView(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x01 && c <= 0x1f, c == 0x7f, strings.IndexByte(`/:*?"<>|\`, c) >= 0:
			b.WriteByte('+')
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			// U+0080..U+009F in UTF-8: one character, one "+".
			b.WriteByte('+')
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// PartitionKey is a decoded partitionKey: the top-level site a cookie was
// set under, "(scheme,site[,port][,f])".
type PartitionKey struct {
	Scheme string // "http" or "https"
	Site   string // registrable domain (or IP / host) of the top-level page
	Port   int    // 0 when absent (Firefox omits default ports)
	// ForeignAncestor is the ",f" flag: the frame had a cross-site ancestor.
	ForeignAncestor bool
}

// ParsePartitionKey parses the decoded partition key form, e.g.
// "(https,ofgl.fr)", "(https,ofgl.fr,8443)", "(https,ofgl.fr,f)" or
// "(https,ofgl.fr,8443,f)", following Firefox's
// OriginAttributes::ParsePartitionKey. It returns false for "" and for the
// bare-host form used when privacy.dynamic_firstparty.use_site is off.
func ParsePartitionKey(s string) (PartitionKey, bool) {
	// "(x,x)" is the shortest valid key.
	if len(s) < 5 || s[0] != '(' || s[len(s)-1] != ')' {
		return PartitionKey{}, false
	}
	fields := strings.Split(s[1:len(s)-1], ",")
	if len(fields) < 2 || len(fields) > 4 {
		return PartitionKey{}, false
	}
	for _, f := range fields {
		if f == "" {
			return PartitionKey{}, false
		}
	}
	k := PartitionKey{Scheme: fields[0], Site: fields[1]}
	if len(fields) >= 3 {
		if fields[2] == "f" {
			k.ForeignAncestor = true
		} else {
			port, err := parseUint32(fields[2])
			if err != nil || port == 0 || port > 65535 {
				return PartitionKey{}, false
			}
			k.Port = port
		}
	}
	if len(fields) == 4 {
		// The second optional field is "f", and only after a port.
		if fields[3] != "f" || k.Port == 0 {
			return PartitionKey{}, false
		}
		k.ForeignAncestor = true
	}
	return k, true
}

// String formats k back into the form ParsePartitionKey reads.
func (k PartitionKey) String() string {
	s := "(" + k.Scheme + "," + k.Site
	if k.Port != 0 {
		s += "," + strconv.Itoa(k.Port)
	}
	if k.ForeignAncestor {
		s += ",f"
	}
	return s + ")"
}
