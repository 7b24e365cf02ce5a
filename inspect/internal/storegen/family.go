package storegen

import (
	"strconv"
	"time"
)

const day = 24 * time.Hour

// famSpec is one cookie of the data.ofgl.fr family, with the times relative to
// the reference time.
type famSpec struct {
	Cookie
	age      time.Duration // creation = Now - age
	life     time.Duration // expires = creation + life; 0: session cookie (Chromium)
	ffLife   time.Duration // life in Firefox when life is 0 (Firefox keeps no session cookie on disk)
	sameSite int           // Chromium numbering: -1 unspecified, 0 none, 1 lax, 2 strict
	tail     bool          // written in the last batch (FirefoxWAL: only in the -wal file)
}

const (
	partitionOfgl    = "https://ofgl.fr"
	partitionNotOfgl = "https://notofgl.fr"
)

// familySpecs is the data.ofgl.fr family: first the 10 cookies a browser
// sends to https://data.ofgl.fr, then the 8 decoys.
var familySpecs = []famSpec{
	// Sent: host-only data.ofgl.fr.
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "sessionid", Value: "q8v2k5n1x7c4m9b3z6l0w2e8r5t1y4u7", Secure: true, HTTPOnly: true, Sent: true},
		age: 2 * time.Hour, life: 14 * day, sameSite: 1},
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "csrftoken", Value: "Xk3fQ9sLw2Zp7RtYb4Nc8Vm1Hd6Gj0Ea5Uo9Ir3Ty7We2Qa4Sd8Fg1Hj6Kl0Zx5C", Secure: true, Sent: true},
		age: 2 * time.Hour, life: 364 * day, sameSite: 1, tail: true},
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "django_language", Value: "fr", Sent: true},
		age: 2 * time.Hour, life: 0, ffLife: 365 * day, sameSite: -1},
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "cookies_preferences", Value: `{"necessary":true,"statistics":false,"version":2}`, Sent: true},
		age: 30 * day, life: 365 * day, sameSite: -1},
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "_pk_id.1.abcd", Value: "5f3c2a1b0e9d8c7b.1747000000.", Sent: true},
		age: 30 * day, life: 393 * day, sameSite: 1},
	// Sent: domain .ofgl.fr.
	{Cookie: Cookie{Host: ".ofgl.fr", Name: "_ga", Value: "GA1.1.1234567890.1747000000", Sent: true},
		age: 30 * day, life: 400 * day, sameSite: -1},
	{Cookie: Cookie{Host: ".ofgl.fr", Name: "_gid", Value: "GA1.2.987654321.1747000000", Sent: true},
		age: time.Hour, life: day, sameSite: -1, tail: true},
	{Cookie: Cookie{Host: ".ofgl.fr", Name: "_ga_ABC", Value: "GS1.1.1747000000.3.1.1747000400.0.0.0", Sent: true},
		age: 30 * day, life: 400 * day, sameSite: -1},
	// Sent: domain .data.ofgl.fr.
	{Cookie: Cookie{Host: ".data.ofgl.fr", Name: "atuserid", Value: "%7B%22name%22%3A%22atuserid%22%2C%22val%22%3A%226a1f3c2e-8b4d-4e5f-9a7b-1c2d3e4f5a6b%22%7D", Sent: true},
		age: 10 * day, life: 393 * day, sameSite: 1},
	// Sent: third-party cookie partitioned under https://ofgl.fr (CHIPS).
	{Cookie: Cookie{Host: "tracker.example", Name: "trk_chips", Value: "chips-7d41e2", Partition: partitionOfgl, Secure: true, Partitioned: true, Sent: true, ThirdParty: true},
		age: day, life: 30 * day, sameSite: 0, tail: true},

	// Decoys.
	{Cookie: Cookie{Host: "data.ofgl.fr", Name: "_pk_ses.1.abcd", Value: "1", Expired: true, Why: "expired"},
		age: 2 * day, life: 30 * time.Minute, sameSite: 1},
	{Cookie: Cookie{Host: "www.ofgl.fr", Name: "PHPSESSID", Value: "a1b2c3d4e5f6a7b8c9d0e1f2a3", Why: "host-only cookie of www.ofgl.fr"},
		age: 5 * day, life: 30 * day, sameSite: -1},
	{Cookie: Cookie{Host: ".www.ofgl.fr", Name: "_hjSessionUser_123", Value: "eyJpZCI6IjEyMyJ9", Why: "domain .www.ofgl.fr does not cover data.ofgl.fr"},
		age: 5 * day, life: 365 * day, sameSite: -1},
	{Cookie: Cookie{Host: ".notofgl.fr", Name: "_ga", Value: "GA1.1.555555555.1747000000", Why: "another site whose name ends in ofgl.fr"},
		age: 3 * day, life: 400 * day, sameSite: -1, tail: true},
	{Cookie: Cookie{Host: "notofgl.fr", Name: "sessionid", Value: "notofgl-session-0001", Secure: true, HTTPOnly: true, Why: "host-only cookie of another site"},
		age: 3 * day, life: 14 * day, sameSite: 1},
	{Cookie: Cookie{Host: "ofgl.fr", Name: "ofgl_consent", Value: "yes", Why: "host-only cookie of ofgl.fr is not sent to subdomains"},
		age: 20 * day, life: 180 * day, sameSite: -1},
	{Cookie: Cookie{Host: "sub.data.ofgl.fr", Name: "sub_session", Value: "sub-0001", Secure: true, Why: "host-only cookie of a subdomain of data.ofgl.fr"},
		age: 4 * day, life: 30 * day, sameSite: 1},
	{Cookie: Cookie{Host: "tracker.example", Name: "trk_chips", Value: "chips-99aa01", Partition: partitionNotOfgl, Secure: true, Partitioned: true, ThirdParty: true, Why: "partitioned under another top-level site"},
		age: day, life: 30 * day, sameSite: 0},
}

// family returns the family as written to a store of format f, with the
// format-specific fields set and times left relative.
func family(f Format) []famSpec {
	out := make([]famSpec, len(familySpecs))
	copy(out, familySpecs)
	for i := range out {
		c := &out[i].Cookie
		c.Path = "/"
		switch f {
		case Chromium:
			c.TopFrameSiteKey = c.Partition
		default:
			c.OriginAttributes = firefoxOriginAttributes(0, c.Partition)
			c.WALOnly = f == FirefoxWAL && out[i].tail
			if out[i].life == 0 {
				out[i].life = out[i].ffLife
			}
		}
	}
	return out
}

// firefoxOriginAttributes builds Firefox's originAttributes suffix for a
// container and a partition site ("https://x.fr" or "http://x.fr"), in the
// order Firefox writes the keys (userContextId before partitionKey).
func firefoxOriginAttributes(container int, partition string) string {
	s := ""
	sep := "^"
	if container != 0 {
		s += sep + "userContextId=" + strconv.Itoa(container)
		sep = "&"
	}
	if partition != "" {
		scheme, site := "https", partition
		if len(site) > 8 && site[:8] == "https://" {
			site = site[8:]
		} else if len(site) > 7 && site[:7] == "http://" {
			scheme, site = "http", site[7:]
		}
		s += sep + "partitionKey=%28" + scheme + "%2C" + site + "%29"
	}
	return s
}
