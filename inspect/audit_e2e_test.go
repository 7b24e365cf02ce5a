package inspect_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	bt "github.com/ofgl/ofgl-cookies/inspect/internal/browsertest"
)

// auditDoc is the part of audit --json these tests check.
type auditDoc struct {
	SchemaVersion int    `json:"schema_version"`
	Site          string `json:"site"`
	Catalog       struct {
		Name, Site, Source string
	}
	Stores []struct {
		Browser, Store string
		OK             bool
	}
	Findings []struct {
		Rule, Severity, Browser, Store, Host, Name, Path string
		PartitionSite                                    string  `json:"partition_site"`
		Created                                          *string `json:"created"`
		Expires                                          *string `json:"expires"`
		LifetimeSeconds                                  *int64  `json:"lifetime_seconds"`
		LimitSeconds                                     *int64  `json:"limit_seconds"`
		Message                                          string
	}
	Summary map[string]int
}

// runAudit runs the built binary's audit with HOME set to home and returns
// its exit code, stdout and stderr.
func runAudit(t *testing.T, home string, args ...string) (int, []byte, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"audit"}, args...)...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("audit %v: %v", args, err)
	}
	return code, stdout.Bytes(), stderr.String()
}

func auditJSON(t *testing.T, home string, args ...string) auditDoc {
	t.Helper()
	code, out, stderr := runAudit(t, home, append([]string{"--json"}, args...)...)
	if code != 0 {
		t.Fatalf("audit --json %v: exit %d: %s", args, code, stderr)
	}
	var doc auditDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("audit --json: %v\n%s", err, out)
	}
	return doc
}

// findingsOf lists "rule name" for the findings of the stores under dir.
func findingsOf(doc auditDoc, dir string) []string {
	var out []string
	for _, f := range doc.Findings {
		if strings.HasPrefix(f.Store, dir+string(filepath.Separator)) {
			out = append(out, f.Rule+" "+f.Name)
		}
	}
	sort.Strings(out)
	return out
}

func sorted(s ...string) []string {
	sort.Strings(s)
	return s
}

// The findings the rules give for the audit pages, worked out by hand.
var (
	// With a consent record: the audience cookies came before it.
	wantConsent = sorted(
		"undeclared _pk_id.1.audit", "undeclared _pk_id.1.inside", "undeclared ofgl_after", "undeclared trk_audit",
		"lifetime-over-declared sessionid",
		"audience-over-13-months _pk_id.1.audit",
		"third-party trk_audit",
		"before-consent _pk_id.1.audit", "before-consent _pk_id.1.inside",
	)
	// Without one: every non-necessary cookie lacks it; sessionid is an
	// hour inside its limit.
	wantNoConsent = sorted(
		"undeclared _pk_id.1.audit", "undeclared _pk_id.1.inside", "undeclared ofgl_after", "undeclared trk_audit",
		"audience-over-13-months _pk_id.1.audit",
		"third-party trk_audit",
		"no-consent-record _pk_id.1.audit", "no-consent-record _pk_id.1.inside", "no-consent-record ofgl_after",
		"no-consent-record trk_audit",
	)
)

func TestAuditRealBrowsers(t *testing.T) {
	bt.Require(t)
	binary(t)
	srv := bt.NewServer(t)
	consentURL := srv.ChainURL(bt.AuditConsentVisits(), bt.ChainCloseMS)
	noConsentURL := srv.ChainURL(bt.AuditNoConsentVisits(), bt.ChainCloseMS)

	homeA, homeB := bt.NewHome(t), bt.NewHome(t)
	chrA, chrB := bt.NewChromiumProfile(homeA, "Default"), bt.NewChromiumProfile(homeB, "Default")
	start := time.Now()
	bt.RunChromium(t, chrA, consentURL, bt.ChromiumClose)
	bt.RunChromium(t, chrB, noConsentURL, bt.ChromiumClose)
	ffA := bt.NewFirefoxProfile(t, srv, homeA, bt.FirefoxClassic)
	bt.RunFirefox(t, ffA, consentURL)
	ffB := bt.NewFirefoxProfile(t, srv, homeB, bt.FirefoxClassic)
	bt.RunFirefox(t, ffB, noConsentURL)
	t.Logf("four browser runs took %v", time.Since(start).Round(time.Millisecond))

	for _, catalogArgs := range [][]string{nil, {"--catalog", "opendatasoft"}} {
		a := auditJSON(t, homeA, catalogArgs...)
		b := auditJSON(t, homeB, catalogArgs...)
		what := fmt.Sprint(catalogArgs)
		if a.SchemaVersion != 1 || a.Site != "data.ofgl.fr" || len(a.Summary) != 6 {
			t.Errorf("%s: header %+v", what, a)
		}
		if catalogArgs != nil && (a.Catalog.Name != "opendatasoft" || a.Catalog.Site != "data.ofgl.fr" || !strings.Contains(a.Catalog.Source, "/terms/cookies-policy/")) {
			t.Errorf("%s: catalog %+v", what, a.Catalog)
		}
		for _, d := range []auditDoc{a, b} {
			for _, s := range d.Stores {
				if !s.OK {
					t.Errorf("%s: store %s not read", what, s.Store)
				}
			}
		}
		// Chromium drops session cookies at a clean exit; Firefox keeps
		// django_language in its session store, declared 12 months.
		wantFirefoxConsent := sorted(append([]string{"lifetime-over-declared django_language"}, wantConsent...)...)
		compare(t, what+" chromium, consent", wantConsent, findingsOf(a, chrA.Dir()))
		compare(t, what+" firefox, consent", wantFirefoxConsent, findingsOf(a, ffA.Dir))
		compare(t, what+" chromium, no consent", wantNoConsent, findingsOf(b, chrB.Dir()))
		compare(t, what+" firefox, no consent", sorted(append([]string{}, wantNoConsent...)...), findingsOf(b, ffB.Dir))
		if n := len(findingsOf(a, chrA.Dir())) + len(findingsOf(a, ffA.Dir)); n != len(a.Findings) {
			t.Errorf("%s: %d findings from unexpected stores", what, len(a.Findings)-n)
		}
		// The measured values: the 420-day cookie is stored for 400 days,
		// past 13 calendar months (393 to 397 days) from its creation.
		for _, f := range append(a.Findings, b.Findings...) {
			if f.Rule == "audience-over-13-months" {
				if f.LifetimeSeconds == nil || abs(*f.LifetimeSeconds-400*86400) > 5 ||
					f.LimitSeconds == nil || *f.LimitSeconds < 393*86400 || *f.LimitSeconds > 397*86400 || f.Severity != "error" {
					t.Errorf("%s: audience finding %+v", what, f)
				}
			}
			if f.Rule == "third-party" && f.PartitionSite != "https://ofgl.fr" {
				t.Errorf("%s: third-party finding partitioned under %q", what, f.PartitionSite)
			}
			if f.Rule == "lifetime-over-declared" && f.Name == "sessionid" &&
				(f.LimitSeconds == nil || *f.LimitSeconds != 21*86400 || abs(*f.LifetimeSeconds-30*86400) > 5) {
				t.Errorf("%s: sessionid finding %+v", what, f)
			}
		}
	}

	// --fail-on: 4 when a finding of that severity or worse exists.
	if code, _, stderr := runAudit(t, homeA, "--fail-on", "error"); code != 4 {
		t.Errorf("--fail-on error: exit %d (%s)", code, stderr)
	}
	if code, _, stderr := runAudit(t, homeA, "--fail-on", "error", "--site", "info-financiere.gouv.fr"); code != 0 {
		t.Errorf("--fail-on error on a site without cookies: exit %d (%s)", code, stderr)
	}

	// The HTML report opens offline in Chromium and asks the network for
	// nothing.
	report := filepath.Join(t.TempDir(), "audit.html")
	if code, _, stderr := runAudit(t, homeA, "--html", report, "--lang", "fr"); code != 0 {
		t.Fatalf("--html: exit %d (%s)", code, stderr)
	}
	if requests := pageRequests(t, report); len(requests) > 0 {
		t.Errorf("the HTML report made network requests: %v", requests)
	}
}

func compare(t *testing.T, what string, want, got []string) {
	t.Helper()
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("%s: findings\n  got  %q\n  want %q", what, got, want)
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// pageRequests opens page in headless Chromium (every host unresolvable),
// takes a screenshot, and returns the http(s) and ws(s) URLs the page
// itself asked for, from Chromium's net log. The browser's own background
// requests are told apart by their network isolation key, which for a
// page's requests names the page's file:// origin.
func pageRequests(t *testing.T, page string) []string {
	t.Helper()
	dir := t.TempDir()
	netlog, shot := filepath.Join(dir, "netlog.json"), filepath.Join(dir, "shot.png")
	chromium := "chromium"
	if _, err := exec.LookPath(chromium); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--host-resolver-rules=MAP * ~NOTFOUND",
		"--log-net-log="+netlog, "--window-size=1200,1600", "--screenshot="+shot, "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --screenshot: %v\n%s", err, out)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10000 {
		t.Fatalf("no screenshot of the report: %v", err)
	}
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("net log: %v", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range log.Events {
		u, _ := e.Params["url"].(string)
		nik, _ := e.Params["network_isolation_key"].(string)
		if u == "" || !strings.Contains(nik, "file://") || strings.HasPrefix(u, "file:") || seen[u] {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// TestPageRequestsSeesAPageRequest checks the offline check can fail: a page
// with an image and a style sheet on the network is caught.
func TestPageRequestsSeesAPageRequest(t *testing.T) {
	bt.Require(t)
	page := filepath.Join(t.TempDir(), "control.html")
	body := `<!DOCTYPE html><html><head><link rel="stylesheet" href="https://probe.invalid/a.css"></head>` +
		`<body><p>` + strings.Repeat("control page ", 400) + `</p><img src="http://probe.invalid/x.png"></body></html>`
	if err := os.WriteFile(page, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got := pageRequests(t, page)
	if len(got) != 2 {
		t.Errorf("requests of the control page: %v, want the image and the style sheet", got)
	}
}
