package inspect

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"

	"github.com/ofgl/ofgl-cookies/inspect/internal/atomicfile"
)

// A store made of files (a Firefox session store, cookies.txt, Safari) is
// changed by renaming new files over the old ones. When a step fails after
// some file was already renamed, the result must say what the store holds
// now, read from the disk, not what the protocol hoped for.

// ChangeState is what a store holds after a step failed part-way.
type ChangeState string

const (
	// ChangeNone: nothing was changed.
	ChangeNone ChangeState = ""
	// ChangeRolledBack: files were rewritten, then put back from the
	// backup; the store is as it was before. The backup is kept.
	ChangeRolledBack ChangeState = "rolled-back"
	// ChangePartly: the store holds some of the change, or all of it
	// without the guarantee it survives a crash (its directory could not
	// be synced). The undo record and the backup are kept.
	ChangePartly ChangeState = "partly-changed"
)

// PartialError says a store failed after some of its files were changed.
// Deleted are the cookies no file of the store holds any more.
type PartialError struct {
	State   ChangeState
	Changed []string // base names of the files that hold the change
	Deleted []Cookie
	Cause   error
}

func (e *PartialError) Error() string { return e.Cause.Error() }

func (e *PartialError) Unwrap() error { return e.Cause }

// errDirSync is the cause shown when a rename happened but its directory
// sync failed.
var errDirSync = &Problem{Kind: ProblemDirSync}

// isReplacedButUnsynced reports whether err comes after a rename that did
// happen: the file holds the new content.
func isReplacedButUnsynced(err error) bool {
	var se *atomicfile.SyncError
	return errors.As(err, &se)
}

// rewrite is one file of a store being replaced: what was read under the
// lock, and what goes in its place.
type rewrite struct {
	path     string
	before   []byte
	after    []byte
	replaced bool // renamed into place (synced or not)
}

// restoreFile puts a file's earlier content back; tests replace it to see
// what a failed roll-back reports.
var restoreFile = atomicfile.Replace

// rollBack puts back the files already replaced, then reads every file to
// tell what the store holds. It returns the paths still changed.
func rollBack(files []rewrite) (stillChanged []string) {
	for i := range files {
		f := &files[i]
		if !f.replaced {
			continue
		}
		restoreFile(f.path, f.before) // the files are read back below

	}
	for _, f := range files {
		if !f.replaced {
			continue
		}
		now, err := os.ReadFile(f.path)
		if err != nil || !bytes.Equal(now, f.before) {
			stillChanged = append(stillChanged, f.path)
		}
	}
	return stillChanged
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}
