package storegen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/browserutils/kooky"
	"github.com/browserutils/kooky/browser/chrome"
	"github.com/browserutils/kooky/browser/firefox"

	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// The schemas as `sqlite3 FILE .schema` printed them for real Chromium 156
// and Firefox ESR 153 stores. Kept
// literal here, independent of the generator's constants.
const (
	realChromiumSchema = `CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);
`
	realFirefoxSchema = `CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));
`
)

const testN = 1000

// sqlite3 runs the sqlite3 CLI read-only on file and returns its output.
func sqlite3(t *testing.T, file string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 CLI not installed")
	}
	out, err := exec.Command(bin, append([]string{"-readonly", file}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %s %q: %v\n%s", file, args, err, out)
	}
	return string(out)
}

func one(t *testing.T, file, q string) string {
	t.Helper()
	return strings.TrimSpace(sqlite3(t, file, q))
}

// header returns bytes 18 and 19 of the database header (file format write
// and read versions: 1 rollback journal, 2 WAL).
func header(t *testing.T, file string) [2]byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || len(b) < 100 {
		t.Fatalf("read %s: %v", file, err)
	}
	return [2]byte{b[18], b[19]}
}

// copyTo copies the named files from dir to a new directory and returns it.
func copyTo(t *testing.T, src string, suffixes ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	for _, s := range suffixes {
		b, err := os.ReadFile(src + s)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+s, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// familyRows returns the rows of the file whose host is in the ofgl.fr family
// or tracker.example, as "host|name|path|partition|expiresµs|sent" with the
// partition normalised to "https://ofgl.fr" and sent computed by SQL.
func familyRows(t *testing.T, f storegen.Format, file string, now time.Time) []string {
	var q string
	if f == storegen.Chromium {
		nowChrome := storegen.ChromiumTime(now)
		q = `SELECT host_key, name, path, top_frame_site_key, CASE expires_utc WHEN 0 THEN 0 ELSE expires_utc - 11644473600000000 END,
			(host_key IN ('data.ofgl.fr','.data.ofgl.fr','.ofgl.fr') OR top_frame_site_key IN ('https://ofgl.fr','http://ofgl.fr'))
			AND (expires_utc = 0 OR expires_utc > ` + strconv.FormatInt(nowChrome, 10) + `)
			FROM cookies WHERE host_key LIKE '%ofgl.fr' OR host_key = 'tracker.example'`
	} else {
		q = `SELECT host, name, path,
			CASE WHEN originAttributes LIKE '%partitionKey=\%28https\%2C%' ESCAPE '\'
				THEN 'https://' || replace(substr(originAttributes, instr(originAttributes, '%2C') + 3), '%29', '') ELSE '' END,
			expiry * 1000,
			(host IN ('data.ofgl.fr','.data.ofgl.fr','.ofgl.fr') OR originAttributes LIKE '%partitionKey=\%28http%\%2Cofgl.fr\%29%' ESCAPE '\')
			AND expiry > ` + strconv.FormatInt(now.UnixMilli(), 10) + `
			FROM moz_cookies WHERE host LIKE '%ofgl.fr' OR host = 'tracker.example'`
	}
	out := strings.Split(strings.TrimSpace(sqlite3(t, file, q)), "\n")
	sort.Strings(out)
	return out
}

func manifestRows(m storegen.Manifest) []string {
	var out []string
	for _, c := range m.Cookies {
		exp := int64(0)
		if !c.Expires.IsZero() {
			exp = c.Expires.UnixMicro()
		}
		sent := "0"
		if c.Sent {
			sent = "1"
		}
		out = append(out, strings.Join([]string{c.Host, c.Name, c.Path, c.Partition, strconv.FormatInt(exp, 10), sent}, "|"))
	}
	sort.Strings(out)
	return out
}

func checkManifest(t *testing.T, m storegen.Manifest) {
	t.Helper()
	if got := len(m.Sent()); got != 10 {
		t.Errorf("Sent() has %d cookies, want 10", got)
	}
	if got := len(m.Decoys()); got != 8 {
		t.Errorf("Decoys() has %d cookies, want 8", got)
	}
	if got := len(m.SentFirstParty()); got != 9 {
		t.Errorf("SentFirstParty() has %d cookies, want 9", got)
	}
	for _, c := range m.Cookies {
		if c.Sent == (c.Why != "") {
			t.Errorf("%s: Sent=%v but Why=%q", c.Key(), c.Sent, c.Why)
		}
		if c.Expired && c.Sent {
			t.Errorf("%s: sent but expired", c.Key())
		}
		if c.Expired != (!c.Expires.IsZero() && !c.Expires.After(m.Now)) {
			t.Errorf("%s: Expired=%v, Expires=%v, Now=%v", c.Key(), c.Expired, c.Expires, m.Now)
		}
	}
}

type kookyCookie struct {
	host, name, value string
	expires           time.Time
	partitioned       bool
}

func kookyRead(t *testing.T, f storegen.Format, file string, filters ...kooky.Filter) []kookyCookie {
	t.Helper()
	seq := chrome.TraverseCookies(file, filters...)
	if f != storegen.Chromium {
		seq = firefox.TraverseCookies(file, filters...)
	}
	var out []kookyCookie
	for c, err := range seq {
		if err != nil {
			t.Fatalf("kooky on %s: %v", file, err)
		}
		out = append(out, kookyCookie{c.Domain, c.Name, c.Value, c.Expires, c.Partitioned})
	}
	return out
}

var familyHosts = kooky.FilterFunc(func(c *kooky.Cookie) bool {
	return strings.HasSuffix(c.Domain, "ofgl.fr") || c.Domain == "tracker.example"
})

// checkKooky reads the store with kooky, the oracle for the format and the
// encryption: every row decodes (and, for Chromium, decrypts), and the
// family's values are the manifest's, minus what lives only in the WAL.
func checkKooky(t *testing.T, m storegen.Manifest) {
	t.Helper()
	all := kookyRead(t, m.Format, m.Path)
	if want := m.N - m.WALRows; len(all) != want {
		t.Errorf("kooky read %d cookies, want %d", len(all), want)
	}
	got := map[string]kookyCookie{}
	for _, c := range kookyRead(t, m.Format, m.Path, familyHosts) {
		got[c.host+"|"+c.name+"|"+c.value] = c
	}
	for _, c := range m.Cookies {
		k := c.Host + "|" + c.Name + "|" + c.Value
		kc, ok := got[k]
		if ok == c.WALOnly {
			t.Errorf("kooky found %s=%q: %v, but WALOnly=%v", c.Key(), c.Value, ok, c.WALOnly)
			continue
		}
		if !ok {
			continue
		}
		delete(got, k)
		if !kc.expires.Equal(c.Expires.Truncate(time.Millisecond)) && !kc.expires.Equal(c.Expires) {
			t.Errorf("kooky %s: expires %v, manifest %v", c.Key(), kc.expires, c.Expires)
		}
		if m.Format != storegen.Chromium && kc.partitioned != (c.Partition != "") {
			t.Errorf("kooky %s: partitioned=%v", c.Key(), kc.partitioned)
		}
	}
	for k := range got {
		t.Errorf("kooky found %s, not in the manifest", k)
	}
}

func TestChromium(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Cookies")
	m, err := storegen.WriteChromium(path, testN, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkManifest(t, m)
	if m.N != testN || m.Format != storegen.Chromium || m.Path != path {
		t.Errorf("manifest N=%d Format=%s Path=%s", m.N, m.Format, m.Path)
	}
	// The rollback journal Chromium leaves: a 0-byte Cookies-journal.
	if st, err := os.Stat(path + "-journal"); err != nil || st.Size() != 0 {
		t.Errorf("Cookies-journal: %v, %v", st, err)
	}
	if h := header(t, path); h != [2]byte{1, 1} {
		t.Errorf("header bytes 18-19 = %v, want rollback journal [1 1]", h)
	}
	if got := sqlite3(t, path, ".schema"); got != realChromiumSchema {
		t.Errorf(".schema:\n%s\nwant:\n%s", got, realChromiumSchema)
	}
	if storegen.ChromiumSchema != realChromiumSchema {
		t.Error("ChromiumSchema differs from the real schema")
	}
	for q, want := range map[string]string{
		"PRAGMA integrity_check":                         "ok",
		"PRAGMA page_size":                               "4096",
		"PRAGMA user_version":                            "0",
		"SELECT group_concat(key||'='||value) FROM meta": "mmap_status=-1,version=24,last_compatible_version=24",
		"SELECT count(*) FROM cookies":                   strconv.Itoa(testN),
		"SELECT count(*) FROM cookies WHERE value != '' OR hex(substr(encrypted_value,1,3)) != '763130'":                  "0",
		"SELECT count(DISTINCT samesite) FROM cookies WHERE samesite IN (-1,0,1,2)":                                       "4",
		"SELECT count(*) FROM cookies WHERE source_port != CASE source_scheme WHEN 2 THEN 443 ELSE 80 END":                "0",
		"SELECT count(*) > 0 FROM cookies WHERE top_frame_site_key LIKE 'https://%'":                                      "1",
		"SELECT count(*) > 0 FROM cookies WHERE is_persistent = 0 AND has_expires = 0 AND expires_utc = 0":                "1",
		"SELECT count(*) FROM cookies WHERE NOT (creation_utc <= last_update_utc AND last_update_utc <= last_access_utc)": "0",
	} {
		if got := one(t, path, q); got != want {
			t.Errorf("%s = %q, want %q", q, got, want)
		}
	}
	if got, want := familyRows(t, storegen.Chromium, path, m.Now), manifestRows(m); !slices.Equal(got, want) {
		t.Errorf("family rows in the file:\n%s\nmanifest:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkKooky(t, m)
}

func TestFirefox(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cookies.sqlite")
	m, err := storegen.WriteFirefox(path, testN, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	checkManifest(t, m)
	// After a clean exit: WAL mode, no -wal file, everything in the main file.
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("cookies.sqlite-wal exists")
	}
	if h := header(t, path); h != [2]byte{2, 2} {
		t.Errorf("header bytes 18-19 = %v, want WAL [2 2]", h)
	}
	checkKooky(t, m) // before sqlite3 leaves its -wal and -shm files
	cp := copyTo(t, path, "")
	if got := sqlite3(t, cp, ".schema"); got != realFirefoxSchema {
		t.Errorf(".schema:\n%s\nwant:\n%s", got, realFirefoxSchema)
	}
	for q, want := range map[string]string{
		"PRAGMA integrity_check":           "ok",
		"PRAGMA page_size":                 "32768",
		"PRAGMA user_version":              "17",
		"PRAGMA journal_mode":              "wal",
		"SELECT count(*) FROM moz_cookies": strconv.Itoa(testN),
		"SELECT count(*) FROM moz_cookies WHERE expiry < 100000000000":                                                       "0", // milliseconds
		"SELECT count(*) FROM moz_cookies WHERE creationTime < 1000000000000000":                                             "0", // microseconds
		"SELECT count(*) > 0 FROM moz_cookies WHERE originAttributes = '^userContextId=1'":                                   "1",
		"SELECT count(*) > 0 FROM moz_cookies WHERE originAttributes LIKE '^partitionKey=\\%28https\\%2C%\\%29' ESCAPE '\\'": "1",
		"SELECT count(DISTINCT sameSite) FROM moz_cookies WHERE sameSite IN (0,1,2,256)":                                     "4",
		"SELECT count(*) FROM moz_cookies WHERE NOT (creationTime <= updateTime AND updateTime <= lastAccessed)":             "0",
	} {
		if got := one(t, cp, q); got != want {
			t.Errorf("%s = %q, want %q", q, got, want)
		}
	}
	if got, want := familyRows(t, storegen.Firefox, cp, m.Now), manifestRows(m); !slices.Equal(got, want) {
		t.Errorf("family rows in the file:\n%s\nmanifest:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFirefoxWALFrames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cookies.sqlite")
	m, err := storegen.WriteFirefox(path, testN, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	checkManifest(t, m)
	if m.Format != storegen.FirefoxWAL || m.WALRows == 0 || m.WALFrames == 0 {
		t.Fatalf("manifest: format %s, %d WAL rows, %d frames", m.Format, m.WALRows, m.WALFrames)
	}
	st, err := os.Stat(path + "-wal")
	if err != nil || st.Size() != m.WALBytes || st.Size() != 32+int64(m.WALFrames)*(32768+24) {
		t.Fatalf("-wal: %v, %v; manifest %d bytes, %d frames", st, err, m.WALBytes, m.WALFrames)
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		t.Error("a -shm file exists; Firefox (exclusive locking) leaves none")
	}
	var walOnly []string
	for _, c := range m.Cookies {
		if c.WALOnly {
			walOnly = append(walOnly, c.Host+" "+c.Name)
		}
	}
	sort.Strings(walOnly)
	if want := []string{".notofgl.fr _ga", ".ofgl.fr _gid", "data.ofgl.fr csrftoken", "tracker.example trk_chips"}; !slices.Equal(walOnly, want) {
		t.Errorf("WALOnly cookies %q, want %q", walOnly, want)
	}

	// A reader that ignores the WAL misses the tail.
	checkKooky(t, m)
	mainOnly := copyTo(t, path, "")
	if got := one(t, mainOnly, "SELECT count(*) FROM moz_cookies"); got != strconv.Itoa(m.N-m.WALRows) {
		t.Errorf("main file alone: %s rows, want %d", got, m.N-m.WALRows)
	}
	// SQLite on the main file plus the -wal file sees every row.
	both := copyTo(t, path, "", "-wal")
	for q, want := range map[string]string{
		"PRAGMA integrity_check":           "ok",
		"PRAGMA journal_mode":              "wal",
		"SELECT count(*) FROM moz_cookies": strconv.Itoa(m.N),
	} {
		if got := one(t, both, q); got != want {
			t.Errorf("%s = %q, want %q", q, got, want)
		}
	}
	if got, want := familyRows(t, storegen.Firefox, both, m.Now), manifestRows(m); !slices.Equal(got, want) {
		t.Errorf("family rows in the file:\n%s\nmanifest:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The WAL also holds an update of an older row: the main file has the
	// old lastAccessed of _pk_id.1.abcd.
	q := "SELECT lastAccessed FROM moz_cookies WHERE name = '_pk_id.1.abcd'"
	if a, b := one(t, mainOnly, q), one(t, both, q); a == b {
		t.Errorf("lastAccessed of _pk_id.1.abcd is %s with and without the WAL", a)
	}
}

func TestDeterministic(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	// write returns the store's bytes; for FirefoxWAL, the main file's bytes,
	// the -wal file's size (its salts are random) and the rows read through
	// the WAL.
	write := func(f storegen.Format, seed int64, name string) []byte {
		p := filepath.Join(dir, name)
		if _, err := (storegen.Config{N: 300, Seed: seed, Now: now}).Write(f, p); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if f == storegen.FirefoxWAL {
			st, err := os.Stat(p + "-wal")
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, strconv.FormatInt(st.Size(), 10)...)
			b = append(b, sqlite3(t, copyTo(t, p, "", "-wal"), "SELECT * FROM moz_cookies")...)
		}
		return b
	}
	for _, f := range storegen.Formats {
		a, b, c := write(f, 7, string(f)+"a"), write(f, 7, string(f)+"b"), write(f, 8, string(f)+"c")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes with the same seed differ", f)
		}
		if bytes.Equal(a, c) {
			t.Errorf("%s: seeds 7 and 8 give the same file", f)
		}
	}
}

func TestTooSmall(t *testing.T) {
	if _, err := storegen.WriteChromium(filepath.Join(t.TempDir(), "Cookies"), storegen.MinN-1, 1); err == nil {
		t.Error("no error for n below MinN")
	}
	m, err := storegen.WriteFirefox(filepath.Join(t.TempDir(), "cookies.sqlite"), storegen.MinN, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Cookies) != storegen.MinN {
		t.Errorf("%d family cookies in a store of MinN rows", len(m.Cookies))
	}
}

func TestCached(t *testing.T) {
	t.Setenv(storegen.CacheEnv, t.TempDir())
	m1, err := storegen.Cached(storegen.FirefoxWAL, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(storegen.CacheDir(), "firefox-wal-200-3", "cookies.sqlite"); m1.Path != want {
		t.Errorf("Path = %s, want %s", m1.Path, want)
	}
	m2, err := storegen.Cached(storegen.FirefoxWAL, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !m2.Now.Equal(m1.Now) || m2.GenDuration != m1.GenDuration || m2.Path != m1.Path {
		t.Errorf("second call regenerated: %v/%v, %v/%v", m1.Now, m2.Now, m1.GenDuration, m2.GenDuration)
	}
	// A reader that checkpointed the WAL changed the store: regenerate.
	if err := os.Truncate(m1.Path+"-wal", 0); err != nil {
		t.Fatal(err)
	}
	m3, err := storegen.Cached(storegen.FirefoxWAL, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(m3.Path + "-wal"); err != nil || st.Size() != m3.WALBytes || m3.WALBytes == 0 {
		t.Errorf("not regenerated: %v %v", st, err)
	}
}
