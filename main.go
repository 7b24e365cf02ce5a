// Command ofgl-cookies shows the cookies that the browsers of this computer
// would send to data.ofgl.fr, classified by the site's cookie charter, and
// deletes them safely.
//
//	ofgl-cookies                               # on a terminal: the interactive UI
//	ofgl-cookies --demo                        # the UI on built-in sample stores
//	ofgl-cookies list                          # every browser, every profile
//	ofgl-cookies list --json                   # machine-readable
//	ofgl-cookies clear --non-essential --keep _pk_id.1.abcd
//	ofgl-cookies undo                          # put the last batch back
//
// main only parses flags and wires the packages: catalog (the charter),
// inspect (stores: find, read, delete) and ui (the interactive UI, the
// commands and messages).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/inspect/demo"
	"github.com/ofgl/ofgl-cookies/ui"
	"github.com/ofgl/ofgl-cookies/ui/cli"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// version is set at build time with -ldflags "-X main.version=..."; a
// `go install` build reports its module version instead.
var version = ""

func main() {
	// kooky and net/http may log through the standard logger (for example
	// about invalid cookie bytes); nothing may reach the terminal that way.
	log.SetOutput(io.Discard)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
		StdoutTTY: term.IsTerminal(os.Stdout.Fd()), StdinTTY: term.IsTerminal(os.Stdin.Fd()),
	}
	code := run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// usageError is a bad command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// flags holds every flag; each command registers the ones it takes.
type flags struct {
	json, netscape, showValues, expired, help, version  bool
	all, dryRun, yes, nonEssential, list, restoreFile   bool
	demo, prune                                         bool
	olderThan                                           string
	categories, names                                   multiFlag
	keep                                                keepFlag
	browser, profile, store, site, catalogFile, langArg string
	// audit
	allPortals                     bool
	failOn, markdownFile, htmlFile string
}

// multiFlag collects a repeatable flag; commas also separate values.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*m = append(*m, p)
		}
	}
	return nil
}

// keepFlag collects --keep rules, commas also separating them (a rule
// cannot hold one). Unlike multiFlag it drops nothing: an empty rule is
// refused by the parser rather than silently ignored, since a keep rule
// the user meant to give must never be lost.
type keepFlag []string

func (k *keepFlag) String() string { return strings.Join(*k, ",") }

func (k *keepFlag) Set(v string) error {
	*k = append(*k, strings.Split(v, ",")...)
	return nil
}

func newFlagSet(command string, f *flags) *flag.FlagSet {
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line by run
	fs.BoolVar(&f.help, "help", false, "")
	fs.BoolVar(&f.help, "h", false, "")
	fs.BoolVar(&f.version, "version", false, "")
	fs.StringVar(&f.langArg, "lang", "", "")
	selectors := func() {
		fs.Var(&f.categories, "category", "")
		fs.Var(&f.names, "name", "")
		fs.StringVar(&f.browser, "browser", "", "")
		fs.StringVar(&f.profile, "profile", "", "")
		fs.StringVar(&f.store, "store", "", "")
		fs.StringVar(&f.site, "site", "data.ofgl.fr", "")
		fs.StringVar(&f.catalogFile, "catalog", "", "")
		fs.BoolVar(&f.expired, "expired", false, "")
	}
	deleting := func() {
		fs.BoolVar(&f.dryRun, "dry-run", false, "")
		fs.BoolVar(&f.yes, "yes", false, "")
		fs.BoolVar(&f.yes, "y", false, "")
		fs.Var(&f.keep, "keep", "")
	}
	switch command {
	case "list", "stores":
		selectors()
		fs.BoolVar(&f.demo, "demo", false, "")
		fs.BoolVar(&f.json, "json", false, "")
		fs.BoolVar(&f.netscape, "netscape", false, "")
		fs.BoolVar(&f.showValues, "show-values", false, "")
	case "delete":
		selectors()
		deleting()
		fs.BoolVar(&f.all, "all", false, "")
	case "clear":
		selectors()
		deleting()
		fs.BoolVar(&f.nonEssential, "non-essential", false, "")
	case "audit":
		fs.StringVar(&f.browser, "browser", "", "")
		fs.StringVar(&f.profile, "profile", "", "")
		fs.StringVar(&f.store, "store", "", "")
		fs.StringVar(&f.site, "site", "data.ofgl.fr", "")
		fs.StringVar(&f.catalogFile, "catalog", "", "")
		fs.BoolVar(&f.demo, "demo", false, "")
		fs.BoolVar(&f.json, "json", false, "")
		fs.BoolVar(&f.allPortals, "all-portals", false, "")
		fs.StringVar(&f.failOn, "fail-on", "", "")
		fs.StringVar(&f.markdownFile, "markdown", "", "")
		fs.StringVar(&f.htmlFile, "html", "", "")
	case "undo":
		fs.BoolVar(&f.list, "list", false, "")
		fs.BoolVar(&f.restoreFile, "restore-file", false, "")
		fs.BoolVar(&f.dryRun, "dry-run", false, "")
		fs.BoolVar(&f.prune, "prune", false, "")
		fs.StringVar(&f.olderThan, "older-than", "", "")
		fs.BoolVar(&f.yes, "yes", false, "")
		fs.BoolVar(&f.yes, "y", false, "")
	}
	return fs
}

// parseInterleaved lets flags follow positional arguments ("undo ID --yes").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

var commands = map[string]bool{"list": true, "stores": true, "delete": true, "clear": true, "keep": true, "undo": true, "help": true, "version": true, "audit": true}

// runTUI runs the interactive UI; tests replace it.
var runTUI = ui.Run

// run is the whole program, with its surroundings passed in for tests.
func run(ctx context.Context, args []string, env cli.Env) int {
	env.Lang = i18n.Detect(env.Getenv)
	t := i18n.For(env.Lang)
	// Bad input gets one line: the hint to --help goes on the same line.
	fail := func(code int, err error) int {
		msg := t.Error(err)
		var ue usageError
		if code == cli.ExitUsage && !errors.As(err, &ue) {
			msg += " (" + i18n.For(env.Lang).HintHelp + ")"
		}
		fmt.Fprintf(env.Stderr, "ofgl-cookies: %s\n", msg)
		return code
	}
	command, explicit := "list", false
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args, explicit = args[0], args[1:], true
	}
	if !commands[command] {
		return fail(cli.ExitUsage, fmt.Errorf(t.ErrUnknownCommand, command))
	}
	var f flags
	fs := newFlagSet(command, &f)
	positional, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		f.help = true
	} else if err != nil {
		return fail(cli.ExitUsage, err)
	}
	if f.langArg != "" {
		l, ok := i18n.Parse(f.langArg)
		if !ok {
			return fail(cli.ExitUsage, fmt.Errorf(t.ErrBadLang, f.langArg))
		}
		env.Lang, t = l, i18n.For(l)
	}
	switch {
	case f.help || command == "help":
		fmt.Fprint(env.Stdout, t.Usage+t.AuditUsage)
		return cli.ExitOK
	case f.version || command == "version":
		fmt.Fprintln(env.Stdout, "ofgl-cookies", buildVersion())
		return cli.ExitOK
	}

	switch command {
	case "keep":
		action := ""
		if len(positional) > 0 {
			action, positional = positional[0], positional[1:]
		}
		return cli.Keep(env, action, positional)
	case "undo":
		if len(positional) > 1 {
			return fail(cli.ExitUsage, fmt.Errorf(t.ErrUnexpectedArg, positional[1]))
		}
		req := cli.UndoRequest{List: f.list, RestoreFile: f.restoreFile, DryRun: f.dryRun, Prune: f.prune, Yes: f.yes}
		if len(positional) == 1 {
			req.Batch = positional[0]
		}
		if f.olderThan != "" {
			if !f.prune {
				return fail(cli.ExitUsage, usageError{t.ErrOlderThanNeedsPrune})
			}
			d, err := inspect.ParseAge(f.olderThan)
			if err != nil {
				return fail(cli.ExitUsage, usageError{fmt.Sprintf(t.ErrBadOlderThan, f.olderThan)})
			}
			req.OlderThan = &d
		}
		if f.prune && (req.Batch != "" || f.restoreFile || f.list) {
			return fail(cli.ExitUsage, usageError{t.ErrPruneAlone})
		}
		if req.Retention, err = retention(env, t); err != nil {
			return fail(cli.ExitUsage, err)
		}
		return cli.Undo(ctx, env, req)
	}
	if len(positional) > 0 {
		return fail(cli.ExitUsage, fmt.Errorf(t.ErrUnexpectedArg, positional[0]))
	}
	req, err := listRequest(f, t)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	if command == "audit" {
		areq, err := auditRequest(fs, f, req, t)
		if err != nil {
			return fail(cli.ExitUsage, err)
		}
		if f.demo {
			d, err := demo.New(time.Time{})
			if err != nil {
				return fail(cli.ExitRuntime, err)
			}
			defer d.Close()
			areq.Options.Refs = d.Stores
		}
		return cli.Audit(ctx, env, areq)
	}
	if !explicit && env.StdoutTTY && env.StdinTTY && !listOnly(f) {
		err := runTUI(ctx, ui.Options{Lang: env.Lang, Site: req.Options.Site, Catalog: req.Options.Catalog,
			StorePath: f.store, Demo: f.demo})
		if err != nil {
			if ctx.Err() != nil {
				return cli.ExitSignal
			}
			return fail(cli.ExitRuntime, err)
		}
		return cli.ExitOK
	}
	if f.demo {
		// The sample stores, read through the same code as real ones.
		d, err := demo.New(time.Time{})
		if err != nil {
			return fail(cli.ExitRuntime, err)
		}
		defer d.Close()
		req.Options.Refs = d.Stores
	}
	switch command {
	case "stores":
		return cli.Stores(ctx, env, req)
	case "list":
		return cli.List(ctx, env, req)
	}
	// delete and clear
	if command == "clear" && !f.nonEssential {
		return fail(cli.ExitUsage, errors.New(t.ClearNeedsNonEssential))
	}
	if command == "delete" && !f.all && len(f.categories) == 0 && len(f.names) == 0 && f.browser == "" && f.profile == "" && f.store == "" {
		return fail(cli.ExitUsage, errors.New(t.DeleteNeedsSelector))
	}
	if _, err := retention(env, t); err != nil {
		return fail(cli.ExitUsage, err)
	}
	dreq := cli.DeleteRequest{ListRequest: req, NonEssential: command == "clear", DryRun: f.dryRun, Yes: f.yes}
	for _, k := range f.keep {
		r, err := inspect.ParseKeepRule(k)
		if err != nil {
			msg, _ := report.KeepRuleMessage(t, err)
			return fail(cli.ExitUsage, usageError{msg})
		}
		dreq.Keep = append(dreq.Keep, r)
	}
	return cli.Delete(ctx, env, dreq)
}

// listOnly reports whether the flags ask for list's output (a format or a
// selection), which the interactive UI does not take.
func listOnly(f flags) bool {
	return f.json || f.netscape || f.showValues || f.expired || len(f.categories) > 0 || len(f.names) > 0 ||
		f.browser != "" || f.profile != ""
}

// listRequest checks the selectors and output flags.
func listRequest(f flags, t *i18n.Strings) (cli.ListRequest, error) {
	var req cli.ListRequest
	if f.json && f.netscape {
		return req, usageError{t.ErrJSONAndNetscape}
	}
	if f.netscape && !f.showValues {
		return req, usageError{t.ErrNetscapeValues}
	}
	if f.demo && f.store != "" {
		return req, usageError{t.ErrDemoAndStore}
	}
	site, err := catalog.NewSite(f.site)
	if err != nil {
		return req, usageError{fmt.Sprintf(t.ErrBadSite, err)}
	}
	cat := catalog.ForSite(site)
	if f.catalogFile != "" {
		var ok bool
		if cat, ok = catalog.Builtin(f.catalogFile, site); !ok {
			if cat, err = catalog.Load(f.catalogFile); err != nil {
				return req, usageError{err.Error()}
			}
		}
	}
	cats, err := inspect.ParseCategoryFilters(f.categories)
	if err != nil {
		return req, usageError{t.CategoryFilterError(err.(*inspect.CategoryFilterError))}
	}
	filter := inspect.Filter{Categories: cats, Browser: f.browser, Profile: f.profile, Names: f.names}
	req.Options = inspect.Options{Site: site, Catalog: cat, ShowValues: f.showValues, Expired: f.expired, StorePath: f.store}
	req.Filter, req.JSON, req.Netscape = filter, f.json, f.netscape
	return req, nil
}

// buildVersion reports -ldflags' version, else the module version.
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// retention reads how long deletion batches are kept from the
// environment; a malformed setting is a usage error, found before
// anything is deleted.
func retention(env cli.Env, t *i18n.Strings) (inspect.Retention, error) {
	r, err := inspect.RetentionFromEnv(env.Getenv)
	var bad *inspect.RetentionError
	if errors.As(err, &bad) {
		return r, usageError{fmt.Sprintf(t.ErrBadRetention, bad.Name, bad.Value)}
	}
	return r, err
}

// auditRequest checks audit's own flags on top of list's.
func auditRequest(fs *flag.FlagSet, f flags, req cli.ListRequest, t *i18n.Strings) (cli.AuditRequest, error) {
	areq := cli.AuditRequest{ListRequest: req, AllPortals: f.allPortals, Markdown: f.markdownFile, HTML: f.htmlFile}
	switch f.failOn {
	case "":
	case "warning", "error":
		areq.FailOn = audit.Severity(f.failOn)
	default:
		return areq, usageError{fmt.Sprintf(t.ErrFailOn, f.failOn)}
	}
	if f.allPortals {
		set := false
		fs.Visit(func(fl *flag.Flag) { set = set || fl.Name == "site" || fl.Name == "catalog" })
		if set {
			return areq, usageError{t.ErrAllPortalsAndSite}
		}
	}
	return areq, nil
}
