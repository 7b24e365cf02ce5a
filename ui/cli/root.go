package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Program is what Main needs besides the environment: the version to
// print and the interactive UI to start (tests replace it).
type Program struct {
	Version string
	RunTUI  func(context.Context, ui.Options) error
}

// app is one run of the command line: its surroundings, its language and
// the flags the commands parsed.
type app struct {
	ctx  context.Context
	env  Env
	prog Program
	t    *i18n.Strings
	f    flags
	code int // the exit code of the command that ran
}

// commands are the subcommands, in the order --help lists them. A new
// command is one more constructor here.
var commands = []func(*app) *cobra.Command{
	(*app).listCommand,
	(*app).storesCommand,
	(*app).deleteCommand,
	(*app).clearCommand,
	(*app).keepCommand,
	(*app).undoCommand,
	(*app).auditCommand,
	(*app).versionCommand,
}

// Main runs the command line args and returns the exit code: 0 ok, 1
// runtime error, 2 usage error, 3 a browser that owns a store runs, 130
// interrupted, 141 the output's reader went away. Every other failure
// says why in one line on stderr.
func Main(ctx context.Context, args []string, env Env, prog Program) int {
	if prog.RunTUI == nil {
		prog.RunTUI = ui.Run
	}
	env.Lang = i18n.Detect(env.Getenv)
	// A shell completing "--lang " asks with the value still empty.
	completing := len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd)
	if v, given := langArg(args); given && !completing {
		l, ok := i18n.Parse(v)
		if !ok {
			env.warnf("%s (%s)", fmt.Sprintf(env.t().ErrBadLang, v), env.t().HintHelp)
			return ExitUsage
		}
		env.Lang = l
	}
	out := &pipeWatch{w: env.Stdout}
	env.Stdout = out
	a := &app{ctx: ctx, env: env, prog: prog, t: env.t()}
	cobra.EnableCommandSorting = false // --help lists the commands in their order
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(env.Stdin)
	root.SetOut(helpWriter(env.Stdout, a.t))
	root.SetErr(env.Stderr)
	err := fang.Execute(ctx, root, fang.WithVersion(prog.Version), fang.WithErrorHandler(a.printError))
	code := a.code
	if err != nil {
		code = a.exitCode(err)
	}
	if code == ExitOK && out.broken {
		return ExitBrokenPipe
	}
	return code
}

// pipeWatch notes that the reader of the output went away, so that the run
// ends with the status that says its output was cut.
type pipeWatch struct {
	w      io.Writer
	broken bool
}

func (p *pipeWatch) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		p.broken = true
	}
	return n, err
}

// langArg finds --lang before the commands are built, so that their help
// is in that language. The last occurrence wins, as in flag parsing.
func langArg(args []string) (string, bool) {
	value, given := "", false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return value, given
		case a == "--lang" && i+1 < len(args):
			value, given = args[i+1], true
			i++
		case strings.HasPrefix(a, "--lang="):
			value, given = strings.TrimPrefix(a, "--lang="), true
		}
	}
	return value, given
}

// rootCommand builds the whole command tree in the reader's language.
func (a *app) rootCommand() *cobra.Command {
	t := a.t
	root := &cobra.Command{
		Use:     "ofgl-cookies",
		Short:   t.CLICommands["ofgl-cookies"],
		Long:    t.CLILong,
		Example: t.CLIExamples,
		Args:    a.noCommand,
		RunE:    func(c *cobra.Command, _ []string) error { return a.runList(c, false) },
	}
	root.SetVersionTemplate("ofgl-cookies {{.Version}}\n")
	root.SetFlagErrorFunc(a.flagError)
	root.PersistentFlags().StringVar(&a.f.lang, "lang", "", flagUsage(t, "")("lang"))
	// With no command the program is list (or the UI): list's flags.
	addFlags(root.Flags(), &a.f, flagUsage(t, ""), sourceFlags, selectorFlags, outputFlags)
	// The other commands' flags are known to the root, hidden, so that
	// they may come before the command's name ("--yes delete --all").
	for _, g := range []flagGroup{deletingFlags, allFlag, nonEssentialFlag, undoFlags} {
		fs := pflag.NewFlagSet("", pflag.ContinueOnError)
		g(fs, &a.f, flagUsage(t, ""))
		fs.VisitAll(func(fl *pflag.Flag) {
			if root.Flags().Lookup(fl.Name) == nil {
				fl.Hidden = true
				root.Flags().AddFlag(fl)
			}
		})
	}
	for _, build := range commands {
		root.AddCommand(build(a))
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = t.CLICommands["help"]
		case "completion":
			c.Short, c.Long = t.CLICommands["completion"], t.CLICommands["completion"]
			for _, sh := range c.Commands() {
				sh.Short = fmt.Sprintf(t.CLICommands["completion/sh"], sh.Name())
			}
		}
	}
	localizeHelpFlags(root, t)
	a.settleAll(root)
	completeValues(root)
	return root
}

// completeValues lets shell completion offer the values of the flags that
// take a word from a fixed list.
func completeValues(c *cobra.Command) {
	var categories []string
	for _, f := range inspect.CategoryFilters() {
		categories = append(categories, f.String())
	}
	fixed := map[string][]string{"lang": {"fr", "en"}, "category": categories, "fail-on": {"warning", "error"}}
	for name, values := range fixed {
		if c.Flags().Lookup(name) != nil || c.PersistentFlags().Lookup(name) != nil {
			_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
		}
	}
	for _, sub := range c.Commands() {
		completeValues(sub)
	}
}

// settleAll makes every command report its own failure and keep its exit
// code, returning no error to fang: fang asks the terminal for its
// background colour before it handles an error, reading stdin, which a
// command may still be reading (a y/N question cut by a signal). Only the
// command line's parsing errors reach fang's error handler.
func (a *app) settleAll(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(c *cobra.Command, args []string) error {
			err := run(c, args)
			var st exitStatus
			switch {
			case err == nil:
				a.code = ExitOK
			case errors.As(err, &st):
				a.code = int(st)
			default:
				a.printError(a.env.Stderr, fang.Styles{}, err)
				a.code = a.exitCode(err)
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		a.settleAll(sub)
	}
}

// localizeHelpFlags gives every command a --help (and the root a
// --version) described in the reader's language; cobra would add English
// ones.
func localizeHelpFlags(c *cobra.Command, t *i18n.Strings) {
	c.Flags().BoolP("help", "h", false, t.CLIFlags["help"])
	if !c.HasParent() {
		c.Flags().BoolP("version", "v", false, t.CLIFlags["version"])
	}
	for _, sub := range c.Commands() {
		localizeHelpFlags(sub, t)
	}
}

// exitStatus is a command's non-zero exit code; the command has already
// said why on stderr.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// done turns a command's exit code into what cobra expects.
func done(code int) error {
	if code == ExitOK {
		return nil
	}
	return exitStatus(code)
}

// usageError is a bad command line: one line on stderr, exit 2. hint adds
// the pointer to --help, for mistakes --help answers.
type usageError struct {
	msg  string
	hint bool
}

func (e usageError) Error() string { return e.msg }

// exitCode maps what the run returned to the documented exit codes.
func (a *app) exitCode(err error) int {
	var st exitStatus
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &st):
		return int(st)
	case a.ctx.Err() != nil:
		return ExitSignal
	}
	// Everything else comes from the command line's parsing.
	return ExitUsage
}

// printError is fang's error handler: one plain line on stderr, in the
// reader's language; nothing for a command that already reported.
func (a *app) printError(w io.Writer, _ fang.Styles, err error) {
	var st exitStatus
	if errors.As(err, &st) {
		return
	}
	msg, hint := inspect.OneLine(err.Error()), true
	var ue usageError
	if errors.As(err, &ue) {
		msg, hint = inspect.OneLine(ue.msg), ue.hint
	}
	if a.ctx.Err() != nil {
		msg, hint = a.t.Interrupted, false
	}
	if hint {
		msg += " (" + a.t.HintHelp + ")"
	}
	fmt.Fprintf(w, "ofgl-cookies: %s\n", msg)
}
