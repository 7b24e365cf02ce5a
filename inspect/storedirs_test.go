package inspect

import (
	"path/filepath"
	"testing"
)

func TestStoreDirs(t *testing.T) {
	p := filepath.FromSlash
	cases := []struct {
		path         string
		kind         Kind
		profile, udd string
	}{
		{"/h/ff/p/sessionstore-backups/recovery.jsonlz4", KindFirefoxSession, "/h/ff/p", ""},
		{"/h/ff/p/sessionstore-backups/previous.jsonlz4", KindFirefoxSession, "/h/ff/p", ""},
		{"/h/ff/p/sessionstore-backups/upgrade.jsonlz4-20250101000000", KindFirefoxSession, "/h/ff/p", ""},
		{"/h/ff/p/sessionstore.jsonlz4", KindFirefoxSession, "/h/ff/p", ""},
		{"/tmp/copy/recovery.jsonlz4", KindFirefoxSession, "/tmp/copy", ""},
		{"/h/ff/p/cookies.sqlite", KindFirefox, "/h/ff/p", ""},
		{"/h/chromium/Default/Network/Cookies", KindChromium, "/h/chromium/Default", "/h/chromium"},
		{"/h/chromium/Profile 1/Cookies", KindChromium, "/h/chromium/Profile 1", "/h/chromium"},
		{"/h/jar/sessionstore-backups/cookies.txt", KindKooky, "/h/jar/sessionstore-backups", ""},
		{"/h/x/Network/Cookies.binarycookies", KindKooky, "/h/x/Network", ""},
	}
	for _, c := range cases {
		prof, udd := storeDirs(p(c.path), c.kind)
		if prof != p(c.profile) || udd != p(c.udd) {
			t.Errorf("%s (%s): %q %q, want %q %q", c.path, c.kind, prof, udd, c.profile, c.udd)
		}
	}
}
