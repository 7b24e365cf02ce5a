// Benchmarks: finding the data.ofgl.fr cookies in one cookie store of N
// cookies, with our reader (inspect.ReadFile), the sqlite3 CLI and kooky, on
// real-format stores written by internal/storegen (cached under
// $OFGL_BENCH_DIR, default os.TempDir()/ofgl-bench-<storegen.Version>).
//
// go test -bench, per format (chromium, firefox, firefox-wal) and size:
//
//	go test ./inspect -run '^$' -bench . -benchmem                       # N = 1k and 10k
//	OFGL_BENCH_LARGE=1 go test ./inspect -run '^$' -bench . -benchmem -timeout 0   # also 100k and 1M
//	go test ./inspect -run '^$' -bench 'ReadStore/chromium/1000000$' -benchmem     # a size named in -bench runs too
//
// The comparison table for the README (whole-process wall and CPU medians of
// K alternating runs of our reader, the sqlite3 CLI and kooky, paired ratios,
// peak RSS), printed on stdout:
//
//	OFGL_BENCH_REPORT=1 go test ./inspect -run '^TestBenchReport$' -v -timeout 0
//
// with optional OFGL_BENCH_SIZES=1000,10000 OFGL_BENCH_RUNS=9
// OFGL_BENCH_FORMATS=chromium,firefox OFGL_BENCH_REPORT_OUT=file.md.
//
// Peak RSS of a child process is measured with GNU time (/usr/bin/time -f %M),
// not with ProcessState.SysUsage().Maxrss: Go starts children with
// CLONE_VM|CLONE_VFORK, and Linux folds the parent's peak RSS into the
// child's ru_maxrss at exec, so Maxrss would report at least the benchmark
// process's own peak. Without /usr/bin/time the Maxrss value is reported,
// and the report says so.
package inspect_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/browserutils/kooky"
	"github.com/browserutils/kooky/browser/chrome"
	"github.com/browserutils/kooky/browser/firefox"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/internal/storegen"
)

const (
	// benchChildEnv makes the test binary read one store and exit, as a
	// child process of a benchmark: "ours", "kooky", or "noop" (read
	// nothing: the start-up cost of the test binary itself).
	benchChildEnv       = "OFGL_BENCH_CHILD"
	benchChildPathEnv   = "OFGL_BENCH_CHILD_PATH"
	benchChildFormatEnv = "OFGL_BENCH_CHILD_FORMAT"

	benchSeed   = 1
	sqlite3Path = "/usr/bin/sqlite3"
	gnuTimePath = "/usr/bin/time"
)

var benchSizes = []int{1000, 10000, 100000, 1000000}

// init runs before TestMain: in a child, read and exit before the testing
// package starts.
func init() {
	mode := os.Getenv(benchChildEnv)
	if mode == "" {
		return
	}
	path, f := os.Getenv(benchChildPathEnv), storegen.Format(os.Getenv(benchChildFormatEnv))
	var n int
	var err error
	switch mode {
	case "ours":
		n, err = readOurs(path, f)
	case "kooky":
		n, err = readKooky(path, f)
	case "noop": // the test binary's own start-up and exit
	default:
		err = fmt.Errorf("unknown %s=%q", benchChildEnv, mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n)
	os.Exit(0)
}

func storeRef(path string, f storegen.Format) inspect.StoreRef {
	if f == storegen.Chromium {
		return inspect.StoreRef{Path: path, Kind: inspect.KindChromium, Browser: "chromium"}
	}
	return inspect.StoreRef{Path: path, Kind: inspect.KindFirefox, Browser: "firefox"}
}

func readOursCookies(path string, f storegen.Format) ([]inspect.Cookie, error) {
	site, err := catalog.NewSite(storegen.Site)
	if err != nil {
		return nil, err
	}
	return inspect.ReadFile(context.Background(), storeRef(path, f), inspect.Options{Site: site})
}

func readOurs(path string, f storegen.Format) (int, error) {
	cookies, err := readOursCookies(path, f)
	return len(cookies), err
}

// kookyFilter keeps the hosts whose cookies data.ofgl.fr receives and drops
// expired cookies. It is a plain (non-value) filter, so kooky decrypts only
// the rows that pass it. kooky exposes no partition key, so the partitioned
// third-party cookie cannot be selected.
func kookyFilter(now time.Time) kooky.Filter {
	return kooky.FilterFunc(func(c *kooky.Cookie) bool {
		switch c.Domain {
		case "data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr":
			return c.Expires.IsZero() || c.Expires.After(now)
		}
		return false
	})
}

func readKooky(path string, f storegen.Format) (int, error) {
	seq := chrome.TraverseCookies(path, kookyFilter(time.Now()))
	if f != storegen.Chromium {
		seq = firefox.TraverseCookies(path, kookyFilter(time.Now()))
	}
	n := 0
	for c, err := range seq {
		if err != nil {
			return n, err
		}
		if c.Value == "" && c.Name != "" {
			return n, fmt.Errorf("kooky: empty value for %s %s", c.Domain, c.Name)
		}
		n++
	}
	return n, nil
}

// The sqlite3 CLI queries. cliSelect returns the rows a reader needs (the
// hosts data.ofgl.fr receives, plus the cookies partitioned under ofgl.fr)
// in an index-friendly form: the host_key index for the hosts and a scan of
// the covering index (not the table) for the partition keys. cliSelectOr is
// the same selection written with OR, which makes SQLite scan the whole
// table. cliScan is a LIKE count over every host.
const (
	chromiumCols = `rowid, host_key, top_frame_site_key, name, path, encrypted_value, expires_utc, is_secure, is_httponly, samesite, creation_utc, last_access_utc, is_persistent, has_cross_site_ancestor, source_scheme, source_port`
	chromiumOr   = `host_key IN ('data.ofgl.fr','.data.ofgl.fr','.ofgl.fr') OR top_frame_site_key IN ('https://ofgl.fr','http://ofgl.fr')`
	firefoxCols  = `id, host, originAttributes, name, path, value, expiry, isSecure, isHttpOnly, sameSite, creationTime, lastAccessed, isPartitionedAttributeSet, schemeMap`
	firefoxOr    = `host IN ('data.ofgl.fr','.data.ofgl.fr','.ofgl.fr') OR originAttributes LIKE '%partitionKey=\%28http\%2Cofgl.fr\%29%' ESCAPE '\' OR originAttributes LIKE '%partitionKey=\%28https\%2Cofgl.fr\%29%' ESCAPE '\'`
)

func cliSelect(f storegen.Format) string {
	if f == storegen.Chromium {
		return `SELECT ` + chromiumCols + ` FROM cookies WHERE rowid IN (SELECT rowid FROM cookies WHERE host_key IN ('data.ofgl.fr','.data.ofgl.fr','.ofgl.fr') UNION SELECT rowid FROM cookies WHERE top_frame_site_key IN ('https://ofgl.fr','http://ofgl.fr'))`
	}
	return `SELECT ` + firefoxCols + ` FROM moz_cookies WHERE rowid IN (SELECT rowid FROM moz_cookies WHERE ` + firefoxOr + `)`
}

func cliSelectOr(f storegen.Format) string {
	if f == storegen.Chromium {
		return `SELECT ` + chromiumCols + ` FROM cookies WHERE ` + chromiumOr
	}
	return `SELECT ` + firefoxCols + ` FROM moz_cookies WHERE ` + firefoxOr
}

func cliScan(f storegen.Format) string {
	if f == storegen.Chromium {
		return `SELECT count(*) FROM cookies WHERE host_key LIKE '%ofgl.fr'`
	}
	return `SELECT count(*) FROM moz_cookies WHERE host LIKE '%ofgl.fr'`
}

// proc is one command a benchmark runs as a whole process.
type proc struct {
	name string
	args []string
	env  []string // added to the environment
	// want is the expected output; "" checks nothing.
	want string
}

func (p proc) cmd() *exec.Cmd {
	c := exec.Command(p.name, p.args...)
	if len(p.env) > 0 {
		c.Env = append(os.Environ(), p.env...)
	}
	return c
}

// procRun is what one run of a proc cost.
type procRun struct {
	wall, cpu time.Duration
	out       string
}

func (p proc) run() (procRun, error) {
	c := p.cmd()
	var out, stderr bytes.Buffer
	c.Stdout, c.Stderr = &out, &stderr
	start := time.Now()
	err := c.Run()
	r := procRun{wall: time.Since(start), out: strings.TrimSpace(out.String())}
	if c.ProcessState != nil {
		r.cpu = c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	if err != nil {
		return r, fmt.Errorf("%s %q: %v: %s", p.name, p.args, err, strings.TrimSpace(stderr.String()))
	}
	return r, nil
}

// check runs p once and compares its output with p.want.
func (p proc) check() error {
	r, err := p.run()
	if err != nil {
		return err
	}
	if p.want != "" && r.out != p.want {
		return fmt.Errorf("%s printed %q, want %q", p.label(), r.out, p.want)
	}
	return nil
}

func (p proc) label() string {
	if len(p.env) > 0 {
		return p.env[0]
	}
	return filepath.Base(p.name)
}

// peakRSS returns p's peak resident set in KiB, and how it was measured.
func (p proc) peakRSS() (int64, string, error) {
	if _, err := os.Stat(gnuTimePath); err == nil {
		f, err := os.CreateTemp("", "ofgl-rss-")
		if err != nil {
			return 0, "", err
		}
		f.Close()
		defer os.Remove(f.Name())
		q := p
		q.name, q.args = gnuTimePath, append([]string{"-f", "%M", "-o", f.Name(), p.name}, p.args...)
		if _, err := q.run(); err != nil {
			return 0, "", err
		}
		b, err := os.ReadFile(f.Name())
		if err != nil {
			return 0, "", err
		}
		lines := strings.Fields(string(b))
		if len(lines) == 0 {
			return 0, "", errors.New("GNU time printed nothing")
		}
		kib, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
		return kib, "GNU time", err
	}
	c := p.cmd()
	if err := c.Run(); err != nil {
		return 0, "", err
	}
	return c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss, "ru_maxrss (includes the parent's peak)", nil
}

// Whole-process commands for a store.
func oursProc(m storegen.Manifest) proc {
	return childProc("ours", m, strconv.Itoa(len(m.Sent())))
}

func kookyProc(m storegen.Manifest) proc {
	want := 0
	for _, c := range m.SentFirstParty() {
		if !c.WALOnly {
			want++ // kooky never reads the -wal file
		}
	}
	return childProc("kooky", m, strconv.Itoa(want))
}

func childProc(mode string, m storegen.Manifest, want string) proc {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	return proc{name: exe, want: want, env: []string{
		benchChildEnv + "=" + mode, benchChildPathEnv + "=" + m.Path, benchChildFormatEnv + "=" + string(m.Format)}}
}

func noopProc(m storegen.Manifest) proc { return childProc("noop", m, "0") }

func cliSelectProc(m storegen.Manifest) proc {
	return proc{name: sqlite3Path, args: []string{"-readonly", m.Path, cliSelect(m.Format)}}
}

func cliSelectOrProc(m storegen.Manifest) proc {
	return proc{name: sqlite3Path, args: []string{"-readonly", m.Path, cliSelectOr(m.Format)}}
}

func cliScanProc(m storegen.Manifest) proc {
	return proc{name: sqlite3Path, args: []string{"-readonly", m.Path, cliScan(m.Format)}, want: strconv.Itoa(familyLike(m))}
}

// familyLike counts the family rows whose host ends in ofgl.fr.
func familyLike(m storegen.Manifest) int {
	n := 0
	for _, c := range m.Cookies {
		if strings.HasSuffix(c.Host, "ofgl.fr") {
			n++
		}
	}
	return n
}

// cliSelectCount is the number of rows cliSelect returns: what a browser
// sends, plus the expired data.ofgl.fr cookie.
func cliSelectCount(m storegen.Manifest) int {
	n := 0
	for _, c := range m.Cookies {
		if c.Sent || (c.Expired && c.Why == "expired") {
			n++
		}
	}
	return n
}

func checkCLISelect(m storegen.Manifest) error {
	for _, q := range []string{cliSelect(m.Format), cliSelectOr(m.Format)} {
		p := proc{name: sqlite3Path, args: []string{"-readonly", m.Path, "SELECT count(*) FROM (" + q + ")"},
			want: strconv.Itoa(cliSelectCount(m))}
		if err := p.check(); err != nil {
			return err
		}
	}
	return nil
}

// Stores, generated once per process (and cached on disk by storegen).
var (
	storesMu sync.Mutex
	stores   = map[string]storegen.Manifest{}
)

func benchStore(tb testing.TB, f storegen.Format, n int) storegen.Manifest {
	tb.Helper()
	storesMu.Lock()
	defer storesMu.Unlock()
	k := fmt.Sprint(f, n)
	if m, ok := stores[k]; ok {
		return m
	}
	m, err := storegen.Cached(f, n, benchSeed)
	if err != nil {
		tb.Fatal(err)
	}
	stores[k] = m
	return m
}

// sizeWanted says whether size n runs: up to 10k always; larger sizes when
// OFGL_BENCH_LARGE=1 or when the -bench pattern names the size.
func sizeWanted(n int) bool {
	if n <= 10000 || os.Getenv("OFGL_BENCH_LARGE") == "1" {
		return true
	}
	f := flag.Lookup("test.bench")
	if f == nil {
		return false
	}
	re := regexp.MustCompile(`(^|[^0-9])` + strconv.Itoa(n) + `([^0-9]|$)`)
	return re.MatchString(f.Value.String())
}

// forEachStore runs fn as sub-benchmarks <format>/<n>; the store is made
// (or taken from the cache) inside the sub-benchmark, before its timer.
func forEachStore(b *testing.B, fn func(b *testing.B, m storegen.Manifest)) {
	for _, f := range storegen.Formats {
		b.Run(string(f), func(b *testing.B) {
			for _, n := range benchSizes {
				if !sizeWanted(n) {
					continue
				}
				b.Run(strconv.Itoa(n), func(b *testing.B) {
					fn(b, benchStore(b, f, n))
				})
			}
		})
	}
}

func needSqlite3(b *testing.B) {
	if _, err := os.Stat(sqlite3Path); err != nil {
		b.Skip("no " + sqlite3Path)
	}
}

// benchProc times whole runs of p and reports CPU time and peak RSS.
func benchProc(b *testing.B, p proc) {
	if err := p.check(); err != nil {
		b.Fatal(err)
	}
	kib, how, err := p.peakRSS()
	if err != nil {
		b.Fatal(err)
	}
	var cpu time.Duration
	for b.Loop() {
		r, err := p.run()
		if err != nil {
			b.Fatal(err)
		}
		cpu += r.cpu
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(kib), "peak-RSS-KiB")
	if how != "GNU time" {
		b.Logf("peak RSS measured with %s", how)
	}
}

// checkOurs compares what our reader returns with the manifest.
func checkOurs(cookies []inspect.Cookie, m storegen.Manifest) error {
	var got, want []string
	for _, c := range cookies {
		got = append(got, c.Host+"|"+c.Name+"|"+c.Path+"|"+c.PartitionSite)
	}
	for _, c := range m.Sent() {
		want = append(want, c.Key())
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		return fmt.Errorf("ReadFile returned\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	return nil
}

// BenchmarkReadStore is our reader in process: inspect.ReadFile on one store.
func BenchmarkReadStore(b *testing.B) {
	forEachStore(b, func(b *testing.B, m storegen.Manifest) {
		site, err := catalog.NewSite(storegen.Site)
		if err != nil {
			b.Fatal(err)
		}
		ref, opts := storeRef(m.Path, m.Format), inspect.Options{Site: site}
		cookies, err := inspect.ReadFile(context.Background(), ref, opts)
		if err != nil {
			b.Fatal(err)
		}
		if err := checkOurs(cookies, m); err != nil {
			b.Error(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := inspect.ReadFile(context.Background(), ref, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadStoreProcess is our reader as a whole process: the test
// binary re-executed to do one ReadFile and exit. Directly comparable with
// BenchmarkSqlite3CLI and BenchmarkKookyProcess.
func BenchmarkReadStoreProcess(b *testing.B) {
	forEachStore(b, func(b *testing.B, m storegen.Manifest) { benchProc(b, oursProc(m)) })
}

// BenchmarkSqlite3CLI runs `sqlite3 -readonly FILE <selection query>`, in
// its index-friendly form (see cliSelect).
func BenchmarkSqlite3CLI(b *testing.B) {
	needSqlite3(b)
	forEachStore(b, func(b *testing.B, m storegen.Manifest) {
		if err := checkCLISelect(m); err != nil {
			b.Fatal(err)
		}
		benchProc(b, cliSelectProc(m))
	})
}

// BenchmarkSqlite3CLIOr runs the same selection written with OR, a table
// scan (see cliSelectOr).
func BenchmarkSqlite3CLIOr(b *testing.B) {
	needSqlite3(b)
	forEachStore(b, func(b *testing.B, m storegen.Manifest) { benchProc(b, cliSelectOrProc(m)) })
}

// BenchmarkSqlite3CLIScan runs `sqlite3 -readonly FILE "SELECT count(*) ...
// LIKE '%ofgl.fr'"`, a full scan.
func BenchmarkSqlite3CLIScan(b *testing.B) {
	needSqlite3(b)
	forEachStore(b, func(b *testing.B, m storegen.Manifest) { benchProc(b, cliScanProc(m)) })
}

// BenchmarkKooky is kooky's own reader in process (TraverseCookies with a
// host filter): the library baseline.
func BenchmarkKooky(b *testing.B) {
	forEachStore(b, func(b *testing.B, m storegen.Manifest) {
		p := kookyProc(m)
		n, err := readKooky(m.Path, m.Format)
		if err != nil {
			b.Fatal(err)
		}
		if strconv.Itoa(n) != p.want {
			b.Errorf("kooky read %d cookies, want %s", n, p.want)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := readKooky(m.Path, m.Format); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkKookyProcess is kooky as a whole process.
func BenchmarkKookyProcess(b *testing.B) {
	forEachStore(b, func(b *testing.B, m storegen.Manifest) { benchProc(b, kookyProc(m)) })
}

// TestBenchReport prints the comparison table (see the top of this file).
// It runs only with OFGL_BENCH_REPORT=1.
func TestBenchReport(t *testing.T) {
	if os.Getenv("OFGL_BENCH_REPORT") != "1" {
		t.Skip("set OFGL_BENCH_REPORT=1 to run the benchmark report")
	}
	if _, err := os.Stat(sqlite3Path); err != nil {
		t.Skip("no " + sqlite3Path)
	}
	sizes := benchSizes
	if v := os.Getenv("OFGL_BENCH_SIZES"); v != "" {
		sizes = nil
		for _, s := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				t.Fatalf("OFGL_BENCH_SIZES: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	formats := storegen.Formats
	if v := os.Getenv("OFGL_BENCH_FORMATS"); v != "" {
		formats = nil
		for _, s := range strings.Split(v, ",") {
			formats = append(formats, storegen.Format(strings.TrimSpace(s)))
		}
	}
	runsFor := func(n int) int {
		if v, err := strconv.Atoi(os.Getenv("OFGL_BENCH_RUNS")); err == nil && v > 0 {
			return v
		}
		switch {
		case n <= 10000:
			return 15
		case n <= 100000:
			return 10
		}
		return 5
	}

	var rep strings.Builder
	fmt.Fprintf(&rep, "## Reading the data.ofgl.fr cookies from one store of N cookies\n\n")
	fmt.Fprintf(&rep, "%s, %s/%s, %d CPUs (%s), %s, load average at start %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version(), loadAvg())
	fmt.Fprintf(&rep, "Stores from internal/storegen %s (seed %d), warm in the page cache. Each cell: median of K whole-process runs (start to reap),\n", storegen.Version, benchSeed)
	fmt.Fprintf(&rep, "run in rotating order (A B C D E F, B C D E F A, ...) after one warm-up each. Ratios: median of the per-round ratios (min–max).\n")
	fmt.Fprintf(&rep, "ours = inspect.ReadFile in a re-executed test binary; CLI = `sqlite3 -readonly FILE <selection>` in index-friendly form\n")
	fmt.Fprintf(&rep, "(rowid IN (host_key IN (...) UNION top_frame_site_key IN (...)); Firefox: a covering-index subquery); CLI OR = the same\n")
	fmt.Fprintf(&rep, "selection as `host IN (...) OR <partition> IN (...)`, a table scan; CLI LIKE = `SELECT count(*) ... LIKE '%%ofgl.fr'`;\n")
	fmt.Fprintf(&rep, "kooky = chrome/firefox.TraverseCookies with a host+expiry FilterFunc, in a re-executed test binary;\n")
	fmt.Fprintf(&rep, "start-up = the same test binary re-executed to read nothing (its fixed cost, included in ours and kooky).\n")
	rssHow := ""

	for _, f := range formats {
		var wall, cpu, rss, failed strings.Builder
		fmt.Fprintf(&wall, "\n### %s: wall time (median), ratios\n\n| N | file | gen | load | K | ours | CLI | CLI OR | CLI LIKE | kooky | start-up | ours / CLI | kooky / CLI | kooky / ours |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n", f)
		fmt.Fprintf(&cpu, "\n### %s: CPU time user+sys (median)\n\n| N | ours | CLI | CLI OR | CLI LIKE | kooky | start-up | ours / CLI | kooky / CLI |\n|---|---|---|---|---|---|---|---|---|\n", f)
		fmt.Fprintf(&rss, "\n### %s: peak RSS\n\n| N | ours | CLI | CLI OR | CLI LIKE | kooky | start-up |\n|---|---|---|---|---|---|---|\n", f)
		for _, n := range sizes {
			m := benchStore(t, f, n)
			fmt.Fprintf(os.Stderr, "bench report: %s %d (%s, generated in %s)\n", f, n, mib(m.Bytes+m.WALBytes), m.GenDuration.Round(time.Millisecond))
			procs := []proc{oursProc(m), cliSelectProc(m), cliSelectOrProc(m), cliScanProc(m), kookyProc(m), noopProc(m)}
			notes := ""
			if err := checkCLISelect(m); err != nil {
				t.Error(err)
				notes += " CLI: " + err.Error()
			}
			for i, p := range procs { // warm-up and output check
				if err := p.check(); err != nil {
					t.Errorf("%s %d: %v", f, n, err)
					notes += fmt.Sprintf(" [%d] %v", i, err)
				}
			}
			load := loadAvg()
			k := runsFor(n)
			walls := make([][]time.Duration, len(procs))
			cpus := make([][]time.Duration, len(procs))
			var rOurs, rKooky, rKookyOurs []float64
			for round := range k {
				w := make([]time.Duration, len(procs))
				for j := range procs {
					i := (round + j) % len(procs)
					r, err := procs[i].run()
					if err != nil {
						t.Fatalf("%s %d: %v", f, n, err)
					}
					w[i] = r.wall
					walls[i] = append(walls[i], r.wall)
					cpus[i] = append(cpus[i], r.cpu)
				}
				rOurs = append(rOurs, float64(w[0])/float64(w[1]))
				rKooky = append(rKooky, float64(w[4])/float64(w[1]))
				rKookyOurs = append(rKookyOurs, float64(w[4])/float64(w[0]))
			}
			var rssCells []string
			for _, p := range procs {
				kib, how, err := p.peakRSS()
				if err != nil {
					t.Fatalf("%s %d: %v", f, n, err)
				}
				rssHow = how
				rssCells = append(rssCells, fmt.Sprintf("%.1f MiB", float64(kib)/1024))
			}
			fmt.Fprintf(&wall, "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				count(n), mib(m.Bytes+m.WALBytes), secs(m.GenDuration), load, k,
				ms(median(walls[0])), ms(median(walls[1])), ms(median(walls[2])), ms(median(walls[3])), ms(median(walls[4])), ms(median(walls[5])),
				ratio(rOurs), ratio(rKooky), ratio(rKookyOurs))
			fmt.Fprintf(&cpu, "| %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f |\n", count(n),
				ms(median(cpus[0])), ms(median(cpus[1])), ms(median(cpus[2])), ms(median(cpus[3])), ms(median(cpus[4])), ms(median(cpus[5])),
				float64(median(cpus[0]))/float64(median(cpus[1])), float64(median(cpus[4]))/float64(median(cpus[1])))
			fmt.Fprintf(&rss, "| %s | %s |\n", count(n), strings.Join(rssCells, " | "))
			if notes != "" {
				fmt.Fprintf(&failed, "\nCheck failed at N = %d:%s\n", n, notes)
			}
		}
		rep.WriteString(wall.String())
		rep.WriteString(failed.String())
		rep.WriteString(cpu.String())
		rep.WriteString(rss.String())
	}
	fmt.Fprintf(&rep, "\nPeak RSS measured with %s. Load average at the end: %s.\n", rssHow, loadAvg())
	fmt.Print("\n" + rep.String())
	if out := os.Getenv("OFGL_BENCH_REPORT_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(rep.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ratio(r []float64) string {
	s := slices.Clone(r)
	slices.Sort(s)
	if len(s) == 0 {
		return "-"
	}
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("%.2f (%.2f–%.2f)", med, s[0], s[len(s)-1])
}

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.1f ms", float64(d)/1e6)
}

func secs(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mib(b int64) string {
	if b < 1<<20 {
		return fmt.Sprintf("%.2f MiB", float64(b)/(1<<20))
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}

func count(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
