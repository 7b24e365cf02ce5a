package inspect

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/browserutils/kooky"
	"github.com/browserutils/kooky/browser/brave"
	"github.com/browserutils/kooky/browser/chrome"
	"github.com/browserutils/kooky/browser/chromium"
	"github.com/browserutils/kooky/browser/edge"
	"github.com/browserutils/kooky/browser/opera"

	"github.com/ofgl/ofgl-cookies/inspect/internal/browserschema"
)

// Outside Linux, Chromium values are decrypted by kooky, which knows the
// Keychain and DPAPI (Linux: see decrypt_linux.go). kooky only reads whole store files, so the
// rows to decrypt are written into a small private store of their own, with
// names replaced by their index: only the cookies shown are decrypted, and
// each value maps back to exactly one row even when a partitioned and an
// unpartitioned cookie share host, name and path.
//
// kooky strips Chromium's 32-byte SHA-256(host) prefix (meta version 24+)
// without checking it, so a wrong key can yield garbage. The private store
// says version 23, kooky returns the whole plaintext, and the prefix is
// checked here: a value that fails the check is undecryptable, not garbage.

// chromiumSecret is a row's stored value, to decrypt.
type chromiumSecret struct {
	index     int
	host      string
	value     string // the plain value column (old stores)
	encrypted []byte
}

// hashPrefixVersion is the meta version from which Chromium prefixes the
// plaintext with SHA-256(host_key).
const hashPrefixVersion = 24

// decryptChromium returns the decrypted value of each secret by index;
// secrets missing from the map could not be decrypted.
func decryptChromium(ctx context.Context, ref StoreRef, metaVersion int, secrets []chromiumSecret) (map[int]string, error) {
	if nativeChromiumDecryption {
		return decryptChromiumNative(ctx, ref, metaVersion, secrets)
	}
	values := map[int]string{}
	var toKooky []chromiumSecret
	for _, s := range secrets {
		if len(s.encrypted) == 0 {
			values[s.index] = s.value
			continue
		}
		toKooky = append(toKooky, s)
	}
	if len(toKooky) == 0 {
		return values, nil
	}
	// A key that did not come in time is not waited for again in this run.
	if err, ok := kookyTimeouts.Load(ref.Browser); ok {
		return values, err.(error)
	}
	deadline := time.Now().Add(decryptTimeout)
	got, err := decryptBatch(ref, metaVersion, toKooky, deadline)
	for k, v := range got {
		values[k] = v
	}
	if err != nil || len(toKooky) == 1 {
		return values, err
	}
	// kooky keeps, per store, the last key that seemed to work: an
	// undecryptable value can leave it holding a wrong key for the next
	// ones. Each value that failed gets a store of its own.
	for _, s := range toKooky {
		if _, ok := values[s.index]; ok {
			continue
		}
		got, err := decryptBatch(ref, metaVersion, []chromiumSecret{s}, deadline)
		for k, v := range got {
			values[k] = v
		}
		if err != nil {
			return values, err
		}
	}
	return values, nil
}

// decryptBatch decrypts secrets through kooky from one private store,
// giving up at the deadline.
func decryptBatch(ref StoreRef, metaVersion int, secrets []chromiumSecret, deadline time.Time) (map[int]string, error) {
	values := map[int]string{}
	dir, err := PrivateTempDir("decrypt")
	if err != nil {
		return values, err
	}
	defer os.RemoveAll(dir)
	// kooky finds Windows' key in "Local State" one or two levels above the
	// cookie file: keep that layout.
	profile := filepath.Join(dir, "Default")
	if err := os.Mkdir(profile, 0o700); err != nil {
		return values, err
	}
	if ref.UserDataDir != "" {
		if _, err := copyPrivate(filepath.Join(ref.UserDataDir, "Local State"), filepath.Join(dir, "Local State"), false); err != nil && !os.IsNotExist(err) {
			return values, err
		}
	}
	dbPath := filepath.Join(profile, "Cookies")
	version := metaVersion
	if version >= hashPrefixVersion {
		version = hashPrefixVersion - 1
	}
	if err := writeDecryptStore(dbPath, version, secrets); err != nil {
		return values, err
	}
	byIndex := map[int]chromiumSecret{}
	for _, s := range secrets {
		byIndex[s.index] = s
	}
	collect := collectInto(values, byIndex, metaVersion)
	var mu sync.Mutex
	done := make(chan error, 1)
	go func() {
		done <- traverseKookyChromium(ref.Browser, dbPath, func(c *kooky.Cookie) {
			mu.Lock()
			defer mu.Unlock()
			collect(c)
		})
	}()
	// A locked keyring can make kooky wait for an unlock dialog forever
	// (kooky issue 100): past the deadline, the values stay undecryptable.
	select {
	case err = <-done:
	case <-time.After(time.Until(deadline)):
		err = &KeyringError{Reason: KeyringTimeout, Browser: ref.Browser}
		kookyTimeouts.Store(ref.Browser, err)
	}
	mu.Lock()
	defer mu.Unlock()
	out := make(map[int]string, len(values))
	for k, v := range values {
		out[k] = v
	}
	return out, err
}

// decryptTimeout bounds how long a keyring may take to give the key.
var decryptTimeout = 20 * time.Second

// kookyTimeouts keeps, by browser, the timeout of a key kooky did not get
// in time, so that one unanswered prompt costs one wait per run.
var kookyTimeouts sync.Map

func collectInto(values map[int]string, byIndex map[int]chromiumSecret, metaVersion int) func(*kooky.Cookie) {
	return func(c *kooky.Cookie) {
		var idx int
		if _, err := fmt.Sscanf(c.Name, "r%d", &idx); err != nil {
			return
		}
		s, ok := byIndex[idx]
		if !ok {
			return
		}
		plain := []byte(c.Value)
		if metaVersion >= hashPrefixVersion {
			sum := sha256.Sum256([]byte(s.host))
			if len(plain) < len(sum) || !bytes.Equal(plain[:len(sum)], sum[:]) {
				return // wrong key: garbage, not a value
			}
			plain = plain[len(sum):]
		}
		values[idx] = string(plain)
	}
}

func writeDecryptStore(path string, version int, secrets []chromiumSecret) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=rw"))
	if err != nil {
		return err
	}
	defer db.Close()
	// The real schema, with the source's meta version (which says whether
	// values carry the SHA-256 of their host).
	for _, s := range browserschema.ChromiumStore(version) {
		if _, err := db.Exec(s); err != nil {
			return err
		}
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	for _, s := range secrets {
		if _, err := tx.Exec(`INSERT INTO cookies(`+browserschema.ChromiumInsertColumns+`) VALUES(0, ?, '', ?, '', ?, '/', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)`,
			s.host, "r"+strconv.Itoa(s.index), s.encrypted); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// traverseKookyChromium reads a Chromium store with the kooky package of the
// browser, so that kooky asks the keyring for the right "Safe Storage" key.
func traverseKookyChromium(browser, path string, fn func(*kooky.Cookie)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Problem{Kind: ProblemDecryptFailed, Detail: OneLine(fmt.Sprint(r))}
		}
	}()
	var seq kooky.CookieSeq
	switch browser {
	case "chrome":
		seq = chrome.TraverseCookies(path)
	case "brave":
		seq = brave.TraverseCookies(path)
	case "edge":
		seq = edge.TraverseCookies(path)
	case "opera":
		seq = opera.TraverseCookies(path)
	default:
		seq = chromium.TraverseCookies(path)
	}
	// Drain every item: kooky's iterators panic when stopped early.
	for c, e := range seq {
		if e == nil && c != nil {
			fn(c)
		}
	}
	return nil
}
