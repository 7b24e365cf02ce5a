package storegen

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/internal/browserschema"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ChromiumSchema is the output of `sqlite3 Cookies .schema` for a Chromium
// 156 store.
var ChromiumSchema = browserschema.ChromiumMeta + ";\n" + browserschema.ChromiumCookies + ";\n" + browserschema.ChromiumIndex + ";\n"

// FirefoxSchema is the output of `sqlite3 cookies.sqlite .schema` for a
// Firefox ESR 153 store.
var FirefoxSchema = browserschema.FirefoxCookies + ";\n"

const (
	chromiumPageSize = 4096
	firefoxPageSize  = 32768
	// chromeEpochDelta is the number of microseconds between 1601-01-01 and
	// 1970-01-01: Chromium times are microseconds since 1601.
	chromeEpochDelta = 11644473600 * 1_000_000
)

// ChromiumTime converts a time to Chromium's microseconds since 1601.
func ChromiumTime(t time.Time) int64 { return t.UnixMicro() + chromeEpochDelta }

// chromiumCipher encrypts values the way Chromium does on Linux without a
// keyring ("v10"): AES-128-CBC, key PBKDF2-SHA1("peanuts", "saltysalt", 1
// iteration, 16 bytes), IV of 16 spaces, PKCS#7 padding, and (meta version
// 24 and later) the plaintext prefixed with SHA-256(host_key).
type chromiumCipher struct {
	block cipher.Block
	iv    []byte
	buf   []byte
}

func newChromiumCipher() (*chromiumCipher, error) {
	key, err := pbkdf2.Key(sha1.New, "peanuts", []byte("saltysalt"), 1, 16)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return &chromiumCipher{block: block, iv: []byte(strings.Repeat(" ", 16))}, nil
}

// Encrypt returns encrypted_value for value stored under hostKey.
func (c *chromiumCipher) Encrypt(hostKey, value string) []byte {
	h := sha256.Sum256([]byte(hostKey))
	pt := append(append(c.buf[:0], h[:]...), value...)
	pad := aes.BlockSize - len(pt)%aes.BlockSize
	for range pad {
		pt = append(pt, byte(pad))
	}
	c.buf = pt
	out := make([]byte, 3+len(pt))
	copy(out, "v10")
	cipher.NewCBCEncrypter(c.block, c.iv).CryptBlocks(out[3:], pt)
	return out
}

// EncryptChromiumV10 returns Chromium's encrypted_value ("v10" + AES-128-CBC
// with the "peanuts" key) for value stored under hostKey in a meta version 24
// store. Tests can use it to write rows of their own.
func EncryptChromiumV10(hostKey, value string) []byte {
	c, err := newChromiumCipher()
	if err != nil {
		panic(err) // fixed key and parameters: cannot fail
	}
	return c.Encrypt(hostKey, value)
}

// removeStore removes a store file and the files SQLite keeps beside it.
func removeStore(path string) error {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// builder is one SQLite connection used to build a store.
type builder struct {
	db   *sql.DB
	conn *sql.Conn
	ctx  context.Context
}

// openBuilder opens path on a single connection, set up for a fast bulk load:
// no journal, no sync, exclusive lock, a large page cache. None of these
// settings is stored in the file except the page size.
func openBuilder(path string, pageSize int) (*builder, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	b := &builder{db: db, conn: conn, ctx: ctx}
	err = b.exec(
		fmt.Sprintf("PRAGMA page_size=%d", pageSize),
		"PRAGMA journal_mode=OFF",
		"PRAGMA synchronous=OFF",
		"PRAGMA locking_mode=EXCLUSIVE",
		"PRAGMA cache_size=-32768", // 32 MiB: larger caches cost more in madvise than they save
		"PRAGMA temp_store=MEMORY",
	)
	if err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *builder) exec(stmts ...string) error {
	for _, s := range stmts {
		if _, err := b.conn.ExecContext(b.ctx, s); err != nil {
			return fmt.Errorf("storegen: %s: %w", s, err)
		}
	}
	return nil
}

func (b *builder) pragma(q string) (string, error) {
	var v string
	err := b.conn.QueryRowContext(b.ctx, q).Scan(&v)
	return v, err
}

func (b *builder) close() error {
	err := b.conn.Close()
	if e := b.db.Close(); err == nil {
		err = e
	}
	return err
}

// inserter adds rows in insertion order with prepared multi-row INSERTs
// (batch rows per statement), which halves the per-row cost of going through
// database/sql.
type inserter struct {
	b     *builder
	cols  int
	batch int
	many  *sql.Stmt // batch rows
	one   *sql.Stmt // one row
	args  []any
}

const insertBatch = 64

// prepare prepares "INSERT INTO table (cols) VALUES (?,...)" for cols columns.
func (b *builder) prepare(head string, cols int) (*inserter, error) {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	one, err := b.conn.PrepareContext(b.ctx, head+row)
	if err != nil {
		return nil, err
	}
	many, err := b.conn.PrepareContext(b.ctx, head+strings.TrimSuffix(strings.Repeat(row+",", insertBatch), ","))
	if err != nil {
		one.Close()
		return nil, err
	}
	return &inserter{b: b, cols: cols, batch: insertBatch, many: many, one: one, args: make([]any, 0, cols*insertBatch)}, nil
}

// add queues one row; rows reach the database in the order added.
func (in *inserter) add(args ...any) error {
	in.args = append(in.args, args...)
	if len(in.args) < in.cols*in.batch {
		return nil
	}
	_, err := in.many.ExecContext(in.b.ctx, in.args...)
	in.args = in.args[:0]
	return err
}

// flush writes the queued rows.
func (in *inserter) flush() error {
	for i := 0; i < len(in.args); i += in.cols {
		if _, err := in.one.ExecContext(in.b.ctx, in.args[i:i+in.cols]...); err != nil {
			return err
		}
	}
	in.args = in.args[:0]
	return nil
}

func (in *inserter) close() {
	in.many.Close()
	in.one.Close()
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// rowState draws what is drawn at write time for row i: its times and value.
type rowState struct {
	t     times
	value string
}

// writer turns the model's rows into column values, the same way for both
// formats.
type writer struct {
	f     Format
	m     *model
	now   int64 // µs since the Unix epoch
	pcg   *rand.PCG
	r     *rand.Rand
	seed  int64
	stats *Stats
}

func newWriter(f Format, m *model, c Config) *writer {
	pcg := rand.NewPCG(0, 0)
	return &writer{f: f, m: m, now: c.Now.UnixMicro(), pcg: pcg, r: rand.New(pcg), seed: c.Seed, stats: &m.stats}
}

func (w *writer) state(i int) rowState {
	rw := &w.m.rows[i]
	if rw.fam != 0 {
		fs := w.m.fam[rw.fam-1]
		return rowState{t: famTimes(fs, w.now, int(rw.fam)), value: fs.Value}
	}
	w.pcg.Seed(uint64(w.seed), rw.vseed)
	var s rowState
	s.t = rowTimes(rw, i, len(w.m.rows), w.now, w.r, w.f)
	s.value = rowValue(rw, w.r, w.now)
	if s.t.expires != 0 && s.t.expires <= w.now {
		w.stats.Expired++
	}
	return s
}

// famFlags returns the column flags of a family row.
func famFlags(fs famSpec) (secure, httpOnly bool, srcType int64) {
	srcType = 1
	if strings.HasPrefix(fs.Name, "_") || fs.Name == "cookies_preferences" || fs.Name == "atuserid" || fs.Name == "django_language" {
		srcType = 2 // set from JavaScript
	}
	return fs.Secure, fs.HTTPOnly, srcType
}

// WriteChromium writes a Chromium store of c.N cookies to path (see the
// package function WriteChromium).
func (c Config) WriteChromium(path string) (Manifest, error) {
	c, err := c.check()
	if err != nil {
		return Manifest{}, err
	}
	start := time.Now()
	m := newModel(Chromium, c.N, c.Seed)
	if err := removeStore(path); err != nil {
		return Manifest{}, err
	}
	b, err := openBuilder(path, chromiumPageSize)
	if err != nil {
		return Manifest{}, err
	}
	defer b.close()
	err = b.exec(append([]string{"BEGIN"}, browserschema.ChromiumStore(browserschema.ChromiumVersion)...)...)
	if err != nil {
		return Manifest{}, err
	}
	ins, err := b.prepare(`INSERT INTO cookies (`+browserschema.ChromiumInsertColumns+`) VALUES `, 20)
	if err != nil {
		return Manifest{}, err
	}
	defer ins.close()
	ciph, err := newChromiumCipher()
	if err != nil {
		return Manifest{}, err
	}
	w := newWriter(Chromium, m, c)
	insertRow := func(i int) error {
		rw := &m.rows[i]
		s := w.state(i)
		secure, httpOnly, srcType := rw.secure, rw.httpOnly, int64(rw.srcType)
		persistent := s.t.expires != 0
		sameSite, scheme, crossSite := int64(rw.sameSite), int64(rw.scheme), rw.crossSite
		if rw.fam != 0 {
			fs := m.fam[rw.fam-1]
			secure, httpOnly, srcType = famFlags(fs)
			sameSite, scheme, crossSite = int64(fs.sameSite), 2, true
		}
		port := int64(443)
		if scheme == 1 {
			port = 80
		}
		expires := int64(0)
		if persistent {
			expires = s.t.expires + chromeEpochDelta
		}
		return ins.add(
			s.t.creation+chromeEpochDelta, rw.host, rw.partition, rw.name, "",
			ciph.Encrypt(rw.host, s.value), rw.path, expires,
			b2i(secure), b2i(httpOnly), s.t.lastAccess+chromeEpochDelta,
			b2i(persistent), b2i(persistent), int64(1), sameSite, scheme, port,
			s.t.lastUpdate+chromeEpochDelta, srcType, b2i(crossSite))
	}
	bulk := len(m.rows) - m.tail
	for i := range bulk {
		if err := insertRow(i); err != nil {
			return Manifest{}, fmt.Errorf("storegen: insert row %d: %w", i, err)
		}
	}
	if err := ins.flush(); err != nil {
		return Manifest{}, err
	}
	if err := b.exec("COMMIT"); err != nil {
		return Manifest{}, err
	}
	// The final batch goes through Chromium's journal mode, TRUNCATE: it
	// leaves the 0-byte Cookies-journal a real profile has.
	if err := b.exec("PRAGMA journal_mode=TRUNCATE", "BEGIN"); err != nil {
		return Manifest{}, err
	}
	for i := bulk; i < len(m.rows); i++ {
		if err := insertRow(i); err != nil {
			return Manifest{}, fmt.Errorf("storegen: insert row %d: %w", i, err)
		}
	}
	if err := ins.flush(); err != nil {
		return Manifest{}, err
	}
	if err := b.exec("COMMIT"); err != nil {
		return Manifest{}, err
	}
	ins.close()
	if err := b.close(); err != nil {
		return Manifest{}, err
	}
	return finish(Chromium, path, c, m, start)
}

// WriteFirefox writes a Firefox store of c.N cookies to path (see the
// package function WriteFirefox).
func (c Config) WriteFirefox(path string) (Manifest, error) {
	c, err := c.check()
	if err != nil {
		return Manifest{}, err
	}
	start := time.Now()
	f := Firefox
	build := path
	if c.WALFrames {
		f, build = FirefoxWAL, path+".build"
	}
	m := newModel(f, c.N, c.Seed)
	if err := removeStore(path); err != nil {
		return Manifest{}, err
	}
	if err := removeStore(build); err != nil {
		return Manifest{}, err
	}
	if build != path {
		defer removeStore(build)
	}
	b, err := openBuilder(build, firefoxPageSize)
	if err != nil {
		return Manifest{}, err
	}
	defer b.close()
	if err := b.exec("BEGIN", browserschema.FirefoxCookies, fmt.Sprintf("PRAGMA user_version=%d", browserschema.FirefoxUserVersion)); err != nil {
		return Manifest{}, err
	}
	ins, err := b.prepare(`INSERT INTO moz_cookies (`+browserschema.FirefoxInsertColumns+`) VALUES `, 15)
	if err != nil {
		return Manifest{}, err
	}
	defer ins.close()
	w := newWriter(f, m, c)
	insertRow := func(i int) error {
		rw := &m.rows[i]
		s := w.state(i)
		secure, httpOnly := rw.secure, rw.httpOnly
		sameSite, schemeMap, chips := int64(rw.sameSite), int64(rw.scheme), rw.chips
		oa := firefoxOriginAttributes(int(rw.container), rw.partition)
		if rw.fam != 0 {
			fs := m.fam[rw.fam-1]
			secure, httpOnly, _ = famFlags(fs)
			sameSite, schemeMap, chips, oa = int64(fs.sameSite), 2, fs.Partitioned, fs.OriginAttributes
		} else if schemeMap == 2 && rw.vseed%10 == 0 {
			schemeMap = 3 // seen over both http and https
		}
		if sameSite == -1 {
			sameSite = 256 // Firefox: no SameSite attribute
		}
		return ins.add(oa, rw.name, s.value, rw.host, rw.path,
			s.t.expires/1000, s.t.lastAccess, s.t.creation,
			b2i(secure), b2i(httpOnly), int64(0), sameSite, schemeMap, b2i(chips), s.t.lastUpdate)
	}
	bulk := len(m.rows) - m.tail
	for i := range bulk {
		if err := insertRow(i); err != nil {
			return Manifest{}, fmt.Errorf("storegen: insert row %d: %w", i, err)
		}
	}
	if err := ins.flush(); err != nil {
		return Manifest{}, err
	}
	if err := b.exec("COMMIT"); err != nil {
		return Manifest{}, err
	}
	// Now the journal mode Firefox uses. The last writes go to the WAL, in
	// two transactions, with an update of an older row in between, and no
	// automatic checkpoint.
	mode, err := b.pragma("PRAGMA journal_mode=WAL")
	if err != nil || mode != "wal" {
		return Manifest{}, fmt.Errorf("storegen: journal_mode=WAL gave %q: %v", mode, err)
	}
	if err := b.exec("PRAGMA wal_autocheckpoint=0", "BEGIN"); err != nil {
		return Manifest{}, err
	}
	half := bulk + m.tail/2
	for i := bulk; i < half; i++ {
		if err := insertRow(i); err != nil {
			return Manifest{}, fmt.Errorf("storegen: insert row %d: %w", i, err)
		}
	}
	if err := ins.flush(); err != nil {
		return Manifest{}, err
	}
	if err := b.exec("COMMIT", "BEGIN"); err != nil {
		return Manifest{}, err
	}
	if _, err := b.conn.ExecContext(b.ctx, `UPDATE moz_cookies SET lastAccessed=? WHERE host='data.ofgl.fr' AND name='_pk_id.1.abcd'`, w.now-60_000_000); err != nil {
		return Manifest{}, err
	}
	for i := half; i < len(m.rows); i++ {
		if err := insertRow(i); err != nil {
			return Manifest{}, fmt.Errorf("storegen: insert row %d: %w", i, err)
		}
	}
	if err := ins.flush(); err != nil {
		return Manifest{}, err
	}
	if err := b.exec("COMMIT"); err != nil {
		return Manifest{}, err
	}
	ins.close()
	if c.WALFrames {
		// Copy while this connection still holds the files: the copy's main
		// file lacks the tail, its -wal file holds it.
		if err := copyFile(build, path); err != nil {
			return Manifest{}, err
		}
		if err := copyFile(build+"-wal", path+"-wal"); err != nil {
			return Manifest{}, err
		}
	}
	// Closing the last connection checkpoints the WAL into the main file and
	// deletes it: the state after a clean exit.
	if err := b.close(); err != nil {
		return Manifest{}, err
	}
	return finish(f, path, c, m, start)
}

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

// finish builds the manifest of a written store.
func finish(f Format, path string, c Config, m *model, start time.Time) (Manifest, error) {
	now := c.Now.UnixMicro()
	man := Manifest{Version: Version, Format: f, Path: path, N: len(m.rows), Seed: c.Seed, Now: c.Now, Stats: m.stats}
	for i, fs := range m.fam {
		ck := fs.Cookie
		t := famTimes(fs, now, i+1)
		if t.expires != 0 {
			ck.Expires = time.UnixMicro(t.expires).UTC()
		}
		expired := t.expires != 0 && t.expires <= now
		if expired != ck.Expired || (expired && ck.Sent) {
			return man, fmt.Errorf("storegen: family cookie %s: expired=%v, spec says %v", ck.Key(), expired, ck.Expired)
		}
		if expired {
			man.Stats.Expired++
		}
		man.Cookies = append(man.Cookies, ck)
	}
	st, err := os.Stat(path)
	if err != nil {
		return man, err
	}
	man.Bytes = st.Size()
	if f == FirefoxWAL {
		st, err := os.Stat(path + "-wal")
		if err != nil {
			return man, err
		}
		man.WALBytes = st.Size()
		man.WALFrames = int((st.Size() - 32) / (firefoxPageSize + 24))
		man.WALRows = m.tail
	} else if _, err := os.Stat(path + "-wal"); err == nil {
		return man, fmt.Errorf("storegen: %s-wal left behind", path)
	}
	man.GenDuration = time.Since(start)
	return man, nil
}
