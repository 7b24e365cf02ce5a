package inspect

import "path/filepath"

// StoreLockPath is the lock file a run takes for a store, for the tests
// that hold it from outside.
func StoreLockPath(stateDir string, ref StoreRef) string {
	return filepath.Join(locksDir(stateDir), storeLockKey(lockRef(ref)))
}
