package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
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
	keepPath, err := inspect.KeepListPath()
	var listed []inspect.KeepRule
	if err == nil {
		listed, err = inspect.LoadKeepList(keepPath)
	}
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
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
		fmt.Fprintf(env.Stdout, t.PlanKept+"\n", k.Rule, k.Name, k.Host)
	}
	if len(remove) == 0 {
		fmt.Fprintln(env.Stdout, t.NothingToDelete)
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, t.PlanTitle+"\n", len(remove))
	if err := report.Table(env.Stdout, remove, res.Stores, env.reportOptions(req.Options.Site.Host, false)); err != nil {
		env.warnf("%s", oneLine(err.Error()))
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
		if !confirm(env, fmt.Sprintf(t.ConfirmPrompt, len(remove))) {
			fmt.Fprintln(env.Stdout, t.Cancelled)
			return ExitOK
		}
	}
	cookies := make([]inspect.Cookie, len(remove))
	for i, f := range remove {
		cookies[i] = f.Cookie
	}
	batch, err := inspect.Delete(ctx, cookies, req.Delete)
	printBatch(env, batch)
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
		return ExitRuntime
	}
	switch {
	case batch.Refused():
		env.warnf("%s", t.RunningHint)
		return ExitRunning
	case !batch.OK():
		return ExitRuntime
	}
	return ExitOK
}

func printBatch(env Env, b inspect.BatchResult) {
	t := env.t()
	deleted, stores := 0, 0
	for _, s := range b.Stores {
		status := fmt.Sprintf(t.ResultDeleted, len(s.Deleted), s.Requested)
		switch {
		case s.Refused:
			status = fmt.Sprintf(t.ResultRefused, t.Message(s.Err))
		case s.Err != "":
			status = fmt.Sprintf(t.ResultFailed, t.Message(s.Err))
		}
		fmt.Fprintf(env.Stdout, "%s · %s · %s: %s\n", s.Store.Browser, s.Store.Profile, s.Store.Path, status)
		for _, c := range s.Deleted {
			fmt.Fprintf(env.Stdout, "  - %s (%s)\n", c.Name, c.Host)
		}
		if len(s.Deleted) > 0 {
			deleted += len(s.Deleted)
			stores++
		}
	}
	fmt.Fprintf(env.Stdout, t.ResultSummary+"\n", deleted, stores)
	if deleted > 0 && b.ID != "" {
		fmt.Fprintf(env.Stdout, t.UndoHint+"\n", b.ID)
	}
}

// confirm asks a yes/no question; anything but an explicit yes is no.
func confirm(env Env, question string) bool {
	fmt.Fprint(env.Stdout, question)
	line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	for _, y := range strings.Fields(env.t().YesAnswers) {
		if answer == y {
			return true
		}
	}
	return false
}

// Keep runs keep add|rm|list.
func Keep(env Env, action string, args []string) int {
	t := env.t()
	path, err := inspect.KeepListPath()
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
		return ExitRuntime
	}
	rules, err := inspect.LoadKeepList(path)
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
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
		fmt.Fprintf(env.Stdout, t.KeepListHeader+"\n", path)
		for _, r := range rules {
			fmt.Fprintln(env.Stdout, "  "+r.String())
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
				env.warnf("%s", err)
				return ExitUsage
			}
			given = append(given, r)
		}
		code := ExitOK
		if action == "add" {
			rules = append(rules, given...)
		} else {
			for _, g := range given {
				found := false
				for i := 0; i < len(rules); i++ {
					if rules[i] == g {
						rules = append(rules[:i], rules[i+1:]...)
						i--
						found = true
					}
				}
				if !found {
					env.warnf(t.KeepNotFound, g)
					code = ExitRuntime
				}
			}
		}
		if err := inspect.SaveKeepList(path, rules); err != nil {
			env.warnf("%s", oneLine(err.Error()))
			return ExitRuntime
		}
		for _, g := range given {
			if action == "add" {
				fmt.Fprintf(env.Stdout, t.KeepAdded+"\n", g)
			} else if code == ExitOK {
				fmt.Fprintf(env.Stdout, t.KeepRemoved+"\n", g)
			}
		}
		return code
	}
	env.warnf("%s", t.KeepUsage)
	return ExitUsage
}

// UndoRequest is undo: the latest batch, a named one, or a whole-file restore.
type UndoRequest struct {
	Batch       string // "" for the latest batch that can be undone
	List        bool   // only list the batches
	RestoreFile bool   // put the backup files back (explicit, with a warning)
	Yes         bool
	Delete      inspect.DeleteOptions
}

// Undo lists the deletion batches and restores one.
func Undo(ctx context.Context, env Env, req UndoRequest) int {
	t := env.t()
	stateDir := req.Delete.StateDir
	if stateDir == "" {
		d, err := inspect.StateDir()
		if err != nil {
			env.warnf("%s", oneLine(err.Error()))
			return ExitRuntime
		}
		stateDir = d
	}
	recovery := req.Delete
	recovery.StateDir = stateDir
	recoverInterrupted(ctx, env, recovery)
	batches, err := inspect.ListBatches(stateDir)
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
		return ExitRuntime
	}
	if len(batches) == 0 {
		fmt.Fprintln(env.Stdout, t.UndoNone)
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, t.UndoBatches)
	for _, b := range batches {
		fmt.Fprintf(env.Stdout, "  %s  %s  %3d  %s\n", b.ID, b.Created.Local().Format(time.DateTime), b.Count(), t.BatchStatus[b.Status])
	}
	if req.List {
		return ExitOK
	}
	id := req.Batch
	if id == "" {
		for _, b := range batches {
			if b.Status != inspect.BatchUndone && b.Count() > 0 {
				id = b.ID
				break
			}
		}
		if id == "" {
			fmt.Fprintln(env.Stdout, t.UndoNone)
			return ExitOK
		}
	}
	if req.RestoreFile {
		fmt.Fprintf(env.Stdout, t.RestoreFileWarning+"\n", id)
		if !req.Yes {
			if !env.StdinTTY {
				env.warnf("%s", t.NeedYes)
				return ExitUsage
			}
			if !confirm(env, t.RestoreFilePrompt) {
				fmt.Fprintln(env.Stdout, t.Cancelled)
				return ExitOK
			}
		}
		results, err := inspect.RestoreBackup(ctx, stateDir, id, req.Delete)
		return printUndo(env, id, results, err)
	}
	_, results, err := inspect.Undo(ctx, stateDir, id, req.Delete)
	return printUndo(env, id, results, err)
}

func printUndo(env Env, id string, results []inspect.UndoResult, err error) int {
	t := env.t()
	if err != nil {
		env.warnf("%s", oneLine(err.Error()))
		return ExitRuntime
	}
	code := ExitOK
	for _, r := range results {
		status := fmt.Sprintf(t.UndoRestored, r.Restored)
		switch {
		case r.Refused:
			status = fmt.Sprintf(t.ResultRefused, t.Message(r.Err))
			code = ExitRunning
		case r.Err != "":
			status = fmt.Sprintf(t.ResultFailed, t.Message(r.Err))
			if code == ExitOK {
				code = ExitRuntime
			}
		}
		fmt.Fprintf(env.Stdout, "%s · %s · %s: %s\n", r.Store.Browser, r.Store.Profile, r.Store.Path, status)
		for _, s := range r.Skipped {
			fmt.Fprintf(env.Stdout, "  "+t.UndoSkipped+"\n", t.Message(s))
		}
	}
	if code == ExitOK {
		fmt.Fprintf(env.Stdout, t.UndoDone+"\n", id)
	} else {
		fmt.Fprintf(env.Stdout, t.UndoPartly+"\n", id)
	}
	return code
}
