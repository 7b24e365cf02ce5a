package demo

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/browserschema"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

const firefoxInsert = `INSERT INTO moz_cookies(` + browserschema.FirefoxInsertColumns + `) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

// originAttributes is the suffix Firefox stores for a container and a
// partition site, keys in Firefox's order.
func originAttributes(container int, partition string) string {
	var parts []string
	if container != 0 {
		parts = append(parts, "userContextId="+strconv.Itoa(container))
	}
	if partition != "" {
		scheme, site, _ := strings.Cut(partition, "://")
		parts = append(parts, "partitionKey=%28"+scheme+"%2C"+site+"%29")
	}
	if len(parts) == 0 {
		return ""
	}
	return "^" + strings.Join(parts, "&")
}

// firefoxSameSite maps Chromium's numbering to Firefox's: unset is 256.
func firefoxSameSite(v int) int64 {
	if v == sameSiteUnset {
		return 256
	}
	return int64(v)
}

// writeFirefox writes cookies.sqlite as Firefox ESR 153 leaves it after a
// clean exit: WAL journal (header bytes 2 2), page size 32768, everything
// checkpointed into the main file, a 0-byte cookies.sqlite-wal and no -shm.
func writeFirefox(path string, rows []sample, now time.Time) error {
	if err := writePrivate(path, nil); err != nil {
		return err
	}
	if err := writeFirefoxDB(path, rows, now); err != nil {
		return err
	}
	// Closing the last connection checkpointed and removed the WAL; Firefox
	// keeps it, empty.
	if err := writePrivate(path+"-wal", nil); err != nil && !os.IsExist(err) {
		return err
	}
	return nil
}

func writeFirefoxDB(path string, rows []sample, now time.Time) error {
	ctx := context.Background()
	// Exclusive locking, as Firefox: the WAL index stays in memory, so no
	// -shm file is ever created.
	pragmas := []string{"PRAGMA page_size=32768", "PRAGMA locking_mode=EXCLUSIVE", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=OFF"}
	schema := []string{browserschema.FirefoxCookies, fmt.Sprintf("PRAGMA user_version=%d", browserschema.FirefoxUserVersion)}
	return writeStore(ctx, path, pragmas, schema, firefoxInsert, func(stmt *sql.Stmt) error {
		return fillFirefox(ctx, stmt, rows, now)
	}, "PRAGMA wal_checkpoint(TRUNCATE)")
}

// fillFirefox inserts the sample rows into a Firefox store.
func fillFirefox(ctx context.Context, stmt *sql.Stmt, rows []sample, now time.Time) error {
	for i, r := range rows {
		created, updated, expires := r.times(now, i)
		if _, err := stmt.ExecContext(ctx,
			originAttributes(r.container, r.partition), r.name, r.value, r.host, r.cookiePath(),
			expires.UnixMilli(), // user_version 16+: milliseconds
			lastAccess(now, updated, expires).UnixMicro(), created.UnixMicro(),
			b2i(r.secure), b2i(r.httpOnly), int64(0), firefoxSameSite(r.sameSite),
			int64(2), // schemeMap: set over https
			b2i(r.chips), updated.UnixMicro(),
		); err != nil {
			return err
		}
	}
	return nil
}

// writeProfilesINI names the one profile, as Firefox writes profiles.ini.
func writeProfilesINI(path string) error {
	ini := "[Profile0]\nName=" + firefoxName + "\nIsRelative=1\nPath=" + firefoxProfile + "\nDefault=1\n\n" +
		"[General]\nStartWithLastProfile=1\nVersion=2\n"
	return writePrivate(path, []byte(ini))
}

// containersJSON is Firefox's default containers.json: the four built-in
// containers, named by l10n id (userContextId 1 is "Personal"), and the
// internal identities.
const containersJSON = `{"version":5,"lastUserContextId":5,"identities":[{"icon":"fingerprint","color":"blue","l10nId":"user-context-personal","public":true,"userContextId":1},{"icon":"briefcase","color":"orange","l10nId":"user-context-work","public":true,"userContextId":2},{"icon":"dollar","color":"green","l10nId":"user-context-banking","public":true,"userContextId":3},{"icon":"cart","color":"pink","l10nId":"user-context-shopping","public":true,"userContextId":4},{"public":false,"icon":"","color":"","name":"userContextIdInternal.thumbnail","accessKey":"","userContextId":5},{"public":false,"icon":"","color":"","name":"userContextIdInternal.webextStorageLocal","accessKey":"","userContextId":4294967295}]}`

// sessionCookie is a cookie entry of sessionstore.jsonlz4, with the fields
// in the order Firefox writes them.
type sessionCookie struct {
	Host             string             `json:"host"`
	Value            string             `json:"value"`
	Path             string             `json:"path"`
	Name             string             `json:"name"`
	Secure           bool               `json:"secure,omitempty"`
	HTTPOnly         bool               `json:"httponly,omitempty"`
	OriginAttributes sessionOriginAttrs `json:"originAttributes"`
	SameSite         int64              `json:"sameSite"`
	SchemeMap        int64              `json:"schemeMap"`
}

type sessionOriginAttrs struct {
	FirstPartyDomain          string `json:"firstPartyDomain"`
	GeckoViewSessionContextID string `json:"geckoViewSessionContextId"`
	PartitionKey              string `json:"partitionKey"`
	PrivateBrowsingID         int    `json:"privateBrowsingId"`
	UserContextID             int    `json:"userContextId"`
}

// writeSessionStore writes sessionstore.jsonlz4 as Firefox does at a clean
// exit: one window with a data.ofgl.fr tab, and the session cookie, which
// Firefox never writes to cookies.sqlite.
func writeSessionStore(path string, now time.Time) error {
	c := firefoxSession
	ms := now.UnixMilli()
	store := map[string]any{
		"version": []any{"sessionrestore", 1},
		"windows": []any{map[string]any{
			"tabs": []any{map[string]any{
				"entries": []any{map[string]any{
					"url": "https://data.ofgl.fr/pages/accueil/", "title": "OFGL - Accueil",
					"charset": "UTF-8", "ID": 1, "persist": true,
				}},
				"lastAccessed": ms - 60_000, "hidden": false, "index": 1, "userContextId": 0,
			}},
			"selected": 1, "_closedTabs": []any{}, "busy": false,
			"width": 1280, "height": 800, "screenX": 0, "screenY": 0, "sizemode": "normal",
		}},
		"selectedWindow": 1,
		"_closedWindows": []any{},
		"session":        map[string]any{"lastUpdate": ms - 30_000, "startTime": ms - 3_600_000, "recentCrashes": 0},
		"global":         map[string]any{},
		"cookies": []sessionCookie{{
			Host: c.host, Value: c.value, Path: c.cookiePath(), Name: c.name,
			Secure: c.secure, HTTPOnly: c.httpOnly,
			SameSite: firefoxSameSite(c.sameSite), SchemeMap: 2, // set over https
		}},
	}
	data, err := json.Marshal(store)
	if err != nil {
		return err
	}
	enc, err := mozlz4.Encode(data)
	if err != nil {
		return err
	}
	return writePrivate(path, enc)
}
