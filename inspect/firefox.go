package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
)

// firefoxColumns are read from moz_cookies (Firefox) or Epiphany's smaller
// table of the same name, with a fallback for each column a schema lacks.
var firefoxColumns = []struct{ name, fallback string }{
	{"id", "rowid"},
	{"originattributes", "''"},
	{"host", ""},
	{"name", ""},
	{"path", ""},
	{"expiry", ""},
	{"creationtime", "0"},
	{"lastaccessed", "0"},
	{"issecure", "0"},
	{"ishttponly", "0"},
	{"samesite", "256"},
	{"schememap", "0"},
	{"ispartitionedattributeset", "0"},
}

// firefoxExpiryInMillis is the moz_cookies schema version (PRAGMA
// user_version) from which expiry is stored in milliseconds (Firefox 142+).
const firefoxExpiryInMillis = 16

// readFirefox reads the cookies of a Firefox (or Epiphany) SQLite store that
// apply to the site.
func readFirefox(ctx context.Context, ref StoreRef, opts Options, now time.Time) ([]Cookie, string, error) {
	containers := readContainers(ref)
	var out []Cookie
	mode, err := withStoreDB(ctx, ref.Path, func(db *sql.DB) error {
		out = out[:0]
		cols, err := cookieColumns(ctx, db, "moz_cookies", []string{"host", "name", "path", "expiry"})
		if err != nil {
			return err
		}
		var version int
		if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
			return err
		}
		exprs := make([]string, 0, len(firefoxColumns))
		for _, c := range firefoxColumns {
			if cols[c.name] {
				if c.name == "samesite" {
					exprs = append(exprs, "ifnull(samesite, 256)")
				} else {
					exprs = append(exprs, "ifnull("+c.name+", "+nullDefault(c.name)+")")
				}
			} else {
				exprs = append(exprs, c.fallback)
			}
		}
		hosts := opts.Site.HostKeys()
		args := hostArgs(hosts, 2)
		where := "host IN (" + placeholders(len(hosts)) + ")"
		if cols["originattributes"] {
			// The subquery reads only indexed columns, so SQLite can scan
			// the small moz_uniqueid index instead of the table. It keeps
			// the partitions whose site is the site's registrable domain
			// ("%2Cofgl.fr%29", or "%2Cofgl.fr%2C" before a port or the
			// ancestor bit); the exact check is FirefoxPartitionMatches.
			enc := url.QueryEscape(opts.Site.Registrable)
			if opts.Site.IsIP() {
				enc = "" // Firefox writes ':' as '+' there: keep every partition, check in Go
			}
			where = "rowid IN (SELECT rowid FROM moz_cookies WHERE " + where +
				" OR (originAttributes != '' AND instr(originAttributes, 'partitionKey=%28http') > 0" +
				" AND (instr(originAttributes, ?) > 0 OR instr(originAttributes, ?) > 0)))"
			if enc == "" {
				args = append(args, "partitionKey=", "partitionKey=")
			} else {
				args = append(args, "%2C"+enc+"%29", "%2C"+enc+"%2C")
			}
		}
		valueExpr := "''"
		if opts.ShowValues && cols["value"] {
			valueExpr = "CAST(value AS TEXT)" // values are read only when asked for
		}
		q := "SELECT " + strings.Join(exprs, ", ") + ", " + valueExpr + " FROM moz_cookies WHERE " + where
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				c                             Cookie
				k                             FirefoxKey
				expiry, created, access       int64
				secure, httpOnly, partitioned int64
				sameSite                      int64
				host, name, path, value       sql.NullString
			)
			if err := rows.Scan(&k.ID, &k.OriginAttributes, &host, &name, &path, &expiry, &created, &access,
				&secure, &httpOnly, &sameSite, &k.SchemeMap, &partitioned, &value); err != nil {
				return err
			}
			c.Host, c.Name, c.Path = host.String, name.String, path.String
			oa, err := firefoxfmt.ParseOriginSuffix(k.OriginAttributes)
			if err != nil || oa.PrivateBrowsingID != 0 {
				// Firefox never persists private cookies; a suffix it would
				// not write is not a cookie it sends.
				continue
			}
			k.UserContextID = oa.UserContextID
			k.PartitionKey = oa.PartitionKey
			c.Store = ref
			if expiry != 0 {
				if version >= firefoxExpiryInMillis {
					c.Expires = time.UnixMilli(expiry).UTC()
				} else {
					c.Expires = time.Unix(expiry, 0).UTC()
				}
			} else {
				c.Session = true
			}
			c.Created = microTime(created)
			c.LastAccess = microTime(access)
			c.Secure = secure != 0
			c.HTTPOnly = httpOnly != 0
			c.SameSite = firefoxSameSite(sameSite)
			c.Partitioned = partitioned != 0
			if oa.PartitionKey != "" {
				pk, ok := firefoxfmt.ParsePartitionKey(oa.PartitionKey)
				if !ok || !opts.Site.FirefoxPartitionMatches(oa.PartitionKey) {
					continue
				}
				c.PartitionSite = pk.Scheme + "://" + pk.Site
			}
			if oa.UserContextID != 0 {
				c.Container = containerName(containers, oa.UserContextID)
			}
			c.Firefox = &k
			if !keepRead(&c, opts, now) {
				continue
			}
			if opts.ShowValues {
				c.Value, c.ValueState = value.String, ValueShown
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, mode, err
}

// microTime converts microseconds since the Unix epoch.
func microTime(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// firefoxSameSite maps nsICookie's numbering: 0 None, 1 Lax, 2 Strict, 256 unset.
func firefoxSameSite(v int64) SameSite {
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

// readContainers loads the profile's container names; nil when there are none.
func readContainers(ref StoreRef) map[int]string {
	dir := ref.ProfileDir
	if dir == "" {
		dir = filepath.Dir(ref.Path)
	}
	data, err := os.ReadFile(filepath.Join(dir, "containers.json"))
	if err != nil {
		return nil
	}
	m, err := firefoxfmt.ParseContainers(data)
	if err != nil {
		return nil
	}
	return m
}

// containerName names a container even when containers.json does not list it,
// so that a container cookie never looks like an ordinary one.
func containerName(m map[int]string, id int) string {
	if n, ok := m[id]; ok && n != "" {
		return n
	}
	return fmt.Sprintf("container %d", id)
}
