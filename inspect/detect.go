package inspect

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"

	"github.com/ofgl/ofgl-cookies/inspect/internal/netscape"
)

// DetectKind tells a store's format from its content, not its name. The
// second result names the format of a KindKooky file: "netscape" (a
// cookies.txt jar, read by our own reader) or "safari" (read by kooky).
func DetectKind(ctx context.Context, path string) (Kind, string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return KindUnknown, "", err
	}
	if fi.IsDir() {
		return KindUnknown, "", &Problem{Kind: ProblemIsDirectory, Subject: path}
	}
	f, err := os.Open(path)
	if err != nil {
		return KindUnknown, "", err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return KindUnknown, "", err
	}
	head = head[:n]
	switch {
	case n == 0:
		return KindUnknown, "", &Problem{Kind: ProblemEmptyFile}
	case bytes.HasPrefix(head, sqliteMagic):
		return detectSQLite(ctx, path)
	case bytes.HasPrefix(head, []byte("mozLz40\x00")):
		return KindFirefoxSession, "", nil
	case bytes.HasPrefix(head, []byte("cook")):
		return KindKooky, "safari", nil
	case looksLikeNetscape(head):
		return KindKooky, "netscape", nil
	}
	return KindUnknown, "", &Problem{Kind: ProblemUnrecognised}
}

func detectSQLite(ctx context.Context, path string) (Kind, string, error) {
	kind := KindUnknown
	_, err := withStoreDB(ctx, path, func(db *sql.DB) error {
		rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type='table'`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			switch name {
			case "cookies":
				kind = KindChromium
			case "moz_cookies":
				kind = KindFirefox
			}
		}
		return rows.Err()
	})
	if err != nil {
		return KindUnknown, "", err
	}
	if kind == KindUnknown {
		return kind, "", &Problem{Kind: ProblemNoCookieTable}
	}
	return kind, "", nil
}

// looksLikeNetscape accepts a cookies.txt header, or a first line that
// curl loads as a cookie (six or seven fields), or, when the first line
// does not fit in head, one with six or seven tab-separated fields.
func looksLikeNetscape(head []byte) bool {
	if bytes.HasPrefix(head, []byte("# Netscape HTTP Cookie File")) || bytes.HasPrefix(head, []byte("# HTTP Cookie File")) {
		return true
	}
	lines := bytes.Split(head, []byte("\n"))
	for i, line := range lines {
		line = bytes.TrimRight(line, "\r")
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 || (t[0] == '#' && !bytes.HasPrefix(t, []byte("#HttpOnly_"))) {
			continue
		}
		if _, ok := netscape.ParseLine(string(line)); ok {
			return true
		}
		n := bytes.Count(line, []byte("\t"))
		return i == len(lines)-1 && (n == 5 || n == 6)
	}
	return false
}
