package inspect

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
)

// PlanUndo says what Undo would put back, changing nothing: for each
// store, the cookies it would re-insert and those it would skip because a
// newer cookie took their place, read from the store as it is now.
func PlanUndo(ctx context.Context, stateDir, id string, opts DeleteOptions) ([]UndoResult, error) {
	return planBatch(stateDir, id, undoOptions(stateDir, opts, "undo"), undoable, func(bs BatchStore, r *UndoResult) {
		if r.Refused {
			return
		}
		present, err := presentNow(ctx, bs)
		if err != nil {
			r.Err = storeProblem(err, bs.Store.Path)
			return
		}
		r.Cookies, r.Skipped = planCookies(bs, present)
		r.Restored = len(r.Cookies)
	})
}

// planBatch describes each store of batch id that include keeps: a store
// whose browser runs is marked refused, then plan fills in the rest (it
// sees r.Refused and may stop there).
func planBatch(stateDir, id string, opts DeleteOptions, include func(BatchStore) bool, plan func(BatchStore, *UndoResult)) ([]UndoResult, error) {
	b, err := openBatch(stateDir, id)
	if err != nil {
		return nil, err
	}
	var results []UndoResult
	for _, bs := range b.Stores {
		if !include(bs) {
			continue
		}
		r := UndoResult{Store: bs.Store}
		if _, err := refuseIfRunning(bs.Store, opts); err != nil {
			r.Refused, r.Err = true, err
		}
		plan(bs, &r)
		results = append(results, r)
	}
	return results, nil
}

// planCookies names the cookies an undo would put back and those it would
// skip, given which rows and entries are present now. A cookie removed
// from several session files counts once: it comes back if any of its
// entries does.
func planCookies(bs BatchStore, present []bool) (back []CookieName, skipped []Skipped) {
	keys, names := recordKeys(bs)
	absent := map[string]bool{}
	for i, there := range present {
		if !there {
			absent[keys[i]] = true
		}
	}
	seen := map[string]bool{}
	for i, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if absent[k] {
			back = append(back, names[i])
		} else {
			why := SkipReplaced
			if bs.Status == StorePending {
				why = SkipReplacedOrKept
			}
			skipped = append(skipped, Skipped{Cookie: names[i], Reason: why})
		}
	}
	return back, skipped
}

// CookieName names a cookie an undo puts back, for people.
type CookieName struct{ Name, Host string }

func (c CookieName) String() string { return c.Name + " on " + c.Host }

// SkipReason says why an undo left a cookie out.
type SkipReason string

// The reasons an undo leaves a cookie out.
const (
	SkipReplaced       SkipReason = "replaced"                  // a newer cookie took its place
	SkipReplacedOrKept SkipReason = "replaced-or-never-deleted" // or the deletion never happened
	SkipFileGone       SkipReason = "file-gone"                 // the session file it was in is gone
)

// Skipped is a cookie an undo left out, and why; ui/i18n puts it into
// words.
type Skipped struct {
	Cookie CookieName
	Reason SkipReason
	File   string // the file that is gone (SkipFileGone)
}

// String is the stable form kept in the batch record.
func (s Skipped) String() string {
	if s.File != "" {
		return s.Cookie.String() + ": " + string(s.Reason) + " (" + s.File + ")"
	}
	return s.Cookie.String() + ": " + string(s.Reason)
}

// skippedStrings is the batch record's form of skipped cookies.
func skippedStrings(skipped []Skipped) []string {
	out := make([]string, len(skipped))
	for i, s := range skipped {
		out[i] = s.String()
	}
	return out
}

// recordKeys gives each row then entry of a store's undo record its
// cookie identity and its name.
func recordKeys(bs BatchStore) (keys []string, names []CookieName) {
	for i, row := range bs.Rows {
		v := rowValues(row)
		keys = append(keys, fmt.Sprintf("row %d", i))
		names = append(names, CookieName{Name: v["name"].Value, Host: firstNonEmpty(v["host_key"].Value, v["host"].Value)})
	}
	for _, e := range bs.Entries {
		keys = append(keys, entryKey(e))
		names = append(names, CookieName{Name: e.Name, Host: e.Host})
	}
	return keys, names
}

// entryKey is the cookie identity of a removed entry.
func entryKey(e FileEntry) string {
	switch {
	case len(e.Raw) > 0:
		if c, ok, err := firefoxfmt.ParseSessionCookie(e.Raw); err == nil && ok {
			return sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)
		}
	case e.Bytes != nil:
		if c, err := binarycookies.ParseRecord(e.Bytes); err == nil {
			return fileCookieKey(c.Domain, c.Name, c.Path)
		}
	case e.Line != "":
		if l, ok := netscape.ParseLine(e.Line); ok {
			return l.Key()
		}
	}
	return e.File + "\x00" + e.Host + "\x00" + e.Name
}

// storeLabels names the distinct cookies of a store's undo record.
func storeLabels(bs BatchStore) []CookieName {
	keys, names := recordKeys(bs)
	seen := map[string]bool{}
	var out []CookieName
	for i, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, names[i])
		}
	}
	return out
}

// storeCookieCount is how many cookies a store's undo record holds: rows,
// and entries counted once per cookie.
func storeCookieCount(bs BatchStore) int { return len(storeLabels(bs)) + bs.Forgotten }

func rowValues(row UndoRow) map[string]SQLValue {
	values := map[string]SQLValue{}
	for i, c := range row.Columns {
		if i < len(row.Values) {
			values[toLower(c)] = row.Values[i]
		}
	}
	return values
}

func toLower(s string) string { return string(bytes.ToLower([]byte(s))) }

// presentNow tells, for each row then entry of a store's undo record,
// whether a cookie with its identity is in the store now (an undo skips
// those). It reads without writing or locking.
func presentNow(ctx context.Context, bs BatchStore) ([]bool, error) {
	if len(bs.Rows) > 0 {
		return rowsPresent(ctx, bs)
	}
	var out []bool
	switch {
	case bs.Store.Kind == KindFirefoxSession:
		cache := map[string]map[string]bool{}
		for _, e := range bs.Entries {
			keys, ok := cache[e.File]
			if !ok {
				keys = map[string]bool{}
				raw, err := mozlz4.ReadFile(e.File, maxSessionStore)
				if err != nil && !os.IsNotExist(err) {
					return nil, err
				}
				if cur, perr := firefoxfmt.ParseSessionStore(raw); err == nil && perr == nil {
					for _, c := range cur {
						keys[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)] = true
					}
				}
				cache[e.File] = keys
			}
			c, _, err := firefoxfmt.ParseSessionCookie(e.Raw)
			if err != nil {
				return nil, err
			}
			out = append(out, keys[sessionCookieKey(c.Host, c.Name, c.Path, c.OriginAttributes.Raw)])
		}
	case len(bs.Entries) > 0 && bs.Entries[0].Bytes != nil:
		data, err := os.ReadFile(bs.Store.Path)
		if err != nil {
			return nil, err
		}
		f, err := binarycookies.Parse(data)
		if err != nil {
			return nil, err
		}
		keys := map[string]bool{}
		for _, p := range f.Pages {
			for _, c := range p {
				keys[fileCookieKey(c.Domain, c.Name, c.Path)] = true
			}
		}
		for _, e := range bs.Entries {
			c, err := binarycookies.ParseRecord(e.Bytes)
			if err != nil {
				return nil, err
			}
			out = append(out, keys[fileCookieKey(c.Domain, c.Name, c.Path)])
		}
	default:
		data, err := os.ReadFile(bs.Store.Path)
		if err != nil {
			return nil, err
		}
		lines, err := netscape.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		keys := map[string]bool{}
		for _, l := range lines {
			keys[l.Key()] = true
		}
		for _, e := range bs.Entries {
			l, ok := netscape.ParseLine(e.Line)
			out = append(out, ok && keys[l.Key()])
		}
	}
	return out, nil
}

// rowsPresent checks a SQLite store's schema as an undo would, then looks
// each recorded row's identity up.
func rowsPresent(ctx context.Context, bs BatchStore) ([]bool, error) {
	kind := KindChromium
	if bs.Table == "moz_cookies" {
		kind = KindFirefox
	}
	var out []bool
	_, err := withStoreDB(ctx, bs.Store.Path, func(db *sql.DB) error {
		out = out[:0]
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		schema, err := readSQLiteSchema(ctx, conn, kind)
		if err != nil {
			return err
		}
		if schema.version != bs.Version || normalizeSQL(schema.createSQL) != normalizeSQL(bs.CreateSQL) {
			return &Problem{Kind: ProblemSchemaMoved, Subject: bs.Version, Detail: schema.version}
		}
		idCols := identityColumns(kind, schema.colSet)
		for _, row := range bs.Rows {
			values := rowValues(row)
			args := make([]any, len(idCols))
			for i, c := range idCols {
				v, ok := values[c]
				if !ok {
					return &Problem{Kind: ProblemRecordColumn, Subject: c}
				}
				if args[i], err = v.Arg(); err != nil {
					return err
				}
			}
			var n int
			if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM `+schema.table+` WHERE `+identityWhere(idCols), args...).Scan(&n); err != nil {
				return err
			}
			out = append(out, n > 0)
		}
		return nil
	})
	return out, err
}
