package inspect_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// cookies.txt jars written by the real curl -c and wget --save-cookies,
// then judged by the real curl -b: what `list --store jar` lists is what
// curl sends to data.ofgl.fr, and `delete --store jar` removes exactly the
// cookie named, after which curl no longer sends it.

// jarServer sets cookies on /set (as data.ofgl.fr) and /apex (as ofgl.fr)
// and records the Cookie header of every other request.
type jarServer struct {
	tls, plain *httptest.Server
	sent       chan string
}

func newJarServer(t *testing.T) *jarServer {
	s := &jarServer{sent: make(chan string, 1)}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		add := func(c string) { w.Header().Add("Set-Cookie", c) }
		switch r.URL.Path {
		case "/set":
			add("hostonly=1; Max-Age=3600; Path=/")
			add("domainck=2; Domain=ofgl.fr; Max-Age=3600; Path=/")
			add("sess=3; Path=/")
			add("dsess=4; Domain=.ofgl.fr; Path=/")
			add("ho=5; HttpOnly; Max-Age=3600; Path=/")
			add("pathck=6; Path=/a; Max-Age=3600")
			add("sec=7; Secure; Max-Age=3600; Path=/")
			add("old=8; Expires=Thu, 01 Jan 2015 00:00:00 GMT; Path=/")
		case "/apex":
			add("apex=1; Max-Age=3600; Path=/")
			add("apexdom=2; Domain=ofgl.fr; Max-Age=3600; Path=/")
		default:
			s.sent <- r.Header.Get("Cookie")
		}
	})
	s.tls = httptest.NewTLSServer(h)
	s.plain = httptest.NewServer(h)
	t.Cleanup(func() { s.tls.Close(); s.plain.Close() })
	return s
}

func (s *jarServer) port() string {
	u, _ := url.Parse(s.tls.URL)
	return u.Port()
}

// curl runs curl against the TLS server with data.ofgl.fr and ofgl.fr
// resolved to it.
func (s *jarServer) curl(t *testing.T, args ...string) {
	t.Helper()
	p := s.port()
	base := []string{"-sS", "-k", "-o", "/dev/null",
		"--resolve", "data.ofgl.fr:" + p + ":127.0.0.1", "--resolve", "ofgl.fr:" + p + ":127.0.0.1"}
	out, err := exec.Command(toolPath(t, "curl"), append(base, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("curl %v: %v\n%s", args, err, out)
	}
}

// curlSends is the set of cookie names curl -b jar sends to
// https://data.ofgl.fr/a/b.
func (s *jarServer) curlSends(t *testing.T, jar string) []string {
	t.Helper()
	s.curl(t, "-b", jar, "https://data.ofgl.fr:"+s.port()+"/a/b")
	var names []string
	if h := <-s.sent; h != "" {
		for _, kv := range strings.Split(h, "; ") {
			names = append(names, strings.SplitN(kv, "=", 2)[0])
		}
	}
	sort.Strings(names)
	return names
}

func toolPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; a missing tool is a failure in CI", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// binEnvExtra is added to runBin's environment (later entries win).
var binEnvExtra []string

type binResult struct {
	stdout, stderr string
	code           int
}

func runBin(t *testing.T, home string, args ...string) binResult {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append([]string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}, binEnvExtra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return binResult{stdout.String(), stderr.String(), code}
}

// listedJar is what `list --json --store jar` lists, by name.
func listedJar(t *testing.T, home, jar string, extra ...string) map[string]jsonJarCookie {
	t.Helper()
	r := runBin(t, home, append([]string{"list", "--json", "--store", jar}, extra...)...)
	if r.code != 0 {
		t.Fatalf("list: exit %d: %s", r.code, r.stderr)
	}
	var cs []jsonJarCookie
	if err := json.Unmarshal([]byte(r.stdout), &cs); err != nil {
		t.Fatalf("list output: %v\n%s", err, r.stdout)
	}
	out := map[string]jsonJarCookie{}
	for _, c := range cs {
		if _, dup := out[c.Name]; dup {
			t.Errorf("%s listed twice", c.Name)
		}
		out[c.Name] = c
	}
	return out
}

type jsonJarCookie struct {
	Host, Name, Path string
	Session, Expired bool
	HTTPOnly         bool `json:"http_only"`
	Secure           bool
}

func keys(m map[string]jsonJarCookie) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// deleteFromJar deletes one cookie by name and checks that the file lost
// exactly wantGone (its lines) and nothing else, byte for byte.
func deleteFromJar(t *testing.T, home, jar, name string, wantGone []string) {
	t.Helper()
	before, err := os.ReadFile(jar)
	if err != nil {
		t.Fatal(err)
	}
	r := runBin(t, home, "delete", "--store", jar, "--name", name, "--yes")
	if r.code != 0 {
		t.Fatalf("delete %s: exit %d\nstdout %s\nstderr %s", name, r.code, r.stdout, r.stderr)
	}
	after, _ := os.ReadFile(jar)
	want := string(before)
	for _, l := range wantGone {
		if !strings.Contains(want, l) {
			t.Fatalf("test bug: %q not in the jar", l)
		}
		want = strings.Replace(want, l, "", 1)
	}
	if string(after) != want {
		t.Fatalf("delete %s: jar is\n%q\nwant\n%q", name, after, want)
	}
}

// jarLines returns the lines of the jar whose name field is name, with
// their line end.
func jarLines(t *testing.T, jar, name string) []string {
	t.Helper()
	data, _ := os.ReadFile(jar)
	var out []string
	for _, l := range strings.SplitAfter(string(data), "\n") {
		f := strings.Split(strings.TrimRight(l, "\r\n"), "\t")
		if len(f) >= 6 && f[5] == name {
			out = append(out, l)
		}
	}
	return out
}

func without(names []string, drop ...string) []string {
	var out []string
	for _, n := range names {
		keep := true
		for _, d := range drop {
			keep = keep && n != d
		}
		if keep {
			out = append(out, n)
		}
	}
	return out
}

func TestCurlJarListedAsCurlSends(t *testing.T) {
	srv := newJarServer(t)
	home := t.TempDir()
	jar := filepath.Join(t.TempDir(), "curl.txt")
	p := srv.port()
	srv.curl(t, "-c", jar, "-b", jar, "https://data.ofgl.fr:"+p+"/set")
	srv.curl(t, "-c", jar, "-b", jar, "https://ofgl.fr:"+p+"/apex")
	checkJarAgainstCurl(t, srv, home, jar)
	// curl writes a domain cookie as ".ofgl.fr TRUE", a session cookie
	// with expiry 0.
	listed := listedJar(t, home, jar)
	if c := listed["domainck"]; c.Host != ".ofgl.fr" || c.Session {
		t.Errorf("domainck listed as %+v", c)
	}
	if c := listed["sess"]; c.Host != "data.ofgl.fr" || !c.Session || c.Expired {
		t.Errorf("sess listed as %+v", c)
	}
	if c := listed["ho"]; !c.HTTPOnly {
		t.Errorf("ho listed as %+v", c)
	}
	for _, name := range []string{"domainck", "sess", "dsess"} {
		sent := srv.curlSends(t, jar)
		deleteFromJar(t, home, jar, name, jarLines(t, jar, name))
		if got, want := srv.curlSends(t, jar), without(sent, name); !equal(got, want) {
			t.Fatalf("after delete %s curl sends %v, want %v", name, got, want)
		}
		checkJarAgainstCurl(t, srv, home, jar)
	}
}

func TestWgetJarListedAsCurlSends(t *testing.T) {
	srv := newJarServer(t)
	home := t.TempDir()
	jar := filepath.Join(t.TempDir(), "wget.txt")
	// wget cannot be told where data.ofgl.fr is: the plain server is its
	// HTTP proxy, so the cookies are set for the real host names.
	for _, u := range []string{"http://data.ofgl.fr/set", "http://ofgl.fr/apex"} {
		args := []string{"-q", "-O", "/dev/null", "--no-hsts", "--save-cookies", jar, "--keep-session-cookies",
			"-e", "use_proxy=on", "-e", "http_proxy=" + srv.plain.URL, u}
		if _, err := os.Stat(jar); err == nil {
			args = append([]string{"--load-cookies", jar}, args...)
		}
		cmd := exec.Command(toolPath(t, "wget"), args...)
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH")}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("wget %s: %v\n%s", u, err, out)
		}
	}
	data, _ := os.ReadFile(jar)
	if !bytes.Contains(data, []byte("\tsess\t")) || !bytes.Contains(data, []byte("\t0\tsess\t")) {
		t.Fatalf("wget did not save the session cookie with expiry 0:\n%s", data)
	}
	checkJarAgainstCurl(t, srv, home, jar)
	for _, name := range []string{"sess", "domainck", "hostonly"} {
		sent := srv.curlSends(t, jar)
		deleteFromJar(t, home, jar, name, jarLines(t, jar, name))
		if got, want := srv.curlSends(t, jar), without(sent, name); !equal(got, want) {
			t.Fatalf("after delete %s curl sends %v, want %v", name, got, want)
		}
		checkJarAgainstCurl(t, srv, home, jar)
	}
}

// checkJarAgainstCurl: the names listed are the names curl sends.
func checkJarAgainstCurl(t *testing.T, srv *jarServer, home, jar string) {
	t.Helper()
	listed := keys(listedJar(t, home, jar))
	sent := srv.curlSends(t, jar)
	if !equal(listed, sent) {
		data, _ := os.ReadFile(jar)
		t.Fatalf("listed %v, curl sends %v; jar:\n%s", listed, sent, data)
	}
	if len(sent) < 3 {
		t.Fatalf("curl sends only %v: the jar was not written as expected", sent)
	}
}

func equal(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

// TestHandMadeJar covers what curl -c never writes: "ofgl.fr TRUE", ".ofgl.fr
// FALSE", duplicates curl merges, an expired line, CRLF and comments.
func TestHandMadeJar(t *testing.T) {
	srv := newJarServer(t)
	home := t.TempDir()
	jar := filepath.Join(t.TempDir(), "cookies.txt")
	future := time.Now().Add(48 * time.Hour).Unix()
	content := fmt.Sprintf("# Netscape HTTP Cookie File\r\n# kept\r\n\r\n"+
		"ofgl.fr\tTRUE\t/\tFALSE\t%[1]d\tdomflag\t1\r\n"+
		".ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tapexonly\t1\r\n"+
		"ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tdomflag\tapex\r\n"+ // another cookie: host-only ofgl.fr
		"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tsessline\t1\r\n"+
		"ofgl.fr\tTRUE\t/\tFALSE\t100\texpiredline\t1\r\n"+
		"ofgl.fr\tTRUE\t/\tFALSE\t%[1]d\tdup\t1\r\n"+
		"#HttpOnly_.ofgl.fr\tTRUE\t/\tFALSE\t%[1]d\tdup\t2\r\n"+
		"data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\tbad\tv\tLax\r\n", future)
	if err := os.WriteFile(jar, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := listedJar(t, home, jar)
	if got := keys(listed); !equal(got, []string{"domflag", "dup", "sessline"}) {
		t.Fatalf("listed %v", got)
	}
	if sent := srv.curlSends(t, jar); !equal(sent, []string{"domflag", "dup", "sessline"}) {
		t.Fatalf("curl sends %v", sent)
	}
	if c := listed["domflag"]; c.Host != ".ofgl.fr" {
		t.Errorf("domflag listed as %+v", c)
	}
	if c := listed["sessline"]; !c.Session || c.Expired {
		t.Errorf("sessline listed as %+v", c)
	}
	if c := listed["dup"]; !c.HTTPOnly || c.Host != ".ofgl.fr" {
		t.Errorf("dup listed as %+v (the later line wins)", c)
	}
	all := listedJar(t, home, jar, "--expired")
	if c, ok := all["expiredline"]; !ok || !c.Expired || c.Session {
		t.Errorf("--expired lists expiredline as %+v (present %v)", c, ok)
	}

	// Not listed, so not deletable: nothing changes.
	r := runBin(t, home, "delete", "--store", jar, "--name", "apexonly", "--yes")
	if after, _ := os.ReadFile(jar); string(after) != content || r.code != 0 {
		t.Fatalf("delete apexonly: exit %d, file changed %v", r.code, string(after) != content)
	}
	lines := strings.SplitAfter(content, "\r\n")
	// The domain cookie goes, the host-only one of the same name stays.
	deleteFromJar(t, home, jar, "domflag", []string{lines[3]})
	// Both lines curl merged into one cookie go.
	deleteFromJar(t, home, jar, "dup", []string{lines[8], lines[9]})
	if sent := srv.curlSends(t, jar); !equal(sent, []string{"sessline"}) {
		t.Fatalf("after the deletes curl sends %v", sent)
	}
	deleteFromJar(t, home, jar, "sessline", []string{lines[6]})
	if sent := srv.curlSends(t, jar); len(sent) != 0 {
		t.Fatalf("after the deletes curl sends %v", sent)
	}
}
