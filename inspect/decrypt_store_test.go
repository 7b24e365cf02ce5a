package inspect

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// The private store handed to kooky for decryption has Chromium's real
// schema, the meta version asked for, and one row per secret.
func TestWriteDecryptStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Cookies")
	secrets := []chromiumSecret{{index: 3, host: ".ofgl.fr", encrypted: []byte("v10xyz")}, {index: 7, host: "data.ofgl.fr", encrypted: []byte("v10abc")}}
	if err := writeDecryptStore(path, 23, secrets); err != nil {
		t.Fatal(err)
	}
	if kind, _, err := DetectKind(context.Background(), path); err != nil || kind != KindChromium {
		t.Fatalf("kind %v %v", kind, err)
	}
	db, err := sql.Open("sqlite", sqliteURI(path, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := chromiumMetaVersion(context.Background(), db); v != 23 {
		t.Errorf("meta version %d, want 23", v)
	}
	cols, err := tableColumns(context.Background(), db, "cookies")
	if err != nil || !cols["has_cross_site_ancestor"] || !cols["top_frame_site_key"] {
		t.Errorf("not the real schema: %v %v", cols, err)
	}
	var name, host string
	var enc []byte
	if err := db.QueryRow(`SELECT name, host_key, encrypted_value FROM cookies WHERE name='r7'`).Scan(&name, &host, &enc); err != nil || host != "data.ofgl.fr" || string(enc) != "v10abc" {
		t.Errorf("row r7: %q %q %q %v", name, host, enc, err)
	}
}
