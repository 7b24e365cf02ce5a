package inspect_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

// Store fixtures for the tests that run the binary on file stores: a
// Firefox session store (two files), a cookies.txt jar and a Safari file,
// each with several of the site's cookies and another site's.

// fixture is one store kind: how to make a fresh store in a directory, and
// how to count its entries (every site) as "name\thost" -> count.
type fixture struct {
	kind    string
	make    func(t *testing.T, dir string) string
	entries func(t *testing.T, path string) map[string]int
}

// sessionFixtureJSON is a session store with several of the site's
// session cookies and another site's.
func sessionFixtureJSON() string {
	oa := `{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0}`
	var cs []string
	for _, c := range [][2]string{{"data.ofgl.fr", "_pk_id.1.abcd"}, {"data.ofgl.fr", "_pk_ses.1.abcd"}, {".ofgl.fr", "_ga"},
		{".ofgl.fr", "_gid"}, {"data.ofgl.fr", "sessionid"}, {"data.ofgl.fr", "csrftoken"}, {"www.example.org", "other"}} {
		cs = append(cs, fmt.Sprintf(`{"host":%q,"value":"v","path":"/","name":%q,"originAttributes":%s,"sameSite":1,"schemeMap":2}`, c[0], c[1], oa))
	}
	return `{"version":["sessionrestore",1],"windows":[{"tabs":[{"entries":[{"url":"https://data.ofgl.fr/"}]}],"selected":1}],"session":{"lastUpdate":1764400000123.5},"cookies":[` +
		strings.Join(cs, ",") + `]}`
}

// sessionFiles are the files of the fixture's session store.
func sessionFiles(profile string) []string {
	return []string{filepath.Join(profile, "sessionstore.jsonlz4"), filepath.Join(profile, "sessionstore-backups", "recovery.jsonlz4")}
}

var sessionFixture = fixture{
	kind: "firefox-session",
	make: func(t *testing.T, dir string) string {
		for _, p := range sessionFiles(dir) {
			writeMozLz4(t, p, sessionFixtureJSON())
		}
		return sessionFiles(dir)[0]
	},
	// A cookie counts once when every file agrees; files that disagree
	// are a lost deletion (Firefox would restore the cookie).
	entries: func(t *testing.T, path string) map[string]int {
		t.Helper()
		var first map[string]int
		for _, p := range sessionFiles(filepath.Dir(path)) {
			raw, err := mozlz4.ReadFile(p, 0)
			if err != nil {
				t.Fatal(err)
			}
			cs, err := firefoxfmt.ParseSessionStore(raw)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]int{}
			for _, c := range cs {
				m[c.Name+"\t"+c.Host]++
			}
			if first == nil {
				first = m
			} else if fmt.Sprint(first) != fmt.Sprint(m) {
				t.Errorf("the session store files disagree: %v and %v", first, m)
			}
		}
		return first
	},
}

var jarFixture = fixture{
	kind: "cookies.txt",
	make: func(t *testing.T, dir string) string {
		exp := time.Now().Add(48 * time.Hour).Unix()
		var b strings.Builder
		b.WriteString("# Netscape HTTP Cookie File\n# a comment\n\n")
		for _, c := range [][2]string{{"data.ofgl.fr", "_pk_id.1.abcd"}, {"data.ofgl.fr", "_pk_ses.1.abcd"}, {".ofgl.fr", "_ga"},
			{".ofgl.fr", "_gid"}, {"data.ofgl.fr", "sessionid"}, {"data.ofgl.fr", "csrftoken"}, {"www.example.org", "other"}} {
			sub := "FALSE"
			if strings.HasPrefix(c[0], ".") {
				sub = "TRUE"
			}
			fmt.Fprintf(&b, "%s\t%s\t/\tFALSE\t%d\t%s\tv\n", c[0], sub, exp, c[1])
		}
		os.MkdirAll(dir, 0o700)
		path := filepath.Join(dir, "cookies.txt")
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	},
	entries: func(t *testing.T, path string) map[string]int {
		t.Helper()
		m := map[string]int{}
		for _, l := range strings.Split(string(readAll(t, path)), "\n") {
			l = strings.TrimPrefix(l, "#HttpOnly_")
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			f := strings.Split(l, "\t")
			if len(f) < 7 {
				t.Fatalf("a broken line in the jar: %q", l)
			}
			m[f[5]+"\t"+f[0]]++
		}
		return m
	},
}

var safariFixture = fixture{
	kind: "safari",
	make: func(t *testing.T, dir string) string {
		exp := float64(time.Now().Add(48*time.Hour).Unix() - 978307200)
		trailer := append([]byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}, []byte("bplist00-stub")...)
		var page []binarycookies.Cookie
		for _, c := range [][2]string{{"data.ofgl.fr", "_pk_id.1.abcd"}, {"data.ofgl.fr", "_pk_ses.1.abcd"}, {".ofgl.fr", "_ga"},
			{".ofgl.fr", "_gid"}, {"data.ofgl.fr", "sessionid"}, {"data.ofgl.fr", "csrftoken"}, {"www.example.org", "other"}} {
			page = append(page, binarycookies.Cookie{Domain: c[0], Name: c[1], Path: "/", Value: "v", Expires: exp, Created: 1})
		}
		data, err := (&binarycookies.File{Trailer: trailer, Pages: [][]binarycookies.Cookie{page[:3], page[3:]}}).Encode()
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o700)
		path := filepath.Join(dir, "Cookies.binarycookies")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	},
	entries: func(t *testing.T, path string) map[string]int {
		t.Helper()
		f, err := binarycookies.Parse(readAll(t, path))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, p := range f.Pages {
			for _, c := range p {
				m[c.Name+"\t"+c.Domain]++
			}
		}
		return m
	},
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
