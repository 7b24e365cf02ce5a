package inspect

import (
	"path/filepath"

	"github.com/ofgl/ofgl-cookies/inspect/internal/running"
)

// OwnerStatus says whether the browser that owns a store runs.
type OwnerStatus struct {
	Running bool
	Stale   bool   // a lock was left by a browser that is gone
	Reason  string // one line naming the browser and profile to close
}

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
	return OwnerStatus{Running: st.Running || st.OtherHost, Stale: st.Stale, Reason: reason}, nil
}
