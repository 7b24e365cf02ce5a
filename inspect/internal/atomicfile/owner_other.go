//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner; ACLs come from
// the directory.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
