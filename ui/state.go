package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// state is what the screen shows and which keys it takes: one at a time.
// A deletion, an undo or a load may run under any of them (see task and
// loader), which only disables the keys that would start another.
type state int

const (
	stateBrowse  state = iota // the table and the detail pane
	stateSearch               // typing a search above the table
	stateDetails              // the detail pane takes the whole body
	stateConfirm              // the deletion dialog
	stateHelp                 // the ? screen
	stateStores               // the stores read
	stateHistory              // the deletion batches, to undo any
	stateAudit                // the audit's findings per rule
)

func (s state) String() string {
	return [...]string{"browse", "search", "details", "confirm", "help", "stores", "history", "audit"}[s]
}

// loadPhase is where the loading of the stores is.
type loadPhase int

const (
	loadFirst     loadPhase = iota // the first load: rows show as stores come
	loadReloading                  // a reload: the old rows stay until it ends
	loadIdle                       // nothing is read
)

// loader reads the stores: gen numbers the loads, so that the answers of
// an older load are dropped; what a load reads gathers in the pending
// fields until publish shows it.
type loader struct {
	gen    int
	first  tea.Cmd // Init's: Init cannot change the model
	cancel context.CancelFunc
	phase  loadPhase
	err    error
	refs   []inspect.StoreRef
	ch     <-chan storeReadMsg
	done   int // stores read

	stores   []inspect.StoreStatus
	findings []inspect.Finding
	entries  []entry // of findings, worked out as each store comes
	order    []int   // indices of findings in inspect's order
}

// start begins a new load, cancelling the one before; it returns the
// load's context and generation.
func (l *loader) start(parent context.Context) (context.Context, int) {
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(parent)
	l.cancel = cancel
	l.gen++
	if l.phase == loadIdle {
		l.phase = loadReloading
	}
	l.err, l.refs, l.done = nil, nil, 0
	l.stores, l.findings, l.entries, l.order = nil, nil, nil, nil
	return ctx, l.gen
}

// add takes in one store read.
func (l *loader) add(msg storeReadMsg, t *i18n.Strings, loc *time.Location) {
	l.done++
	l.stores = append(l.stores, msg.status)
	l.findings = append(l.findings, msg.findings...)
	l.entries = append(l.entries, newEntries(msg.findings, t, loc)...)
	l.order = mergeOrder(l.findings, l.order)
}

// finish ends the load, with the error that stopped it if any.
func (l *loader) finish(err error) { l.phase, l.err = loadIdle, err }

func (l loader) loading() bool    { return l.phase != loadIdle }
func (l loader) loadedOnce() bool { return l.phase != loadFirst }

// task is the long operation running, if any: one at a time.
type task struct {
	kind taskKind
	msg  string // what the footer says meanwhile
}

// taskKind is the kind of a task.
type taskKind int

const (
	taskNone taskKind = iota
	taskDeleting
	taskUndoing
)

func (t task) running() bool { return t.kind != taskNone }

// selection is the cookies the user picked: the one under the cursor, the
// marked ones and the one whose value shows.
type selection struct {
	key       string          // cookieKey of the selected row
	userMoved bool            // the user moved the cursor
	marks     map[string]bool // cookieKey -> marked
	// revealed is the value of the cookie of revealedKey, shown only
	// while it stays selected; revealingKey is the one being read.
	revealedKey, revealingKey string
	revealed                  *inspect.Cookie
}

func newSelection() selection { return selection{marks: map[string]bool{}} }

// selectKey records the row under the cursor; a value revealed for
// another one is hidden.
func (s *selection) selectKey(key string) {
	if key != s.key {
		s.key = key
		s.revealed, s.revealedKey = nil, ""
	}
}

// toggle marks or unmarks one cookie.
func (s *selection) toggle(key string) {
	if s.marks[key] {
		delete(s.marks, key)
	} else {
		s.marks[key] = true
	}
}

// markAll marks every cookie of keys.
func (s *selection) markAll(keys []string) {
	for _, k := range keys {
		s.marks[k] = true
	}
}

// unmarkAll forgets every mark.
func (s *selection) unmarkAll() { s.marks = map[string]bool{} }

// keepOnly drops the marks of cookies no longer there.
func (s *selection) keepOnly(live map[string]bool) {
	for k := range s.marks {
		if !live[k] {
			delete(s.marks, k)
		}
	}
}

// statusKind colours the status line; the words say the same.
type statusKind int

const (
	statusInfo statusKind = iota
	statusError
)

// statusLine is the footer's message, cleared after a while unless
// another one replaced it.
type statusLine struct {
	text string
	kind statusKind
	seq  int
	// clearAfter schedules the clearing of a status; tests stub it.
	clearAfter func(time.Duration, int) tea.Cmd
}

// set shows text and schedules its clearing.
func (s *statusLine) set(text string, kind statusKind) tea.Cmd {
	s.seq++
	s.text, s.kind = text, kind
	d := statusInfoFor
	if kind == statusError {
		d = statusErrorFor
	}
	return s.clearAfter(d, s.seq)
}

// clear empties the line if seq is still its message's; it says whether
// it did.
func (s *statusLine) clear(seq int) bool {
	if seq != s.seq || s.text == "" {
		return false
	}
	s.text = ""
	return true
}

// keepState is the keep list and the cookies it keeps.
type keepState struct {
	rules []inspect.KeepRule
	err   error
	kept  map[string]bool // cookieKey -> a keep rule keeps it
}

// update works out which findings the rules keep; it runs when the
// findings or the rules change, not on every refresh.
func (k *keepState) update(findings []inspect.Finding, entries []entry) {
	k.kept = map[string]bool{}
	if len(k.rules) == 0 {
		return
	}
	for i := range findings {
		if _, ok := inspect.Kept(k.rules, findings[i].Cookie); ok {
			k.kept[entries[i].key] = true
		}
	}
}

// history is the list of deletion batches, newest first, and the one
// under its cursor.
type history struct {
	batches []inspect.Batch
	err     error
	cursor  int
	loaded  bool
}

// move moves the cursor by d, within the list.
func (h *history) move(d int) {
	h.cursor = min(max(h.cursor+d, 0), max(len(h.batches)-1, 0))
}

// selected is the batch under the cursor.
func (h history) selected() (inspect.Batch, bool) {
	if h.cursor < 0 || h.cursor >= len(h.batches) {
		return inspect.Batch{}, false
	}
	return h.batches[h.cursor], true
}
