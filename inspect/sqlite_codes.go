package inspect

import (
	"errors"

	"modernc.org/sqlite"
)

// SQLite's primary result codes that name a problem people can act on.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteAuth     = 23
	sqliteNotADB   = 26
)

// isSQLiteCode reports whether err holds an SQLite error whose primary
// result code is one of codes (extended codes keep it in the low byte).
func isSQLiteCode(err error, codes ...int) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	for _, c := range codes {
		if se.Code()&0xff == c {
			return true
		}
	}
	return false
}
