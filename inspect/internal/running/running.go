package running

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Owner names what to check for one store.
type Owner struct {
	// Browser is the browser that writes the store: "chromium", "chrome",
	// "brave", "edge", "opera", "vivaldi", "firefox", "librewolf",
	// "safari", "epiphany", …; others are matched by this name.
	Browser string
	// Family is "chromium", "firefox" or "other"; it chooses the locks.
	Family string
	// UserDataDir is, for Chromium, the dir holding SingletonLock
	// (Linux, macOS) or lockfile (Windows): the parent of Default.
	UserDataDir string
	// ProfileDir is, for Firefox, the profile dir holding lock and
	// .parentlock (Linux, macOS) or parent.lock (Windows).
	ProfileDir string
}

// Status is the answer of Check for one store.
type Status struct {
	// Running means: refuse to write.
	Running bool
	// Reason is one line for the user, e.g. "Chromium is running (process
	// 1234, lock /x/SingletonLock): close it".
	Reason string
	// Stale means a lock was left behind by a browser that is gone. It is
	// set only when Running is false: treat the store as closed, but
	// callers may warn (the last session did not end cleanly).
	Stale bool
	// OtherHost means the profile is locked by a browser on another
	// computer (the Chromium lock names another host name); Running is
	// also true.
	OtherHost bool
	// Why says which signal decided, and the fields after it its facts,
	// so that a caller can word the reason in its own language.
	Why     Why
	Browser string   // display name
	Profile string   // the profile dir checked (WhyOtherHost)
	PID     int      // the process named by the lock, or found running
	Process string   // the process's name (WhyProcess, WhyProcessAnyProfile)
	Lock    string   // the lock file
	Host    string   // the other computer (WhyOtherHost)
	Note    LockNote // the lock's own detail
}

// Why names the signal that decided a Status.
type Why string

// The signals, strongest first.
const (
	WhyHeld              Why = "held"                // a live process holds the profile lock
	WhyOtherHost         Why = "other-host"          // the lock names another computer
	WhyUnknownLock       Why = "unknown-lock"        // a lock whose state cannot be told
	WhyProcess           Why = "process"             // a process uses this profile
	WhyProcessAnyProfile Why = "process-any-profile" // a process whose profile cannot be told
	WhyStale             Why = "stale"               // a lock left by a browser that is gone
	WhyNone              Why = ""                    // nothing runs
)

// NotDirError says the profile directory to check is not a directory.
type NotDirError struct{ Path string }

func (e *NotDirError) Error() string { return "running: " + e.Path + " is not a directory" }

// ProcessListError says the system's process list could not be read; Err
// is the system's error.
type ProcessListError struct{ Err error }

func (e *ProcessListError) Error() string { return "running: list processes: " + e.Err.Error() }
func (e *ProcessListError) Unwrap() error { return e.Err }

// Check tells whether the browser that owns a store is running. It never
// writes, and it opens lock files only to test them. A non-nil error means
// the check could not be made (bad Owner, missing dir, unreadable lock,
// no process list): callers must then refuse to write too.
func Check(o Owner) (Status, error) {
	if o.Browser == "" {
		return Status{}, errors.New("running: Owner.Browser is empty")
	}
	fam := o.Family
	if fam == "" {
		// Infer it rather than skip the locks of a known browser.
		fam = familyOf(o.Browser)
	}
	var store string
	switch fam {
	case "chromium":
		store = o.UserDataDir
	case "firefox":
		store = o.ProfileDir
	case "other":
	default:
		return Status{}, fmt.Errorf("running: unknown family %q", o.Family)
	}
	if fam != "other" {
		if store == "" {
			return Status{}, fmt.Errorf("running: no profile dir given for %s", o.Browser)
		}
		fi, err := os.Stat(store)
		if err != nil {
			return Status{}, fmt.Errorf("running: %w", err)
		}
		if !fi.IsDir() {
			return Status{}, &NotDirError{Path: store}
		}
	}
	procs, err := listProcs()
	if err != nil {
		return Status{}, &ProcessListError{Err: err}
	}
	g := gatherer{owner: o, family: fam, store: store, procs: indexProcs(procs), env: osVerdictEnv, keep: keepProc}
	s := signals{browser: displayName(o.Browser), store: store}
	if s.locks, err = g.locks(); err != nil {
		return Status{}, fmt.Errorf("running: %w", err)
	}
	s.procs = g.processes()
	return decide(s), nil
}

// lockState is what one profile lock says.
type lockState int

const (
	lockFree      lockState = iota // absent, or nobody holds it
	lockHeld                       // held by a live browser on this computer
	lockStale                      // left behind by a process that is gone
	lockOtherHost                  // Chromium lock of another computer
	lockUnknown                    // present but unreadable: counts as held
)

// lockSignal is one lock's state, with what the reason needs.
type lockSignal struct {
	path  string
	state lockState
	pid   int      // process named by or holding the lock; 0 when unknown
	host  string   // host named by a Chromium lock
	note  LockNote // detail for the reason ("process 12 is gone")
}

// procSignal is one same-user process of the browser.
type procSignal struct {
	pid  int
	name string
	use  profileUse
}

// signals is everything decide combines, gathered by Check.
type signals struct {
	browser string // display name
	store   string // the profile dir checked ("" for family other)
	locks   []lockSignal
	procs   []procSignal
}

// decide combines the signals, strongest first: the rows of the decision
// table in the package doc.
func decide(s signals) Status {
	st := decideFacts(s)
	st.Reason = s.browser + " is not running"
	if st.Why != WhyNone {
		st.Reason = st.englishReason()
	}
	return st
}

// decideFacts picks the strongest signal and keeps its facts.
func decideFacts(s signals) Status {
	if l, ok := firstLock(s.locks, lockHeld); ok {
		return Status{Running: true, Why: WhyHeld, Browser: s.browser, PID: l.pid, Lock: l.path, Note: l.note}
	}
	if l, ok := firstLock(s.locks, lockOtherHost); ok {
		return Status{Running: true, OtherHost: true, Why: WhyOtherHost, Browser: s.browser, Profile: s.store, Host: l.host, PID: l.pid, Lock: l.path}
	}
	if l, ok := firstLock(s.locks, lockUnknown); ok {
		return Status{Running: true, Why: WhyUnknownLock, Browser: s.browser, Lock: l.path, Note: l.note}
	}
	if p, ok := firstProc(s.procs, useSame); ok {
		return Status{Running: true, Why: WhyProcess, Browser: s.browser, PID: p.pid, Process: p.name}
	}
	if p, ok := firstProc(s.procs, useUnknown); ok {
		return Status{Running: true, Why: WhyProcessAnyProfile, Browser: s.browser, PID: p.pid, Process: p.name}
	}
	if l, ok := firstLock(s.locks, lockStale); ok {
		return Status{Stale: true, Why: WhyStale, Browser: s.browser, Lock: l.path, Note: l.note}
	}
	return Status{}
}

// englishReason words the signal that decided, in English, for logs.
func (st Status) englishReason() string {
	switch st.Why {
	case WhyHeld:
		return fmt.Sprintf("%s is running (%s): close it", st.Browser, heldDetail(st))
	case WhyOtherHost:
		return fmt.Sprintf("%s profile %s is in use on another computer (host %q, process %d, lock %s): close it there, or remove the lock if that computer no longer uses it",
			st.Browser, st.Profile, st.Host, st.PID, st.Lock)
	case WhyUnknownLock:
		return fmt.Sprintf("cannot tell whether %s is running (lock %s: %s): close it, then remove the lock", st.Browser, st.Lock, st.Note)
	case WhyProcess:
		return fmt.Sprintf("%s is running (process %d %q uses this profile): close it", st.Browser, st.PID, st.Process)
	case WhyProcessAnyProfile:
		return fmt.Sprintf("%s is running (process %d %q; cannot tell which profile it uses): close it", st.Browser, st.PID, st.Process)
	case WhyStale:
		return fmt.Sprintf("%s is not running; it left a stale lock %s (%s)", st.Browser, st.Lock, st.Note)
	}
	return ""
}

// firstLock returns the first lock in state st.
func firstLock(ls []lockSignal, st lockState) (lockSignal, bool) {
	for _, l := range ls {
		if l.state == st {
			return l, true
		}
	}
	return lockSignal{}, false
}

// firstProc returns the first process with verdict use.
func firstProc(ps []procSignal, use profileUse) (procSignal, bool) {
	for _, p := range ps {
		if p.use == use {
			return p, true
		}
	}
	return procSignal{}, false
}

// heldDetail words a held lock for the reason.
func heldDetail(st Status) string {
	var parts []string
	if st.PID > 0 {
		parts = append(parts, fmt.Sprintf("process %d", st.PID))
	}
	parts = append(parts, "lock "+st.Lock)
	if st.Note.Kind != NoteNone {
		parts = append(parts, st.Note.String())
	}
	return strings.Join(parts, ", ")
}

// procInfo is one process as the OS lists it.
type procInfo struct {
	pid, ppid int
	names     []string // executable base name and/or comm, as known
	path      string   // full executable path, "" when unknown
	sameUser  bool
}

// procTable indexes a process list by pid.
type procTable map[int]procInfo

// indexProcs builds a procTable.
func indexProcs(ps []procInfo) procTable {
	t := make(procTable, len(ps))
	for _, p := range ps {
		t[p.pid] = p
	}
	return t
}

// gatherer collects the signals of one Owner.
type gatherer struct {
	owner  Owner
	family string
	store  string
	procs  procTable
	env    verdictEnv
	// args returns a process's argv, ok=false when it cannot be read
	// or cannot be trusted (see procArgs); nil means procArgs.
	args func(pid int) ([]string, bool)
	// alive reports whether a pid exists; nil means pidAlive.
	alive func(pid int) bool
	// host is this computer's name; "" means os.Hostname.
	host string
	// keep, when set, limits the process check to the processes it
	// accepts (lock pids are still looked up in all of procs).
	keep func(procInfo, procTable) bool
}

// keepProc is nil outside tests. The package's tests set it so that the
// process check sees only the browsers they started, not the ones other
// test packages run on the same machine at the same time.
var keepProc func(procInfo, procTable) bool

// locks reads every lock of the family. Absent lock files are left out,
// and so are the kinds another OS uses (their tests report nothing here).
func (g *gatherer) locks() ([]lockSignal, error) {
	var out []lockSignal
	add := func(l lockSignal, err error) error {
		if err != nil {
			return err
		}
		if l.path != "" {
			out = append(out, l)
		}
		return nil
	}
	switch g.family {
	case "chromium":
		if err := add(g.symlinkLock(filepath.Join(g.store, "SingletonLock"))); err != nil {
			return nil, err
		}
		if err := add(shareLock(filepath.Join(g.store, "lockfile"), true)); err != nil {
			return nil, err
		}
	case "firefox":
		if err := add(g.symlinkLock(filepath.Join(g.store, "lock"))); err != nil {
			return nil, err
		}
		for _, n := range []string{".parentlock", "parent.lock"} {
			if err := add(fcntlLock(filepath.Join(g.store, n))); err != nil {
				return nil, err
			}
		}
		if err := add(shareLock(filepath.Join(g.store, "parent.lock"), false)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// symlinkLock reads a Chromium SingletonLock or a Firefox lock symlink.
func (g *gatherer) symlinkLock(path string) (lockSignal, error) {
	l := lockSignal{path: path}
	target, err := os.Readlink(path)
	if err != nil {
		fi, serr := os.Lstat(path)
		if errors.Is(serr, fs.ErrNotExist) {
			return lockSignal{}, nil
		}
		if serr == nil && fi.Mode()&fs.ModeSymlink == 0 {
			l.state, l.note = lockUnknown, LockNote{Kind: NoteNotSymlink}
			return l, nil
		}
		return l, err
	}
	var ok bool
	if g.family == "chromium" {
		l.host, l.pid, ok = ParseChromiumLock(target)
	} else {
		l.pid, ok = ParseFirefoxLock(target)
	}
	if !ok {
		l.state, l.note = lockUnknown, LockNote{Kind: NoteBadTarget, Name: target}
		return l, nil
	}
	if g.family == "chromium" {
		host := g.host
		if host == "" {
			if host, err = os.Hostname(); err != nil {
				l.state, l.note = lockUnknown, LockNote{Kind: NoteNoHostname}
				return l, nil
			}
		}
		if l.host != host {
			l.state = lockOtherHost
			return l, nil
		}
	}
	l.state, l.note = g.pidState(l.pid)
	return l, nil
}

// pidState tells whether the pid a lock names is the browser, guarding
// against pid reuse: the pid must be alive, look like this family's
// browser, and not provably use another profile.
func (g *gatherer) pidState(pid int) (lockState, LockNote) {
	alive := g.alive
	if alive == nil {
		alive = pidAlive
	}
	if !alive(pid) {
		return lockStale, LockNote{Kind: NoteProcessGone, PID: pid}
	}
	p, ok := g.procs[pid]
	if !ok || len(p.names) == 0 {
		return lockHeld, LockNote{} // born after the process list: assume the worst
	}
	if !matchFamily(g.family, g.owner.Browser, p.names) {
		return lockStale, LockNote{Kind: NoteProcessReused, PID: pid, Name: p.names[0], Want: displayName(g.owner.Browser)}
	}
	if args, ok := g.procArgs(pid); ok {
		if profileVerdict(profileFromArgs(g.family, args), g.store, g.env) == useOther {
			return lockStale, LockNote{Kind: NoteOtherProfile, PID: pid, Name: p.names[0]}
		}
	}
	return lockHeld, LockNote{}
}

// procArgs calls g.args or the OS's procArgs.
func (g *gatherer) procArgs(pid int) ([]string, bool) {
	if g.args != nil {
		return g.args(pid)
	}
	return procArgs(pid)
}

// processes lists the same-user processes of the browser and what their
// command lines prove. A helper (Chromium --type=, Firefox -contentproc, or
// any process whose command line cannot be read) whose parent is also a
// process of the browser is covered by that parent, which shares its
// profile: this names the main process and lets the helpers of a browser
// using another profile pass. Every other process is judged by its own
// command line.
func (g *gatherer) processes() []procSignal {
	match := func(p procInfo) bool {
		return p.sameUser && matchBrowser(g.owner.Browser, p.names, p.path)
	}
	var out []procSignal
	for _, p := range g.procs {
		if !match(p) || (g.keep != nil && !g.keep(p, g.procs)) {
			continue
		}
		use, prof, argsOK := useUnknown, cmdProfile{}, false
		if g.family != "other" {
			var args []string
			if args, argsOK = g.procArgs(p.pid); argsOK {
				prof = profileFromArgs(g.family, args)
				use = profileVerdict(prof, g.store, g.env)
			}
		}
		parent, ok := g.procs[p.ppid]
		if ok && p.ppid != p.pid && match(parent) && (prof.child || !argsOK) {
			continue
		}
		if use == useOther {
			continue
		}
		out = append(out, procSignal{pid: p.pid, name: procName(p), use: use})
	}
	// Map order is random: keep the reason stable (lowest pid first).
	slices.SortFunc(out, func(a, b procSignal) int { return a.pid - b.pid })
	return out
}

// procName is the name shown for a process.
func procName(p procInfo) string {
	if len(p.names) > 0 {
		return p.names[0]
	}
	return "?"
}
