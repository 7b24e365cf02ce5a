package inspect

import (
	"strings"
	"time"
)

// keepRead is the filter every store reader applies to a cookie it read:
// it places the cookie (first or third party) and marks it expired, and
// tells whether the read keeps it (sent to the site, and not expired
// unless expired cookies were asked for).
func keepRead(c *Cookie, opts Options, now time.Time) bool {
	if !classifyPlacement(c, opts) {
		return false
	}
	c.Expired = !c.Session && !c.Expires.After(now)
	return !c.Expired || opts.Expired
}

// classifyPlacement decides whether a cookie is sent to the site as a
// first-party cookie or was set by a third party while the user was on it,
// and drops it otherwise.
func classifyPlacement(c *Cookie, opts Options) bool {
	site := opts.Site
	if c.PartitionSite == "" {
		return site.Sends(c.Host)
	}
	partitionedHere := false
	for _, p := range site.PartitionSites() {
		if strings.EqualFold(c.PartitionSite, p) {
			partitionedHere = true
		}
	}
	if !partitionedHere {
		return false
	}
	if site.Sends(c.Host) {
		return true // a CHIPS cookie of the site itself
	}
	if site.IsFirstPartyHost(c.Host) {
		return false // another host of the same site: not sent to this host
	}
	c.ThirdParty = true
	return true
}
