package inspect

import "errors"

// OwnerStatus says whether the browser that owns a store runs.
type OwnerStatus struct {
	Running bool
	Stale   bool   // a lock was left by a browser that is gone
	Reason  string // one line naming the browser and profile to close
}

// checkRunning is the real check; it refuses until it is wired.
func checkRunning(ref StoreRef) (OwnerStatus, error) {
	return OwnerStatus{}, errors.New("running-browser check not available")
}
