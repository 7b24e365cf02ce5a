package inspect

import (
	"os"
	"runtime"
	"testing"
)

// The read-only and disk-full tests mount a read-only bind and a small
// tmpfs, which needs root on Linux. CI runs as root: there, a test that
// cannot do so fails rather than passes unseen; elsewhere it is skipped.

// cannotMount stops a test that lacks what mounting needs: a failure when
// CI is set, a skip otherwise.
func cannotMount(t *testing.T, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(append([]any{"CI is set, so this test must run:"}, args...)...)
	}
	t.Skip(args...)
}

// requireMount stops the test unless it runs as root on Linux.
func requireMount(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("mounts are Linux-only here")
	}
	if os.Getuid() != 0 {
		cannotMount(t, "needs root on Linux to mount a read-only bind and a small tmpfs")
	}
}
