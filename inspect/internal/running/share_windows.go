//go:build windows

package running

import (
	"errors"

	"golang.org/x/sys/windows"
)

// shareLock tests a Windows profile lock file by opening it with share
// mode 0: Chromium holds lockfile open for writing (FILE_SHARE_READ,
// FILE_FLAG_DELETE_ON_CLOSE) and Firefox holds parent.lock with share mode
// 0, so while they run our open fails with a sharing violation. Read access
// is enough to collide with their handles and needs no write permission.
// The handle is closed at once so a browser starting now is not blocked.
// leftBehindIsStale marks a file that should not exist once its browser
// is gone (Chromium's delete-on-close lockfile).
func shareLock(path string, leftBehindIsStale bool) (lockSignal, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return lockSignal{}, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ, 0, nil, windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	switch {
	case err == nil:
		windows.CloseHandle(h)
		if leftBehindIsStale {
			return lockSignal{path: path, state: lockStale, note: LockNote{Kind: NoteNoHolder}}, nil
		}
		return lockSignal{path: path, state: lockFree}, nil
	case errors.Is(err, windows.ERROR_FILE_NOT_FOUND), errors.Is(err, windows.ERROR_PATH_NOT_FOUND):
		return lockSignal{}, nil
	case errors.Is(err, windows.ERROR_SHARING_VIOLATION), errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		return lockSignal{path: path, state: lockHeld, note: LockNote{Kind: NoteOpenElsewhere}}, nil
	case errors.Is(err, windows.ERROR_ACCESS_DENIED):
		return lockSignal{path: path, state: lockUnknown, note: LockNote{Kind: NoteAccessDenied}}, nil
	}
	return lockSignal{}, err
}
