package inspect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/browserutils/kooky/browser/safari"

	"github.com/ofgl/ofgl-cookies/inspect/internal/binarycookies"
)

const jar = "# Netscape HTTP Cookie File\r\n# kept comment\r\n\r\n" +
	"data.ofgl.fr\tFALSE\t/\tTRUE\t%[1]d\tsessionid\tabc\r\n" +
	".ofgl.fr\tTRUE\t/\tFALSE\t%[1]d\t_ga\tGA1.2.3\r\n" +
	"#HttpOnly_data.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\t_pk_id.1.abcd\tx\r\n" +
	"www.ofgl.fr\tFALSE\t/\tFALSE\t%[1]d\t_ga\tdecoy\r\n"

func TestDeleteFromCookiesTxtThenUndo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cookies.txt")
	original := fmt.Sprintf(jar, time.Now().Add(48*time.Hour).Unix())
	os.WriteFile(path, []byte(original), 0o640)
	ref := StoreRef{Browser: "file", Path: path, Kind: KindKooky}
	listed, err := ReadFile(context.Background(), ref, Options{Site: testSite(t), StorePath: path})
	if err != nil || len(listed) != 3 {
		t.Fatalf("listed %v %v", names(listed), err)
	}
	// The read detected the format once; the cookies carry it to Delete.
	if st := listed[0].Store; st.Kind != KindKooky || st.Format != "netscape" {
		t.Fatalf("listed cookie's store %+v, want its detected format", st)
	}
	state := t.TempDir()
	res, err := Delete(context.Background(), pick(listed, "_ga", "_pk_id.1.abcd"), DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res.Stores)
	}
	got := string(fileBytes(t, path))
	want := strings.Replace(strings.Replace(original, strings.Split(original, "\r\n")[4]+"\r\n", "", 1), strings.Split(original, "\r\n")[5]+"\r\n", "", 1)
	if got != want {
		t.Fatalf("jar after delete:\n%q\nwant\n%q", got, want)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode changed to %v", fi.Mode().Perm())
	}
	checkPrivateTree(t, state)
	if _, results, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err != nil || results[0].Restored != 2 {
		t.Fatalf("undo %v %+v", err, results)
	}
	back, _ := ReadFile(context.Background(), ref, Options{Site: testSite(t), StorePath: path})
	if len(back) != 3 {
		t.Fatalf("after undo %v", names(back))
	}
}

func TestDeleteFromSafariThenUndo(t *testing.T) {
	exp := float64(time.Now().Add(48*time.Hour).Unix() - 978307200)
	trailer := append([]byte{0x07, 0x17, 0x20, 0x05, 0x00, 0x00, 0x00, 0x4B}, []byte("bplist00-stub")...)
	f := &binarycookies.File{Trailer: trailer, Pages: [][]binarycookies.Cookie{
		{{Domain: "data.ofgl.fr", Name: "sessionid", Path: "/", Value: "s", Flags: binarycookies.FlagSecure | binarycookies.FlagHTTPOnly, Expires: exp, Created: 1}},
		{{Domain: ".ofgl.fr", Name: "_ga", Path: "/", Value: "g", Expires: exp, Created: 1},
			{Domain: "example.org", Name: "other", Path: "/", Value: "o", Expires: exp, Created: 1}},
	}}
	data, err := f.Encode()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Cookies.binarycookies")
	os.WriteFile(path, data, 0o600)
	ref := StoreRef{Browser: "safari", Path: path, Kind: KindKooky}
	listed, err := ReadFile(context.Background(), ref, Options{Site: testSite(t), StorePath: path})
	if err != nil || len(listed) != 2 {
		t.Fatalf("listed %v %v", names(listed), err)
	}
	state := t.TempDir()
	res, err := Delete(context.Background(), pick(listed, "_ga"), DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res.Stores)
	}
	// kooky's own Safari reader is the oracle for the rewritten file.
	left, err := safari.ReadCookies(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range left {
		got = append(got, c.Domain+"/"+c.Name)
	}
	if fmt.Sprint(got) != "[data.ofgl.fr/sessionid example.org/other]" {
		t.Fatalf("kooky reads %v", got)
	}
	if _, results, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning}); err != nil || results[0].Restored != 1 {
		t.Fatalf("undo %v %+v", err, results)
	}
	left, _ = safari.ReadCookies(context.Background(), path)
	if len(left) != 3 {
		t.Fatalf("after undo kooky reads %d cookies", len(left))
	}
}
