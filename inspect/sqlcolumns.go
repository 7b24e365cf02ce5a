package inspect

import (
	"context"
	"database/sql"
	"strings"
)

// The SQL helpers every SQLite reader uses (Chromium and Firefox).

// tableColumns returns the column names of table.
func tableColumns(ctx context.Context, db *sql.DB, table string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		cols[strings.ToLower(n)] = true
	}
	return cols, rows.Err()
}

// placeholders is n "?" marks for an IN list, or NULL for none.
func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// nullDefault is what a NULL in a column reads as.
func nullDefault(col string) string {
	switch col {
	case "host_key", "name", "path", "top_frame_site_key", "host", "originattributes":
		return "''"
	case "samesite":
		return "-1"
	}
	return "0"
}
