// Command ofgl-cookies shows the cookies that the browsers of this computer
// would send to data.ofgl.fr, classified by the site's cookie charter.
//
//	ofgl-cookies list              # every browser, every profile
//	ofgl-cookies list --json       # machine-readable
//	ofgl-cookies stores            # which stores were found and read
//
// main only parses flags and wires the packages: catalog (the charter),
// inspect (finding and reading stores) and ui (output and messages).
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

	"github.com/charmbracelet/x/term"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// version is set at build time with -ldflags "-X main.version=..."; a
// `go install` build reports its module version instead.
var version = ""

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
	exitSignal  = 130
)

func main() {
	// kooky and net/http may log through the standard logger (for example
	// about invalid cookie bytes); nothing may reach the terminal that way.
	log.SetOutput(io.Discard)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv, term.IsTerminal(os.Stdout.Fd()))
	stop()
	os.Exit(code)
}

// usageError is a bad command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// listFlags are the flags of list and stores.
type listFlags struct {
	json, netscape, showValues, expired, help, version bool
	categories, names                                 multiFlag
	browser, profile, store, site, catalogFile, lang  string
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

func newFlagSet(name string, f *listFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line by run
	fs.BoolVar(&f.json, "json", false, "")
	fs.BoolVar(&f.netscape, "netscape", false, "")
	fs.BoolVar(&f.showValues, "show-values", false, "")
	fs.BoolVar(&f.expired, "expired", false, "")
	fs.BoolVar(&f.help, "help", false, "")
	fs.BoolVar(&f.help, "h", false, "")
	fs.BoolVar(&f.version, "version", false, "")
	fs.Var(&f.categories, "category", "")
	fs.Var(&f.names, "name", "")
	fs.StringVar(&f.browser, "browser", "", "")
	fs.StringVar(&f.profile, "profile", "", "")
	fs.StringVar(&f.store, "store", "", "")
	fs.StringVar(&f.site, "site", "data.ofgl.fr", "")
	fs.StringVar(&f.catalogFile, "catalog", "", "")
	fs.StringVar(&f.lang, "lang", "", "")
	return fs
}

// run is the whole program, with its environment passed in for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, stdoutIsTerminal bool) int {
	t := i18n.For(i18n.Detect(getenv))
	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "ofgl-cookies: %s\n", oneLine(err.Error()))
		if code == exitUsage {
			fmt.Fprintf(stderr, "ofgl-cookies: %s\n", t.HintHelp)
		}
		return code
	}

	command := "list"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	var f listFlags
	fs := newFlagSet(command, &f)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			f.help = true
		} else {
			return fail(exitUsage, err)
		}
	}
	if f.lang != "" {
		l, ok := i18n.Parse(f.lang)
		if !ok {
			return fail(exitUsage, fmt.Errorf(t.ErrBadLang, f.lang))
		}
		t = i18n.For(l)
	}
	lang := i18n.Detect(getenv)
	if f.lang != "" {
		lang, _ = i18n.Parse(f.lang)
	}
	switch {
	case f.help || command == "help":
		fmt.Fprint(stdout, t.Usage)
		return exitOK
	case f.version || command == "version":
		fmt.Fprintln(stdout, "ofgl-cookies", buildVersion())
		return exitOK
	}
	if fs.NArg() > 0 {
		return fail(exitUsage, fmt.Errorf(t.ErrUnexpectedArg, fs.Arg(0)))
	}
	if command != "list" && command != "stores" {
		return fail(exitUsage, fmt.Errorf(t.ErrUnknownCommand, command))
	}

	opts, filter, err := readOptions(f, t)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return fail(exitUsage, err)
		}
		return fail(exitRuntime, err)
	}

	res, err := inspect.Read(ctx, opts)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "ofgl-cookies: %s\n", t.Interrupted)
		return exitSignal
	}
	if err != nil {
		return fail(exitRuntime, err)
	}
	out := report.Options{Lang: lang, Site: opts.Site.Host, ShowValues: f.showValues,
		Color: stdoutIsTerminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"}

	if command == "stores" {
		if f.json {
			err = report.StoresJSON(stdout, res.Stores)
		} else {
			err = report.Stores(stdout, res.Stores, out)
		}
		if err != nil {
			return fail(exitRuntime, err)
		}
		return exitOK
	}

	// A store named with --store is the whole command: its failure is one.
	if opts.StorePath != "" && len(res.Stores) == 1 && !res.Stores[0].OK {
		return fail(exitRuntime, fmt.Errorf(t.StoreOnlyFailed, f.store, res.Stores[0].Err))
	}
	for _, s := range res.Stores {
		if !s.OK {
			fmt.Fprintf(stderr, "ofgl-cookies: "+t.WarnStoreFailed+"\n", s.Browser, s.Profile, s.Path, s.Err)
		}
	}
	if len(res.Stores) == 0 {
		fmt.Fprintf(stderr, "ofgl-cookies: %s\n", t.NoStores)
	}
	findings := filter.Apply(res.Findings)
	if f.showValues {
		undecrypted := 0
		for _, x := range findings {
			if x.ValueState == inspect.ValueUndecryptable {
				undecrypted++
			}
		}
		if undecrypted > 0 {
			fmt.Fprintf(stderr, "ofgl-cookies: "+t.WarnUndecrypted+"\n", undecrypted)
		}
	}
	switch {
	case f.json:
		err = report.JSON(stdout, findings, out)
	case f.netscape:
		var skipped int
		skipped, err = report.Netscape(stdout, findings)
		if err == nil && skipped > 0 {
			fmt.Fprintf(stderr, "ofgl-cookies: "+t.ErrNetscapeSkipped+"\n", skipped)
		}
	default:
		err = report.Table(stdout, findings, res.Stores, out)
	}
	if err != nil {
		return fail(exitRuntime, err)
	}
	return exitOK
}

// readOptions checks the flags and turns them into inspect's options.
func readOptions(f listFlags, t *i18n.Strings) (inspect.Options, inspect.Filter, error) {
	var opts inspect.Options
	if f.json && f.netscape {
		return opts, inspect.Filter{}, usageError{t.ErrJSONAndNetscape}
	}
	if f.netscape && !f.showValues {
		return opts, inspect.Filter{}, usageError{t.ErrNetscapeValues}
	}
	site, err := catalog.NewSite(f.site)
	if err != nil {
		return opts, inspect.Filter{}, usageError{fmt.Sprintf(t.ErrBadSite, err)}
	}
	cat := catalog.Default()
	if f.catalogFile != "" {
		if cat, err = catalog.Load(f.catalogFile); err != nil {
			return opts, inspect.Filter{}, usageError{err.Error()}
		}
	}
	filter := inspect.Filter{Categories: f.categories, Browser: f.browser, Profile: f.profile, Names: f.names}
	if err := filter.Validate(); err != nil {
		return opts, inspect.Filter{}, usageError{err.Error()}
	}
	opts = inspect.Options{Site: site, Catalog: cat, ShowValues: f.showValues, Expired: f.expired, StorePath: f.store}
	return opts, filter, nil
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

func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
