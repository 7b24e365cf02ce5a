package inspect

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

// chromiumEpochOffset is the number of microseconds between 1601-01-01 (the
// Windows FILETIME epoch Chromium uses) and the Unix epoch.
const chromiumEpochOffset = 11644473600 * 1_000_000

// chromiumTime converts Chromium's microseconds since 1601 to a time.
func chromiumTime(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us - chromiumEpochOffset).UTC()
}

// chromiumColumns lists the columns read from the cookies table, with the
// value used when an older or newer schema lacks them. Newer columns are
// read only when the table has them.
var chromiumColumns = []struct {
	name, fallback string
}{
	{"host_key", ""},
	{"name", ""},
	{"path", ""},
	{"expires_utc", ""},
	{"creation_utc", "0"},
	{"last_access_utc", "0"},
	{"is_secure", "secure"},
	{"is_httponly", "httponly"},
	{"samesite", "-1"},
	{"is_persistent", "persistent"},
	{"has_expires", "1"},
	{"priority", "1"},
	{"top_frame_site_key", "''"},
	{"has_cross_site_ancestor", "0"},
	{"source_scheme", "0"},
	{"source_port", "-1"},
	{"source_type", "0"},
}

// chromiumRequired are the columns without which a row cannot be identified.
var chromiumRequired = []string{"host_key", "name", "path", "expires_utc"}

// chromiumMetaVersion reads meta.version (0 when absent).
func chromiumMetaVersion(ctx context.Context, db *sql.DB) int {
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key='version'`).Scan(&v); err != nil {
		return 0
	}
	n, _ := strconv.Atoi(v)
	return n
}

// readChromium reads the cookies of a Chromium-family store that apply to the site.
func readChromium(ctx context.Context, ref StoreRef, opts Options, now time.Time) ([]Cookie, string, error) {
	var (
		out         []Cookie
		secrets     []chromiumSecret
		metaVersion int
	)
	mode, err := withStoreDB(ctx, ref.Path, func(db *sql.DB) error {
		out, secrets = out[:0], secrets[:0]
		metaVersion = chromiumMetaVersion(ctx, db)
		cols, err := cookieColumns(ctx, db, "cookies", chromiumRequired)
		if err != nil {
			return err
		}
		exprs := make([]string, 0, len(chromiumColumns))
		for _, c := range chromiumColumns {
			// ifnull: a store written by another tool may hold NULLs.
			switch {
			case cols[c.name]:
				exprs = append(exprs, "ifnull("+c.name+", "+nullDefault(c.name)+")")
			case cols[c.fallback]:
				exprs = append(exprs, "ifnull("+c.fallback+", 0)")
			case c.fallback == "secure" || c.fallback == "httponly" || c.fallback == "persistent":
				exprs = append(exprs, "0")
			default:
				exprs = append(exprs, c.fallback)
			}
		}
		hosts := opts.Site.HostKeys()
		partitions := opts.Site.PartitionSites()
		// Two lookups, so that SQLite can use the host_key index for the
		// first and scan the smaller covering index for the second.
		where := "host_key IN (" + placeholders(len(hosts)) + ")"
		args := hostArgs(hosts, len(partitions))
		if cols["top_frame_site_key"] && len(partitions) > 0 {
			// UNION ALL (rowid IN dedupes anyway) and the cheap != '' test
			// first: together they make the partition scan 3x faster.
			where = "rowid IN (SELECT rowid FROM cookies WHERE " + where +
				" UNION ALL SELECT rowid FROM cookies WHERE top_frame_site_key != '' AND top_frame_site_key IN (" + placeholders(len(partitions)) + "))"
			for _, p := range partitions {
				args = append(args, p)
			}
		}
		// Values are read only when asked for: they are credentials.
		valueExprs := "'', x''"
		if opts.ShowValues {
			valueExprs = "CAST(value AS TEXT), encrypted_value"
			if !cols["encrypted_value"] {
				valueExprs = "CAST(value AS TEXT), x''"
			}
		}
		q := "SELECT rowid, " + strings.Join(exprs, ", ") + ", " + valueExprs + " FROM cookies WHERE " + where
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				c                                 Cookie
				k                                 ChromiumKey
				expires, created, access          int64
				secure, httpOnly, persistent, has int64
				sameSite                          int64
				plain                             sql.NullString
				encrypted                         []byte
			)
			if err := rows.Scan(&k.RowID, &c.Host, &c.Name, &c.Path, &expires, &created, &access,
				&secure, &httpOnly, &sameSite, &persistent, &has, &k.Priority,
				&k.TopFrameSiteKey, &k.HasCrossSiteAncestor, &k.SourceScheme, &k.SourcePort, &k.SourceType,
				&plain, &encrypted); err != nil {
				return err
			}
			k.IsPersistent = persistent != 0
			c.Store = ref
			c.Expires = chromiumTime(expires)
			c.Created = chromiumTime(created)
			c.LastAccess = chromiumTime(access)
			c.Session = expires == 0 || !k.IsPersistent
			if c.Session {
				c.Expires = time.Time{}
			}
			c.Secure = secure != 0
			c.HTTPOnly = httpOnly != 0
			c.SameSite = chromiumSameSite(sameSite)
			c.PartitionSite = k.TopFrameSiteKey
			c.Partitioned = k.TopFrameSiteKey != ""
			c.Chromium = &k
			if !keepRead(&c, opts, now) {
				continue
			}
			if opts.Only != nil && !opts.Only(c) {
				continue // decrypt nothing the caller did not ask for
			}
			if opts.ShowValues {
				secrets = append(secrets, chromiumSecret{index: len(out), host: c.Host, value: plain.String,
					encrypted: append([]byte(nil), encrypted...)})
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil || !opts.ShowValues || len(secrets) == 0 {
		return out, mode, err
	}
	values, derr := decryptChromium(ctx, ref, metaVersion, secrets)
	var keyErr *KeyringError
	errors.As(derr, &keyErr)
	for i := range out {
		if v, ok := values[i]; ok {
			out[i].Value, out[i].ValueState = v, ValueShown
		} else {
			out[i].ValueState = ValueUndecryptable
			out[i].ValueErr = keyErr
		}
	}
	// Each cookie carries its own state and the keyring's reason: one key
	// failure must not hide the list.
	return out, mode, nil
}

// chromiumSameSite maps Chromium's CookieSameSite numbering.
func chromiumSameSite(v int64) SameSite {
	switch v {
	case 0:
		return SameSiteNone
	case 1:
		return SameSiteLax
	case 2:
		return SameSiteStrict
	}
	return SameSiteUnspecified
}
