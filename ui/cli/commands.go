package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/inspect/demo"
	"github.com/ofgl/ofgl-cookies/ui"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

func (a *app) listCommand() *cobra.Command {
	c := &cobra.Command{Use: "list", Short: a.t.CLICommands["list"], Args: a.maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error { return a.runList(c, true) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "list"), sourceFlags, selectorFlags, outputFlags)
	return c
}

func (a *app) storesCommand() *cobra.Command {
	c := &cobra.Command{Use: "stores", Short: a.t.CLICommands["stores"], Args: a.maxArgs(0),
		RunE: func(c *cobra.Command, _ []string) error { return a.runList(c, true) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "stores"), sourceFlags, jsonFlag)
	return c
}

func (a *app) deleteCommand() *cobra.Command {
	c := &cobra.Command{Use: "delete", Short: a.t.CLICommands["delete"], Long: a.t.CLICommands["delete/long"],
		Args: a.maxArgs(0), RunE: func(*cobra.Command, []string) error { return a.runDelete(false) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "delete"), sourceFlags, selectorFlags, deletingFlags, allFlag)
	return c
}

func (a *app) clearCommand() *cobra.Command {
	c := &cobra.Command{Use: "clear", Short: a.t.CLICommands["clear"], Long: a.t.CLICommands["clear/long"],
		Args: a.maxArgs(0), RunE: func(*cobra.Command, []string) error { return a.runDelete(true) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "clear"), sourceFlags, selectorFlags, deletingFlags, nonEssentialFlag)
	return c
}

func (a *app) keepCommand() *cobra.Command {
	t := a.t
	keep := &cobra.Command{Use: "keep", Short: t.CLICommands["keep"], Args: a.noCommand,
		RunE: func(*cobra.Command, []string) error { return done(Keep(a.env, "list", nil)) }}
	action := func(name string) func(*cobra.Command, []string) error {
		return func(_ *cobra.Command, args []string) error { return done(Keep(a.env, name, args)) }
	}
	keep.AddCommand(
		&cobra.Command{Use: "add RULE...", Short: t.CLICommands["keep add"], RunE: action("add")},
		&cobra.Command{Use: "rm RULE...", Aliases: []string{"remove"}, Short: t.CLICommands["keep rm"], RunE: action("rm")},
		&cobra.Command{Use: "list", Short: t.CLICommands["keep list"], RunE: action("list")},
	)
	return keep
}

func (a *app) undoCommand() *cobra.Command {
	c := &cobra.Command{Use: "undo [BATCH]", Short: a.t.CLICommands["undo"], Long: a.t.CLICommands["undo/long"],
		Args: a.maxArgs(1), RunE: func(_ *cobra.Command, args []string) error { return a.runUndo(args) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "undo"), undoFlags)
	return c
}

func (a *app) auditCommand() *cobra.Command {
	c := &cobra.Command{Use: "audit", Short: a.t.CLICommands["audit"], Long: a.t.CLICommands["audit/long"],
		Args: a.maxArgs(0), RunE: func(c *cobra.Command, _ []string) error { return a.runAudit(c) }}
	addFlags(c.Flags(), &a.f, flagUsage(a.t, "audit"), sourceFlags, auditFlags)
	return c
}

// runAudit checks audit's own flags on top of list's sources, then audits.
func (a *app) runAudit(c *cobra.Command) error {
	f, t := a.f, a.t
	req, err := a.listRequest()
	if err != nil {
		return err
	}
	areq := AuditRequest{ListRequest: req, AllPortals: f.allPortals, Markdown: f.markdownFile, HTML: f.htmlFile}
	switch f.failOn {
	case "":
	case "warning", "error":
		areq.FailOn = audit.Severity(f.failOn)
	default:
		return usageError{msg: fmt.Sprintf(t.ErrFailOn, f.failOn), hint: true}
	}
	if f.allPortals && (c.Flags().Changed("site") || c.Flags().Changed("catalog")) {
		return usageError{msg: t.ErrAllPortalsAndSite, hint: true}
	}
	if f.demo {
		d, err := a.openDemoFor(&areq.ListRequest)
		if err != nil {
			return err
		}
		defer d.Close()
	}
	return done(Audit(a.ctx, a.env, areq))
}

// openDemoFor builds the demo's sample stores and points req at them;
// the caller closes the demo, which removes them. A failure is reported
// here and ends the run.
func (a *app) openDemoFor(req *ListRequest) (*demo.Demo, error) {
	d, err := openDemo()
	if err != nil {
		a.env.warnf("%s", a.t.Error(err))
		return nil, done(ExitRuntime)
	}
	req.Options.Refs = d.Stores
	return d, nil
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{Use: "version", Short: a.t.CLICommands["version"], Hidden: true, Args: a.maxArgs(0),
		Run: func(*cobra.Command, []string) { fmt.Fprintln(a.env.Stdout, "ofgl-cookies", a.prog.Version) }}
}

// runList runs list and stores, and the program with no command: the
// interactive UI on a terminal, list otherwise.
func (a *app) runList(c *cobra.Command, explicit bool) error {
	if !explicit {
		if err := a.onlyListFlags(c); err != nil {
			return err
		}
	}
	req, err := a.listRequest()
	if err != nil {
		return err
	}
	if !explicit && a.env.StdoutTTY && a.env.StdinTTY && !a.listOnly() {
		return a.runUI(req)
	}
	if a.f.demo {
		d, err := a.openDemoFor(&req)
		if err != nil {
			return err
		}
		defer d.Close()
	}
	if c.Name() == "stores" {
		return done(Stores(a.ctx, a.env, req))
	}
	return done(List(a.ctx, a.env, req))
}

// onlyListFlags refuses, with no command, the flags of other commands
// that the root knows only so that they may precede a command's name.
func (a *app) onlyListFlags(c *cobra.Command) error {
	var err error
	c.Flags().Visit(func(f *pflag.Flag) {
		if f.Hidden && err == nil && f.Name != "help" && f.Name != "version" {
			err = usageError{msg: fmt.Sprintf(a.t.ErrFlagNotHere, "--"+f.Name, "ofgl-cookies"), hint: true}
		}
	})
	return err
}

// runUI starts the interactive UI. A --store file that cannot be read is
// refused first, with the line and exit code list gives it.
func (a *app) runUI(req ListRequest) error {
	if a.f.store != "" {
		if _, err := inspect.Stores(a.ctx, req.Options); err != nil {
			a.env.warnf("%s", a.t.Error(err))
			return done(ExitRuntime)
		}
	}
	err := a.prog.RunTUI(a.ctx, ui.Options{Lang: a.env.Lang, Site: req.Options.Site, Catalog: req.Options.Catalog,
		StorePath: a.f.store, Demo: a.f.demo})
	switch {
	case a.ctx.Err() != nil:
		// A signal ended the UI, whichever of bubbletea or the context
		// saw it first.
		return done(ExitSignal)
	case err != nil:
		a.env.warnf("%s", a.t.Error(err))
		return done(ExitRuntime)
	}
	return nil
}

// listOnly reports whether the flags ask for list's output (a format or a
// selection), which the interactive UI does not take.
func (a *app) listOnly() bool {
	f := a.f
	return f.json || f.netscape || f.showValues || f.expired || len(f.categories) > 0 || len(f.names) > 0 ||
		f.browser != "" || f.profile != ""
}

// listRequest checks the selectors, the sources and the output flags.
func (a *app) listRequest() (ListRequest, error) {
	f, t := a.f, a.t
	var req ListRequest
	if f.json && f.netscape {
		return req, usageError{msg: t.ErrJSONAndNetscape}
	}
	if f.netscape && !f.showValues {
		return req, usageError{msg: t.ErrNetscapeValues}
	}
	if f.demo && f.store != "" {
		return req, usageError{msg: t.ErrDemoAndStore}
	}
	site, err := catalog.NewSite(f.site)
	if err != nil {
		return req, usageError{msg: fmt.Sprintf(t.ErrBadSite, err)}
	}
	// A file the user named that does not exist is a usage error, for
	// every flag that names one.
	for _, named := range []struct{ flag, path string }{{"--store", f.store}, {"--catalog", f.catalogFile}} {
		if named.path == "" {
			continue
		}
		if _, builtin := catalog.Builtin(named.path, site); named.flag == "--catalog" && builtin {
			continue
		}
		if _, err := os.Stat(named.path); errors.Is(err, fs.ErrNotExist) {
			return req, usageError{msg: fmt.Sprintf(t.ErrNoSuchFile, named.flag, report.Clean(named.path))}
		}
	}
	// A listed Opendatasoft portal gets its charter by itself; --catalog
	// takes a built-in charter's name or a file.
	cat := catalog.ForSite(site)
	if f.catalogFile != "" {
		var ok bool
		if cat, ok = catalog.Builtin(f.catalogFile, site); !ok {
			if cat, err = catalog.Load(f.catalogFile); err != nil {
				return req, usageError{msg: err.Error()}
			}
		}
	}
	cats, err := inspect.ParseCategoryFilters(f.categories)
	var bad *inspect.CategoryFilterError
	if errors.As(err, &bad) {
		return req, usageError{msg: t.CategoryFilterError(bad)}
	}
	filter := inspect.Filter{Categories: cats, Browser: f.browser, Profile: f.profile, Names: f.names}
	req.Options = inspect.Options{Site: site, Catalog: cat, ShowValues: f.showValues, Expired: f.expired, StorePath: f.store}
	req.Filter, req.JSON, req.Netscape = filter, f.json, f.netscape
	return req, nil
}

// runDelete runs delete and clear (clear is true), on the demo's copy
// with --demo.
func (a *app) runDelete(clear bool) error {
	f, t := a.f, a.t
	req, err := a.listRequest()
	if err != nil {
		return err
	}
	if clear && !f.nonEssential {
		return usageError{msg: t.ClearNeedsNonEssential, hint: true}
	}
	if !clear && !f.all && len(f.categories) == 0 && len(f.names) == 0 && f.browser == "" && f.profile == "" && f.store == "" {
		return usageError{msg: t.DeleteNeedsSelector, hint: true}
	}
	if _, err := a.retention(); err != nil {
		return err
	}
	dreq := DeleteRequest{ListRequest: req, NonEssential: clear, DryRun: f.dryRun, Yes: f.yes}
	for _, k := range f.keep {
		r, err := inspect.ParseKeepRule(k)
		if err != nil {
			msg, _ := report.KeepRuleMessage(t, err)
			return usageError{msg: msg}
		}
		dreq.Keep = append(dreq.Keep, r)
	}
	if f.demo {
		d, err := a.openDemoFor(&dreq.ListRequest)
		if err != nil {
			return err
		}
		defer d.Close()
		dreq.Delete = demoDeleteOptions(d)
		dreq.KeepPath = demoKeepPath(d)
		dreq.Demo = true
	}
	return done(Delete(a.ctx, a.env, dreq))
}

// runUndo runs undo: the latest batch or BATCH, --list, --restore-file,
// --prune.
func (a *app) runUndo(args []string) error {
	f, t := a.f, a.t
	req := UndoRequest{List: f.list, JSON: f.json, RestoreFile: f.restoreFile, DryRun: f.dryRun, Prune: f.prune, Yes: f.yes}
	if len(args) == 1 {
		req.Batch = args[0]
	}
	if f.json && !f.list {
		return usageError{msg: t.ErrUndoJSONNeedsList}
	}
	if f.olderThan != "" {
		if !f.prune {
			return usageError{msg: t.ErrOlderThanNeedsPrune}
		}
		d, err := inspect.ParseAge(f.olderThan)
		if err != nil {
			return usageError{msg: fmt.Sprintf(t.ErrBadOlderThan, f.olderThan)}
		}
		req.OlderThan = &d
	}
	if f.prune && (req.Batch != "" || f.restoreFile || f.list) {
		return usageError{msg: t.ErrPruneAlone}
	}
	var err error
	if req.Retention, err = a.retention(); err != nil {
		return err
	}
	return done(Undo(a.ctx, a.env, req))
}

// retention reads how long deletion batches are kept from the
// environment; a malformed setting is a usage error, found before
// anything is deleted.
func (a *app) retention() (inspect.Retention, error) {
	r, err := inspect.RetentionFromEnv(a.env.Getenv)
	var bad *inspect.RetentionError
	if errors.As(err, &bad) {
		return r, usageError{msg: fmt.Sprintf(a.t.ErrBadRetention, bad.Name, bad.Value)}
	}
	if err != nil {
		return r, usageError{msg: err.Error()}
	}
	return r, nil
}
