package demo

import (
	"context"
	"encoding/json"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, pure Go
)

// Chromium 156's Cookies database, exactly as `sqlite3 Cookies .schema`
// prints it, with the meta rows in the order Chromium writes them.
var chromiumSchema = []string{
	`CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)`,
	`INSERT INTO meta(key,value) VALUES('mmap_status','-1')`,
	`INSERT INTO meta(key,value) VALUES('version','24')`,
	`INSERT INTO meta(key,value) VALUES('last_compatible_version','24')`,
	`CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL)`,
	`CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port)`,
}

const chromiumInsert = `INSERT INTO cookies(creation_utc, host_key, top_frame_site_key, name, value, encrypted_value, path, expires_utc, is_secure, is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite, source_scheme, source_port, last_update_utc, source_type, has_cross_site_ancestor) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

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
	db, conn, err := openWriter(ctx, path, "PRAGMA page_size=4096", "PRAGMA journal_mode=TRUNCATE", "PRAGMA synchronous=OFF")
	if err != nil {
		return err
	}
	defer db.Close()
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range chromiumSchema {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	stmt, err := tx.PrepareContext(ctx, chromiumInsert)
	if err != nil {
		return err
	}
	defer stmt.Close()
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
	return tx.Commit()
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
