package inspect

import (
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
	Browser string // the browser's display name
	Profile string // the profile directory (RunningOtherHost)
	PID     int    // the process named by the lock, or found running; 0 when unknown
	Process string // the process's name
	Lock    string // the lock file
	Host    string // the other computer (RunningOtherHost)
	Note    string // the lock's own detail, in the system's words
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
	st, err := running.Check(running.Owner{Browser: ref.Browser, Family: fam, UserDataDir: userData, ProfileDir: profileDir})
	if err != nil {
		return OwnerStatus{}, err
	}
	reason := st.Reason
	if st.Running && ref.Profile != "" {
		reason += " (profile " + ref.Profile + ")"
	}
	return OwnerStatus{Running: st.Running || st.OtherHost, Stale: st.Stale, Reason: reason,
		Why: RunningWhy(st.Why), Browser: st.Browser, Profile: st.Profile, PID: st.PID, Process: st.Process,
		Lock: st.Lock, Host: st.Host, Note: st.Note}, nil
}
