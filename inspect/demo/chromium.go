package demo

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/browserschema"
	_ "modernc.org/sqlite" // the "sqlite" driver, pure Go
)

// chromiumSchema creates Chromium 156's Cookies database, exactly as
// `sqlite3 Cookies .schema` prints it.
var chromiumSchema = browserschema.ChromiumStore(browserschema.ChromiumVersion)

const chromiumInsert = `INSERT INTO cookies(` + browserschema.ChromiumInsertColumns + `) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// undecryptableValue is the encrypted_value of the undecryptable cookie: the
// "v11" prefix of a value encrypted with a keyring key, without its
// ciphertext. kooky rejects a value this short before it asks any keyring;
// with ciphertext after the prefix it would query the Secret Service or
// KWallet over D-Bus (or the macOS Keychain) for a key, which a demo must
// never do to the user's desktop.
var undecryptableValue = []byte("v11")

// chromiumEpochOffset is the number of microseconds from 1601-01-01, the
// epoch of Chromium's times, to the Unix epoch.
const chromiumEpochOffset = 11644473600 * 1_000_000

func chromiumTime(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro() + chromiumEpochOffset
}

// lastAccess is the last visit (two hours ago), never before the cookie was
// set nor after it expired.
func lastAccess(now, updated, expires time.Time) time.Time {
	t := now.Add(-2 * time.Hour)
	if t.Before(updated) {
		t = updated
	}
	if !expires.IsZero() && t.After(expires) {
		t = expires
	}
	return t
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// writeChromium writes a Chromium 156 Cookies database, as the browser
// leaves it after a clean exit: rollback journal in TRUNCATE mode (a 0-byte
// Cookies-journal stays beside it), page size 4096. Values are in the plain
// value column with an empty encrypted_value, which Chromium accepts and
// which reads the same on every OS, without a keyring.
func writeChromium(path string, rows []sample, now time.Time) error {
	// Created first, 0600, so that SQLite gives its journal the same mode.
	if err := writePrivate(path, nil); err != nil {
		return err
	}
	ctx := context.Background()
	pragmas := []string{"PRAGMA page_size=4096", "PRAGMA journal_mode=TRUNCATE", "PRAGMA synchronous=OFF"}
	return writeStore(ctx, path, pragmas, chromiumSchema, chromiumInsert, func(stmt *sql.Stmt) error {
		return fillChromium(ctx, stmt, rows, now)
	})
}

// fillChromium inserts the sample rows into a Chromium store.
func fillChromium(ctx context.Context, stmt *sql.Stmt, rows []sample, now time.Time) error {
	for i, r := range rows {
		created, updated, expires := r.times(now, i)
		value, encrypted := r.value, []byte{}
		if r.undecryptable {
			value, encrypted = "", undecryptableValue
		}
		sourceType := int64(1) // Set-Cookie header
		if r.script {
			sourceType = 2 // document.cookie
		}
		persistent := !expires.IsZero()
		if _, err := stmt.ExecContext(ctx,
			chromiumTime(created), r.host, r.partition, r.name, value, encrypted, r.cookiePath(),
			chromiumTime(expires), b2i(r.secure), b2i(r.httpOnly), chromiumTime(lastAccess(now, updated, expires)),
			b2i(persistent), b2i(persistent),
			int64(1),             // priority: medium
			int64(r.sameSite),    // -1 unset, 0 None, 1 Lax, 2 Strict
			int64(2), int64(443), // source_scheme https, port 443
			chromiumTime(updated), sourceType,
			int64(1), // has_cross_site_ancestor: 1 on every row Chromium 156 wrote
		); err != nil {
			return err
		}
	}
	return nil
}

// writeLocalState writes the user-data-dir's Local State, which names the
// profiles. Linux Chromium keeps no os_crypt key there.
func writeLocalState(path string) error {
	type info struct {
		Name               string `json:"name"`
		IsUsingDefaultName bool   `json:"is_using_default_name"`
	}
	state := map[string]any{
		"profile": map[string]any{
			"info_cache": map[string]info{
				chromiumDefault: {Name: "Personnel"},
				chromiumWork:    {Name: "Travail"},
			},
			"last_used":      chromiumDefault,
			"profiles_order": []string{chromiumDefault, chromiumWork},
		},
	}
	data, err := json.Marshal(state)
	if err != nil {
		return err
	}
	return writePrivate(path, data)
}
