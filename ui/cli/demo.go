package cli

import (
	"path/filepath"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/demo"
)

// openDemo builds fresh sample stores for --demo; the caller closes them,
// which removes them.
func openDemo() (*demo.Demo, error) { return demo.New(time.Time{}) }

// demoDeleteOptions make a deletion from the demo write its batch in the
// demo's own state directory and vouch that no browser owns its stores.
func demoDeleteOptions(d *demo.Demo) inspect.DeleteOptions {
	return inspect.DeleteOptions{StateDir: d.StateDir, CheckRunning: d.CheckRunning}
}

// demoKeepPath is the demo's keep list, so that a demo never reads or
// changes the user's own.
func demoKeepPath(d *demo.Demo) string { return filepath.Join(d.ConfigDir, "keep.txt") }
