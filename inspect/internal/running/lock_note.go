package running

import "fmt"

// LockNote is a lock's own detail as facts, so that a caller can word it
// in its own language; String gives English for logs.
type LockNote struct {
	Kind LockNoteKind
	PID  int    // the process the lock names
	Name string // the process's name now, or the target the lock names
	Want string // the browser the process should have been (NoteProcessReused)
}

// LockNoteKind names what was found about a lock.
type LockNoteKind string

// The details a lock check reports.
const (
	NoteNone          LockNoteKind = ""
	NoteFcntl         LockNoteKind = "locked-with-fcntl" // a record lock is held on it
	NoteNotRegular    LockNoteKind = "not-a-regular-file"
	NoteNotSymlink    LockNoteKind = "not-a-symlink"
	NoteBadTarget     LockNoteKind = "unrecognised-target" // Name: the target
	NoteNoHostname    LockNoteKind = "hostname-unknown"    // this computer's name is unknown
	NoteProcessGone   LockNoteKind = "process-gone"        // PID
	NoteProcessReused LockNoteKind = "process-reused"      // PID, Name: what it is now, Want: the browser
	NoteOtherProfile  LockNoteKind = "other-profile"       // PID, Name: the process
	NoteNoHolder      LockNoteKind = "no-holder"           // no process holds it
	NoteOpenElsewhere LockNoteKind = "open-elsewhere"      // open in another process
	NoteAccessDenied  LockNoteKind = "access-denied"
)

// String words the note in English, for logs and Status.Reason.
func (n LockNote) String() string {
	switch n.Kind {
	case NoteFcntl:
		return "locked with fcntl"
	case NoteNotRegular:
		return "not a regular file"
	case NoteNotSymlink:
		return "not a symlink"
	case NoteBadTarget:
		return fmt.Sprintf("unrecognised target %q", n.Name)
	case NoteNoHostname:
		return "this computer's name is unknown"
	case NoteProcessGone:
		return fmt.Sprintf("process %d is gone", n.PID)
	case NoteProcessReused:
		return fmt.Sprintf("process %d is now %q, not %s", n.PID, n.Name, n.Want)
	case NoteOtherProfile:
		return fmt.Sprintf("process %d is a %s using another profile", n.PID, n.Name)
	case NoteNoHolder:
		return "no process holds it"
	case NoteOpenElsewhere:
		return "open in another process"
	case NoteAccessDenied:
		return "access denied"
	}
	return string(n.Kind)
}
