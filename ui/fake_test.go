package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// testNow is the clock of every test: expiries and "in N days" are fixed.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// fakeStore is one store of the fake backend.
type fakeStore struct {
	ref     inspect.StoreRef
	cookies []inspect.Finding
	fail    error // read error
	note    inspect.NoteKind
}

// fakeBackend is an in-memory Backend: deletions remove cookies from its
// stores and are recorded as batches that Undo puts back.
type fakeBackend struct {
	mu       sync.Mutex
	stores   []*fakeStore
	listErr  error
	refuse   map[string]string // store path -> the browser to close
	fail     map[string]string // store path -> delete error
	keep     []inspect.KeepRule
	keepErr  error
	values   map[string]string // cookieKey -> value
	batches  []fakeBatch
	deleted  [][]inspect.Cookie // every Delete call, in order
	revealed []string           // names of the cookies whose value was read
	gate     chan struct{}      // when set, each store read waits on it
}

func (b *fakeBackend) Stores(ctx context.Context) ([]inspect.StoreRef, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.listErr != nil {
		return nil, b.listErr
	}
	var refs []inspect.StoreRef
	for _, s := range b.stores {
		refs = append(refs, s.ref)
	}
	return refs, nil
}

func (b *fakeBackend) ReadEach(ctx context.Context, refs []inspect.StoreRef, fn func(inspect.StoreStatus, []inspect.Finding)) {
	for _, ref := range refs {
		if b.gate != nil {
			<-b.gate
		}
		b.mu.Lock()
		var st inspect.StoreStatus
		var fs []inspect.Finding
		for _, s := range b.stores {
			if s.ref.Path != ref.Path {
				continue
			}
			st = inspect.StoreStatus{StoreRef: ref, OK: s.fail == nil, Err: s.fail, Note: s.note}
			if s.fail == nil {
				fs = append(fs, s.cookies...)
				st.Count = len(fs)
			}
		}
		b.mu.Unlock()
		fn(st, fs)
	}
}

func (b *fakeBackend) Reveal(ctx context.Context, c inspect.Cookie) (inspect.Cookie, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.revealed = append(b.revealed, c.Name)
	v, ok := b.values[cookieKey(c)]
	if !ok {
		return c, errors.New("the cookie is no longer in its store")
	}
	c.Value, c.ValueState = v, inspect.ValueShown
	return c, nil
}

func (b *fakeBackend) Delete(ctx context.Context, cookies []inspect.Cookie) (inspect.BatchResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deleted = append(b.deleted, cookies)
	res := inspect.BatchResult{ID: fmt.Sprintf("batch-%d", len(b.deleted))}
	var batch []inspect.Finding
	for _, s := range b.stores {
		var want []inspect.Cookie
		for _, c := range cookies {
			if c.Store.Path == s.ref.Path {
				want = append(want, c)
			}
		}
		if len(want) == 0 {
			continue
		}
		r := inspect.StoreResult{Store: s.ref, Requested: len(want)}
		switch {
		case b.refuse[s.ref.Path] != "":
			r.Refused, r.Err = true, &inspect.RefusedError{Store: s.ref, Problem: &inspect.Problem{Kind: inspect.ProblemBrowserRunning, Detail: b.refuse[s.ref.Path]}}
		case b.fail[s.ref.Path] != "":
			r.Err = &inspect.Problem{Kind: inspect.ProblemFailed, Detail: b.fail[s.ref.Path]}
		default:
			var kept []inspect.Finding
			for _, f := range s.cookies {
				gone := false
				for _, c := range want {
					if cookieKey(c) == cookieKey(f.Cookie) {
						gone = true
					}
				}
				if gone {
					r.Deleted = append(r.Deleted, f.Cookie)
					batch = append(batch, f)
				} else {
					kept = append(kept, f)
				}
			}
			s.cookies = kept
		}
		res.Stores = append(res.Stores, r)
	}
	if len(batch) > 0 {
		b.batches = append(b.batches, fakeBatch{id: fmt.Sprintf("batch-%d", len(b.batches)+1), cookies: batch})
	}
	return res, nil
}

// fakeBatch is one deletion of the fake backend.
type fakeBatch struct {
	id      string
	cookies []inspect.Finding
	undone  bool
}

func (b *fakeBackend) Undo(ctx context.Context, id string) (string, []inspect.UndoResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	idx := -1
	for i := len(b.batches) - 1; i >= 0; i-- {
		if !b.batches[i].undone && (id == "" || b.batches[i].id == id) {
			idx = i
			break
		}
	}
	if idx < 0 {
		return "", nil, ErrNothingToUndo
	}
	batch := &b.batches[idx]
	batch.undone = true
	var results []inspect.UndoResult
	for _, s := range b.stores {
		r := inspect.UndoResult{Store: s.ref}
		for _, f := range batch.cookies {
			if f.Store.Path == s.ref.Path {
				s.cookies = append(s.cookies, f)
				r.Restored++
			}
		}
		if r.Restored > 0 {
			results = append(results, r)
		}
	}
	return batch.id, results, nil
}

// Batches lists the batches newest first, with one entry per cookie.
func (b *fakeBackend) Batches(ctx context.Context) ([]inspect.Batch, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []inspect.Batch
	for i := len(b.batches) - 1; i >= 0; i-- {
		fb := b.batches[i]
		batch := inspect.Batch{ID: fb.id, Created: time.Date(2026, 6, 1, 10, i, 0, 0, time.UTC), Status: inspect.BatchCommitted}
		if fb.undone {
			batch.Status = inspect.BatchUndone
		}
		byPath := map[string]int{}
		for _, f := range fb.cookies {
			j, ok := byPath[f.Store.Path]
			if !ok {
				j = len(batch.Stores)
				byPath[f.Store.Path] = j
				batch.Stores = append(batch.Stores, inspect.BatchStore{Store: f.Store, Status: inspect.StoreDeleted})
			}
			batch.Stores[j].Entries = append(batch.Stores[j].Entries, inspect.FileEntry{Name: f.Name, Host: f.Host})
		}
		out = append(out, batch)
	}
	return out, nil
}

func (b *fakeBackend) KeepRules() ([]inspect.KeepRule, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]inspect.KeepRule(nil), b.keep...), b.keepErr
}

func (b *fakeBackend) UpdateKeepRules(change func([]inspect.KeepRule) ([]inspect.KeepRule, error)) ([]inspect.KeepRule, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.keepErr != nil {
		return nil, b.keepErr
	}
	next, err := change(append([]inspect.KeepRule(nil), b.keep...))
	if err != nil {
		return nil, err
	}
	b.keep = append([]inspect.KeepRule(nil), next...)
	return next, nil
}

// names lists the names left in a store.
func (b *fakeBackend) names(path string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, s := range b.stores {
		if s.ref.Path == path {
			for _, f := range s.cookies {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

// Fixture stores: two Chromium profiles and a Firefox one, plus a Safari
// store that cannot be read.
const (
	chromeDefault = "/home/ana/.config/chromium/Default/Cookies"
	chromeWork    = "/home/ana/.config/chromium/Profile 1/Cookies"
	firefoxPath   = "/home/ana/.mozilla/firefox/abcd.default-release/cookies.sqlite"
	safariPath    = "/home/ana/Library/Cookies/Cookies.binarycookies"
)

// finding builds a finding classified by the real charter.
func finding(ref inspect.StoreRef, host, name string, expires time.Duration, opts ...func(*inspect.Cookie)) inspect.Finding {
	c := inspect.Cookie{Store: ref, Host: host, Name: name, Path: "/", Secure: true, SameSite: inspect.SameSiteLax,
		Created: testNow.Add(-24 * time.Hour)}
	if expires == 0 {
		c.Session = true
	} else {
		c.Expires = testNow.Add(expires)
	}
	for _, o := range opts {
		o(&c)
	}
	if ref.Kind == inspect.KindChromium {
		c.Chromium = &inspect.ChromiumKey{TopFrameSiteKey: c.PartitionSite}
	} else {
		c.Firefox = &inspect.FirefoxKey{OriginAttributes: c.Container + c.PartitionSite}
	}
	return inspect.Finding{Cookie: c, Match: catalog.Default().Match(host, name, c.ThirdParty)}
}

func thirdParty(partition string) func(*inspect.Cookie) {
	return func(c *inspect.Cookie) { c.ThirdParty, c.Partitioned, c.PartitionSite = true, true, partition }
}

func httpOnly(c *inspect.Cookie) { c.HTTPOnly = true }

const day = 24 * time.Hour

func newFake() *fakeBackend {
	chromium := inspect.StoreRef{Browser: "chromium", Profile: "Default", Path: chromeDefault, Kind: inspect.KindChromium}
	work := inspect.StoreRef{Browser: "chromium", Profile: "Work", Path: chromeWork, Kind: inspect.KindChromium}
	firefox := inspect.StoreRef{Browser: "firefox", Profile: "default-release", Path: firefoxPath, Kind: inspect.KindFirefox}
	safari := inspect.StoreRef{Browser: "safari", Path: safariPath, Kind: inspect.KindKooky}
	b := &fakeBackend{
		stores: []*fakeStore{
			{ref: chromium, cookies: []inspect.Finding{
				finding(chromium, "data.ofgl.fr", "sessionid", 14*day, httpOnly),
				finding(chromium, "data.ofgl.fr", "csrftoken", 365*day),
				finding(chromium, "data.ofgl.fr", "_pk_id.1.abcd", 395*day),
				finding(chromium, ".ofgl.fr", "_ga", 730*day),
				finding(chromium, "data.ofgl.fr", "ofgl_session", 0),
			}},
			{ref: work, cookies: []inspect.Finding{
				finding(work, ".ofgl.fr", "_ga", 730*day),
			}},
			{ref: firefox, cookies: []inspect.Finding{
				finding(firefox, "data.ofgl.fr", "sessionid", 10*day, httpOnly),
				finding(firefox, "data.ofgl.fr", "django_language", 300*day),
				finding(firefox, "tracker.example", "trk_pixel", 200*day, thirdParty("https://ofgl.fr")),
			}},
			{ref: safari, fail: &inspect.Problem{Kind: inspect.ProblemPermission}},
		},
		refuse: map[string]string{},
		fail:   map[string]string{},
		values: map[string]string{},
	}
	for _, s := range b.stores {
		for _, f := range s.cookies {
			b.values[cookieKey(f.Cookie)] = "secret-" + f.Name
		}
	}
	return b
}

// harness drives a Model synchronously: it runs the Cmds each Update
// returns and feeds their messages back, as Bubble Tea would.
type harness struct {
	t    *testing.T
	m    Model
	quit bool
}

// newHarness builds the model on a fake backend, sizes it and lets the
// first load finish.
func newHarness(t *testing.T, b Backend, lang i18n.Lang, w, h int) *harness {
	t.Helper()
	m := New(Options{Lang: lang, Backend: b, Now: func() time.Time { return testNow }, Location: time.UTC})
	m.status.clearAfter = func(time.Duration, int) tea.Cmd { return nil }
	hs := &harness{t: t, m: m}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	return hs
}

// cmdTimeout drops Cmds that wait (spinner frames, cursor blinks, status
// clearing): the fake backend answers at once.
const cmdTimeout = 300 * time.Millisecond

func (h *harness) run(cmd tea.Cmd) {
	queue := h.exec(cmd)
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		switch msg := msg.(type) {
		case nil, spinner.TickMsg:
			continue
		case tea.BatchMsg:
			for _, c := range msg {
				queue = append(queue, h.exec(c)...)
			}
			continue
		case tea.QuitMsg:
			h.quit = true
			continue
		}
		next, cmd := h.m.Update(msg)
		h.m = next.(Model)
		queue = append(queue, h.exec(cmd)...)
	}
}

func (h *harness) exec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return []tea.Msg{msg}
	case <-time.After(cmdTimeout):
		return nil
	}
}

// send delivers one message and everything that follows from it.
func (h *harness) send(msg tea.Msg) {
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

// keys presses keys by name: "a", "enter", "space", "shift+tab"...
func (h *harness) keys(names ...string) {
	for _, n := range names {
		h.send(keyPress(n))
	}
}

func keyPress(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+a":
		return tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl}
	}
	r := []rune(name)
	if len(r) != 1 {
		panic("unknown key " + name)
	}
	return tea.KeyPressMsg{Code: r[0], Text: name}
}
