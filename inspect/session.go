package inspect

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

// maxSessionStore bounds what we decompress: real session stores are a few MB.
const maxSessionStore = 256 << 20

// firefoxSessionFiles are where Firefox keeps session cookies, relative to the
// profile: the recovery files while it runs, sessionstore.jsonlz4 after a
// clean exit. previous.jsonlz4 is an older session and is not read.
var firefoxSessionFiles = []string{
	filepath.Join("sessionstore-backups", "recovery.jsonlz4"),
	filepath.Join("sessionstore-backups", "recovery.baklz4"),
	"sessionstore.jsonlz4",
}

// firefoxSessionStore returns the newest session store file of a profile, or "".
func firefoxSessionStore(profileDir string) string {
	best, bestTime := "", time.Time{}
	for _, rel := range firefoxSessionFiles {
		p := filepath.Join(profileDir, rel)
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if best == "" || fi.ModTime().After(bestTime) {
			best, bestTime = p, fi.ModTime()
		}
	}
	return best
}

// readFirefoxSession reads the session cookies that apply to the site from a
// Firefox session store. Firefox replaces the file atomically, so reading it
// in place is consistent and leaves nothing behind.
func readFirefoxSession(ctx context.Context, ref StoreRef, opts Options) ([]Cookie, error) {
	data, err := mozlz4.ReadFile(ref.Path, maxSessionStore)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	entries, err := firefoxfmt.ParseSessionStore(data)
	if err != nil {
		return nil, err
	}
	containers := readContainers(ref)
	var out []Cookie
	for _, e := range entries {
		c := Cookie{
			Store:    ref,
			Host:     e.Host,
			Name:     e.Name,
			Path:     e.Path,
			Value:    e.Value,
			Session:  true,
			Secure:   e.Secure,
			HTTPOnly: e.HTTPOnly,
			SameSite: firefoxSameSite(int64(e.SameSite)),
			Firefox: &FirefoxKey{
				OriginAttributes: e.OriginAttributes.Raw,
				SchemeMap:        int64(e.SchemeMap),
				UserContextID:    e.OriginAttributes.UserContextID,
				PartitionKey:     e.OriginAttributes.PartitionKey,
			},
			Partitioned: e.IsPartitioned,
		}
		if pk := e.OriginAttributes.PartitionKey; pk != "" {
			p, ok := firefoxfmt.ParsePartitionKey(pk)
			if !ok || !opts.Site.FirefoxPartitionMatches(pk) {
				continue
			}
			c.PartitionSite = p.Scheme + "://" + p.Site
		}
		if id := e.OriginAttributes.UserContextID; id != 0 {
			c.Container = containerName(containers, id)
		}
		if !classifyPlacement(&c, opts) {
			continue
		}
		if opts.ShowValues {
			c.ValueState = ValueShown
		} else {
			c.Value = ""
		}
		out = append(out, c)
	}
	return out, nil
}
