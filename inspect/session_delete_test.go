package inspect

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect/internal/mozlz4"
)

const sessionJSON = `{"version":["sessionrestore",1],"windows":[{"tabs":[{"entries":[{"url":"http://data.ofgl.fr:8765/","title":"Données ofgl"}]}],"selected":1}],"session":{"lastUpdate":1764400000123.5},"cookies":[` +
	`{"host":"data.ofgl.fr","value":"1","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":1,"schemeMap":1},` +
	`{"host":"data.ofgl.fr","value":"2","path":"/","name":"ofgl_session","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":2},"sameSite":1,"schemeMap":1},` +
	`{"host":"www.example.org","value":"x","path":"/","name":"other","originAttributes":{"firstPartyDomain":"","geckoViewSessionContextId":"","partitionKey":"","privateBrowsingId":0,"userContextId":0},"sameSite":256,"schemeMap":2}]}`

func writeSession(t *testing.T, path, content string) {
	t.Helper()
	enc, err := mozlz4.Encode([]byte(content))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, enc, 0o600); err != nil {
		t.Fatal(err)
	}
}

func decodeSession(t *testing.T, path string) map[string]any {
	t.Helper()
	raw, err := mozlz4.ReadFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDeleteFirefoxSessionCookiesEverywhere(t *testing.T) {
	profile := t.TempDir()
	state := t.TempDir()
	current := filepath.Join(profile, "sessionstore.jsonlz4")
	previous := filepath.Join(profile, "sessionstore-backups", "previous.jsonlz4")
	writeSession(t, current, sessionJSON)
	writeSession(t, previous, sessionJSON)
	ref := StoreRef{Browser: "firefox", Profile: "p", Path: current, Kind: KindFirefoxSession, ProfileDir: profile}
	listed, err := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if err != nil || len(listed) != 2 {
		t.Fatalf("listed %v %v", names(listed), err)
	}
	var victim []Cookie
	for _, c := range listed {
		if c.Container == "" {
			victim = append(victim, c)
		}
	}
	before := decodeSession(t, current)
	res, err := Delete(context.Background(), victim, DeleteOptions{StateDir: state, CheckRunning: notRunning})
	if err != nil || !res.OK() {
		t.Fatalf("%v %+v", err, res.Stores)
	}
	for _, p := range []string{current, previous} {
		after := decodeSession(t, p)
		cookies := after["cookies"].([]any)
		if len(cookies) != 2 {
			t.Fatalf("%s: %d cookies left, want 2 (the container's and another site's)", p, len(cookies))
		}
		delete(after, "cookies")
		b := map[string]any{}
		for k, v := range before {
			if k != "cookies" {
				b[k] = v
			}
		}
		if !reflect.DeepEqual(after, b) {
			t.Fatalf("%s: the rest of the session changed:\n%v\n%v", p, after, b)
		}
	}
	left, _ := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if len(left) != 1 || left[0].Container == "" {
		t.Fatalf("left %v", names(left))
	}
	checkPrivateTree(t, state)
	_, results, err := Undo(context.Background(), state, res.ID, DeleteOptions{CheckRunning: notRunning})
	// One cookie, removed from two files: it counts once.
	if err != nil || len(results) != 1 || results[0].Restored != 1 {
		t.Fatalf("undo %v %+v", err, results)
	}
	back, _ := ReadFile(context.Background(), ref, Options{Site: testSite(t)})
	if len(back) != 2 {
		t.Fatalf("after undo %v", names(back))
	}
}
