package running

import (
	"reflect"
	"testing"
)

func TestParseProcStat(t *testing.T) {
	tests := []struct {
		in    string
		comm  string
		state byte
		ppid  int
		ok    bool
	}{
		{"7885 (Socket Process) S 7750 7750 5821 0 -1 4194560 3117", "Socket Process", 'S', 7750, true},
		{"42 (a) b) c) Z 1 42 42", "a) b) c", 'Z', 1, true},
		{"17668 (chromium) R 1 17668", "chromium", 'R', 1, true},
		{"1 (init", "", 0, 0, false},
		{"1 (x) S", "", 0, 0, false},
		{"1 (x) S y", "", 0, 0, false},
		{"", "", 0, 0, false},
	}
	for _, tc := range tests {
		comm, state, ppid, ok := parseProcStat([]byte(tc.in))
		if comm != tc.comm || state != tc.state || ppid != tc.ppid || ok != tc.ok {
			t.Errorf("parseProcStat(%q) = %q, %q, %d, %v", tc.in, comm, state, ppid, ok)
		}
	}
}

func TestSplitCmdline(t *testing.T) {
	if got := splitCmdline([]byte("firefox-esr\x00--profile\x00/p q\x00\x00")); !reflect.DeepEqual(got, []string{"firefox-esr", "--profile", "/p q"}) {
		t.Errorf("argv: %q", got)
	}
	if got := splitCmdline([]byte("chromium --type=zygote --x\x00")); !reflect.DeepEqual(got, []string{"chromium --type=zygote --x"}) {
		t.Errorf("title: %q", got)
	}
	if got := splitCmdline(nil); got != nil {
		t.Errorf("kernel thread: %q", got)
	}
}

func TestParsePS(t *testing.T) {
	out := `    1     0     0 Ss   /sbin/launchd
  512     1   501 S    /Applications/Google Chrome.app/Contents/MacOS/Google Chrome
  530   512   501 S    /Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/1/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)
  600     1   502 S    /Applications/Safari.app/Contents/MacOS/Safari
  601   512   501 Z    (Google Chrome)
  602     1   501 S    (firefox)
bad line
`
	got := parsePS(out, 501)
	want := []procInfo{
		{pid: 1, ppid: 0, names: []string{"launchd"}, path: "/sbin/launchd"},
		{pid: 512, ppid: 1, names: []string{"Google Chrome"}, path: "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", sameUser: true},
		{pid: 530, ppid: 512, names: []string{"Google Chrome Helper (Renderer)"}, path: "/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Framework.framework/Versions/1/Helpers/Google Chrome Helper (Renderer).app/Contents/MacOS/Google Chrome Helper (Renderer)", sameUser: true},
		{pid: 600, ppid: 1, names: []string{"Safari"}, path: "/Applications/Safari.app/Contents/MacOS/Safari"},
		{pid: 602, ppid: 1, names: []string{"firefox"}, sameUser: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsePS:\n got %+v\nwant %+v", got, want)
	}
}
