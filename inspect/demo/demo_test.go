package demo

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

func site(t *testing.T) catalog.Site {
	t.Helper()
	s, err := catalog.NewSite("data.ofgl.fr")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newDemo(t *testing.T) *Demo {
	t.Helper()
	d, err := New(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// key identifies a cookie across stores' formats.
func key(host, name, path, partition, container string) string {
	return fmt.Sprintf("%s %s %s [%s] {%s}", host, name, path, partition, container)
}

func cookieKey(c inspect.Cookie) string {
	return key(c.Host, c.Name, c.Path, c.PartitionSite, c.Container)
}

func sampleKey(s sample) string {
	container := ""
	if s.container == 1 {
		container = "Personal"
	}
	return key(s.host, s.name, s.cookiePath(), s.partition, container)
}

// rowsOf gives the sample rows written to a store, the session store's
// cookie included.
func rowsOf(t *testing.T, ref inspect.StoreRef) []sample {
	t.Helper()
	switch {
	case ref.Kind == inspect.KindChromium && ref.Profile == "Personnel":
		return chromiumPersonal
	case ref.Kind == inspect.KindChromium && ref.Profile == "Travail":
		return chromiumWorkRows
	case ref.Kind == inspect.KindFirefox:
		return firefoxRows
	case ref.Kind == inspect.KindFirefoxSession:
		return []sample{firefoxSession}
	}
	t.Fatalf("unexpected store %+v", ref)
	return nil
}

type storeRead struct {
	status   inspect.StoreStatus
	findings []inspect.Finding
}

func readAll(t *testing.T, d *Demo, showValues bool) map[string]storeRead {
	t.Helper()
	out := map[string]storeRead{}
	inspect.ReadEach(context.Background(), d.Stores, inspect.Options{Site: site(t), ShowValues: showValues},
		func(st inspect.StoreStatus, fs []inspect.Finding) {
			out[st.Path] = storeRead{st, fs}
		})
	if len(out) != len(d.Stores) {
		t.Fatalf("read %d stores, want %d", len(out), len(d.Stores))
	}
	return out
}

func TestStoresAreTheRealLayout(t *testing.T) {
	d := newDemo(t)
	rel := func(p string) string {
		r, err := filepath.Rel(d.Dir, p)
		if err != nil {
			t.Fatal(err)
		}
		return filepath.ToSlash(r)
	}
	var got []string
	for _, s := range d.Stores {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s|%s", s.Browser, s.Profile, s.Kind, rel(s.Path), rel(s.ProfileDir), func() string {
			if s.UserDataDir == "" {
				return ""
			}
			return rel(s.UserDataDir)
		}()))
	}
	want := []string{
		"chromium|Personnel|chromium|chromium/Default/Cookies|chromium/Default|chromium",
		"chromium|Travail|chromium|chromium/Profile 1/Cookies|chromium/Profile 1|chromium",
		"firefox|default-release|firefox|firefox/abcd1234.default-release/cookies.sqlite|firefox/abcd1234.default-release|",
		"firefox|default-release|firefox-session|firefox/abcd1234.default-release/sessionstore.jsonlz4|firefox/abcd1234.default-release|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("stores:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rel(d.StateDir) != "state" || rel(d.ConfigDir) != "config" {
		t.Errorf("state %s, config %s: want them inside Dir", d.StateDir, d.ConfigDir)
	}

	// The files are what the browsers write.
	ch := openRO(t, d.Stores[0].Path)
	if got := scalar(t, ch, "SELECT group_concat(key||'='||value, ',') FROM meta"); got != "mmap_status=-1,version=24,last_compatible_version=24" {
		t.Errorf("Chromium meta %s", got)
	}
	if got := scalar(t, ch, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%has_cross_site_ancestor INTEGER NOT NULL)'"); got != "1" {
		t.Error("Chromium schema is not version 24's")
	}
	if got := scalar(t, ch, "PRAGMA page_size"); got != "4096" {
		t.Errorf("Chromium page size %s", got)
	}
	if fi, err := os.Stat(d.Stores[0].Path + "-journal"); err != nil || fi.Size() != 0 {
		t.Errorf("Chromium leaves a 0-byte Cookies-journal: %v %v", fi, err)
	}
	ff := openRO(t, d.Stores[2].Path)
	if got := scalar(t, ff, "PRAGMA user_version"); got != "17" {
		t.Errorf("Firefox user_version %s", got)
	}
	if got := scalar(t, ff, "PRAGMA page_size"); got != "32768" {
		t.Errorf("Firefox page size %s", got)
	}
	header := make([]byte, 20)
	f, err := os.Open(d.Stores[2].Path)
	if err != nil {
		t.Fatal(err)
	}
	f.Read(header)
	f.Close()
	if header[18] != 2 || header[19] != 2 {
		t.Errorf("Firefox store is not in WAL mode: header bytes %d %d", header[18], header[19])
	}
	if fi, err := os.Stat(d.Stores[2].Path + "-wal"); err != nil || fi.Size() != 0 {
		t.Errorf("a cleanly closed Firefox keeps a 0-byte WAL: %v %v", fi, err)
	}
	if _, err := os.Stat(d.Stores[2].Path + "-shm"); err == nil {
		t.Error("Firefox never leaves a -shm file")
	}
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", sqliteURI(path)+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func scalar(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s.String
}

func TestReadEveryStore(t *testing.T) {
	d := newDemo(t)
	reads := readAll(t, d, true)
	categories := map[catalog.Category]bool{}
	undecryptable := 0
	for _, ref := range d.Stores {
		r := reads[ref.Path]
		if !r.status.OK || r.status.Err != nil {
			t.Errorf("%s %s: not read: %s", ref.Browser, ref.Profile, r.status.Err)
			continue
		}
		if r.status.Note != "" && ref.Kind != inspect.KindFirefoxSession {
			t.Errorf("%s: read with note %q; a closed store is read directly", ref.Path, r.status.Note)
		}
		var want, decoys, got []string
		byKey := map[string]sample{}
		for _, s := range rowsOf(t, ref) {
			if s.decoy {
				decoys = append(decoys, sampleKey(s))
			} else {
				want = append(want, sampleKey(s))
				byKey[sampleKey(s)] = s
			}
		}
		for _, f := range r.findings {
			k := cookieKey(f.Cookie)
			got = append(got, k)
			categories[f.Match.Category] = true
			s, ok := byKey[k]
			if !ok {
				continue
			}
			switch {
			case s.undecryptable:
				undecryptable++
				if f.ValueState != inspect.ValueUndecryptable || f.Value != "" {
					t.Errorf("%s: state %v value %q, want undecryptable", k, f.ValueState, f.Value)
				}
			case f.ValueState != inspect.ValueShown || f.Value != s.value:
				t.Errorf("%s: state %v value %q, want %q", k, f.ValueState, f.Value, s.value)
			}
			if f.Session != (s.life == 0) || f.Expired {
				t.Errorf("%s: session %v expired %v", k, f.Session, f.Expired)
			}
			if f.Secure != s.secure || f.HTTPOnly != s.httpOnly {
				t.Errorf("%s: secure %v httpOnly %v", k, f.Secure, f.HTTPOnly)
			}
			if f.ThirdParty != (s.host == "tracker.example") {
				t.Errorf("%s: third party %v", k, f.ThirdParty)
			}
			if !f.Session && (!f.Created.Before(time.Now()) || !f.Expires.After(time.Now())) {
				t.Errorf("%s: created %v expires %v", k, f.Created, f.Expires)
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s %s (%s):\ngot:\n%s\nwant:\n%s", ref.Browser, ref.Profile, ref.Kind, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, k := range decoys {
			if slices.Contains(got, k) {
				t.Errorf("decoy listed: %s", k)
			}
		}
	}
	if undecryptable != 1 {
		t.Errorf("%d undecryptable cookies, want 1", undecryptable)
	}
	for _, c := range []catalog.Category{catalog.Necessary, catalog.Undeclared, catalog.ThirdParty} {
		if !categories[c] {
			t.Errorf("no %s cookie in the demo", c)
		}
	}

	// What the brief promises to show, by name, so that a change of the
	// tables cannot drop it unnoticed.
	names := func(path string) []string {
		var out []string
		for _, f := range reads[path].findings {
			out = append(out, f.Name+"@"+f.Host+f.Path)
		}
		return out
	}
	for i, must := range [][]string{
		{"sessionid@data.ofgl.fr/", "csrftoken@data.ofgl.fr/", "django_language@data.ofgl.fr/", "cookies_preferences@data.ofgl.fr/",
			"_pk_id.1.abcd@data.ofgl.fr/", "_pk_ses.1.abcd@data.ofgl.fr/", "_ga@.ofgl.fr/", "_ga_ABC123@.ofgl.fr/", "_gid@.ofgl.fr/",
			"atuserid@.data.ofgl.fr/", "ofgl_session@data.ofgl.fr/", "ofgl_ab_test@data.ofgl.fr/", "trk_frame_chips@tracker.example/",
			"ods_api_quota@data.ofgl.fr/api"},
		{"sessionid@data.ofgl.fr/", "csrftoken@data.ofgl.fr/", "_ga@.ofgl.fr/"},
		{"sessionid@data.ofgl.fr/", "csrftoken@data.ofgl.fr/", "_ga@.ofgl.fr/", "_pk_id.1.abcd@data.ofgl.fr/", "trk_frame_chips@tracker.example/", "trk_pixel@tracker.example/"},
		{"ofgl_session@data.ofgl.fr/"},
	} {
		got := names(d.Stores[i].Path)
		for _, n := range must {
			if !slices.Contains(got, n) {
				t.Errorf("%s %s: %s missing", d.Stores[i].Kind, d.Stores[i].Profile, n)
			}
		}
	}
	for _, f := range reads[d.Stores[0].Path].findings {
		if f.Name == "trk_frame_chips" && (f.PartitionSite != "https://ofgl.fr" || !f.Secure || f.SameSite != inspect.SameSiteNone || f.Chromium.SourceScheme != 2) {
			t.Errorf("Chromium partitioned cookie: %+v %+v", f.Cookie, *f.Chromium)
		}
		if f.Name == "sessionid" && (f.SameSite != inspect.SameSiteLax || f.Match.Category != catalog.Necessary) {
			t.Errorf("sessionid: %v %v", f.SameSite, f.Match.Category)
		}
	}
	containers := 0
	for _, f := range reads[d.Stores[2].Path].findings {
		if f.Container != "" {
			containers++
			if f.Container != "Personal" || f.Name != "sessionid" {
				t.Errorf("container cookie %s in %q", f.Name, f.Container)
			}
		}
		if f.Host == "tracker.example" && (f.PartitionSite != "https://ofgl.fr" || f.Match.Category != catalog.ThirdParty) {
			t.Errorf("Firefox tracker: partition %q category %v", f.PartitionSite, f.Match.Category)
		}
	}
	if containers != 1 {
		t.Errorf("%d container cookies, want 1", containers)
	}

	// Without ShowValues nothing is read.
	for _, r := range readAll(t, d, false) {
		for _, f := range r.findings {
			if f.Value != "" || f.ValueState != inspect.ValueMasked {
				t.Errorf("%s: value read without being asked for", f.Name)
			}
		}
	}
}

// The demo is read exactly as Discover finds real stores: point a fresh
// HOME's browser directories at the demo and compare.
func TestDiscoverFindsTheSameStores(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the XDG layout is Linux's")
	}
	d := newDemo(t)
	home := t.TempDir()
	config := filepath.Join(home, ".config")
	if err := os.MkdirAll(filepath.Join(config, "mozilla"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(d.Dir, "chromium"), filepath.Join(config, "chromium")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(d.Dir, "firefox"), filepath.Join(config, "mozilla", "firefox")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", config)
	found := inspect.Discover(context.Background())
	var got, want []string
	for _, s := range found {
		s.Path = strings.Replace(s.Path, config+"/mozilla", d.Dir, 1)
		s.Path = strings.Replace(s.Path, config, d.Dir, 1)
		s.ProfileDir = strings.Replace(strings.Replace(s.ProfileDir, config+"/mozilla", d.Dir, 1), config, d.Dir, 1)
		s.UserDataDir = strings.Replace(s.UserDataDir, config, d.Dir, 1)
		got = append(got, fmt.Sprintf("%+v", s))
	}
	for _, s := range d.Stores {
		want = append(want, fmt.Sprintf("%+v", s))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Discover:\n%s\nDemo:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func pick(reads map[string]storeRead, ref inspect.StoreRef, name string) []inspect.Cookie {
	var out []inspect.Cookie
	for _, f := range reads[ref.Path].findings {
		if f.Name == name {
			out = append(out, f.Cookie)
		}
	}
	return out
}

func listing(reads map[string]storeRead) string {
	var out []string
	for path, r := range reads {
		for _, f := range r.findings {
			out = append(out, path+" "+cookieKey(f.Cookie))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestDeleteThenUndo(t *testing.T) {
	d := newDemo(t)
	before := readAll(t, d, false)
	var victims []inspect.Cookie
	victims = append(victims, pick(before, d.Stores[0], "_ga")...)             // Chromium, statistics
	victims = append(victims, pick(before, d.Stores[0], "trk_frame_chips")...) // Chromium, partitioned
	victims = append(victims, pick(before, d.Stores[2], "_pk_id.1.abcd")...)   // Firefox, WAL store
	victims = append(victims, pick(before, d.Stores[3], "ofgl_session")...)    // Firefox session store
	if len(victims) != 4 {
		t.Fatalf("picked %d cookies", len(victims))
	}
	for _, v := range victims {
		if m := catalog.Default().Match(v.Host, v.Name, v.ThirdParty); m.Category.Essential() {
			t.Fatalf("%s is essential", v.Name)
		}
	}
	res, err := inspect.Delete(context.Background(), victims, inspect.DeleteOptions{StateDir: d.StateDir, CheckRunning: d.CheckRunning})
	if err != nil || !res.OK() {
		t.Fatalf("delete: %v %+v", err, res.Stores)
	}
	after := readAll(t, d, false)
	for _, v := range victims {
		for _, f := range after[v.Store.Path].findings {
			if inspect.SameCookie(f.Cookie, v) {
				t.Errorf("%s is still listed after the delete", v.Name)
			}
		}
	}
	var left int
	for _, r := range after {
		left += len(r.findings)
	}
	var total int
	for _, r := range before {
		total += len(r.findings)
	}
	if left != total-len(victims) {
		t.Errorf("%d cookies left of %d, deleted %d", left, total, len(victims))
	}
	// The decoy with the same name, partitioned under another site, stays.
	db := openRO(t, d.Stores[0].Path)
	if got := scalar(t, db, "SELECT count(*) FROM cookies WHERE name='trk_frame_chips' AND top_frame_site_key='https://example.org'"); got != "1" {
		t.Errorf("the example.org partition's trk_frame_chips was touched: %s rows", got)
	}
	checkPrivateTree(t, d.Dir)

	if _, results, err := inspect.Undo(context.Background(), d.StateDir, res.ID, inspect.DeleteOptions{CheckRunning: d.CheckRunning}); err != nil {
		t.Fatalf("undo: %v %+v", err, results)
	} else {
		for _, r := range results {
			if r.Err != nil {
				t.Errorf("undo: %+v", r)
			}
		}
	}
	if got, want := listing(readAll(t, d, false)), listing(before); got != want {
		t.Fatalf("after undo:\n%s\nwant:\n%s", got, want)
	}
	checkPrivateTree(t, d.Dir)
}

func TestCheckRunningVouchesOnlyForOpenDemos(t *testing.T) {
	d := newDemo(t)
	for _, s := range d.Stores {
		if st, err := d.CheckRunning(s); err != nil || st.Running {
			t.Errorf("%s: %+v %v", s.Path, st, err)
		}
	}
	// Each demo vouches for its own stores only.
	if _, err := newDemo(t).CheckRunning(d.Stores[0]); err == nil {
		t.Error("another demo vouched for this demo's store")
	}
	outside := filepath.Join(t.TempDir(), "Cookies")
	os.WriteFile(outside, nil, 0o600)
	link := filepath.Join(d.Dir, "chromium", "Default", "link")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{outside, link, d.Dir, filepath.Join(d.Dir, "..", "x"), "Cookies", ""} {
		if _, err := d.CheckRunning(inspect.StoreRef{Path: p}); err == nil {
			t.Errorf("%q: vouched for a store outside the demo", p)
		}
	}
	// A cookie of a real store is refused, and its store untouched.
	cookie := pick(readAll(t, d, false), d.Stores[0], "_ga")[0]
	cookie.Store.Path = outside
	res, err := inspect.Delete(context.Background(), []inspect.Cookie{cookie}, inspect.DeleteOptions{StateDir: d.StateDir, CheckRunning: d.CheckRunning})
	if err != nil || !res.Refused() {
		t.Fatalf("a store outside the demo was not refused: %v %+v", err, res.Stores)
	}
	store := d.Stores[0]
	d.Close()
	if _, err := d.CheckRunning(store); err == nil {
		t.Error("a closed demo's store is still vouched for")
	}
}

// checkPrivateTree checks every file under root: 0600 files in 0700
// directories, since the demo's files hold cookie values like real ones.
func checkPrivateTree(t *testing.T, root string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	n := 0
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		n++
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want || fi.Mode()&os.ModeSymlink != 0 {
			t.Errorf("%s has mode %v, want %v", p, fi.Mode(), want)
		}
		return nil
	})
	if n < 15 {
		t.Errorf("only %d entries under %s", n, root)
	}
}

func TestPrivateFilesAndClose(t *testing.T) {
	d, err := New(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checkPrivateTree(t, d.Dir)
	if !strings.HasPrefix(filepath.Base(d.Dir), "ofgl-cookies-demo-") {
		t.Errorf("Dir %s is not a private temporary directory", d.Dir)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d.Dir); !os.IsNotExist(err) {
		t.Fatalf("Close left %s: %v", d.Dir, err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// Reading the values must not reach the user's keyring: kooky asks the
// Secret Service over the D-Bus session bus for any Chromium value it has
// to decrypt with a key it does not know.
func TestShowValuesNeverContactsTheKeyring(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the D-Bus session bus is Linux's")
	}
	sock := filepath.Join(t.TempDir(), "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skip("cannot listen on a unix socket:", err)
	}
	defer l.Close()
	contacted := make(chan bool, 1)
	go func() {
		// Hang up on every caller, so that a regression fails fast
		// instead of waiting for a bus that never answers.
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			select {
			case contacted <- true:
			default:
			}
			c.Close()
		}
	}()
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+sock)
	d := newDemo(t)
	readAll(t, d, true)
	select {
	case <-contacted:
		t.Fatal("reading the demo's values contacted the D-Bus session bus (the keyring)")
	case <-time.After(50 * time.Millisecond):
	}
}

func TestNewIsFast(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing")
	}
	best := time.Hour
	for range 5 {
		start := time.Now()
		d, err := New(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
		d.Close()
	}
	t.Logf("New: best of 5 %v", best)
	if best > 100*time.Millisecond {
		t.Errorf("New took %v, want < 100ms", best)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		d, err := New(time.Now())
		if err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}
