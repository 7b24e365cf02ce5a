package inspect

import "strings"

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
