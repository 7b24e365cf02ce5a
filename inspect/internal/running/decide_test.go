package running

import (
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestDecide(t *testing.T) {
	held := lockSignal{path: "/u/SingletonLock", state: lockHeld, pid: 1234}
	fcntlHeld := lockSignal{path: "/p/.parentlock", state: lockHeld, note: LockNote{Kind: NoteFcntl}}
	stale := lockSignal{path: "/u/SingletonLock", state: lockStale, pid: 99, note: LockNote{Kind: NoteProcessGone, PID: 99}}
	other := lockSignal{path: "/u/SingletonLock", state: lockOtherHost, pid: 7, host: "laptop"}
	unknown := lockSignal{path: "/u/SingletonLock", state: lockUnknown, note: LockNote{Kind: NoteBadTarget, Name: "x"}}
	free := lockSignal{path: "/p/.parentlock", state: lockFree}
	same := procSignal{pid: 50, name: "chromium", use: useSame}
	maybe := procSignal{pid: 60, name: "chromium", use: useUnknown}

	tests := []struct {
		name    string
		locks   []lockSignal
		procs   []procSignal
		running bool
		other   bool
		stale   bool
		reason  []string // substrings
	}{
		{"row 1 symlink held", []lockSignal{held}, nil, true, false, false, []string{"Chromium is running (process 1234, lock /u/SingletonLock): close it"}},
		{"row 1 fcntl held, no pid", []lockSignal{free, fcntlHeld}, nil, true, false, false, []string{"lock /p/.parentlock", "fcntl"}},
		{"row 1 beats a stale lock", []lockSignal{stale, fcntlHeld}, nil, true, false, false, []string{"/p/.parentlock"}},
		{"row 2 other host", []lockSignal{other}, nil, true, true, false, []string{"another computer", `"laptop"`, "process 7"}},
		{"row 1 beats row 2", []lockSignal{other, held}, nil, true, false, false, []string{"process 1234"}},
		{"row 3 unknown lock", []lockSignal{unknown}, nil, true, false, false, []string{"cannot tell", "unrecognised"}},
		{"row 4 process uses the store", []lockSignal{free}, []procSignal{maybe, same}, true, false, false, []string{"process 50", "uses this profile"}},
		{"row 4 beats a stale lock", []lockSignal{stale}, []procSignal{same}, true, false, false, []string{"process 50"}},
		{"row 5 process, profile unknown", nil, []procSignal{maybe}, true, false, false, []string{"process 60", "cannot tell which profile"}},
		{"row 5 beats a stale lock", []lockSignal{stale}, []procSignal{maybe}, true, false, false, []string{"process 60"}},
		{"row 6 stale", []lockSignal{free, stale}, nil, false, false, true, []string{"not running", "stale lock /u/SingletonLock", "process 99 is gone"}},
		{"row 7 free", []lockSignal{free}, nil, false, false, false, []string{"Chromium is not running"}},
		{"row 7 nothing", nil, nil, false, false, false, []string{"not running"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := decide(signals{browser: "Chromium", store: "/u", locks: tc.locks, procs: tc.procs})
			if st.Running != tc.running || st.OtherHost != tc.other || st.Stale != tc.stale {
				t.Errorf("decide = %+v, want running=%v otherHost=%v stale=%v", st, tc.running, tc.other, tc.stale)
			}
			for _, s := range tc.reason {
				if !strings.Contains(st.Reason, s) {
					t.Errorf("reason %q lacks %q", st.Reason, s)
				}
			}
			if (st.Running || st.Stale) != (st.Why != WhyNone) || (st.Stale && st.Why != WhyStale) || st.Browser == "" && st.Why != WhyNone {
				t.Errorf("decide = %+v: Why and its facts do not match", st)
			}
			if strings.Contains(st.Reason, "\n") {
				t.Errorf("reason %q is not one line", st.Reason)
			}
		})
	}
}

// fakeGatherer builds a gatherer over a fake process table.
func fakeGatherer(family, browser, store string, procs []procInfo, args map[int][]string, alive map[int]bool) *gatherer {
	return &gatherer{
		owner:  Owner{Browser: browser, Family: family},
		family: family,
		store:  store,
		procs:  indexProcs(procs),
		env: verdictEnv{
			compare: func(dir, s string) profileUse {
				if dir == s {
					return useSame
				}
				return useOther
			},
			readFile: func(string) ([]byte, error) { return nil, errNoFile },
		},
		args: func(pid int) ([]string, bool) {
			a, ok := args[pid]
			return a, ok
		},
		alive: func(pid int) bool { return alive[pid] },
		host:  "vm",
	}
}

var errNoFile = errors.New("no such file")

// posixPaths skips tables written with POSIX paths on Windows, where
// command lines are not read anyway (see procArgs).
func posixPaths(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths; command lines are not read on Windows")
	}
}

func TestProcesses(t *testing.T) {
	posixPaths(t)
	main := procInfo{pid: 10, ppid: 1, names: []string{"chromium", "chromium"}, path: "/usr/lib/chromium/chromium", sameUser: true}
	zygote := procInfo{pid: 11, ppid: 10, names: []string{"chromium"}, sameUser: true}
	renderer := procInfo{pid: 12, ppid: 11, names: []string{"chromium"}, sameUser: true}
	crashpad := procInfo{pid: 13, ppid: 1, names: []string{"chrome_crashpad_handler"}, sameUser: true}
	otherUser := procInfo{pid: 20, ppid: 1, names: []string{"chromium"}, sameUser: false}
	chrome := procInfo{pid: 30, ppid: 1, names: []string{"chrome"}, path: "/opt/google/chrome/chrome", sameUser: true}
	helperArgs := func(udd string) []string {
		return []string{"/usr/lib/chromium/chromium --type=zygote --user-data-dir=" + udd + " --x"}
	}

	tests := []struct {
		name  string
		procs []procInfo
		args  map[int][]string
		want  []procSignal
	}{
		{"main using another profile, helpers covered",
			[]procInfo{main, zygote, renderer, crashpad, otherUser, chrome},
			map[int][]string{10: {"chromium", "--user-data-dir=/other"}, 11: helperArgs("/other"), 12: helperArgs("/other")},
			nil},
		{"main using the store",
			[]procInfo{main, zygote, renderer},
			map[int][]string{10: {"chromium", "--user-data-dir=/store"}, 11: helperArgs("/store"), 12: helperArgs("/store")},
			[]procSignal{{pid: 10, name: "chromium", use: useSame}}},
		{"main without flag",
			[]procInfo{main, zygote},
			map[int][]string{10: {"chromium"}, 11: helperArgs("/x")},
			[]procSignal{{pid: 10, name: "chromium", use: useUnknown}}},
		{"orphaned helper of the store",
			[]procInfo{{pid: 12, ppid: 1, names: []string{"chromium"}, sameUser: true}},
			map[int][]string{12: helperArgs("/store")},
			[]procSignal{{pid: 12, name: "chromium", use: useSame}}},
		{"orphaned helper of another profile: a title is no proof",
			[]procInfo{{pid: 12, ppid: 1, names: []string{"chromium"}, sameUser: true}},
			map[int][]string{12: helperArgs("/other")},
			[]procSignal{{pid: 12, name: "chromium", use: useUnknown}}},
		{"no command lines (macOS, Windows): the main process is named",
			[]procInfo{renderer, zygote, main},
			nil,
			[]procSignal{{pid: 10, name: "chromium", use: useUnknown}}},
		{"a browser started by another keeps its own verdict",
			[]procInfo{main, {pid: 40, ppid: 10, names: []string{"chromium"}, sameUser: true}},
			map[int][]string{10: {"chromium", "--user-data-dir=/other"}, 40: {"chromium", "--user-data-dir=/store"}},
			[]procSignal{{pid: 40, name: "chromium", use: useSame}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := fakeGatherer("chromium", "chromium", "/store", tc.procs, tc.args, nil)
			got := g.processes()
			if len(got) != len(tc.want) {
				t.Fatalf("processes = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("processes[%d] = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestProcessesFirefoxHelpers(t *testing.T) {
	posixPaths(t)
	procs := []procInfo{
		{pid: 7750, ppid: 1, names: []string{"firefox-esr", "firefox-esr"}, sameUser: true},
		{pid: 7964, ppid: 7750, names: []string{"firefox-esr", "forkserver"}, sameUser: true},
		{pid: 8154, ppid: 7964, names: []string{"firefox-esr", "Web Content"}, sameUser: true},
		{pid: 7768, ppid: 1, names: []string{"crashhelper", "crashhelper"}, sameUser: true},
	}
	content := []string{"/usr/lib/firefox-esr/firefox-esr", "-contentproc", "-parentPid", "7750", "tab"}
	args := map[int][]string{
		7750: {"firefox-esr", "--headless", "--no-remote", "--profile", "/other", "about:blank"},
		7964: content, 8154: content,
	}
	g := fakeGatherer("firefox", "firefox", "/store", procs, args, nil)
	if got := g.processes(); len(got) != 0 {
		t.Errorf("helpers of a Firefox using another profile: %+v", got)
	}
	args[7750] = []string{"firefox-esr"}
	if got := g.processes(); len(got) != 1 || got[0].pid != 7750 || got[0].use != useUnknown {
		t.Errorf("Firefox with its default profile: %+v", got)
	}
	// Orphaned content processes after a kill -9 of the main one.
	g = fakeGatherer("firefox", "firefox", "/store", procs[2:], args, nil)
	if got := g.processes(); len(got) != 1 || got[0].pid != 8154 || got[0].use != useUnknown {
		t.Errorf("orphaned content process: %+v", got)
	}
}

func TestPidState(t *testing.T) {
	posixPaths(t)
	procs := []procInfo{
		{pid: 100, names: []string{"chromium", "chromium"}, sameUser: true},
		{pid: 101, names: []string{"bash", "bash"}, sameUser: true},
		{pid: 102, names: []string{"chromium"}, sameUser: true},
		{pid: 103, names: []string{"chromium"}, sameUser: false},
	}
	args := map[int][]string{100: {"chromium", "--user-data-dir=/store"}, 102: {"chromium", "--user-data-dir=/other"}}
	alive := map[int]bool{100: true, 101: true, 102: true, 103: true, 104: true}
	g := fakeGatherer("chromium", "chromium", "/store", procs, args, alive)
	tests := []struct {
		pid  int
		want lockState
		note string
	}{
		{100, lockHeld, ""},
		{101, lockStale, `now "bash"`},
		{102, lockStale, "another profile"},
		{103, lockHeld, ""}, // someone else's Chromium, args unknown
		{104, lockHeld, ""}, // alive but born after the process list
		{105, lockStale, "process 105 is gone"},
	}
	for _, tc := range tests {
		st, note := g.pidState(tc.pid)
		if st != tc.want || !strings.Contains(note.String(), tc.note) {
			t.Errorf("pidState(%d) = %v, %q; want %v, %q", tc.pid, st, note, tc.want, tc.note)
		}
	}
}
