// Package browserschema holds the SQL that creates the browsers' cookie
// stores exactly as the browsers write them (`sqlite3 .schema` of real
// stores): Chromium 156's Cookies and Firefox ESR 153's cookies.sqlite.
// The demo, the test store generator and the private copy used for
// decryption all create their stores from it.
package browserschema

import "strconv"

// Chromium 156's Cookies database.
const (
	ChromiumMeta    = `CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)`
	ChromiumCookies = `CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,has_cross_site_ancestor INTEGER NOT NULL)`
	ChromiumIndex   = `CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme, source_port)`
	// ChromiumInsertColumns are the columns of cookies, in table order.
	ChromiumInsertColumns = `creation_utc, host_key, top_frame_site_key, name, value, encrypted_value, path, expires_utc, is_secure, is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite, source_scheme, source_port, last_update_utc, source_type, has_cross_site_ancestor`
	// ChromiumVersion is the meta version Chromium 156 writes.
	ChromiumVersion = 24
)

// ChromiumStore is every statement that creates an empty Chromium store
// of meta version version, in the order Chromium runs them: sql::Database
// writes mmap_status first, then MetaTable creates meta with version and
// last_compatible_version.
func ChromiumStore(version int) []string {
	v := strconv.Itoa(version)
	return []string{
		ChromiumMeta,
		`INSERT INTO meta(key,value) VALUES('mmap_status','-1')`,
		`INSERT INTO meta(key,value) VALUES('version','` + v + `')`,
		`INSERT INTO meta(key,value) VALUES('last_compatible_version','` + v + `')`,
		ChromiumCookies,
		ChromiumIndex,
	}
}

// Firefox ESR 153's cookies.sqlite.
const (
	FirefoxCookies = `CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))`
	// FirefoxInsertColumns are the columns of moz_cookies but id.
	FirefoxInsertColumns = `originAttributes, name, value, host, path, expiry, lastAccessed, creationTime, isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet, updateTime`
	// FirefoxUserVersion is the PRAGMA user_version of ESR 153 (16 and
	// later keep expiry in milliseconds).
	FirefoxUserVersion = 17
)
