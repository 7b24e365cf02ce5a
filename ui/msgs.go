package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// Every Cmd below captures values, never the model: Cmds run on other
// goroutines, and a model read there would race with Update. Every
// message that answers a load carries the load's generation, so a reload
// drops stale answers.

// storesListedMsg says which stores a load will read; ch streams them.
type storesListedMsg struct {
	gen  int
	refs []inspect.StoreRef
	ch   <-chan storeReadMsg
	err  error
}

// storeReadMsg is one store read, as soon as it is.
type storeReadMsg struct {
	gen      int
	status   inspect.StoreStatus
	findings []inspect.Finding
}

// loadDoneMsg ends a load: every store was read.
type loadDoneMsg struct{ gen int }

// keepLoadedMsg is the keep list as read from disk.
type keepLoadedMsg struct {
	rules []inspect.KeepRule
	err   error
}

// keepToggledMsg answers k: the list after the change.
type keepToggledMsg struct {
	rules []inspect.KeepRule
	rule  inspect.KeepRule
	added bool
	err   error
	// cookie names the cookie when no rule can keep it (err is then an
	// *inspect.KeepRuleError).
	cookie string
}

// revealedMsg carries one cookie's value, for the cookie of key only.
type revealedMsg struct {
	key    string
	cookie inspect.Cookie
	err    error
}

// deletedMsg is the outcome of a confirmed deletion.
type deletedMsg struct {
	result inspect.BatchResult
	err    error
}

// undoneMsg is the outcome of u.
type undoneMsg struct {
	id      string
	results []inspect.UndoResult
	err     error
}

// batchesMsg is the deletion history, newest first.
type batchesMsg struct {
	batches []inspect.Batch
	err     error
}

// clearStatusMsg clears the status line if it is still the one of seq.
type clearStatusMsg struct{ seq int }

// listStores starts a load: it lists the stores, then reads them in the
// background into a channel that waitStore drains one message at a time.
func listStores(ctx context.Context, b Backend, gen int) tea.Cmd {
	return func() tea.Msg {
		refs, err := b.Stores(ctx)
		if err != nil {
			return storesListedMsg{gen: gen, err: err}
		}
		// Buffered for every store: a reader of a stale load never blocks
		// when nobody drains its channel any more.
		ch := make(chan storeReadMsg, len(refs))
		go func() {
			defer close(ch)
			b.ReadEach(ctx, refs, func(st inspect.StoreStatus, fs []inspect.Finding) {
				ch <- storeReadMsg{gen: gen, status: st, findings: fs}
			})
		}()
		return storesListedMsg{gen: gen, refs: refs, ch: ch}
	}
}

// waitStore returns the next store read, or loadDoneMsg at the end.
func waitStore(ch <-chan storeReadMsg, gen int) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return loadDoneMsg{gen: gen}
		}
		return msg
	}
}

func loadKeep(b Backend) tea.Cmd {
	return func() tea.Msg {
		rules, err := b.KeepRules()
		return keepLoadedMsg{rules: rules, err: err}
	}
}

// toggleKeep changes the keep list as it is on disk now, under its lock
// (another `ofgl-cookies keep` may have changed it): it adds NAME@HOST or
// removes every rule keeping c.
func toggleKeep(b Backend, c inspect.Cookie) tea.Cmd {
	return func() tea.Msg {
		var (
			rule    inspect.KeepRule
			added   bool
			ruleErr error
		)
		next, err := b.UpdateKeepRules(func(rules []inspect.KeepRule) ([]inspect.KeepRule, error) {
			var next []inspect.KeepRule
			next, rule, added, ruleErr = toggledRules(rules, c)
			return next, ruleErr
		})
		if ruleErr != nil {
			return keepToggledMsg{err: ruleErr, cookie: c.Name}
		}
		if err != nil {
			return keepToggledMsg{err: err}
		}
		return keepToggledMsg{rules: next, rule: rule, added: added}
	}
}

// toggledRules is the keep list after k on c. Adding fails, with an
// *inspect.KeepRuleError, for a cookie no rule can hold exactly (a name
// with control characters, or ending in "*", which a rule reads as a
// prefix): the keep list never gets a line it would refuse to read.
func toggledRules(rules []inspect.KeepRule, c inspect.Cookie) (next []inspect.KeepRule, rule inspect.KeepRule, added bool, err error) {
	if r, ok := inspect.Kept(rules, c); ok {
		for _, x := range rules {
			if !x.Matches(c) {
				next = append(next, x)
			}
		}
		return next, r, false, nil
	}
	rule, err = inspect.KeepRuleFor(c)
	if err != nil {
		return nil, inspect.KeepRule{}, false, err
	}
	return append(append([]inspect.KeepRule(nil), rules...), rule), rule, true, nil
}

func reveal(ctx context.Context, b Backend, c inspect.Cookie, key string) tea.Cmd {
	return func() tea.Msg {
		got, err := b.Reveal(ctx, c)
		return revealedMsg{key: key, cookie: got, err: err}
	}
}

func deleteCookies(ctx context.Context, b Backend, cookies []inspect.Cookie) tea.Cmd {
	return func() tea.Msg {
		res, err := b.Delete(ctx, cookies)
		return deletedMsg{result: res, err: err}
	}
}

// undoBatch undoes batch id, or the latest undoable one for "".
func undoBatch(ctx context.Context, b Backend, id string) tea.Cmd {
	return func() tea.Msg {
		undone, results, err := b.Undo(ctx, id)
		return undoneMsg{id: undone, results: results, err: err}
	}
}

// listBatches reads the deletion history.
func listBatches(ctx context.Context, b Backend) tea.Cmd {
	return func() tea.Msg {
		batches, err := b.Batches(ctx)
		return batchesMsg{batches: batches, err: err}
	}
}

// clearStatusAfter clears the status line after d, unless another status
// replaced it meanwhile (tea.Tick, never a time.Timer: a stopped Timer
// leaves the Cmd waiting on it blocked forever).
func clearStatusAfter(d time.Duration, seq int) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
}
