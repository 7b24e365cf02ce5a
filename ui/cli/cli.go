// Package cli is the command line of ofgl-cookies. Main parses it with
// cobra (fang adds styled help, --version, shell completions and a man
// page), in the reader's language, and runs the commands (list, stores,
// delete, clear, keep, undo, or the interactive UI with no command): they
// read through inspect, ask for confirmation, and print through report.
// Each command is one constructor in root.go's commands list.
//
//	code := cli.Main(ctx, os.Args[1:], env, cli.Program{Version: v})
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// Exit codes of every command.
const (
	ExitOK      = 0
	ExitRuntime = 1
	ExitUsage   = 2
	ExitRunning = 3 // a browser that owns a store runs: close it
	ExitSignal  = 130
	// ExitBrokenPipe: the reader closed the output early (list | head -1).
	// The run ends quietly, removing what it made, with the status a
	// program killed by SIGPIPE would have.
	ExitBrokenPipe = 141
)

// Env is the program's surroundings, passed in so tests can fake them.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
	StdoutTTY      bool // colours and layout for a person
	StdinTTY       bool // a person can answer a question
	Lang           i18n.Lang
}

func (e Env) t() *i18n.Strings { return i18n.For(e.Lang) }

// warnf prints one line on stderr, prefixed with the program's name.
func (e Env) warnf(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "ofgl-cookies: "+format+"\n", args...)
}

func (e Env) reportOptions(site string, showValues bool) report.Options {
	return report.Options{Lang: e.Lang, Site: site, ShowValues: showValues,
		Color: e.StdoutTTY && e.Getenv("NO_COLOR") == "" && e.Getenv("TERM") != "dumb"}
}

// ListRequest is what list and stores read and show.
type ListRequest struct {
	Options  inspect.Options
	Filter   inspect.Filter
	JSON     bool
	Netscape bool
}

// read runs inspect.Read and reports what every command reports: failed
// stores on stderr, an interrupt, a failed --store.
func read(ctx context.Context, env Env, req ListRequest) (inspect.Result, int, bool) {
	t := env.t()
	res, err := inspect.Read(ctx, req.Options)
	if ctx.Err() != nil {
		env.warnf("%s", t.Interrupted)
		return res, ExitSignal, false
	}
	if err != nil {
		env.warnf("%s", t.Error(err))
		return res, ExitRuntime, false
	}
	if req.Options.StorePath != "" && len(res.Stores) == 1 && !res.Stores[0].OK {
		env.warnf(t.StoreOnlyFailed, req.Options.StorePath, t.Error(res.Stores[0].Err))
		return res, ExitRuntime, false
	}
	return res, ExitOK, true
}

func warnFailedStores(env Env, res inspect.Result) {
	t := env.t()
	for _, s := range res.Stores {
		if !s.OK {
			env.warnf(t.WarnStoreFailed, s.Browser, s.Profile, s.Path, t.Error(s.Err))
		}
	}
	if len(res.Stores) == 0 {
		env.warnf("%s", t.NoStoresTryDemo)
	}
}

// List prints the cookies every browser would send to the site.
func List(ctx context.Context, env Env, req ListRequest) int {
	t := env.t()
	res, code, ok := read(ctx, env, req)
	if !ok {
		return code
	}
	warnFailedStores(env, res)
	findings := req.Filter.Apply(res.Findings)
	if req.Options.ShowValues {
		warnUndecrypted(env, findings)
	}
	out := env.reportOptions(req.Options.Site.Host, req.Options.ShowValues)
	var err error
	switch {
	case req.JSON:
		err = report.JSON(env.Stdout, findings, out)
	case req.Netscape:
		var skipped int
		skipped, err = report.Netscape(env.Stdout, findings)
		if err == nil && skipped > 0 {
			env.warnf("%s", t.N(t.ErrNetscapeSkipped, skipped))
		}
	default:
		err = report.Table(env.Stdout, findings, res.Stores, out)
	}
	return writeResult(env, err)
}

// writeResult is the exit code of a command whose output failed with err
// (nil: it did not): quiet when the reader closed the pipe.
func writeResult(env Env, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, syscall.EPIPE):
		return ExitBrokenPipe
	}
	env.warnf("%s", i18n.For(env.Lang).Error(err))
	return ExitRuntime
}

// Stores prints every store found and how its read went.
func Stores(ctx context.Context, env Env, req ListRequest) int {
	res, code, ok := read(ctx, env, req)
	if !ok {
		return code
	}
	var err error
	if req.JSON {
		err = report.StoresJSON(env.Stdout, res.Stores)
	} else {
		err = report.Stores(env.Stdout, res.Stores, env.reportOptions(req.Options.Site.Host, false))
	}
	return writeResult(env, err)
}
