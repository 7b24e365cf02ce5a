// Package storegen writes real-format browser cookie stores for tests and
// benchmarks: a Chromium 156 "Cookies" database (meta version 24, values
// encrypted with v10) and a Firefox ESR 153 "cookies.sqlite" (user_version 17,
// WAL), with the same CREATE statements, index, meta rows, page sizes and
// journal modes as the browsers, as observed on real profiles of these versions.
//
// A store holds N cookies spread over realistic sites (about 7.4 cookies per
// site: median 5, p95 about 22, at most 180), in shuffled insertion order, and
// is fully determined by N, the seed and the reference time. Among the N are
// the data.ofgl.fr family: the cookies a browser sends to https://data.ofgl.fr
// and decoys that look alike but are not sent. The returned Manifest lists
// them, so that a reader can be checked against it:
//
//	m, err := storegen.WriteChromium(filepath.Join(t.TempDir(), "Cookies"), 1000, 1)
//	for _, c := range m.Sent() { ... } // the 10 cookies a reader must return
//
// For benchmarks, Cached keeps generated stores under CacheDir (env
// OFGL_BENCH_DIR) so that repeated runs do not regenerate them.
package storegen

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Version identifies the generator's output. It is part of the default cache
// directory name; bump it whenever the bytes written for a given (format, n,
// seed, reference time) change.
const Version = "v1"

// Format is a store format that storegen writes.
type Format string

// The formats storegen writes.
const (
	// Chromium is Chromium 156's Default/Cookies: rollback journal (TRUNCATE),
	// page size 4096, a 0-byte Cookies-journal left beside it.
	Chromium Format = "chromium"
	// Firefox is Firefox ESR 153's cookies.sqlite after a clean exit: WAL
	// header, page size 32768, everything checkpointed, no -wal file.
	Firefox Format = "firefox"
	// FirefoxWAL is cookies.sqlite as a running (or killed) Firefox leaves it:
	// the last writes are only in cookies.sqlite-wal (see WriteFirefox).
	FirefoxWAL Format = "firefox-wal"
)

// Formats lists every format, in a stable order.
var Formats = []Format{Chromium, Firefox, FirefoxWAL}

// FileName is the name the browser gives the store file of format f
// ("Cookies" or "cookies.sqlite").
func (f Format) FileName() string {
	if f == Chromium {
		return "Cookies"
	}
	return "cookies.sqlite"
}

// Site is the site whose cookies the family describes.
const Site = "data.ofgl.fr"

// Cookie is one cookie of the data.ofgl.fr family, as written to the store.
type Cookie struct {
	Host string // host_key / host as stored: leading dot for a domain cookie
	Name string
	Path string
	// Partition is the top-level site of a partitioned cookie, normalised to
	// "https://ofgl.fr" for both formats; empty when unpartitioned.
	Partition string
	// TopFrameSiteKey is Chromium's top_frame_site_key as stored (Chromium only).
	TopFrameSiteKey string `json:",omitempty"`
	// OriginAttributes is Firefox's originAttributes as stored (Firefox only).
	OriginAttributes string    `json:",omitempty"`
	Value            string    // plaintext value (Chromium stores it encrypted)
	Expires          time.Time // zero for a session cookie
	Secure           bool
	HTTPOnly         bool
	// Partitioned is true when the cookie was set with the Partitioned
	// attribute (CHIPS).
	Partitioned bool
	// Expired is true when Expires is before the manifest's reference time.
	Expired bool
	// Sent is true when a browser sends this cookie with a request to
	// https://data.ofgl.fr/ (for the third-party tracker.example cookie: with
	// a request to tracker.example from a data.ofgl.fr page).
	Sent bool
	// ThirdParty is true for the tracker.example cookies: stored under
	// another site's host, partitioned under a top-level site (Partition).
	ThirdParty bool
	// WALOnly is true when the row exists only in the -wal file
	// (FirefoxWAL): a reader that ignores the WAL misses it.
	WALOnly bool
	// Why says why a decoy is not sent; empty for a sent cookie.
	Why string `json:",omitempty"`
}

// Key is the cookie's identity as a reader reports it: host, name, path and
// partition site.
func (c Cookie) Key() string {
	return c.Host + "|" + c.Name + "|" + c.Path + "|" + c.Partition
}

// Stats describe the generated distribution.
type Stats struct {
	Sites         int // distinct registrable sites (the family not counted)
	HostKeys      int // distinct host keys (host_key / host)
	PerSiteMedian int
	PerSiteP95    int
	PerSiteMax    int
	Partitioned   int // rows with a partition key
	Containers    int // Firefox rows with a userContextId
	Session       int // Chromium rows with is_persistent = 0
	Expired       int // rows whose expiry is before the reference time
}

// Manifest describes one generated store.
type Manifest struct {
	Version string
	Format  Format
	// Path is the store file. Cached sets it to the file in the cache.
	Path string
	N    int   // rows in the store, family included
	Seed int64 // the seed the store was generated from
	// Now is the reference time: creation, access and expiry times are laid
	// out relative to it, and Cookie.Expired is computed against it.
	Now         time.Time
	Bytes       int64         // size of the main file
	WALBytes    int64         // size of the -wal file (FirefoxWAL), else 0
	WALFrames   int           // frames in the -wal file
	WALRows     int           // rows that exist only in the -wal file
	GenDuration time.Duration // wall time the generation took
	Stats       Stats
	// Cookies is the data.ofgl.fr family: every cookie sent to data.ofgl.fr,
	// then every decoy.
	Cookies []Cookie
}

// Sent returns the cookies a browser sends to https://data.ofgl.fr (at the
// reference time), sorted by Key.
func (m Manifest) Sent() []Cookie {
	return m.filter(func(c Cookie) bool { return c.Sent })
}

// Decoys returns the family cookies a browser does not send to
// https://data.ofgl.fr, sorted by Key.
func (m Manifest) Decoys() []Cookie {
	return m.filter(func(c Cookie) bool { return !c.Sent })
}

// SentFirstParty returns the sent cookies that are not third-party: those a
// reader that only matches hosts (like kooky) can find.
func (m Manifest) SentFirstParty() []Cookie {
	return m.filter(func(c Cookie) bool { return c.Sent && !c.ThirdParty })
}

func (m Manifest) filter(keep func(Cookie) bool) []Cookie {
	var out []Cookie
	for _, c := range m.Cookies {
		if keep(c) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

// Config controls a generation. A zero Now means "now, truncated to the
// minute"; with a fixed Now, the same N and Seed give byte-identical files
// (FirefoxWAL: an identical main file and the same rows in a -wal file of the
// same size; the WAL header's salts are random).
type Config struct {
	N         int       // rows to write, family included; at least MinN
	Seed      int64     // seeds every random choice
	Now       time.Time // reference time (zero: time.Now())
	WALFrames bool      // Firefox only: leave the last writes in the -wal file
}

// MinN is the smallest store storegen writes: the family alone.
var MinN = len(family(Chromium))

// WriteChromium writes a Chromium 156 Cookies database of n cookies to path,
// replacing any file there (and its -journal, -wal and -shm), and returns its
// manifest. The reference time is now.
func WriteChromium(path string, n int, seed int64) (Manifest, error) {
	return Config{N: n, Seed: seed}.WriteChromium(path)
}

// WriteFirefox writes a Firefox ESR 153 cookies.sqlite of n cookies to path,
// replacing any file there, and returns its manifest. The reference time is
// now.
//
// With walFrames false the file is what Firefox leaves after a clean exit: WAL
// mode in the header, every row in the main file, no -wal file.
//
// With walFrames true the last few writes (WALRows rows, among them
// data.ofgl.fr cookies flagged WALOnly in the manifest, plus an update of an
// older row) exist only in path+"-wal", as after Firefox was killed or while
// it runs. How: the store is built at a scratch path; the tail is written
// there in WAL mode with PRAGMA wal_autocheckpoint=0 on a connection that stays
// open (locking_mode=EXCLUSIVE, so no -shm, as Firefox does); while that
// connection still holds the files, the main file and the -wal file are copied
// to path and path+"-wal"; then the scratch files are removed. A reader that
// ignores the WAL (kooky, or SQLite with immutable=1) misses the WALOnly rows;
// SQLite opened read-only on the copy replays the WAL and sees every row.
func WriteFirefox(path string, n int, seed int64, walFrames bool) (Manifest, error) {
	return Config{N: n, Seed: seed, WALFrames: walFrames}.WriteFirefox(path)
}

// Write writes a store of format f to path (see WriteChromium and
// WriteFirefox); c.WALFrames is ignored, FirefoxWAL implies it.
func (c Config) Write(f Format, path string) (Manifest, error) {
	switch f {
	case Chromium:
		return c.WriteChromium(path)
	case Firefox:
		c.WALFrames = false
		return c.WriteFirefox(path)
	case FirefoxWAL:
		c.WALFrames = true
		return c.WriteFirefox(path)
	}
	return Manifest{}, fmt.Errorf("storegen: unknown format %q", f)
}

func (c Config) check() (Config, error) {
	if c.N < MinN {
		return c, fmt.Errorf("storegen: n = %d, need at least %d (the data.ofgl.fr family)", c.N, MinN)
	}
	if c.Now.IsZero() {
		c.Now = time.Now().Truncate(time.Minute)
	}
	c.Now = c.Now.UTC()
	if c.Now.Year() < 2000 {
		return c, errors.New("storegen: reference time before 2000")
	}
	return c, nil
}
