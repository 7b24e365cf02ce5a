package inspect

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// Options say what to read and how.
type Options struct {
	Site       catalog.Site     // the site whose cookies are kept
	Catalog    *catalog.Catalog // classifies findings; nil means catalog.Default()
	ShowValues bool             // read (and decrypt) the values of the cookies kept
	Expired    bool             // keep expired cookies too
	StorePath  string           // read only this file, format detected from content
	// Now is the time expiry is judged against; zero means time.Now().
	Now time.Time
	// Only, when set, keeps only the cookies it accepts, before any value
	// is decrypted.
	Only func(Cookie) bool
	// Refs, when set, are the stores to read instead of discovering them
	// (the demo's sample stores).
	Refs []StoreRef
}

// Result is everything one Read found.
type Result struct {
	Stores   []StoreStatus
	Findings []Finding
}

// maxConcurrentStores bounds parallel reads: stores are few and mostly I/O.
const maxConcurrentStores = 4

// Stores returns the stores Read would read: opts.Refs, the one file of
// opts.StorePath, or every store found on this machine.
func Stores(ctx context.Context, opts Options) ([]StoreRef, error) {
	if opts.Refs != nil {
		return opts.Refs, nil
	}
	if opts.StorePath == "" {
		return Discover(ctx), nil
	}
	abs, err := filepath.Abs(opts.StorePath)
	if err != nil {
		return nil, err
	}
	kind, format, err := DetectKind(ctx, abs)
	if err != nil {
		p := readProblem(err, abs)
		p.Path = opts.StorePath
		return nil, p
	}
	profileDir, userDataDir := storeDirs(abs, kind)
	return []StoreRef{{Browser: namedStoreLabel(kind, format), Profile: filepath.Base(profileDir), Path: abs,
		Kind: kind, Format: format, ProfileDir: profileDir, UserDataDir: userDataDir}}, nil
}

// namedStoreLabel names the detected format of a store given by its path,
// as people call it, in place of a browser name.
func namedStoreLabel(kind Kind, format string) string {
	switch {
	case kind == KindFirefoxSession:
		return "firefox session"
	case kind == KindKooky && format == "netscape":
		return "cookies.txt"
	case kind == KindKooky && format != "":
		return format
	}
	return string(kind)
}

// Read finds the stores and reads them all; failed stores are reported in
// Result.Stores and never hide the others.
func Read(ctx context.Context, opts Options) (Result, error) {
	refs, err := Stores(ctx, opts)
	if err != nil {
		return Result{}, err
	}
	var res Result
	ReadEach(ctx, refs, opts, func(st StoreStatus, fs []Finding) {
		res.Stores = append(res.Stores, st)
		res.Findings = append(res.Findings, fs...)
	})
	sortStatuses(res.Stores)
	SortFindings(res.Findings)
	return res, nil
}

// ReadEach reads the stores concurrently and calls fn once per store, from
// one goroutine at a time, as each read ends (for streaming to a UI).
func ReadEach(ctx context.Context, refs []StoreRef, opts Options, fn func(StoreStatus, []Finding)) {
	cat := opts.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, maxConcurrentStores)
	)
	for _, ref := range refs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			st, cookies := readOne(ctx, ref, opts)
			findings := make([]Finding, len(cookies))
			for i, c := range cookies {
				findings[i] = Finding{Cookie: c, Match: cat.Match(c.Host, c.Name, c.ThirdParty)}
			}
			mu.Lock()
			defer mu.Unlock()
			fn(st, findings)
		}()
	}
	wg.Wait()
}

// readOne reads one store and never panics: a bug on one store's data must
// not hide the other stores.
func readOne(ctx context.Context, ref StoreRef, opts Options) (st StoreStatus, cookies []Cookie) {
	st.StoreRef = ref
	defer func() {
		if r := recover(); r != nil {
			st.OK, st.Count, cookies = false, 0, nil
			st.Err = &Problem{Kind: ProblemInternal, Detail: OneLine(fmt.Sprint(r))}
		}
	}()
	cookies, note, err := readStore(ctx, ref, opts)
	if err != nil {
		st.Err = readProblem(err, ref.Path)
		return st, nil
	}
	st.OK, st.Count, st.Note = true, len(cookies), note
	return st, cookies
}

// ReadFile reads one store file and returns the cookies that apply to opts.Site.
func ReadFile(ctx context.Context, ref StoreRef, opts Options) ([]Cookie, error) {
	cookies, _, err := readStore(ctx, ref, opts)
	return cookies, err
}

func readStore(ctx context.Context, ref StoreRef, opts Options) ([]Cookie, NoteKind, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if ref.ProfileDir == "" {
		ref.ProfileDir = filepath.Dir(ref.Path)
	}
	cookies, note, err := readStoreKind(ctx, ref, opts, now)
	if err != nil || opts.Only == nil {
		return cookies, note, err
	}
	kept := cookies[:0]
	for _, c := range cookies {
		if opts.Only(c) {
			kept = append(kept, c)
		}
	}
	return kept, note, nil
}

func readStoreKind(ctx context.Context, ref StoreRef, opts Options, now time.Time) ([]Cookie, NoteKind, error) {
	// Detect what the reference does not say yet, once; the cookies read
	// carry the answer in their Store.
	var detectErr error
	if ref.Kind == KindUnknown || ref.Kind == "" {
		kind, format, err := DetectKind(ctx, ref.Path)
		if err != nil {
			return nil, NoteNone, err
		}
		ref.Kind, ref.Format = kind, format
	} else if ref.Kind == KindKooky && ref.Format == "" {
		// A file kooky found: kooky may read it even when we cannot tell
		// its format, so a failure here is reported only if kooky has no
		// reader for it either.
		_, ref.Format, detectErr = DetectKind(ctx, ref.Path)
	}
	switch ref.Kind {
	case KindChromium:
		cookies, mode, err := readChromium(ctx, ref, opts, now)
		return cookies, modeNote(mode), err
	case KindFirefox:
		cookies, mode, err := readFirefox(ctx, ref, opts, now)
		return cookies, modeNote(mode), err
	case KindFirefoxSession:
		cookies, err := readFirefoxSession(ctx, ref, opts)
		return cookies, NoteSession, err
	case KindKooky:
		// Text jars go to our own reader even when kooky found them.
		if ref.Format == "netscape" {
			ref.kooky.close()
			cookies, err := readJar(ref, opts, now)
			return cookies, NoteNone, err
		}
		if st := ref.kooky.take(); st != nil {
			cookies, err := readKooky(ref, kookySourceForStore(st), opts, now)
			return cookies, NoteNone, err
		}
		if detectErr != nil {
			return nil, NoteNone, detectErr
		}
		src, err := kookySourceForFile(ref.Path, ref.Format)
		if err != nil {
			return nil, NoteNone, err
		}
		cookies, err := readKooky(ref, src, opts, now)
		return cookies, NoteNone, err
	}
	return nil, NoteNone, &Problem{Kind: ProblemUnrecognised}
}

func modeNote(mode string) NoteKind {
	if mode == "snapshot" {
		return NoteSnapshot
	}
	return NoteNone
}

// readProblem classifies a read error by what it is (SQLite's result
// code, the system's errno); Detail keeps its words without the store's
// path, which the caller shows beside it.
func readProblem(err error, path string) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		q := *p // a copy: the caller may name its path, and p may be shared
		return &q
	}
	p = &Problem{Kind: ProblemFailed, Detail: OneLine(trimPathPrefix(err.Error(), path)), Err: err}
	switch {
	case isSQLiteCode(err, sqliteBusy, sqliteLocked):
		p.Kind = ProblemLocked
	case errors.Is(err, fs.ErrPermission), isSQLiteCode(err, sqlitePerm, sqliteAuth):
		p.Kind = ProblemPermission
	case isSQLiteCode(err, sqliteNotADB, sqliteCorrupt):
		p.Kind = ProblemDamaged
	case errors.Is(err, fs.ErrNotExist):
		p.Kind = ProblemNotFound
	}
	return p
}

// trimPathPrefix removes "open PATH: " style prefixes naming the store itself.
func trimPathPrefix(msg, path string) string {
	for _, p := range []string{"open " + path + ": ", "stat " + path + ": ", path + ": "} {
		msg = strings.Replace(msg, p, "", 1)
	}
	return msg
}

func sortStatuses(s []StoreStatus) {
	sort.SliceStable(s, func(i, j int) bool { return storeLess(s[i].StoreRef, s[j].StoreRef) })
}

// SortFindings orders findings by browser, profile, host, name, path and
// partition, for stable output.
func SortFindings(f []Finding) {
	sort.SliceStable(f, func(i, j int) bool {
		a, b := f[i], f[j]
		for _, p := range [][2]string{
			{a.Store.Browser, b.Store.Browser}, {a.Store.Profile, b.Store.Profile},
			{a.Store.Path, b.Store.Path}, {a.Host, b.Host}, {a.Name, b.Name},
			{a.Path, b.Path}, {a.PartitionSite, b.PartitionSite}, {a.Container, b.Container},
		} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return false
	})
}

// SameCookie reports whether two cookies are the same stored cookie: same
// store and full identity.
func SameCookie(a, b Cookie) bool {
	if a.Store.Path != b.Store.Path || a.Host != b.Host || a.Name != b.Name || a.Path != b.Path ||
		a.PartitionSite != b.PartitionSite || a.Container != b.Container {
		return false
	}
	switch {
	case a.Chromium != nil && b.Chromium != nil:
		return *a.Chromium == *b.Chromium
	case a.Firefox != nil && b.Firefox != nil:
		return a.Firefox.OriginAttributes == b.Firefox.OriginAttributes
	}
	return true
}

// RevealValue reads (and, for Chromium, decrypts) the value of one cookie
// only, for a user who asked to see it.
func RevealValue(ctx context.Context, c Cookie, site catalog.Site) (Cookie, error) {
	opts := Options{Site: site, ShowValues: true, Expired: true, Only: func(x Cookie) bool { return SameCookie(x, c) }}
	got, _, err := readStore(ctx, c.Store, opts)
	if err != nil {
		return c, err
	}
	if len(got) != 1 {
		return c, &Problem{Kind: ProblemCookieNotFound}
	}
	return got[0], nil
}
