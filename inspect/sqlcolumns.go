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

// cookieColumns returns the columns of a reader's cookie table, or the
// problem a reader reports: no such table, or a required column missing.
func cookieColumns(ctx context.Context, db *sql.DB, table string, required []string) (map[string]bool, error) {
	cols, err := tableColumns(ctx, db, table)
	if err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return nil, &Problem{Kind: ProblemNoCookieTable}
	}
	for _, c := range required {
		if !cols[c] {
			return nil, &Problem{Kind: ProblemUnknownSchema, Subject: c}
		}
	}
	return cols, nil
}

// hostArgs are the query arguments of a host IN list.
func hostArgs(hosts []string, extra int) []any {
	args := make([]any, 0, len(hosts)+extra)
	for _, h := range hosts {
		args = append(args, h)
	}
	return args
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
