// Package ui is the interactive terminal UI of ofgl-cookies: what
// `ofgl-cookies` with no command shows on a terminal. It lists the cookies
// every browser would send to the site, grouped by the charter's
// categories, explains each one, and deletes, clears and undoes through
// package inspect. Its subpackages print the non-interactive commands
// (cli, report) and hold every string in French and English (i18n).
//
//	err := ui.Run(ctx, ui.Options{Lang: i18n.French, Site: site, Catalog: catalog.Default()})
//
// Architecture: one root Model whose state (browse, search, details,
// confirm, help, stores, history) says what the screen shows and which
// keys it takes; it composes small children (cookieTable, the detail
// pane, the tabs and header, the confirmDialog, the search input, help,
// the stores and history views) and groups the rest by what changes it
// (loader, findingSet, rowSet, selection, keepState, task, statusLine).
// Every key goes through one keyMap; every piece of I/O goes through a
// Backend, only in tea.Cmds, whose answers come back as messages.
package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Options configure Run and New.
type Options struct {
	Lang    i18n.Lang
	Site    catalog.Site     // zero means the catalog's own site
	Catalog *catalog.Catalog // nil means catalog.Default()
	// StorePath reads only this store file (--store) instead of
	// discovering the browsers' stores.
	StorePath string
	// Demo reads built-in sample stores written to a private temporary
	// directory; deleting and the keep list then touch only those.
	Demo bool
	// Backend does the I/O; nil means the real one over package inspect
	// (or the demo's, with Demo).
	Backend Backend

	// For tests: the terminal's input and output (nil: the process's), its
	// environment, a colour profile to force, the clock and the time zone
	// of dates.
	Input    io.Reader
	Output   io.Writer
	Environ  []string
	Profile  *colorprofile.Profile
	Now      func() time.Time
	Location *time.Location
}

// Run runs the UI until the user quits. Nothing is written to stdout but
// the UI's own frames; cookie values never leave the screen.
func Run(ctx context.Context, opts Options) error {
	if opts.Catalog == nil {
		opts.Catalog = catalog.Default()
	}
	if opts.Site.Host == "" {
		opts.Site = opts.Catalog.Site
	}
	if opts.Backend == nil {
		if opts.Demo {
			b, closeDemo, err := demoBackend(opts)
			if err != nil {
				return err
			}
			defer closeDemo()
			opts.Backend = b
		} else {
			opts.Backend = newInspectBackend(inspect.Options{Site: opts.Site, Catalog: opts.Catalog, StorePath: opts.StorePath}, "", "", nil)
		}
	}
	m := newModel(ctx, opts)
	popts := []tea.ProgramOption{tea.WithContext(ctx)}
	if opts.Input != nil {
		popts = append(popts, tea.WithInput(opts.Input))
	}
	if opts.Output != nil {
		popts = append(popts, tea.WithOutput(opts.Output))
	}
	if opts.Environ != nil {
		popts = append(popts, tea.WithEnvironment(opts.Environ))
	}
	if opts.Profile != nil {
		popts = append(popts, tea.WithColorProfile(*opts.Profile))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		// SIGINT or SIGTERM from outside: the terminal is restored.
		return ctx.Err()
	}
	if err != nil {
		return err
	}
	if fm, ok := final.(Model); ok {
		if rerr := fm.readFailure(); rerr != nil {
			return rerr
		}
	}
	return nil
}

// ReadError is Run's error when the stores could not be read: listing
// them failed, or every store found failed to read (`--store /etc/passwd`).
// The UI showed it; Run returns it so that the exit code says it too, as
// `list` does. Its text is in the user's language.
type ReadError struct {
	Msg string
	Err error // the listing's error, if that failed
}

func (e *ReadError) Error() string { return e.Msg }

func (e *ReadError) Unwrap() error { return e.Err }

// readFailure is the ReadError of the last load, or nil when it read at
// least one store or found none.
func (m Model) readFailure() error {
	if m.load.loading() {
		return nil // quit before the end: nothing failed yet
	}
	if m.load.err != nil {
		return &ReadError{Msg: m.t.Error(m.load.err), Err: m.load.err}
	}
	var msgs []string
	for _, s := range m.data.stores {
		if s.OK {
			return nil
		}
		msgs = append(msgs, clean(s.Path)+": "+m.t.Error(s.Err))
	}
	if len(msgs) == 0 {
		return nil
	}
	return &ReadError{Msg: strings.Join(msgs, "; ")}
}
