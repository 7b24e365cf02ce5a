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

// kookyHandle carries the store object kooky's finder opened for a file
// from discovery, inside the StoreRef, to the first read, which takes it:
// the reader kooky chose for the file is the one used. Later reads open
// the file again by its detected format.
type kookyHandle struct {
	mu sync.Mutex
	st kooky.CookieStore
}

func newKookyHandle(st kooky.CookieStore) *kookyHandle {
	if st == nil {
		return nil
	}
	return &kookyHandle{st: st}
}

// take returns the store, once; nil afterwards or for a nil handle.
func (h *kookyHandle) take() kooky.CookieStore {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.st
	h.st = nil
	return st
}

// close releases a store nobody will read.
func (h *kookyHandle) close() {
	if st := h.take(); st != nil {
		st.Close()
	}
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
			out, err = nil, &Problem{Kind: ProblemReaderFailed, Detail: OneLine(fmt.Sprint(r))}
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
		if !keepRead(&c, opts, now) {
			continue
		}
		if opts.ShowValues {
			c.Value, c.ValueState = kc.Value, ValueShown
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
