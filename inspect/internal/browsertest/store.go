package browsertest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// storeCompanions are the files SQLite needs next to a database: a hot
// rollback journal (Chromium) or a write-ahead log (Firefox).
var storeCompanions = []string{"", "-journal", "-wal", "-shm"}

// copyStore copies the database at path and its companions into dir and
// returns the copy's path. The live files are only read.
func copyStore(path, dir string) (string, error) {
	dst := filepath.Join(dir, filepath.Base(path))
	for _, suffix := range storeCompanions {
		if err := copyFile(path+suffix, dst+suffix); err != nil {
			if suffix != "" && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return "", err
		}
	}
	return dst, nil
}

// copyFile copies src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Snapshot copies the store at path (with its -journal or -wal) into a
// temporary directory and returns the copy's path, for sqlite3 to open
// read-write without touching the browser's files.
func Snapshot(t testing.TB, path string) string {
	t.Helper()
	dst, err := copyStore(path, t.TempDir())
	if err != nil {
		t.Fatalf("browsertest: snapshot %s: %v", path, err)
	}
	return dst
}

// sqliteJSON runs query on the database at path with the sqlite3 CLI and
// returns the rows. path must be a copy: opening replays and removes a WAL.
func sqliteJSON(path, query string) ([]map[string]any, error) {
	bin, _ := lookBrowsers()
	if bin.SQLite3 == "" {
		return nil, errors.New("sqlite3 CLI not found")
	}
	cmd := exec.Command(bin.SQLite3, "-batch", "-json", path, query)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("sqlite3 %s %q: %v: %s", filepath.Base(path), query, err, strings.TrimSpace(stderr.String()))
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return nil, nil
	}
	var rows []map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("sqlite3 output: %v", err)
	}
	return rows, nil
}

// Query copies the store at path and runs query on the copy with the
// sqlite3 CLI. Numbers come back as json.Number.
func Query(t testing.TB, path, query string) []map[string]any {
	t.Helper()
	rows, err := sqliteJSON(Snapshot(t, path), query)
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	return rows
}

// tableOf returns the cookie table of a store, from its file name.
func tableOf(path string) string {
	if filepath.Base(path) == "cookies.sqlite" {
		return "moz_cookies"
	}
	return "cookies"
}

// countRows counts the cookie rows in a copy of the store at path.
func countRows(path string) (int, error) {
	dir, err := os.MkdirTemp("", "bt-count")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	cp, err := copyStore(path, dir)
	if err != nil {
		return 0, err
	}
	rows, err := sqliteJSON(cp, "select count(*) as n from "+tableOf(path))
	if err != nil {
		return 0, err
	}
	if len(rows) != 1 {
		return 0, fmt.Errorf("count: %d rows", len(rows))
	}
	return intOf(rows[0]["n"]), nil
}

// intOf converts a sqlite3 -json number.
func intOf(v any) int {
	switch x := v.(type) {
	case json.Number:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return int(n)
	case float64:
		return int(x)
	case bool:
		if x {
			return 1
		}
	}
	return 0
}

// int64Of converts a sqlite3 -json number that may not fit in a float64.
func int64Of(v any) int64 {
	if x, ok := v.(json.Number); ok {
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return n
	}
	return int64(intOf(v))
}

// strOf converts a sqlite3 -json text.
func strOf(v any) string {
	s, _ := v.(string)
	return s
}

// chromiumTime converts microseconds since 1601-01-01 UTC (a span too long
// for a time.Duration) to a time.
func chromiumTime(us int64) time.Time {
	const unixEpochUS = 11644473600 * 1000000 // 1601 to 1970
	return time.UnixMicro(us - unixEpochUS)
}

// chromiumSameSite maps the samesite column.
func chromiumSameSite(v int) string {
	switch v {
	case 0:
		return "none"
	case 1:
		return "lax"
	case 2:
		return "strict"
	}
	return "unspecified" // -1
}

// firefoxSameSite maps moz_cookies.sameSite and the session store's sameSite.
func firefoxSameSite(v int) string {
	switch v {
	case 0:
		return "none"
	case 1:
		return "lax"
	case 2:
		return "strict"
	}
	return "unspecified" // 256 (unset)
}

// ReadChromiumStore reads every row of a Chromium Cookies file, from a copy.
func ReadChromiumStore(t testing.TB, path string) []ExpectedCookie {
	t.Helper()
	rows := Query(t, path, `select host_key, name, path, top_frame_site_key, is_persistent, has_expires,
		expires_utc, is_secure, is_httponly, samesite from cookies order by host_key, name, path, top_frame_site_key`)
	now := time.Now()
	var out []ExpectedCookie
	for _, r := range rows {
		c := ExpectedCookie{
			Host:         strOf(r["host_key"]),
			Name:         strOf(r["name"]),
			Path:         strOf(r["path"]),
			PartitionKey: strOf(r["top_frame_site_key"]),
			Session:      intOf(r["is_persistent"]) == 0,
			Secure:       intOf(r["is_secure"]) != 0,
			HTTPOnly:     intOf(r["is_httponly"]) != 0,
			SameSite:     chromiumSameSite(intOf(r["samesite"])),
			Store:        filepath.Base(path),
		}
		c.PartitionSite = c.PartitionKey
		// Chromium writes CHIPS rows only: a partition key means the attribute.
		c.Partitioned = c.PartitionKey != ""
		if exp := int64Of(r["expires_utc"]); !c.Session && exp != 0 {
			c.Expired = chromiumTime(exp).Before(now)
		}
		classify(&c)
		out = append(out, c)
	}
	return out
}

// ReadFirefoxStore reads every row of a Firefox cookies.sqlite, from a copy
// that includes cookies.sqlite-wal (so it works while Firefox runs or after
// it was killed).
func ReadFirefoxStore(t testing.TB, path string) []ExpectedCookie {
	t.Helper()
	rows := Query(t, path, `select host, name, path, originAttributes, expiry, isSecure, isHttpOnly, sameSite,
		isPartitionedAttributeSet from moz_cookies order by host, name, path, originAttributes`)
	now := time.Now()
	var out []ExpectedCookie
	for _, r := range rows {
		c := ExpectedCookie{
			Host:        strOf(r["host"]),
			Name:        strOf(r["name"]),
			Path:        strOf(r["path"]),
			Secure:      intOf(r["isSecure"]) != 0,
			HTTPOnly:    intOf(r["isHttpOnly"]) != 0,
			SameSite:    firefoxSameSite(intOf(r["sameSite"])),
			Partitioned: intOf(r["isPartitionedAttributeSet"]) != 0,
			Store:       filepath.Base(path),
		}
		c.UserContextID, c.PartitionKey = parseOriginAttributes(strOf(r["originAttributes"]))
		c.PartitionSite = firefoxPartitionSite(c.PartitionKey)
		// expiry is in milliseconds since user_version 16.
		c.Expired = time.UnixMilli(int64Of(r["expiry"])).Before(now)
		classify(&c)
		out = append(out, c)
	}
	return out
}

// parseOriginAttributes decodes a Firefox origin attribute suffix such as
// "^partitionKey=%28https%2Cofgl.fr%29&userContextId=6".
func parseOriginAttributes(oa string) (userContextID int, partitionKey string) {
	q, err := url.ParseQuery(strings.TrimPrefix(oa, "^"))
	if err != nil {
		return 0, oa
	}
	userContextID, _ = strconv.Atoi(q.Get("userContextId"))
	return userContextID, q.Get("partitionKey")
}

// firefoxPartitionSite turns "(https,ofgl.fr)" into "https://ofgl.fr", the
// form Chromium stores; a port or an ancestor bit after the site is dropped.
func firefoxPartitionSite(key string) string {
	if key == "" {
		return ""
	}
	parts := strings.Split(strings.Trim(key, "()"), ",")
	if len(parts) < 2 {
		return key
	}
	return parts[0] + "://" + parts[1]
}

// sessionStoreCookie is one entry of the session store's "cookies" array.
type sessionStoreCookie struct {
	Host             string `json:"host"`
	Name             string `json:"name"`
	Path             string `json:"path"`
	Value            string `json:"value"`
	Secure           bool   `json:"secure"`
	HTTPOnly         bool   `json:"httponly"`
	SameSite         int    `json:"sameSite"`
	OriginAttributes struct {
		PartitionKey  string `json:"partitionKey"`
		UserContextID int    `json:"userContextId"`
	} `json:"originAttributes"`
}

// sessionStoreCookies reads the cookies of a mozLz4 session store file.
func sessionStoreCookies(path string) ([]sessionStoreCookie, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	js, err := DecodeMozLz4(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var doc struct {
		Cookies []sessionStoreCookie `json:"cookies"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc.Cookies, nil
}

// ReadSessionStore reads the session cookies from a Firefox session store
// (sessionstore.jsonlz4 or sessionstore-backups/recovery.jsonlz4).
func ReadSessionStore(t testing.TB, path string) []ExpectedCookie {
	t.Helper()
	// Firefox replaces the file atomically; reading a copy is still cheaper
	// than debugging a torn read.
	cp := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := copyFile(path, cp); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	list, err := sessionStoreCookies(cp)
	if err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	var out []ExpectedCookie
	for _, s := range list {
		c := ExpectedCookie{
			Host: s.Host, Name: s.Name, Path: s.Path, Session: true,
			Secure: s.Secure, HTTPOnly: s.HTTPOnly, SameSite: firefoxSameSite(s.SameSite),
			PartitionKey: s.OriginAttributes.PartitionKey, UserContextID: s.OriginAttributes.UserContextID,
			Store: filepath.Base(path),
		}
		c.PartitionSite = firefoxPartitionSite(c.PartitionKey)
		classify(&c)
		out = append(out, c)
	}
	return out
}

// DecodeMozLz4 decodes Firefox's mozLz4 format: the magic "mozLz40\x00", the
// decoded size (uint32, little-endian), then one LZ4 block.
func DecodeMozLz4(b []byte) ([]byte, error) {
	const magic = "mozLz40\x00"
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, errors.New("not a mozLz4 file")
	}
	size := int(binary.LittleEndian.Uint32(b[len(magic):]))
	src := b[len(magic)+4:]
	dst := make([]byte, 0, size)
	for i := 0; i < len(src); {
		token := src[i]
		i++
		lit := int(token >> 4)
		if lit == 15 {
			for {
				if i >= len(src) {
					return nil, errors.New("lz4: truncated literal length")
				}
				x := src[i]
				i++
				lit += int(x)
				if x != 255 {
					break
				}
			}
		}
		if i+lit > len(src) {
			return nil, errors.New("lz4: truncated literals")
		}
		dst = append(dst, src[i:i+lit]...)
		i += lit
		if i >= len(src) {
			break // the last sequence has no match
		}
		if i+2 > len(src) {
			return nil, errors.New("lz4: truncated offset")
		}
		off := int(src[i]) | int(src[i+1])<<8
		i += 2
		n := int(token & 15)
		if n == 15 {
			for {
				if i >= len(src) {
					return nil, errors.New("lz4: truncated match length")
				}
				x := src[i]
				i++
				n += int(x)
				if x != 255 {
					break
				}
			}
		}
		n += 4
		if off == 0 || off > len(dst) {
			return nil, errors.New("lz4: bad offset")
		}
		// Byte by byte: the match may overlap what it copies.
		start := len(dst) - off
		for k := 0; k < n; k++ {
			dst = append(dst, dst[start+k])
		}
	}
	if len(dst) != size {
		return nil, fmt.Errorf("lz4: decoded %d bytes, header says %d", len(dst), size)
	}
	return dst, nil
}
