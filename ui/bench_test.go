package ui

// Benchmarks of the terminal UI's responsiveness, on the fake backend:
// the first frame, one keystroke round trip (Update + View) on a model
// holding 1,000 or 10,000 findings, and a whole load of 1,000 or 10,000
// findings streamed from 5 stores. They never run in plain `go test`.
//
//	go test ./ui -run '^$' -bench . -benchmem
//	go test ./ui -run '^$' -bench . -benchmem -benchtime=100x
//
// Comparing Keystroke1k with Keystroke10k (and Load1k with Load10k) shows
// how a keystroke's cost grows with the number of cookies: a ratio near 10
// is linear, near 100 quadratic.

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// benchWidth x benchHeight is the terminal of every benchmark: wide
// enough for the detail pane beside the table.
const (
	benchWidth  = 120
	benchHeight = 40
)

// benchSink keeps the rendered frames alive, so that no View is optimised
// away.
var benchSink string

// benchRefs are the 5 stores of the benchmarks: three Chromium-family
// profiles, a Firefox one and a Safari one read through kooky.
var benchRefs = []inspect.StoreRef{
	{Browser: "chromium", Profile: "Default", Path: chromeDefault, Kind: inspect.KindChromium},
	{Browser: "chromium", Profile: "Work", Path: chromeWork, Kind: inspect.KindChromium},
	{Browser: "chrome", Profile: "Personne 1", Path: "/home/ana/.config/google-chrome/Default/Cookies", Kind: inspect.KindChromium},
	{Browser: "firefox", Profile: "default-release", Path: firefoxPath, Kind: inspect.KindFirefox},
	{Browser: "safari", Path: safariPath, Kind: inspect.KindKooky},
}

// Hosts a browser would send to data.ofgl.fr, and third-party hosts whose
// cookies are partitioned under it.
var (
	benchFirstHosts = []string{"data.ofgl.fr", "data.ofgl.fr", ".data.ofgl.fr", ".ofgl.fr"}
	benchThirdHosts = []string{"tracker.example", ".doubleclick.net", "stats.matomo.cloud", ".youtube.com",
		"cdn.jsdelivr.net", "embed.opendatasoft.com", ".hotjar.com"}
	benchPartitions = []string{"https://ofgl.fr", "https://data.ofgl.fr"}
)

// benchFindings generates n distinct findings spread evenly over the 5
// stores: declared necessary cookies, Matomo and Google Analytics ones,
// consent cookies, long application names and partitioned third-party
// trackers, with varied expiries, flags and creation dates, classified by
// catalog.Default().Match. The same n always gives the same findings.
func benchFindings(n int) [][]inspect.Finding {
	rng := rand.New(rand.NewPCG(uint64(n), 0x0f91))
	out := make([][]inspect.Finding, len(benchRefs))
	seen := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		ref := benchRefs[i%len(benchRefs)]
		host := benchFirstHosts[rng.IntN(len(benchFirstHosts))]
		// Names that do not carry i get a path of their own, so that every
		// cookie is distinct (per-dataset cookies of the portal).
		path := fmt.Sprintf("/explore/dataset/comptes-communes-%05d/", i)
		var name string
		var opts []func(*inspect.Cookie)
		switch k := rng.IntN(100); {
		case k < 12: // declared, necessary
			name = []string{"sessionid", "csrftoken", "django_language", "cookies_preferences"}[rng.IntN(4)]
			if name == "sessionid" {
				opts = append(opts, httpOnly)
			}
		case k < 30: // Matomo
			name = fmt.Sprintf("%s.%d.%06x", []string{"_pk_id", "_pk_ses", "_pk_ref"}[rng.IntN(3)], 1+rng.IntN(9), i)
			path = "/"
		case k < 45: // Google Analytics
			name = fmt.Sprintf("_ga_%08X", uint32(i)*2654435761)
			path = "/"
		case k < 55:
			name = []string{"_ga", "_gid", "mtm_consent", "mtm_cookie_consent", "MATOMO_SESSID"}[rng.IntN(5)]
		case k < 70: // the portal's own, undeclared, some long
			name = fmt.Sprintf("ods_%s_%d", []string{"explore_filters_state", "map_view", "tabular_view_columns_preferences", "lang"}[rng.IntN(4)], i)
			path = "/"
		case k < 80:
			name = fmt.Sprintf("ab_test_variant_%d", i)
			path = "/"
		default: // partitioned third-party trackers
			host = benchThirdHosts[rng.IntN(len(benchThirdHosts))]
			name = []string{"IDE", "test_cookie", "VISITOR_INFO1_LIVE", "_hjSessionUser", "trk_pixel", "__cf_bm"}[rng.IntN(6)]
			opts = append(opts, thirdParty(benchPartitions[rng.IntN(len(benchPartitions))]))
		}
		p := path
		created := testNow.Add(-time.Duration(1+rng.IntN(400*24)) * time.Hour)
		secure, sameSite := rng.IntN(4) != 0, inspect.SameSite(rng.IntN(4))
		opts = append(opts, func(c *inspect.Cookie) {
			c.Path, c.Created, c.Secure, c.SameSite = p, created, secure, sameSite
		})
		var expires time.Duration
		if rng.IntN(7) != 0 { // about one in seven is a session cookie
			expires = time.Duration(1+rng.IntN(800*24)) * time.Hour
		}
		f := finding(ref, host, name, expires, opts...)
		if ref.Kind == inspect.KindKooky {
			f.Chromium, f.Firefox = nil, nil
		}
		if k := cookieKey(f.Cookie); seen[k] {
			panic("benchFindings: duplicate cookie " + k)
		} else {
			seen[k] = true
		}
		s := i % len(benchRefs)
		out[s] = append(out[s], f)
	}
	return out
}

// benchBackend is a fake backend of the 5 stores holding these findings.
func benchBackend(stores [][]inspect.Finding) *fakeBackend {
	b := &fakeBackend{refuse: map[string]string{}, fail: map[string]string{}, values: map[string]string{}}
	for i, ref := range benchRefs {
		b.stores = append(b.stores, &fakeStore{ref: ref, cookies: stores[i]})
	}
	return b
}

func benchModel(b Backend) Model {
	m := New(Options{Lang: i18n.English, Backend: b, Now: func() time.Time { return testNow }, Location: time.UTC})
	m.status.clearAfter = func(time.Duration, int) tea.Cmd { return nil }
	return m
}

// benchDrive runs cmd and every Cmd that follows from it inline, feeding
// their messages to the model as Bubble Tea would, until none is left. It
// drops spinner frames, so no Cmd ever waits on a timer; the only waits
// are the load's channel, filled by the backend's reader goroutine.
func benchDrive(m Model, cmd tea.Cmd) Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, cmd := m.Update(msg)
			m = next.(Model)
			queue = append(queue, cmd)
		}
	}
	return m
}

// benchLoad builds a sized model on b and lets its first load finish.
func benchLoad(b Backend) Model {
	m := benchModel(b)
	next, _ := m.Update(tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight})
	m = next.(Model)
	return benchDrive(m, m.Init())
}

// benchKey delivers one key and renders the frame that follows, as one
// round trip of Bubble Tea's loop. The key's Cmd (a cursor blink at most)
// would run on another goroutine and is left out.
func benchKey(m Model, msg tea.KeyPressMsg) Model {
	next, _ := m.Update(msg)
	m = next.(Model)
	benchSink = m.View().Content
	return m
}

// BenchmarkFirstFrame is what a user sees within a blink: from New to the
// first frame at 120x40, with Init's synchronous part (building its Cmds;
// the stores are read later, on other goroutines). "fixture-loaded" goes
// on to the frame once the 9 cookies of the test fixture are read.
func BenchmarkFirstFrame(b *testing.B) {
	b.Run("discovering", func(b *testing.B) {
		fake := newFake()
		b.ReportAllocs()
		for b.Loop() {
			m := benchModel(fake)
			_ = m.Init()
			next, _ := m.Update(tea.WindowSizeMsg{Width: benchWidth, Height: benchHeight})
			benchSink = next.(Model).View().Content
		}
	})
	b.Run("fixture-loaded", func(b *testing.B) {
		fake := newFake()
		b.ReportAllocs()
		for b.Loop() {
			m := benchLoad(fake)
			benchSink = m.View().Content
		}
	})
}

func BenchmarkKeystroke1k(b *testing.B)  { benchKeystroke(b, 1000) }
func BenchmarkKeystroke10k(b *testing.B) { benchKeystroke(b, 10000) }

// benchKeystroke measures one keystroke round trip on a model loaded with
// n findings. Every iteration changes the screen: down and up alternate
// in the middle of the list, tabs 3 and 1 alternate, s cycles through the
// six sorts, and the search character is typed into an empty search each
// time.
func benchKeystroke(b *testing.B, n int) {
	fake := benchBackend(benchFindings(n))
	loaded := func(b *testing.B) Model {
		m := benchLoad(fake)
		if !m.load.loadedOnce() || m.load.loading() || len(m.data.findings) != n || len(m.rows.visible) != n {
			b.Fatalf("load: loaded %v loading %v, %d findings, %d visible, want %d", m.load.loadedOnce(), m.load.loading(), len(m.data.findings), len(m.rows.visible), n)
		}
		return m
	}
	b.Run("down", func(b *testing.B) {
		// From the middle of the list, where the table renders a full
		// window of rows above and below the cursor.
		m := loaded(b)
		m.table.selectKey("", n/2)
		m.sel.userMoved = true
		m.syncSelection()
		down, up := keyPress("down"), keyPress("up")
		if c := benchKey(m, down).table.model.Cursor(); c != n/2+1 {
			b.Fatalf("down moved the cursor to %d, want %d", c, n/2+1)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i%2 == 0 {
				m = benchKey(m, down)
			} else {
				m = benchKey(m, up)
			}
		}
	})
	b.Run("tab", func(b *testing.B) {
		m := loaded(b)
		three, one := keyPress("3"), keyPress("1")
		if v := len(benchKey(m, three).rows.visible); v == 0 || v == n {
			b.Fatalf("tab 3 shows %d of %d rows", v, n)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if i%2 == 0 {
				m = benchKey(m, three)
			} else {
				m = benchKey(m, one)
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		// "/" opens an empty search; each iteration types "p" into it,
		// from that same state. The model is a value: Update works on a
		// copy, and the check after the loop makes sure base never changes.
		base := benchKey(loaded(b), keyPress("/"))
		if !(base.state == stateSearch) {
			b.Fatal("/ did not open the search")
		}
		p := keyPress("p")
		if v := len(benchKey(base, p).rows.visible); v == 0 || v == n {
			b.Fatalf("search p shows %d of %d rows", v, n)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			benchKey(base, p)
		}
		b.StopTimer()
		if base.rows.q.search != "" || len(base.rows.visible) != n || base.search.Value() != "" {
			b.Fatalf("the base model changed: search %q, %d rows", base.rows.q.search, len(base.rows.visible))
		}
	})
	b.Run("sort", func(b *testing.B) {
		m := loaded(b)
		s := keyPress("s")
		if got := benchKey(m, s).rows.q.sort; got != sortName {
			b.Fatalf("s sorts by %d", got)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			m = benchKey(m, s)
		}
	})
}

func BenchmarkLoad1k(b *testing.B)  { benchLoadN(b, 1000) }
func BenchmarkLoad10k(b *testing.B) { benchLoadN(b, 10000) }

// benchLoadN streams n findings from 5 stores through the model's store
// messages (listed, one message per store, done) until the table is
// ready, then renders one frame.
func benchLoadN(b *testing.B, n int) {
	fake := benchBackend(benchFindings(n))
	if m := benchLoad(fake); len(m.data.findings) != n || m.load.loading() {
		b.Fatalf("loaded %d findings (loading %v), want %d", len(m.data.findings), m.load.loading(), n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := benchLoad(fake)
		benchSink = m.View().Content
	}
}
