package inspect_test

// Deleting 1,000 cookies from a 100,000-cookie Chromium store, against the
// sqlite3 CLI running the same DELETE in one transaction, and reading the
// whole list over several stores:
//
//	go test ./inspect -run '^$' -bench 'Delete|ListStores' -benchmem

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

// deleteTemplate is a 100,000-cookie Chromium store where 1,000 cookies
// belong to data.ofgl.fr.
func deleteTemplate(b *testing.B) string {
	b.Helper()
	needSqlite3(b)
	m := benchStore(b, storegen.Chromium, 100000)
	dir := b.TempDir()
	path := filepath.Join(dir, "Cookies")
	for _, s := range []string{"", "-journal"} {
		data, err := os.ReadFile(m.Path + s)
		if err != nil && s == "" {
			b.Fatal(err)
		}
		os.WriteFile(path+s, data, 0o600)
	}
	cmd := exec.Command("sqlite3", path, `PRAGMA journal_mode=TRUNCATE;
UPDATE cookies SET host_key='data.ofgl.fr', name='bench' || rowid, top_frame_site_key=''
 WHERE rowid IN (SELECT rowid FROM cookies WHERE host_key NOT LIKE '%ofgl.fr' ORDER BY rowid LIMIT 990);`)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%v %s", err, out)
	}
	return path
}

func copyStore(b *testing.B, src, dir string) string {
	b.Helper()
	dst := filepath.Join(dir, "Default", "Cookies")
	os.MkdirAll(filepath.Dir(dst), 0o700)
	for _, s := range []string{"", "-journal"} {
		data, err := os.ReadFile(src + s)
		if err != nil {
			continue
		}
		if err := os.WriteFile(dst+s, data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return dst
}

func noBrowser(inspect.StoreRef) (inspect.OwnerStatus, error) { return inspect.OwnerStatus{}, nil }

// BenchmarkDelete1000From100k is the whole protocol: backup, one
// transaction with identity checks and undo record, checkpoint, verify.
func BenchmarkDelete1000From100k(b *testing.B) {
	tmpl := deleteTemplate(b)
	site, _ := catalog.NewSite("data.ofgl.fr")
	ctx := context.Background()
	var txn time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		path := copyStore(b, tmpl, dir)
		ref := inspect.StoreRef{Browser: "chromium", Path: path, Kind: inspect.KindChromium, UserDataDir: dir}
		cookies, err := inspect.ReadFile(ctx, ref, inspect.Options{Site: site, Expired: true})
		if err != nil || len(cookies) < 1000 {
			b.Fatalf("%d cookies, %v", len(cookies), err)
		}
		cookies = cookies[:1000]
		// The transaction alone (BEGIN IMMEDIATE to COMMIT, undo record
		// included) is what compares with the CLI's DELETE; backup and
		// verification are the protocol's extra safety.
		var begun time.Time
		step := func(s string) {
			switch s {
			case "begun":
				begun = time.Now()
			case inspect.StepCommitted:
				txn += time.Since(begun)
			}
		}
		b.StartTimer()
		res, err := inspect.Delete(ctx, cookies, inspect.DeleteOptions{StateDir: filepath.Join(dir, "state"), CheckRunning: noBrowser, Interrupt: step})
		if err != nil || !res.OK() {
			b.Fatalf("%v %+v", err, res.Stores)
		}
	}
	b.ReportMetric(float64(txn.Nanoseconds())/float64(b.N), "txn-ns/op")
}

// BenchmarkDelete1000From100kSqlite3 is the sqlite3 CLI deleting the same
// rows in one transaction (whole process), with nothing else.
func BenchmarkDelete1000From100kSqlite3(b *testing.B) {
	tmpl := deleteTemplate(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := copyStore(b, tmpl, b.TempDir())
		b.StartTimer()
		cmd := exec.Command("sqlite3", path, "PRAGMA secure_delete=ON; BEGIN IMMEDIATE; DELETE FROM cookies WHERE rowid IN (SELECT rowid FROM cookies WHERE host_key='data.ofgl.fr' ORDER BY rowid LIMIT 1000); COMMIT;")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v %s", err, out)
		}
	}
}

// BenchmarkListStores is the whole list over several stores read
// concurrently: two Chromium profiles and two Firefox profiles (one with a
// live WAL) of 10,000 cookies each, classified.
func BenchmarkListStores(b *testing.B) {
	var refs []inspect.StoreRef
	for i, f := range []storegen.Format{storegen.Chromium, storegen.Chromium, storegen.Firefox, storegen.FirefoxWAL} {
		m := benchStore(b, f, 10000)
		kind := inspect.KindChromium
		if f != storegen.Chromium {
			kind = inspect.KindFirefox
		}
		refs = append(refs, inspect.StoreRef{Browser: string(f), Profile: fmt.Sprint(i), Path: m.Path, Kind: kind})
	}
	// The same file twice would be one store; the second Chromium is a copy.
	refs[1].Path = copyStore(b, refs[1].Path, b.TempDir())
	site, _ := catalog.NewSite("data.ofgl.fr")
	opts := inspect.Options{Site: site, Refs: refs, Now: time.Now()}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := inspect.Read(context.Background(), opts)
		if err != nil || len(res.Stores) != 4 || len(res.Findings) < 30 {
			b.Fatalf("%v: %d stores, %d findings", err, len(res.Stores), len(res.Findings))
		}
	}
}
