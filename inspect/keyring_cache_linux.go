//go:build linux

package inspect

import (
	"context"
	"sync"
)

// keyringAnswer is what the keyring said for one browser: a key or why not.
type keyringAnswer struct {
	key []byte
	err error
}

// keyringAnswers keeps, for the whole run, the keyring's answer for each
// browser: a locked keyring prompts once per run, not once per cookie or
// store, and a prompt left unanswered costs one wait.
var keyringAnswers = struct {
	sync.Mutex
	byApp map[string]*keyringCall
}{byApp: map[string]*keyringCall{}}

// keyringCall is one lookup, shared by every store of the browser.
type keyringCall struct {
	done   chan struct{}
	answer keyringAnswer
}

// browserKey returns the key of the browser's "Safe Storage" entry, asking
// the keyring at most once per run; concurrent callers wait for the same
// answer. lookup does the asking.
func browserKey(ctx context.Context, app string, lookup func(context.Context) ([]byte, error)) ([]byte, error) {
	keyringAnswers.Lock()
	call, ok := keyringAnswers.byApp[app]
	if !ok {
		call = &keyringCall{done: make(chan struct{})}
		keyringAnswers.byApp[app] = call
	}
	keyringAnswers.Unlock()
	if !ok {
		key, err := lookup(ctx)
		call.answer = keyringAnswer{key: key, err: err}
		if ctx.Err() != nil {
			// Cancelled by the caller, not answered: a later read asks again.
			keyringAnswers.Lock()
			delete(keyringAnswers.byApp, app)
			keyringAnswers.Unlock()
		}
		close(call.done)
	}
	<-call.done
	return call.answer.key, call.answer.err
}

// forgetKeyringAnswers drops every kept answer (tests).
func forgetKeyringAnswers() {
	keyringAnswers.Lock()
	keyringAnswers.byApp = map[string]*keyringCall{}
	keyringAnswers.Unlock()
}

// safeStorageAccount is the keyring account under which a Chromium-family
// browser keeps its cookie key on Linux, as kooky names it: "Chrome" for
// Chrome, "Brave" for Brave, "Chromium" for Chromium and the browsers
// that borrow its entry (Edge, Opera, and any other).
func safeStorageAccount(browser string) string {
	switch browser {
	case "chrome":
		return "Chrome"
	case "brave":
		return "Brave"
	}
	return "Chromium"
}
