package inspect

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// These tests hold a store the way a running browser does, from another
// process (the sqlite3 shell, real SQLite), and check that reading sees
// every committed cookie while changing nothing beside the store.

const firefoxSchema = `CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes));`

const chromiumSchema = `CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
INSERT INTO meta VALUES('mmap_status','-1'),('version','24'),('last_compatible_version','24');
CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL);
CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port);`

func requireSQLite3(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("sqlite3 is missing; .ci/run installs it")
		}
		t.Skip("sqlite3 not installed")
	}
	return p
}

func sqlite3Exec(t *testing.T, db, script string) {
	t.Helper()
	cmd := exec.Command(requireSQLite3(t), db)
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v: %s", err, out)
	}
}

// holder is a sqlite3 shell kept running with a script applied.
type holder struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// holdStore runs script in a sqlite3 shell and keeps it alive until killed.
func holdStore(t *testing.T, db, script string) *holder {
	t.Helper()
	cmd := exec.Command(requireSQLite3(t), db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &holder{cmd: cmd, stdin: stdin}
	t.Cleanup(h.kill)
	fmt.Fprintf(stdin, "%s\nSELECT 'ready';\n", script)
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "ready" {
				ready <- true
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		t.Fatal("sqlite3 holder did not get ready")
	}
	return h
}

func (h *holder) kill() {
	if h.cmd.ProcessState == nil {
		h.cmd.Process.Kill()
		h.cmd.Wait()
	}
}

// dirState is the name, size and content hash of every file in a directory.
func dirState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprintf("%s %d %x", e.Name(), len(data), sha256.Sum256(data)))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func testSite(t *testing.T) catalog.Site {
	t.Helper()
	s, err := catalog.NewSite("data.ofgl.fr")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func names(cookies []Cookie) []string {
	var out []string
	for _, c := range cookies {
		out = append(out, c.Host+"/"+c.Name)
	}
	sort.Strings(out)
	return out
}

func firefoxRow(name, host string, expiryMs int64, oa string) string {
	return fmt.Sprintf("INSERT INTO moz_cookies(originAttributes,name,value,host,path,expiry,lastAccessed,creationTime,isSecure,isHttpOnly,sameSite,schemeMap) VALUES('%s','%s','v-%s','%s','/',%d,1,1,0,0,256,2);\n", oa, name, name, host, expiryMs)
}

func TestReadFirefoxWhileLockedAndAfterKill(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cookies.sqlite")
	future := time.Now().Add(48 * time.Hour).UnixMilli()
	sqlite3Exec(t, db, "PRAGMA page_size=32768; PRAGMA journal_mode=WAL; PRAGMA user_version=17;\n"+firefoxSchema+"\n"+
		firefoxRow("csrftoken", "data.ofgl.fr", future, "")+firefoxRow("decoy", "www.ofgl.fr", future, ""))
	if fi, _ := os.Stat(db + "-wal"); fi != nil && fi.Size() != 0 {
		t.Fatalf("setup left a WAL of %d bytes", fi.Size())
	}

	// Like a running Firefox: an exclusive lock, new cookies only in the WAL.
	h := holdStore(t, db, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA wal_autocheckpoint=0;\n"+
		firefoxRow("sessionid", "data.ofgl.fr", future, "")+
		firefoxRow("_ga", ".ofgl.fr", future, "")+
		firefoxRow("trk", "tracker.example", future, "^partitionKey=%28https%2Cofgl.fr%29")+
		firefoxRow("trk_other", "tracker.example", future, "^partitionKey=%28https%2Cdecoy.example%29"))

	// The lock is real: a plain read-only open fails.
	plain, _ := sql.Open("sqlite", sqliteURI(db, "mode=ro"))
	var n int
	if err := plain.QueryRow("SELECT count(*) FROM moz_cookies").Scan(&n); !isSQLiteCode(err, sqliteBusy, sqliteLocked) {
		t.Fatalf("expected the store to be locked, got n=%d err=%v", n, err)
	}
	plain.Close()

	before := dirState(t, dir)
	opts := Options{Site: testSite(t)}
	ref := StoreRef{Browser: "firefox", Path: db, Kind: KindFirefox}
	got, err := ReadFile(context.Background(), ref, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".ofgl.fr/_ga", "data.ofgl.fr/csrftoken", "data.ofgl.fr/sessionid", "tracker.example/trk"}
	if fmt.Sprint(names(got)) != fmt.Sprint(want) {
		t.Fatalf("while locked: got %v, want %v", names(got), want)
	}
	if after := dirState(t, dir); after != before {
		t.Fatalf("reading changed the store's directory:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	for _, c := range got {
		if c.Name == "trk" && (!c.ThirdParty || c.PartitionSite != "https://ofgl.fr") {
			t.Errorf("partitioned tracker cookie: third party %v, partition %q", c.ThirdParty, c.PartitionSite)
		}
		if c.Value != "" || c.ValueState != ValueMasked {
			t.Errorf("%s: value read without being asked for", c.Name)
		}
	}

	// Like a killed Firefox: the WAL stays behind, unlocked.
	h.kill()
	before = dirState(t, dir)
	got, err = ReadFile(context.Background(), ref, Options{Site: testSite(t), ShowValues: true})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(names(got)) != fmt.Sprint(want) {
		t.Fatalf("after kill: got %v, want %v", names(got), want)
	}
	for _, c := range got {
		if c.ValueState != ValueShown || c.Value != "v-"+c.Name {
			t.Errorf("%s: value %q state %v", c.Name, c.Value, c.ValueState)
		}
	}
	if after := dirState(t, dir); after != before {
		t.Fatalf("reading changed the store's directory:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func TestReadClosedStoreDirectlyLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cookies.sqlite")
	future := time.Now().Add(48 * time.Hour).UnixMilli()
	past := time.Now().Add(-48 * time.Hour).UnixMilli()
	sqlite3Exec(t, db, "PRAGMA journal_mode=WAL; PRAGMA user_version=17;\n"+firefoxSchema+"\n"+
		firefoxRow("csrftoken", "data.ofgl.fr", future, "")+
		firefoxRow("old", "data.ofgl.fr", past, "")+
		firefoxRow("ctx", "data.ofgl.fr", future, "^userContextId=2")+
		firefoxRow("private", "data.ofgl.fr", future, "^privateBrowsingId=1"))
	before := dirState(t, db[:len(db)-len("cookies.sqlite")])
	var mode string
	var rows int
	mode, err := withStoreDB(context.Background(), db, func(d *sql.DB) error {
		return d.QueryRow("SELECT count(*) FROM moz_cookies").Scan(&rows)
	})
	if err != nil || mode != "direct" || rows != 4 {
		t.Fatalf("mode %q rows %d err %v", mode, rows, err)
	}
	got, err := ReadFile(context.Background(), StoreRef{Path: db, Kind: KindFirefox}, Options{Site: testSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[data.ofgl.fr/csrftoken data.ofgl.fr/ctx]"; fmt.Sprint(names(got)) != want {
		t.Fatalf("got %v, want %s (expired and private cookies are not sent)", names(got), want)
	}
	for _, c := range got {
		if c.Name == "ctx" && c.Container != "container 2" {
			t.Errorf("container cookie without its container: %q", c.Container)
		}
	}
	got, err = ReadFile(context.Background(), StoreRef{Path: db, Kind: KindFirefox}, Options{Site: testSite(t), Expired: true})
	if err != nil || len(got) != 3 {
		t.Fatalf("--expired: got %v, %v", names(got), err)
	}
	if after := dirState(t, dir); after != before {
		t.Fatalf("a direct read left files:\n%s\n---\n%s", before, after)
	}
}

func chromiumRow(host, top, name string, expires int64) string {
	return fmt.Sprintf("INSERT INTO cookies VALUES(13400000000000000,'%s','%s','%s','',x'763130%s','/',%d,1,1,13400000000000000,1,1,1,1,2,443,13400000000000000,1,1);\n",
		host, top, name, strings.Repeat("00", 200), expires)
}

func TestReadChromiumWithHotJournal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "Cookies")
	future := (time.Now().Add(48*time.Hour).UnixMicro() + chromiumEpochOffset)
	var b strings.Builder
	b.WriteString("PRAGMA journal_mode=TRUNCATE;\n" + chromiumSchema + "\nBEGIN;\n")
	b.WriteString(chromiumRow("data.ofgl.fr", "", "sessionid", future))
	b.WriteString(chromiumRow(".ofgl.fr", "", "_ga", 0))
	b.WriteString(chromiumRow("tracker.example", "https://ofgl.fr", "trk_chips", future))
	b.WriteString(chromiumRow("data.ofgl.fr", "https://decoy.example", "embedded", future))
	b.WriteString(chromiumRow("www.ofgl.fr", "", "decoy", future))
	for i := 0; i < 3000; i++ {
		b.WriteString(chromiumRow(fmt.Sprintf("site%d.example", i), "", "filler", future))
	}
	b.WriteString("COMMIT;\n")
	sqlite3Exec(t, db, b.String())

	// Like a Chromium killed mid-commit: changed pages in the file, the
	// originals in a hot journal.
	h := holdStore(t, db, "PRAGMA cache_size=2; BEGIN; DELETE FROM cookies; UPDATE meta SET value='x';")
	h.kill()
	fi, err := os.Stat(db + "-journal")
	if err != nil || fi.Size() == 0 {
		t.Skipf("could not produce a hot journal (size %v, err %v)", fi, err)
	}
	before := dirState(t, dir)
	got, err := ReadFile(context.Background(), StoreRef{Browser: "chromium", Path: db, Kind: KindChromium}, Options{Site: testSite(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := "[.ofgl.fr/_ga data.ofgl.fr/sessionid tracker.example/trk_chips]"
	if fmt.Sprint(names(got)) != want {
		t.Fatalf("got %v, want %s", names(got), want)
	}
	for _, c := range got {
		switch c.Name {
		case "_ga":
			if !c.Session || !c.Expires.IsZero() {
				t.Errorf("_ga has expires_utc 0: a session cookie, got %+v", c)
			}
		case "trk_chips":
			if !c.ThirdParty || c.PartitionSite != "https://ofgl.fr" || c.Chromium.TopFrameSiteKey != "https://ofgl.fr" {
				t.Errorf("trk_chips: %+v", c)
			}
		}
		if c.SameSite != SameSiteLax || !c.Secure || !c.HTTPOnly || c.Chromium.SourcePort != 443 {
			t.Errorf("%s: fields %+v %+v", c.Name, c, *c.Chromium)
		}
	}
	if after := dirState(t, dir); after != before {
		t.Fatal("reading a store with a hot journal changed its directory")
	}
}

func TestDetectKind(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ff := filepath.Join(dir, "a.sqlite")
	sqlite3Exec(t, ff, firefoxSchema)
	ch := filepath.Join(dir, "b")
	sqlite3Exec(t, ch, chromiumSchema)
	other := filepath.Join(dir, "c.db")
	sqlite3Exec(t, other, "CREATE TABLE x(y);")
	cases := []struct {
		path   string
		kind   Kind
		format string
		// problem is the kind a read reports for the file ("" for any).
		problem ProblemKind
	}{
		{ff, KindFirefox, "", ""},
		{ch, KindChromium, "", ""},
		{other, KindUnknown, "", ProblemNoCookieTable},
		{write("s", []byte("mozLz40\x00\x05\x00\x00\x00")), KindFirefoxSession, "", ""},
		{write("cookies.txt", []byte("# Netscape HTTP Cookie File\n")), KindKooky, "netscape", ""},
		{write("jar", []byte(".ofgl.fr\tTRUE\t/\tFALSE\t0\ta\tb\n")), KindKooky, "netscape", ""},
		{write("Cookies.binarycookies", []byte("cook\x00\x00\x00\x00")), KindKooky, "safari", ""},
		{write("empty", nil), KindUnknown, "", ProblemEmptyFile},
		{write("random", []byte("\x01\x02garbage")), KindUnknown, "", ProblemUnrecognised},
		{write("trunc", []byte("SQLite format 3\x00\x10\x00")), KindUnknown, "", ""},
		{dir, KindUnknown, "", ProblemIsDirectory},
		{filepath.Join(dir, "missing"), KindUnknown, "", ProblemNotFound},
	}
	for _, c := range cases {
		kind, format, err := DetectKind(context.Background(), c.path)
		if kind != c.kind || format != c.format {
			t.Errorf("%s: got %q %q %v, want %q %q", filepath.Base(c.path), kind, format, err, c.kind, c.format)
		}
		if c.kind == KindUnknown && (err == nil || c.problem != "" && readProblem(err, c.path).Kind != c.problem) {
			t.Errorf("%s: error %v, want a problem %q", filepath.Base(c.path), err, c.problem)
		}
	}
}

func TestRevealValueReadsOneCookie(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cookies.sqlite")
	future := time.Now().Add(48 * time.Hour).UnixMilli()
	sqlite3Exec(t, db, "PRAGMA user_version=17;\n"+firefoxSchema+"\n"+firefoxRow("csrftoken", "data.ofgl.fr", future, "")+firefoxRow("_ga", ".ofgl.fr", future, ""))
	ref := StoreRef{Browser: "firefox", Path: db, Kind: KindFirefox}
	listed := readSite(t, ref)
	got, err := RevealValue(context.Background(), pick(listed, "_ga")[0], testSite(t))
	if err != nil || got.Value != "v-_ga" || got.ValueState != ValueShown || got.Name != "_ga" {
		t.Fatalf("%+v %v", got, err)
	}
	sqlite3Exec(t, db, "DELETE FROM moz_cookies WHERE name='_ga';")
	if _, err := RevealValue(context.Background(), pick(listed, "_ga")[0], testSite(t)); err == nil {
		t.Fatal("a deleted cookie's value was revealed")
	}
}
