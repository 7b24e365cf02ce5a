package inspect

import (
	"errors"
	"path/filepath"

	"github.com/ofgl/ofgl-cookies/inspect/internal/running"
)

// OwnerStatus says whether the browser that owns a store runs.
type OwnerStatus struct {
	Running bool
	Stale   bool   // a lock was left by a browser that is gone
	Reason  string // one line naming the browser and profile to close, in English, for logs
	// Why says which signal decided, and the fields after it its facts:
	// ui/i18n words a refusal from them.
	Why     RunningWhy
	Browser string   // the browser's display name
	Profile string   // the profile directory (RunningOtherHost)
	PID     int      // the process named by the lock, or found running; 0 when unknown
	Process string   // the process's name
	Lock    string   // the lock file
	Host    string   // the other computer (RunningOtherHost)
	Note    LockNote // the lock's own detail, as facts
}

// RunningWhy names the signal that decided whether a browser runs.
type RunningWhy string

// The signals, strongest first.
const (
	RunningHeld              RunningWhy = RunningWhy(running.WhyHeld)              // a live process holds the profile lock
	RunningOtherHost         RunningWhy = RunningWhy(running.WhyOtherHost)         // the lock names another computer
	RunningUnknownLock       RunningWhy = RunningWhy(running.WhyUnknownLock)       // a lock whose state cannot be told
	RunningProcess           RunningWhy = RunningWhy(running.WhyProcess)           // a process uses this profile
	RunningProcessAnyProfile RunningWhy = RunningWhy(running.WhyProcessAnyProfile) // a process whose profile cannot be told
	RunningStale             RunningWhy = RunningWhy(running.WhyStale)             // a lock left by a browser that is gone
)

// LockNote is a lock's own detail as facts (a process that is gone, a
// lock that is not a symlink…); ui/i18n words it.
type LockNote = running.LockNote

// LockNoteKind names what the running check found about a lock.
type LockNoteKind = running.LockNoteKind

// The details of a lock, as LockNote.Kind gives them.
const (
	LockNoteNone          = running.NoteNone
	LockNoteFcntl         = running.NoteFcntl         // a record lock is held on it
	LockNoteNotRegular    = running.NoteNotRegular    // not a regular file
	LockNoteNotSymlink    = running.NoteNotSymlink    // not a symlink
	LockNoteBadTarget     = running.NoteBadTarget     // Name: the target it names
	LockNoteNoHostname    = running.NoteNoHostname    // this computer's name is unknown
	LockNoteProcessGone   = running.NoteProcessGone   // PID
	LockNoteProcessReused = running.NoteProcessReused // PID, Name: what it is now, Want: the browser
	LockNoteOtherProfile  = running.NoteOtherProfile  // PID, Name: the process
	LockNoteNoHolder      = running.NoteNoHolder      // no process holds it
	LockNoteOpenElsewhere = running.NoteOpenElsewhere // open in another process
	LockNoteAccessDenied  = running.NoteAccessDenied
)

// checkRunning asks the running package about the browser that owns ref:
// its profile lock first, its processes as a second signal.
func checkRunning(ref StoreRef) (OwnerStatus, error) {
	fam := "other"
	switch {
	case ref.Kind == KindChromium || isChromiumFamily(ref.Browser):
		fam = "chromium"
	case ref.Kind == KindFirefox || ref.Kind == KindFirefoxSession || isFirefoxFamily(ref.Browser):
		fam = "firefox"
	}
	profileDir := ref.ProfileDir
	if profileDir == "" {
		profileDir = filepath.Dir(ref.Path)
	}
	userData := ref.UserDataDir
	if userData == "" && fam == "chromium" {
		userData = filepath.Dir(profileDir)
	}
	// A store named by its path is labelled by its format ("firefox
	// session", "cookies.txt"): its processes are looked for under the
	// family's name.
	browser := ref.Browser
	switch {
	case fam == "firefox" && !isFirefoxFamily(browser):
		browser = "firefox"
	case fam == "chromium" && !isChromiumFamily(browser):
		browser = "chromium"
	}
	st, err := running.Check(running.Owner{Browser: browser, Family: fam, UserDataDir: userData, ProfileDir: profileDir})
	if err != nil {
		return OwnerStatus{}, runningProblem(err)
	}
	reason := st.Reason
	if st.Running && ref.Profile != "" {
		reason += " (profile " + ref.Profile + ")"
	}
	return OwnerStatus{Running: st.Running || st.OtherHost, Stale: st.Stale, Reason: reason,
		Why: RunningWhy(st.Why), Browser: st.Browser, Profile: st.Profile, PID: st.PID, Process: st.Process,
		Lock: st.Lock, Host: st.Host, Note: st.Note}, nil
}

// runningProblem gives the running check's failures that people read a
// kind; the others keep their own words.
func runningProblem(err error) error {
	var (
		notDir *running.NotDirError
		procs  *running.ProcessListError
	)
	switch {
	case errors.As(err, &notDir):
		return &Problem{Kind: ProblemNotADirectory, Subject: notDir.Path, Err: err}
	case errors.As(err, &procs):
		return problem(ProblemProcessList, procs.Err)
	}
	return err
}
