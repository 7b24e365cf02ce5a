package demo

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// ownerFile holds the id of the process that made a demo directory, so
// that a later demo removes the directory of a run that was killed
// (SIGKILL, a power cut) before it could remove its own.
const ownerFile = "owner.pid"

func writeOwner(dir string) error {
	return writePrivate(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())))
}

// sweepAbandoned removes the demo directories beside dir whose process is
// gone. A directory without an owner file (one being made) or whose owner
// lives is left alone, and so is anything that is not a plain directory.
func sweepAbandoned(dir string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "ofgl-cookies-demo-*"))
	for _, m := range matches {
		if m == dir {
			continue
		}
		if fi, err := os.Lstat(m); err != nil || !fi.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(m, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid == os.Getpid() || inspect.ProcessAlive(pid) {
			continue
		}
		os.RemoveAll(m)
	}
}
