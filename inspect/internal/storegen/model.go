package storegen

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
)

// row is one cookie before it is written. Values and times are drawn at write
// time from a per-row seed, so a million rows stay small in memory.
type row struct {
	host      string
	name      string
	path      string
	partition string // top-level site, "https://x.com" or "http://x.com"; "" if unpartitioned
	vseed     uint64 // seeds the row's value and times
	fam       int16  // 1 + index into the family; 0 for a generic row
	container int8   // Firefox userContextId
	session   bool   // Chromium session cookie (Firefox turns it persistent)
	secure    bool
	httpOnly  bool
	chips     bool // Partitioned attribute
	crossSite bool // Chromium has_cross_site_ancestor
	sameSite  int8 // Chromium numbering: -1 unspecified, 0 none, 1 lax, 2 strict
	scheme    int8 // 1 http, 2 https
	srcType   int8 // Chromium source_type: 1 Set-Cookie, 2 script
	lifeIdx   int8 // index into lifetimes
	expired   bool // generic row left expired
}

// tailGeneric is how many generic rows join the family's tail rows in the
// last batch: Chromium writes that batch with the TRUNCATE journal,
// FirefoxWAL leaves it only in the -wal file.
const tailGeneric = 4

// model is the content of one store, in insertion order.
type model struct {
	rows  []row
	fam   []famSpec
	tail  int // the last tail rows form the final batch
	stats Stats
}

// Per-format shares of generic rows.
type shares struct {
	partitioned float64 // rows partitioned under another top-level site
	container   float64 // Firefox rows in a container
	session     float64 // Chromium session cookies
}

func sharesFor(f Format) shares {
	if f == Chromium {
		// Chromium partitions only CHIPS cookies; it keeps session cookies on disk.
		return shares{partitioned: 0.02, session: 0.05}
	}
	// Firefox partitions every third-party cookie (Total Cookie Protection),
	// keeps no session cookie in cookies.sqlite, and has containers.
	return shares{partitioned: 0.10, container: 0.04}
}

var lifetimes = []time.Duration{
	30 * time.Minute, day, 7 * day, 30 * day, 90 * day, 180 * day, 365 * day, 400 * day,
}

var lifetimeWeights = []float64{5, 10, 10, 15, 10, 10, 20, 20}

var tlds = []string{".com", ".fr", ".net", ".org", ".de", ".io", ".co.uk", ".eu", ".info", ".gouv.fr", ".tv", ".it", ".es", ".be", ".ch"}
var tldWeights = []float64{45, 15, 6, 6, 6, 4, 4, 3, 2, 1, 2, 3, 3, 2, 2}

var syllables = strings.Fields("ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go gu ha he ho ja jo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we xo ya yo za zo an en in on ar er ir or ex al el il ol")

var subHosts = strings.Fields("api cdn shop m login blog static app news mail account auth id media img secure store help docs forum")

// cookieNames are common cookie names, most frequent first. "#" is replaced
// by digits and "@" by letters, per site.
var cookieNames = strings.Fields(`_ga _gid _ga_@@@@@@@@ _fbp _gcl_au __cf_bm PHPSESSID _cfuvid OptanonConsent
 euconsent-v2 OptanonAlertBoxClosed _hjSessionUser_####### _hjSession_####### JSESSIONID sessionid csrftoken
 XSRF-TOKEN lang locale theme _pk_id.#.@@@@ _pk_ses.#.@@@@ __stripe_mid __stripe_sid _uetsid _uetvid
 didomi_token axeptio_cookies axeptio_authorized_vendors NID IDE __Secure-3PSID __Secure-3PAPISID CONSENT SOCS AEC
 MUID ANONCHK _clck _clsk ajs_anonymous_id ajs_user_id intercom-id-@@@@@@@@ intercom-session-@@@@@@@@
 mp_@@@@@@@@_mixpanel personalization_id guest_id datr sb fr VISITOR_INFO1_LIVE YSC __utma __utmz __utmb __utmc
 cf_clearance ASP.NET_SessionId wordpress_test_cookie wp-settings-# tarteaucitron cookieconsent_status
 user_id cart_id currency region tz remember_token laravel_session XSRF_TOKEN _session_id __Host-session
 __Secure-next-auth.session-token next-auth.csrf-token ab_test experiment_# visitor_id _dd_s amplitude_id_@@@@@@`)

var paths = []string{"/api", "/account", "/fr", "/en", "/app", "/search", "/wp-admin", "/admin", "/shop/cart"}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

func siteName(r *rand.Rand) string {
	var b strings.Builder
	n := 2 + r.IntN(3)
	for i := 0; i < n; i++ {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	if r.IntN(8) == 0 {
		b.WriteByte('-')
		b.WriteString(syllables[r.IntN(len(syllables))])
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	b.WriteString(tlds[pick(r, tldWeights)])
	return b.String()
}

// fillName replaces the placeholders of a cookie name template.
func fillName(tmpl string, r *rand.Rand) string {
	if !strings.ContainsAny(tmpl, "#@") {
		return tmpl
	}
	b := []byte(tmpl)
	for i, c := range b {
		switch c {
		case '#':
			b[i] = byte('0' + r.IntN(10))
		case '@':
			b[i] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[r.IntN(34)]
		}
	}
	return string(b)
}

// perSite draws how many cookies a site has: a log-normal with median 5 and
// p95 about 22 (mean about 7.5), between 1 and 180 (the browsers' per-domain cap).
func perSite(r *rand.Rand) int {
	v := math.Exp(math.Log(5) + 0.9*r.NormFloat64())
	n := int(math.Round(v))
	return max(1, min(n, 180))
}

// newModel lays out n rows for format f from seed.
func newModel(f Format, n int, seed int64) *model {
	sh := sharesFor(f)
	fam := family(f)
	r := newRand(seed, 1)
	m := &model{fam: fam}
	generic := n - len(fam)
	rows := make([]row, 0, n)

	// Sites, with their cookie counts.
	seen := map[string]bool{"ofgl.fr": true, "notofgl.fr": true, "tracker.example": true}
	var sites []string
	var counts []int
	for total := 0; total < generic; {
		s := siteName(r)
		if seen[s] || strings.Contains(s, "ofgl") {
			continue
		}
		seen[s] = true
		c := min(perSite(r), generic-total)
		sites = append(sites, s)
		counts = append(counts, c)
		total += c
	}

	hostKeys := map[string]struct{}{}
	used := map[string]struct{}{}
	hostWeights := []float64{70, 12, 6, 2, 5, 1, 2, 2} // about 2.5 host keys per site
	for si, site := range sites {
		clear(used)
		subs := [3]string{}
		for k := range subs {
			subs[k] = subHosts[r.IntN(len(subHosts))] + "." + site
		}
		hosts := []string{"." + site, "www." + site, site, ".www." + site, subs[0], "." + subs[0], subs[1], subs[2]}
		for range counts[si] {
			var rw row
			rw.host = hosts[pick(r, hostWeights)]
			rw.vseed = r.Uint64()
			if r.Float64() < sh.partitioned {
				top := sites[r.IntN(len(sites))]
				if top == site {
					top = "example-news.com"
				}
				scheme := "https://"
				if f != Chromium && r.IntN(10) == 0 {
					scheme = "http://"
				}
				rw.partition = scheme + top
			}
			if r.Float64() < sh.container {
				rw.container = 1
				if r.IntN(4) == 0 {
					rw.container = int8(2 + r.IntN(3))
				}
			}
			rw.path = "/"
			if r.IntN(100) < 8 {
				rw.path = paths[r.IntN(len(paths))]
			}
			// A name unique for (host, partition, name, path): Chromium's
			// unique index and Firefox's moz_uniqueid both hold.
			for try := 0; ; try++ {
				// Zipf-like: the first names are much more common.
				i := int(float64(len(cookieNames)) * math.Pow(r.Float64(), 2.2))
				rw.name = fillName(cookieNames[i], r)
				if try >= 3 {
					rw.name += "_" + strconv.FormatUint(r.Uint64()&0xfffff, 16)
				}
				k := rw.host + "|" + rw.partition + "|" + rw.name + "|" + rw.path
				if _, dup := used[k]; !dup {
					used[k] = struct{}{}
					break
				}
			}
			hostKeys[rw.host] = struct{}{}
			rw.scheme = 2
			if r.IntN(10) == 0 {
				rw.scheme = 1
			}
			rw.secure = rw.scheme == 2 && r.IntN(100) < 60
			rw.httpOnly = r.IntN(100) < 30
			rw.sameSite = int8([]int{-1, 0, 1, 2}[pick(r, []float64{55, 20, 20, 5})])
			rw.srcType = 1
			if r.IntN(100) < 35 {
				rw.srcType = 2
			}
			rw.crossSite = r.IntN(4) != 0
			if rw.partition != "" {
				// Partitioned cookies need Secure and SameSite=None.
				rw.secure, rw.scheme, rw.sameSite, rw.crossSite = true, 2, 0, true
				rw.chips = f == Chromium || r.IntN(5) == 0
			}
			rw.session = r.Float64() < sh.session
			rw.lifeIdx = int8(pick(r, lifetimeWeights))
			rw.expired = !rw.session && r.IntN(100) < 2
			if rw.partition != "" {
				m.stats.Partitioned++
			}
			if rw.container != 0 {
				m.stats.Containers++
			}
			if rw.session {
				m.stats.Session++
			}
			rows = append(rows, rw)
		}
	}

	// The family, at random positions; its tail rows (and a few generic
	// rows) form the final batch.
	var tailFam []row
	for i, fs := range fam {
		rw := row{host: fs.Host, name: fs.Name, path: fs.Path, partition: fs.Partition, fam: int16(i + 1)}
		hostKeys[rw.host] = struct{}{}
		if fs.tail {
			tailFam = append(tailFam, rw)
			continue
		}
		rows = append(rows, rw)
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	// Final batch: a few generic rows, then the tail family rows, interleaved.
	k := min(tailGeneric, generic)
	tail := make([]row, 0, k+len(tailFam))
	// Pull k generic rows from the end of the shuffled rows.
	for i := len(rows) - 1; i >= 0 && len(tail) < k; i-- {
		if rows[i].fam == 0 {
			tail = append(tail, rows[i])
			rows = append(rows[:i], rows[i+1:]...)
		}
	}
	tail = append(tail, tailFam...)
	r.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	rows = append(rows, tail...)
	m.rows = rows
	m.tail = len(tail)

	// Statistics.
	m.stats.Sites = len(sites)
	m.stats.HostKeys = len(hostKeys)
	sorted := append([]int(nil), counts...)
	sort.Ints(sorted)
	if len(sorted) > 0 {
		m.stats.PerSiteMedian = sorted[len(sorted)/2]
		m.stats.PerSiteP95 = sorted[len(sorted)*95/100]
		m.stats.PerSiteMax = sorted[len(sorted)-1]
	}
	return m
}

// times are one row's times, in microseconds since the Unix epoch.
type times struct {
	creation, lastAccess, lastUpdate int64
	expires                          int64 // 0 for a session cookie
}

// rowTimes lays out the times of the i-th inserted row: creation times grow
// with the insertion order over the 400 days before now; a persistent cookie
// was last set recently enough to be alive at now, unless it is one of the
// few left expired.
func rowTimes(rw *row, i, n int, now int64, r *rand.Rand, f Format) times {
	const span = int64(400 * day / time.Microsecond)
	step := span / int64(n)
	var t times
	t.creation = now - span + int64(i)*step + r.Int64N(max(step, 1))
	left := now - t.creation // µs between creation and now
	if rw.session && f == Chromium {
		t.lastUpdate = t.creation + r.Int64N(max(left, 1))
		t.lastAccess = t.lastUpdate + r.Int64N(max(now-t.lastUpdate, 1))
		return t
	}
	life := int64(lifetimes[rw.lifeIdx] / time.Microsecond)
	if rw.session {
		life = int64(30 * day / time.Microsecond)
	}
	if rw.expired {
		t.lastUpdate = max(t.creation, now-life-1-r.Int64N(int64(30*day/time.Microsecond)))
	} else {
		t.lastUpdate = max(t.creation, now-r.Int64N(max(life*9/10, 1)))
	}
	t.expires = t.lastUpdate + life
	t.lastAccess = t.lastUpdate + r.Int64N(max(now-t.lastUpdate, 1))
	return t
}

// famTimes returns the times of a family cookie.
func famTimes(fs famSpec, now int64, i int) times {
	var t times
	t.creation = now - int64(fs.age/time.Microsecond) + int64(i)*1000 // distinct, whole milliseconds
	t.lastUpdate = t.creation
	t.lastAccess = t.creation + int64(fs.age/time.Microsecond)/2
	if fs.life != 0 {
		t.expires = t.creation + int64(fs.life/time.Microsecond)
	}
	return t
}

const (
	alnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	b64   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	hexd  = "0123456789abcdef"
)

func randString(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// rowValue draws a realistic value for a generic cookie.
func rowValue(rw *row, r *rand.Rand, now int64) string {
	ts := strconv.FormatInt(now/1e6-r.Int64N(30_000_000), 10)
	name := rw.name
	switch {
	case name == "_ga" || strings.HasPrefix(name, "_ga_"):
		if name == "_ga" {
			return "GA1.1." + strconv.FormatInt(1e8+r.Int64N(9e8), 10) + "." + ts
		}
		return "GS1.1." + ts + "." + strconv.Itoa(1+r.IntN(40)) + ".1." + ts + ".0.0.0"
	case name == "_gid":
		return "GA1.2." + strconv.FormatInt(1e8+r.Int64N(9e8), 10) + "." + ts
	case name == "_fbp":
		return "fb.1." + ts + "123." + strconv.FormatInt(1e9+r.Int64N(9e9), 10)
	case name == "euconsent-v2" || name == "OptanonConsent" || name == "didomi_token" || name == "axeptio_authorized_vendors":
		return randString(r, b64, 200+r.IntN(1300)) // long consent strings
	case strings.HasPrefix(name, "_pk_id"):
		return randString(r, hexd, 16) + "." + ts + "."
	case name == "lang" || name == "locale":
		return []string{"fr", "en", "de", "fr-FR", "en-US", "es"}[r.IntN(6)]
	case name == "theme":
		return []string{"dark", "light", "auto"}[r.IntN(3)]
	}
	switch k := r.IntN(100); {
	case k < 30:
		return randString(r, hexd, 16+r.IntN(49))
	case k < 55:
		return randString(r, b64, 20+r.IntN(120))
	case k < 70:
		return randString(r, hexd, 8) + "-" + randString(r, hexd, 4) + "-4" + randString(r, hexd, 3) + "-a" + randString(r, hexd, 3) + "-" + randString(r, hexd, 12)
	case k < 85:
		return []string{"1", "0", "true", "false", "yes", "accepted", "dismiss"}[r.IntN(7)]
	case k < 87:
		return `{"id":"` + randString(r, alnum, 12) + `","ts":` + ts + `}` // raw JSON, with quotes
	default:
		return randString(r, alnum, 24+r.IntN(40)) + "%3D" + randString(r, alnum, 10)
	}
}
