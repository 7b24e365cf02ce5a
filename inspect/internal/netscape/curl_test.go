package netscape

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// curlCases are jars with every corner of curl's reader. Each is checked
// against the real curl -b (TestAgreesWithCurl): the cookies our reader
// says curl sends to https://data.ofgl.fr/a/b are the ones it sends.
var curlCases = []struct {
	name, jar string
	sent      []string // name=value curl sends to data.ofgl.fr/a/b
}{
	{"domain flag decides, not the dot",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\ta\t1\n" + // domain cookie: sent
			".ofgl.fr\tFALSE\t/\tFALSE\t0\tb\t2\n" + // host-only ofgl.fr: not sent
			".data.ofgl.fr\tFALSE\t/\tFALSE\t0\tc\t3\n" + // host-only data.ofgl.fr: sent
			"..ofgl.fr\tTRUE\t/\tFALSE\t0\td\t4\n" + // domain ".ofgl.fr": never sent
			"ofgl.fr\tyes\t/\tFALSE\t0\te\t5\n" + // not TRUE: host-only ofgl.fr
			"OFGL.FR\ttrue\t/\tFALSE\t0\tf\t6\n" + // any case
			"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tg\t7\n" +
			".data.ofgl.fr\tTRUE\t/\tFALSE\t0\th\t8\n" +
			"notofgl.fr\tTRUE\t/\tFALSE\t0\ti\t9\n" +
			"a.data.ofgl.fr\tTRUE\t/\tFALSE\t0\tj\t10\n" +
			"ofgl.fr \tTRUE\t/\tFALSE\t0\tk\t11\n" + // the blank is part of the domain
			"ofgl.fr\tTRUE \t/\tFALSE\t0\tl\t12\n",
		[]string{"a=1", "c=3", "f=6", "g=7", "h=8"}},
	{"expiry",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tsession\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t4102444800\tfuture\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t100\tpast\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t-1\tminus\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\tabc\tword\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t1.7e9\tfloat\t1\n" + // reads as 1: expired
			"ofgl.fr\tTRUE\t/\tFALSE\t4102444800.5\tfrac\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t+0\tplus\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0x10\thex\t1\n" + // reads as 0: a session cookie
			"ofgl.fr\tTRUE\t/\tFALSE\t 5\tblank\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t99999999999999999999\toverflow\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t9223372036854775807\tmax\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t\tnoexp\tv\n", // the empty field does not exist: "noexp" is the expiry
		[]string{"session=1", "future=1", "frac=1", "plus=1", "hex=1", "max=1"}},
	{"comments, CRLF, HttpOnly, blanks",
		"# Netscape HTTP Cookie File\r\n" +
			"# ofgl.fr\tTRUE\t/\tFALSE\t0\tcommented\t1\r\n" +
			"\r\n" +
			"   \t\r\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tcrlf\t1\r\n" +
			"  \tofgl.fr\tTRUE\t/\tFALSE\t0\tindented\t1\n" +
			"#HttpOnly_ofgl.fr\tTRUE\t/\tFALSE\t0\thttponly\t1\n" +
			"#HttpOnly_.data.ofgl.fr\tFALSE\t/\tFALSE\t0\thttponly2\t1\n" +
			"#httponly_ofgl.fr\tTRUE\t/\tFALSE\t0\tlowercase\t1\n" +
			"#HttpOnly_#x\tTRUE\t/\tFALSE\t0\thashdomain\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tmidcr\tab\rcd\n" +
			"Set-Cookie: header=1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tlast\tno newline",
		[]string{"crlf=1", "indented=1", "httponly=1", "httponly2=1", "midcr=ab", "last=no newline"}},
	{"fields",
		"ofgl.fr\tTRUE\t\tFALSE\t0\temptypath\t1\n" + // no path: FALSE is the secure field
			"ofgl.fr\tTRUE\t/\tFALSE\t0\temptyvalue\t\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tsixfields\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tlibsoup\tv\tLax\n" +
			"ofgl.fr\tTRUE\tFALSE\t0\tpathless\t1\n" +
			"ofgl.fr\tTRUE\ttrue\tFALSE\t0\tpathtrue\t1\n" + // "true" is a path: sanitised to "/"
			"ofgl.fr\tTRUE\t/\tFALSE\t0\n" +
			"ofgl.fr\n" +
			"ofgl.fr\t\t\tTRUE\t/\tFALSE\t0\ttabs\t1\n",
		[]string{"emptypath=1", "emptyvalue=", "sixfields=", "pathless=1", "pathtrue=1", "tabs=1"}},
	{"curl's identity: the later line wins",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tsid\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tSID\t2\n" + // names ignore case
			".ofgl.fr\tTRUE\t/\tFALSE\t0\tsid\t3\n" + // the dot does not count
			"data.ofgl.fr\tTRUE\t/\tFALSE\t0\tt\t1\n" +
			"data.ofgl.fr\tFALSE\t/\tFALSE\t0\tt\t2\n" + // another flag: another cookie
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tgone\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t100\tgone\t2\n" + // an expired line replaces a live one
			"ofgl.fr\tTRUE\t/A/\tFALSE\t0\tp\t1\n" +
			"ofgl.fr\tTRUE\t/a\tFALSE\t0\tp\t2\n", // paths ignore case and a trailing "/"
		[]string{"sid=3", "t=1", "t=2", "p=2"}},
	{"paths and secure",
		"ofgl.fr\tTRUE\t\"/a\"\tFALSE\t0\tquoted\t1\n" +
			"ofgl.fr\tTRUE\tfoo\tFALSE\t0\trelative\t1\n" +
			"ofgl.fr\tTRUE\t/a/b/c\tFALSE\t0\tdeeper\t1\n" +
			"ofgl.fr\tTRUE\t/ab\tFALSE\t0\tsibling\t1\n" +
			"ofgl.fr\tTRUE\t/a/\tFALSE\t0\tslash\t1\n" +
			"ofgl.fr\tTRUE\t/\tTRUE\t0\tsecure\t1\n" +
			"ofgl.fr\tTRUE\t/\ttrue\t0\tsecure2\t1\n",
		[]string{"quoted=1", "relative=1", "slash=1", "secure=1", "secure2=1"}},
	{"cookie prefixes",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\t__Secure-a\t1\n" +
			"ofgl.fr\tTRUE\t/\tTRUE\t0\t__Secure-b\t1\n" +
			"data.ofgl.fr\tFALSE\t/\tFALSE\t0\t__host-c\t1\n" +
			"data.ofgl.fr\tFALSE\t/\tTRUE\t0\t__Host-d\t1\n" +
			"ofgl.fr\tTRUE\t/\tTRUE\t0\t__Host-e\t1\n" +
			"data.ofgl.fr\tFALSE\t/a\tTRUE\t0\t__Host-f\t1\n",
		[]string{"__Secure-b=1", "__Host-d=1"}},
	{"line length",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tfits\t" + strings.Repeat("x", 4998-len("ofgl.fr\tTRUE\t/\tFALSE\t0\tfits\t")) + "\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\ttoolong\t" + strings.Repeat("x", 4999-len("ofgl.fr\tTRUE\t/\tFALSE\t0\ttoolong\t")) + "\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tverylong\t" + strings.Repeat("x", 12000) + "\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tafter\t1\n",
		[]string{"fits=" + strings.Repeat("x", 4998-len("ofgl.fr\tTRUE\t/\tFALSE\t0\tfits\t")), "after=1"}},
	// Separate case: curl caps the Cookie header it sends at 8190 bytes.
	{"last line fits",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tbefore\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tlastfits\t" + strings.Repeat("y", 4998-len("ofgl.fr\tTRUE\t/\tFALSE\t0\tlastfits\t")),
		[]string{"before=1", "lastfits=" + strings.Repeat("y", 4998-len("ofgl.fr\tTRUE\t/\tFALSE\t0\tlastfits\t"))}},
	{"last line too long",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tbefore\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tlast\t" + strings.Repeat("y", 4999-len("ofgl.fr\tTRUE\t/\tFALSE\t0\tlast\t")),
		[]string{"before=1"}},
	{"NUL bytes",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tfirst\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tn\x00ul\t1\n" + // cut there, and costs the next line
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tlost\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tthird\t1\n" +
			"ofgl.fr\tTRUE\t/\tFALSE\t0\tend\x00x",
		[]string{"first=1", "third=1", "end="}},
	{"NUL at the start of a line ends the file",
		"ofgl.fr\tTRUE\t/\tFALSE\t0\tfirst\t1\n\x00\nofgl.fr\tTRUE\t/\tFALSE\t0\tnever\t1\n",
		[]string{"first=1"}},
	{"BOM is part of the first domain",
		"\uFEFFofgl.fr\tTRUE\t/\tFALSE\t0\tbom\t1\nofgl.fr\tTRUE\t/\tFALSE\t0\tok\t1\n",
		[]string{"ok=1"}},
	{"empty", "", nil},
}

// wouldSend is what our reader says curl sends to host and path: the
// merged cookies that are live, match the host by HostKey and match the
// path (RFC 6265 path-match on curl's cleaned-up path).
func wouldSend(t *testing.T, jar, host, path string, now time.Time) []string {
	t.Helper()
	lines, err := Parse(strings.NewReader(jar))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range Cookies(lines) {
		if l.Expires != 0 && l.Expires < now.Unix() {
			continue
		}
		hk, ok := l.HostKey()
		if !ok {
			continue
		}
		hk = asciiLower(hk)
		if d, dom := strings.CutPrefix(hk, "."); dom {
			if host != d && !strings.HasSuffix(host, "."+d) {
				continue
			}
		} else if host != hk {
			continue
		}
		p := sanitizePath(l.Path)
		if p != "" && p != "/" && path != p && !strings.HasPrefix(path, p+"/") {
			continue
		}
		out = append(out, l.Name+"="+l.Value)
	}
	return out
}

func TestReaderCases(t *testing.T) {
	now := time.Now()
	for _, c := range curlCases {
		got := wouldSend(t, c.jar, "data.ofgl.fr", "/a/b", now)
		if !sameSet(got, c.sent) {
			t.Errorf("%s: our reader sends %q, want %q", c.name, short(got), short(c.sent))
		}
	}
}

// TestAgreesWithCurl runs the real curl -b on every case, over HTTPS (so
// that secure cookies go too), and records the Cookie header it sends.
// The reader follows curl 7.88 (Debian 12's): another curl's differences
// are logged, not failed.
func TestAgreesWithCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("curl is missing; a missing tool is a failure in CI")
		}
		t.Skip("curl not installed")
	}
	version, _ := exec.Command(curl, "--version").Output()
	mismatch := t.Errorf
	if !strings.HasPrefix(string(version), "curl 7.88.") {
		t.Logf("not curl 7.88, differences are only logged: %s", strings.SplitN(string(version), "\n", 2)[0])
		mismatch = t.Logf
	}
	got := make(chan string, 1)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Cookie")
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	dir := t.TempDir()
	for _, c := range curlCases {
		jar := filepath.Join(dir, "jar.txt")
		if err := os.WriteFile(jar, []byte(c.jar), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(curl, "-sS", "-k", "-b", jar, "-o", "/dev/null",
			"--resolve", "data.ofgl.fr:"+u.Port()+":127.0.0.1",
			"https://data.ofgl.fr:"+u.Port()+"/a/b").CombinedOutput()
		if err != nil {
			t.Fatalf("%s: curl: %v %s", c.name, err, out)
		}
		header := <-got
		var sent []string
		if header != "" {
			sent = strings.Split(header, "; ")
		}
		if !sameSet(sent, c.sent) {
			mismatch("%s: curl sends %q, the case says %q", c.name, short(sent), short(c.sent))
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func short(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		if len(x) > 40 {
			x = x[:40] + "…"
		}
		out[i] = x
	}
	return out
}

func TestHostKeyAndKey(t *testing.T) {
	cases := []struct {
		line     string
		host     string
		ok       bool
		sameAs   string // another line with the same Key, or ""
		distinct string // a line with another Key, or ""
	}{
		{"ofgl.fr\tTRUE\t/\tFALSE\t0\tn\tv", ".ofgl.fr", true, ".OFGL.fr\ttrue\t/\tFALSE\t9\tN\tw", "ofgl.fr\tFALSE\t/\tFALSE\t0\tn\tv"},
		{".ofgl.fr\tFALSE\t/\tFALSE\t0\tn\tv", "ofgl.fr", true, "ofgl.fr\tFALSE\t/\tFALSE\t0\tn\tv", ".ofgl.fr\tTRUE\t/\tFALSE\t0\tn\tv"},
		{"..ofgl.fr\tFALSE\t/\tFALSE\t0\tn\tv", "", false, "", "ofgl.fr\tTRUE\t/\tFALSE\t0\tn\tv"},
		{".\tTRUE\t/\tFALSE\t0\tn\tv", "", false, "", ""},
		{"ofgl.fr\tTRUE\t/a/\tFALSE\t0\tn\tv", ".ofgl.fr", true, "ofgl.fr\tTRUE\t\"/A\"\tFALSE\t0\tn\tv", "ofgl.fr\tTRUE\t/a/b\tFALSE\t0\tn\tv"},
	}
	for _, c := range cases {
		l, ok := ParseLine(c.line)
		if !ok {
			t.Fatalf("%q does not parse", c.line)
		}
		host, hok := l.HostKey()
		if host != c.host || hok != c.ok {
			t.Errorf("%q: HostKey %q %v, want %q %v", c.line, host, hok, c.host, c.ok)
		}
		if hok && KeyOf(host, l.Name, l.Path) != l.Key() {
			t.Errorf("%q: KeyOf(HostKey) differs from Key", c.line)
		}
		if c.sameAs != "" {
			o, _ := ParseLine(c.sameAs)
			if o.Key() != l.Key() {
				t.Errorf("%q and %q: different keys", c.line, c.sameAs)
			}
		}
		if c.distinct != "" {
			o, _ := ParseLine(c.distinct)
			if o.Key() == l.Key() {
				t.Errorf("%q and %q: the same key", c.line, c.distinct)
			}
		}
	}
}

func TestParseReaderError(t *testing.T) {
	_, err := Parse(errReader{})
	if err == nil {
		t.Fatal("no error")
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, os.ErrClosed }
