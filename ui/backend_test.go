package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// The real backend, on the demo's sample stores: the same inspect code as
// real stores, in a private directory, with the demo's own state and
// keep list.
func TestDemoBackend(t *testing.T) {
	t.Setenv("OFGL_COOKIES_CONFIG_DIR", filepath.Join(t.TempDir(), "user-config"))
	t.Setenv("OFGL_COOKIES_STATE_DIR", filepath.Join(t.TempDir(), "user-state"))
	cat := catalog.Default()
	b, closeDemo, err := demoBackend(Options{Site: cat.Site, Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	defer closeDemo()
	ctx := context.Background()
	refs, err := b.Stores(ctx)
	if err != nil || len(refs) < 3 {
		t.Fatalf("stores: %v %v", refs, err)
	}
	var all []inspect.Finding
	b.ReadEach(ctx, refs, func(st inspect.StoreStatus, fs []inspect.Finding) {
		if !st.OK {
			t.Errorf("%s: %s", st.Path, st.Err)
		}
		all = append(all, fs...)
	})
	var target inspect.Finding
	for _, f := range all {
		if f.ValueState == inspect.ValueShown {
			t.Errorf("%s: a value was read without asking", f.Name)
		}
		if f.Name == "_ga" && f.Store.Browser == "chromium" && target.Name == "" {
			target = f
		}
	}
	if target.Name == "" {
		t.Fatal("no chromium _ga in the demo")
	}
	got, err := b.Reveal(ctx, target.Cookie)
	if err != nil || got.ValueState != inspect.ValueShown || got.Value == "" {
		t.Fatalf("reveal: %+v %v", got.ValueState, err)
	}

	res, err := b.Delete(ctx, []inspect.Cookie{target.Cookie})
	if err != nil || !res.OK() || len(res.Stores) != 1 || len(res.Stores[0].Deleted) != 1 {
		t.Fatalf("delete: %+v %v", res, err)
	}
	if _, err := b.Reveal(ctx, target.Cookie); err == nil {
		t.Error("the deleted cookie is still there")
	}
	id, results, err := b.Undo(ctx, "")
	if err != nil || id != res.ID || len(results) != 1 || results[0].Restored != 1 {
		t.Fatalf("undo: %s %+v %v", id, results, err)
	}
	if _, _, err := b.Undo(ctx, ""); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("second undo: %v", err)
	}

	rules := []inspect.KeepRule{{Name: "_ga", Host: "ofgl.fr"}}
	if _, err := b.UpdateKeepRules(func([]inspect.KeepRule) ([]inspect.KeepRule, error) { return rules, nil }); err != nil {
		t.Fatal(err)
	}
	back, err := b.KeepRules()
	if err != nil || len(back) != 1 || back[0] != rules[0] {
		t.Fatalf("keep list: %v %v", back, err)
	}
	// The user's own state and keep list were never touched.
	for _, v := range []string{"OFGL_COOKIES_CONFIG_DIR", "OFGL_COOKIES_STATE_DIR"} {
		if _, err := os.Stat(os.Getenv(v)); !os.IsNotExist(err) {
			t.Errorf("the demo wrote into %s: %v", v, err)
		}
	}
}

// Run with the demo, on a plain reader and writer: it builds the demo,
// runs the program, quits on q, and removes the demo.
func TestRunDemoQuits(t *testing.T) {
	var out strings.Builder
	err := Run(context.Background(), Options{Lang: i18n.English, Demo: true, Input: strings.NewReader("q"), Output: &out,
		Environ: []string{"TERM=xterm-256color"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "ofgl-cookies") {
		t.Errorf("output: %q", out.String())
	}
}
