package storegen

import (
	"strings"
	"testing"
)

// TestDistribution checks the shape real profiles show: about 7.4 cookies
// per site (median 5, p95 about 22, at most 180), about 2.5 host keys per
// site, unique rows, the family present once, and no generic host that
// looks like the family.
func TestDistribution(t *testing.T) {
	for _, f := range []Format{Chromium, Firefox} {
		const n = 100_000
		m := newModel(f, n, 42)
		st := m.stats
		if len(m.rows) != n {
			t.Fatalf("%s: %d rows", f, len(m.rows))
		}
		perSite := float64(n-len(m.fam)) / float64(st.Sites)
		hostsPerSite := float64(st.HostKeys) / float64(st.Sites)
		t.Logf("%s: %+v, %.2f cookies and %.2f host keys per site", f, st, perSite, hostsPerSite)
		if perSite < 6.5 || perSite > 8.5 || st.PerSiteMedian != 5 || st.PerSiteP95 < 18 || st.PerSiteP95 > 26 || st.PerSiteMax > 180 {
			t.Errorf("%s: %.2f cookies per site, %+v", f, perSite, st)
		}
		if hostsPerSite < 2.2 || hostsPerSite > 2.8 {
			t.Errorf("%s: %.2f host keys per site", f, hostsPerSite)
		}
		seen := map[string]bool{}
		fam := 0
		for i, rw := range m.rows {
			k := rw.host + "|" + rw.partition + "|" + rw.name + "|" + rw.path
			if seen[k] {
				t.Fatalf("%s: row %d duplicates %s", f, i, k)
			}
			seen[k] = true
			if rw.fam != 0 {
				fam++
				continue
			}
			if strings.Contains(rw.host, "ofgl") || rw.host == "tracker.example" || strings.Contains(rw.partition, "ofgl") {
				t.Errorf("%s: generic row %d looks like the family: %s", f, i, k)
			}
		}
		if fam != len(m.fam) {
			t.Errorf("%s: %d family rows, want %d", f, fam, len(m.fam))
		}
		// The tail holds the family's tail rows.
		tailFam := 0
		for _, rw := range m.rows[len(m.rows)-m.tail:] {
			if rw.fam != 0 && m.fam[rw.fam-1].tail {
				tailFam++
			}
		}
		if tailFam != 4 || m.tail != 4+tailGeneric {
			t.Errorf("%s: tail of %d rows holds %d family tail rows", f, m.tail, tailFam)
		}
	}
}
