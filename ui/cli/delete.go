package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// DeleteRequest is delete or clear: what list would show with the same
// selectors, less what the keep rules protect.
type DeleteRequest struct {
	ListRequest
	NonEssential bool               // clear: everything but necessary cookies
	DryRun       bool               // print the plan, change nothing
	Yes          bool               // do not ask
	Keep         []inspect.KeepRule // --keep rules, added to the keep list
	Delete       inspect.DeleteOptions
	KeepPath     string // the keep list to honour; "" is the user's own
	Demo         bool   // the stores are the demo's copy, removed at exit
}

// Plan selects what a delete or clear would remove, and what it keeps.
func Plan(findings []inspect.Finding, filter inspect.Filter, nonEssential bool, keep []inspect.KeepRule) (remove []inspect.Finding, kept []KeptFinding) {
	for _, f := range filter.Apply(findings) {
		if nonEssential && f.Match.Category.Essential() {
			continue
		}
		if r, ok := inspect.Kept(keep, f.Cookie); ok {
			kept = append(kept, KeptFinding{Finding: f, Rule: r})
			continue
		}
		remove = append(remove, f)
	}
	return remove, kept
}

// KeptFinding is a cookie a keep rule protects.
type KeptFinding struct {
	inspect.Finding
	Rule inspect.KeepRule
}

// Delete runs delete and clear.
func Delete(ctx context.Context, env Env, req DeleteRequest) int {
	t := env.t()
	// Values are never needed to delete; reading them would only touch keyrings.
	req.Options.ShowValues = false
	keepPath, err := req.KeepPath, error(nil)
	if keepPath == "" {
		keepPath, err = inspect.KeepListPath()
	}
	var listed []inspect.KeepRule
	if err == nil {
		listed, err = inspect.LoadKeepList(keepPath)
	}
	if err != nil {
		env.warnf("%s", keepErrorLine(t, err))
		return ExitRuntime
	}
	rules := append(append([]inspect.KeepRule(nil), req.Keep...), listed...)
	if !req.DryRun {
		recoverInterrupted(ctx, env, req.Delete)
	}

	res, code, ok := read(ctx, env, req.ListRequest)
	if !ok {
		return code
	}
	warnFailedStores(env, res)
	remove, kept := Plan(res.Findings, req.Filter, req.NonEssential, rules)
	for _, k := range kept {
		fmt.Fprintf(env.Stdout, t.PlanKept+"\n", report.KeepRule(k.Rule), report.Clean(k.Name), report.Clean(k.Host))
	}
	if len(remove) == 0 {
		fmt.Fprintln(env.Stdout, t.NothingToDelete)
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, t.N(t.PlanTitle, len(remove)))
	if err := report.Table(env.Stdout, remove, res.Stores, env.reportOptions(req.Options.Site.Host, false)); err != nil {
		env.warnf("%s", t.Error(err))
		return ExitRuntime
	}
	if req.DryRun {
		fmt.Fprintln(env.Stdout, t.DryRunDone)
		return ExitOK
	}
	if !req.Yes {
		if !env.StdinTTY {
			env.warnf("%s", t.NeedYes)
			return ExitUsage
		}
		if !confirm(ctx, env, t.N(t.ConfirmPrompt, len(remove))) {
			if ctx.Err() != nil {
				env.warnf("%s", t.Interrupted)
				return ExitSignal
			}
			fmt.Fprintln(env.Stdout, t.Cancelled)
			return ExitOK
		}
	}
	cookies := make([]inspect.Cookie, len(remove))
	for i, f := range remove {
		cookies[i] = f.Cookie
	}
	command := "delete"
	if req.NonEssential {
		command = "clear"
	}
	batch, err := inspect.Delete(ctx, cookies, withLockMessages(env, req.Delete, command))
	printBatch(env, batch, req.Demo)
	printAutoPrune(env, batch)
	if err != nil {
		env.warnf("%s", errText(t, err))
		return ExitRuntime
	}
	// The store lines are on stdout; a run that fails says why on stderr.
	warnFailedBatch(env, batch)
	switch {
	case batch.Refused():
		env.warnf("%s", t.RunningHint)
		return ExitRunning
	case !batch.OK():
		return ExitRuntime
	}
	return ExitOK
}

// withLockMessages names the command in the store locks and says on
// stderr when the run waits for another one.
func withLockMessages(env Env, opts inspect.DeleteOptions, command string) inspect.DeleteOptions {
	t := env.t()
	if opts.Command == "" {
		opts.Command = command
	}
	if opts.OnLockWait == nil {
		opts.OnLockWait = func(store inspect.StoreRef, h inspect.LockHolder) {
			env.warnf(t.LockWaiting, report.PID(h.PID), h.Command, report.LockTarget(t, store))
		}
	}
	return opts
}

// warnFailedBatch puts one line on stderr for the stores that failed
// (other than refused ones, which RunningHint covers).
func warnFailedBatch(env Env, b inspect.BatchResult) {
	failed, first := 0, ""
	for _, s := range b.Stores {
		if s.OK() || s.Refused {
			continue
		}
		if failed == 0 {
			first = s.Store.Path + ": " + report.StoreFailure(env.t(), s)
		}
		failed++
	}
	if failed > 0 {
		env.warnf("%s", env.t().Nf(env.t().DeleteFailedLine, len(b.Stores), failed, len(b.Stores), first))
	}
}

func printBatch(env Env, b inspect.BatchResult, demo bool) {
	t := env.t()
	deleted, stores := 0, 0
	for _, s := range b.Stores {
		status := t.Nf(t.ResultDeleted, len(s.Deleted), len(s.Deleted), s.Requested)
		if s.Refused || s.Err != nil {
			status = report.StoreFailure(t, s)
			if len(s.Deleted) > 0 {
				status = t.Nf(t.ResultDeleted, len(s.Deleted), len(s.Deleted), s.Requested) + "; " + status
			}
		}
		fmt.Fprintf(env.Stdout, "%s · %s · %s: %s\n", s.Store.Browser, s.Store.Profile, s.Store.Path, status)
		for _, c := range s.Deleted {
			fmt.Fprintf(env.Stdout, "  - %s (%s)\n", c.Name, c.Host)
		}
		if !s.Refused && s.Err != nil {
			for _, c := range s.NotDeleted {
				fmt.Fprintf(env.Stdout, t.ResultNotDeleted+"\n", c.Name, c.Host)
			}
		}
		if len(s.Deleted) > 0 {
			deleted += len(s.Deleted)
			stores++
		}
	}
	fmt.Fprintln(env.Stdout, t.Nf(t.ResultSummary, deleted, t.CookieCount(deleted), t.StoreCount(stores)))
	switch {
	case deleted > 0 && demo:
		fmt.Fprintln(env.Stdout, t.DemoUndoHint)
	case deleted > 0 && b.ID != "":
		fmt.Fprintf(env.Stdout, t.UndoHint+"\n", b.ID)
	}
}

// confirm asks a yes/no question; anything but an explicit yes is no, and
// so is an interrupt while it waits for the answer.
func confirm(ctx context.Context, env Env, question string) bool {
	fmt.Fprint(env.Stdout, question)
	answered := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
		answered <- line
	}()
	var line string
	select {
	case line = <-answered:
	case <-ctx.Done():
		fmt.Fprintln(env.Stdout)
		return false
	}
	answer := strings.ToLower(strings.TrimSpace(line))
	for _, y := range strings.Fields(env.t().YesAnswers) {
		if answer == y {
			return true
		}
	}
	return false
}

// Keep runs keep add|rm|list. A malformed rule given here is a usage
// error (exit 2); a malformed line of the keep list is a runtime error
// (exit 1), as any keep list that cannot be read.
func Keep(env Env, action string, args []string) int {
	t := env.t()
	path, err := inspect.KeepListPath()
	if err != nil {
		env.warnf("%s", t.Error(err))
		return ExitRuntime
	}
	rules, err := inspect.LoadKeepList(path)
	if err != nil {
		env.warnf("%s", keepErrorLine(t, err))
		return ExitRuntime
	}
	switch action {
	case "list", "":
		if len(args) > 0 {
			env.warnf("%s", t.KeepUsage)
			return ExitUsage
		}
		if len(rules) == 0 {
			fmt.Fprintln(env.Stdout, t.KeepEmpty)
			return ExitOK
		}
		fmt.Fprintf(env.Stdout, t.KeepListHeader+"\n", report.Clean(path))
		for _, r := range rules {
			fmt.Fprintln(env.Stdout, "  "+report.KeepRule(r))
		}
		return ExitOK
	case "add", "rm", "remove":
		if len(args) == 0 {
			env.warnf("%s", t.KeepUsage)
			return ExitUsage
		}
		var given []inspect.KeepRule
		for _, a := range args {
			r, err := inspect.ParseKeepRule(a)
			if err != nil {
				env.warnf("%s", keepErrorLine(t, err))
				return ExitUsage
			}
			given = append(given, r)
		}
		if action == "add" {
			return keepAdd(env, path, given)
		}
		return keepRemove(env, path, given)
	}
	env.warnf("%s", t.KeepUsage)
	return ExitUsage
}

// keepAdd adds the rules not there yet, and says which were. The list is
// read again under its lock: another run may have changed it.
func keepAdd(env Env, path string, given []inspect.KeepRule) int {
	t := env.t()
	var added, already []inspect.KeepRule
	_, err := inspect.UpdateKeepList(context.Background(), path, func(rules []inspect.KeepRule) ([]inspect.KeepRule, error) {
		added, already = nil, nil
		for _, g := range given {
			if slices.Contains(rules, g) || slices.Contains(added, g) {
				already = append(already, g)
				continue
			}
			added = append(added, g)
		}
		return append(rules, added...), nil
	})
	if err != nil {
		env.warnf("%s", keepErrorLine(t, err))
		return ExitRuntime
	}
	for _, g := range already {
		fmt.Fprintf(env.Stdout, t.KeepAlready+"\n", report.KeepRule(g))
	}
	for _, g := range added {
		fmt.Fprintf(env.Stdout, t.KeepAdded+"\n", report.KeepRule(g))
	}
	return ExitOK
}

// errKeepRuleMissing stops a removal when a rule given is not in the list.
var errKeepRuleMissing = errors.New("keep rule not in the list")

// keepRemove removes the rules given; one that is not there is an error,
// and then nothing is removed.
func keepRemove(env Env, path string, given []inspect.KeepRule) int {
	t := env.t()
	var missing []inspect.KeepRule
	_, err := inspect.UpdateKeepList(context.Background(), path, func(rules []inspect.KeepRule) ([]inspect.KeepRule, error) {
		missing = nil
		for _, g := range given {
			if !slices.Contains(rules, g) {
				missing = append(missing, g)
			}
			rules = slices.DeleteFunc(rules, func(r inspect.KeepRule) bool { return r == g })
		}
		if len(missing) > 0 {
			return nil, errKeepRuleMissing
		}
		return rules, nil
	})
	if errors.Is(err, errKeepRuleMissing) {
		for _, g := range missing {
			env.warnf(t.KeepNotFound, report.KeepRule(g))
		}
		return ExitRuntime
	}
	if err != nil {
		env.warnf("%s", keepErrorLine(t, err))
		return ExitRuntime
	}
	for _, g := range given {
		fmt.Fprintf(env.Stdout, t.KeepRemoved+"\n", report.KeepRule(g))
	}
	return ExitOK
}

// keepErrorLine is one line for a keep list or keep rule error, in the
// user's language when it is about a rule.
func keepErrorLine(t *i18n.Strings, err error) string {
	if msg, ok := report.KeepRuleMessage(t, err); ok {
		return msg
	}
	return report.Clean(errText(t, err))
}
