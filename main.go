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
// main only sets up the process (signals, terminals) and hands the command
// line to ui/cli, which parses it (cobra and fang) and runs the commands
// over catalog (the charter), inspect (stores: find, read, delete) and ui
// (the interactive UI and the messages).
package main

import (
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/charmbracelet/x/term"

	"github.com/ofgl/ofgl-cookies/ui"
	"github.com/ofgl/ofgl-cookies/ui/cli"
)

// version is set at build time with -ldflags "-X main.version=..."; a
// `go install` build reports its module version instead.
var version = ""

func main() {
	// kooky and net/http may log through the standard logger (for example
	// about invalid cookie bytes); nothing may reach the terminal that way.
	log.SetOutput(io.Discard)
	// Every signal that ends a run ends it through the context, so that
	// what the run made (the demo's sample stores) is removed on the way
	// out. A closed output pipe (list | head -1) makes writes fail instead
	// of killing the process.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	signal.Ignore(syscall.SIGPIPE)
	env := cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
		StdoutTTY: term.IsTerminal(os.Stdout.Fd()), StdinTTY: term.IsTerminal(os.Stdin.Fd()),
	}
	code := run(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}

// runTUI runs the interactive UI; tests replace it.
var runTUI = ui.Run

// run is the whole program, with its surroundings passed in for tests.
func run(ctx context.Context, args []string, env cli.Env) int {
	return cli.Main(ctx, args, env, cli.Program{Version: buildVersion(), RunTUI: runTUI})
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
