package ui

import (
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/demo"
)

// demoBackend writes the sample stores and returns a Backend over them,
// with the demo's own state directory and keep list, and a running check
// that vouches for the demo's copies only. closeDemo removes them.
func demoBackend(opts Options) (b Backend, closeDemo func(), err error) {
	now := time.Now()
	if opts.Now != nil {
		now = opts.Now()
	}
	d, err := demo.New(now)
	if err != nil {
		return nil, nil, err
	}
	io := inspect.Options{Site: opts.Site, Catalog: opts.Catalog, Refs: d.Stores}
	return newInspectBackend(io, d.StateDir, demoKeepPath(d.ConfigDir), d.CheckRunning), func() { d.Close() }, nil
}
