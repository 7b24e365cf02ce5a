// Package inspect finds the browsers' cookie stores, reads the cookies that a
// browser would send to one site, classifies them with package catalog, and
// deletes them safely, with undo.
//
// The path of a store: Discover (discover.go) or Stores names it as a
// StoreRef whose Kind (detect.go) is known once and travels with it; Read
// reads every store concurrently (read.go, one reader per format:
// chromium.go, firefox.go, session.go, jar.go, kookystore.go), from a
// private snapshot when the browser holds it (snapshot.go). Delete
// (delete.go, delete_files.go, session_delete.go) backs up, records a batch
// (batch.go, state.go) and verifies; Undo, RestoreBackup, Prune and
// RecoverInterrupted work from those batches. Nothing here speaks to
// people: failures are typed (Problem and its ProblemKind, RefusedError,
// BusyError, KeyringError), notes are NoteKinds, and ui/i18n puts them into
// words.
//
//	res, err := inspect.Read(ctx, inspect.Options{Site: site, Catalog: catalog.Default()})
//	if err != nil { return err }
//	for _, f := range res.Findings { fmt.Println(f.Store.Browser, f.Name, f.Match.Category) }
package inspect

import (
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
)

// Kind is the on-disk format of a cookie store.
type Kind string

// The store formats inspect knows.
const (
	KindChromium       Kind = "chromium"        // SQLite "Cookies", table cookies
	KindFirefox        Kind = "firefox"         // SQLite "cookies.sqlite", table moz_cookies
	KindFirefoxSession Kind = "firefox-session" // mozLz4 session store (session cookies)
	KindKooky          Kind = "kooky"           // any other file: text jars (our curl-faithful reader), Safari and others (kooky)
	KindUnknown        Kind = "unknown"
)

// SameSite is a cookie's SameSite attribute as the browser stored it.
type SameSite int

// SameSite values; Unspecified means the cookie had no attribute.
const (
	SameSiteUnspecified SameSite = iota
	SameSiteNone
	SameSiteLax
	SameSiteStrict
)

// String returns "unspecified", "none", "lax" or "strict".
func (s SameSite) String() string {
	switch s {
	case SameSiteNone:
		return "none"
	case SameSiteLax:
		return "lax"
	case SameSiteStrict:
		return "strict"
	}
	return "unspecified"
}

// ValueState says what Cookie.Value holds.
type ValueState int

// Value states. Values are masked unless the caller asked for them.
const (
	ValueMasked        ValueState = iota // not read: the default
	ValueShown                           // Value holds the cookie's value
	ValueUndecryptable                   // asked for, but the browser's key could not decrypt it
)

// StoreRef names one cookie store file and who owns it.
type StoreRef struct {
	Browser string // "chromium", "chrome", "firefox", "safari"...
	Profile string // the browser's display name of the profile, or its directory name
	Path    string // absolute path of the store file
	Kind    Kind
	// Format names the format of a KindKooky file once it was detected:
	// "netscape" (a cookies.txt jar) or "safari". The kind and format are
	// detected once, at discovery or on the first read, and travel with the
	// reference (into every Cookie read) so that a deletion need not detect
	// them again.
	Format string
	// ProfileDir is the browser profile directory (Chromium: the user-data-dir
	// holds SingletonLock; Firefox: the profile holds lock and sessionstore).
	ProfileDir string
	// UserDataDir is Chromium's user-data-dir (parent of the profile directory).
	UserDataDir string
	// kooky is the store kooky's finder opened for a KindKooky file, until
	// the first read takes it.
	kooky *kookyHandle
}

// StoreStatus is the outcome of reading one store.
type StoreStatus struct {
	StoreRef
	OK    bool  // read without error
	Err   error // why, when !OK: a *Problem
	Count int   // cookies for the site found in it (after filters of the read, before CLI filters)
	Note  NoteKind
}

// ChromiumKey is the identity of a row of Chromium's cookies table beyond host, name and path.
type ChromiumKey struct {
	TopFrameSiteKey      string
	HasCrossSiteAncestor int64
	SourceScheme         int64
	SourcePort           int64
	RowID                int64
	IsPersistent         bool
	Priority             int64
	SourceType           int64
}

// FirefoxKey is the identity of a moz_cookies row beyond host, name and path.
type FirefoxKey struct {
	OriginAttributes string // exactly as stored
	ID               int64
	SchemeMap        int64
	UserContextID    int
	PartitionKey     string // decoded, e.g. "(https,ofgl.fr)"
}

// Cookie is one cookie as a browser holds it, with the fields kooky lacks.
type Cookie struct {
	Store StoreRef

	Host  string // as stored: leading dot for a domain cookie
	Name  string
	Path  string
	Value string // empty unless ValueState == ValueShown
	ValueState
	// ValueErr says why the value is undecryptable, when the keyring gave
	// no key; nil otherwise.
	ValueErr *KeyringError

	Expires    time.Time // zero for a session cookie
	Created    time.Time
	LastAccess time.Time
	Session    bool
	Expired    bool
	Secure     bool
	HTTPOnly   bool
	SameSite   SameSite

	// PartitionSite is the top-level site a partitioned cookie belongs to
	// ("https://ofgl.fr"), empty for an unpartitioned cookie.
	PartitionSite string
	// Partitioned is true for a CHIPS cookie (the Partitioned attribute).
	Partitioned bool
	// ThirdParty is true for a cookie stored under another site's host and
	// partitioned under the inspected site.
	ThirdParty bool
	// Container is the Firefox container (userContextId) name, if any.
	Container string

	Chromium *ChromiumKey
	Firefox  *FirefoxKey
}

// Finding is a cookie with its classification against the charter.
type Finding struct {
	Cookie
	Match catalog.Match
}
