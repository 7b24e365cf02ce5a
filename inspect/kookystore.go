package inspect

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/browserutils/kooky"
	"github.com/browserutils/kooky/browser/safari"
)

// Stores that are not SQLite nor text jars (Safari's binarycookies, legacy
// formats) are read through kooky. kooky can panic on malformed input and
// can log through the standard logger: every call is guarded here, and the
// CLI silences the standard logger.

// kookySource opens a kooky sequence for a store; the closer releases it.
type kookySource func() (kooky.CookieSeq, func())

// kookySourceForFile picks kooky's reader for a file whose format we detected.
func kookySourceForFile(path string, format string) (kookySource, error) {
	switch format {
	case "safari":
		return func() (kooky.CookieSeq, func()) { return safari.TraverseCookies(path), func() {} }, nil
	}
	return nil, &Problem{Kind: ProblemUnrecognised}
}

// kookyStores keeps the kooky store objects of non-SQLite stores until they
// are read, so that the reader kooky chose for the file is the one used.
var kookyRegistry = struct {
	sync.Mutex
	stores map[string]kooky.CookieStore
}{stores: map[string]kooky.CookieStore{}}

func registerKookyStore(path string, st kooky.CookieStore) {
	if st == nil {
		return
	}
	kookyRegistry.Lock()
	defer kookyRegistry.Unlock()
	if old, ok := kookyRegistry.stores[path]; ok && old != st {
		old.Close()
	}
	kookyRegistry.stores[path] = st
}

// takeKookyStore returns (and forgets) the kooky store registered for path.
func takeKookyStore(path string) kooky.CookieStore {
	kookyRegistry.Lock()
	defer kookyRegistry.Unlock()
	st := kookyRegistry.stores[path]
	delete(kookyRegistry.stores, path)
	return st
}

// kookySourceForStore reads a store kooky's finders returned.
func kookySourceForStore(st kooky.CookieStore) kookySource {
	var once sync.Once
	return func() (kooky.CookieSeq, func()) {
		return st.TraverseCookies(), func() { once.Do(func() { st.Close() }) }
	}
}

// readKooky reads every cookie of a kooky store that applies to the site.
// It never asks kooky for values it does not need: the metadata is copied
// by a filter that rejects every cookie, so kooky never decrypts anything.
func readKooky(ref StoreRef, src kookySource, opts Options, now time.Time) (out []Cookie, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("the reader failed on this file (%v)", OneLine(fmt.Sprint(r)))
		}
	}()
	seq, closeStore := src()
	defer closeStore()
	var errs []error
	// No early break: kooky's iterators panic when stopped mid-way.
	for kc, kerr := range seq {
		if kerr != nil {
			if len(errs) < 3 {
				errs = append(errs, kerr)
			}
			continue
		}
		if kc == nil {
			continue
		}
		c := Cookie{
			Store:    ref,
			Host:     kc.Domain,
			Name:     kc.Name,
			Path:     kc.Path,
			Expires:  kc.Expires.UTC(),
			Created:  kc.Creation.UTC(),
			Session:  kc.Expires.IsZero(),
			Secure:   kc.Secure,
			HTTPOnly: kc.HttpOnly,
			SameSite: httpSameSite(kc.SameSite),
		}
		if kc.Container != "" {
			c.Container = kc.Container
		}
		if kc.Creation.IsZero() {
			c.Created = time.Time{}
		}
		if !classifyPlacement(&c, opts) {
			continue
		}
		if opts.ShowValues {
			c.Value, c.ValueState = kc.Value, ValueShown
		}
		c.Expired = !c.Session && !c.Expires.After(now)
		if c.Expired && !opts.Expired {
			continue
		}
		out = append(out, c)
	}
	if len(out) == 0 && len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

func httpSameSite(s http.SameSite) SameSite {
	switch s {
	case http.SameSiteNoneMode:
		return SameSiteNone
	case http.SameSiteLaxMode:
		return SameSiteLax
	case http.SameSiteStrictMode:
		return SameSiteStrict
	}
	return SameSiteUnspecified
}
