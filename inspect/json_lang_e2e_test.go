package inspect_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// demoDir is the demo's own directory, new at every start.
var demoDir = regexp.MustCompile(`/ofgl-cookies-demo-[0-9]+/`)

// `list --json` is for programs: the same bytes under --lang fr and
// --lang en, through the built binary on --demo. Two runs differ only in
// the demo's fresh directory, named the same before comparing, and in
// the expiry times when the clock ticked over a second between the two
// starts (the demo's dates are relative to its start); such a pair is
// run again.
func TestListJSONSameBytesInBothLanguages(t *testing.T) {
	bin := binary(t)
	run := func(lang string) []byte {
		t.Helper()
		cmd := exec.Command(bin, "list", "--demo", "--json", "--lang", lang)
		home := t.TempDir()
		cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8",
			"OFGL_COOKIES_STATE_DIR=" + home + "/state", "OFGL_COOKIES_CONFIG_DIR=" + home + "/config"}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("list --demo --json --lang %s: %v\n%s", lang, err, stderr.String())
		}
		return demoDir.ReplaceAll(stdout.Bytes(), []byte("/ofgl-cookies-demo-N/"))
	}
	var fr, en []byte
	for attempt := 0; attempt < 3; attempt++ {
		fr, en = run("fr"), run("en")
		if bytes.Equal(fr, en) {
			break
		}
		if !bytes.Equal(run("fr"), fr) {
			continue // the clock moved between the runs: try again
		}
		break
	}
	if !bytes.Equal(fr, en) {
		t.Fatalf("list --json differs between --lang fr and --lang en:\n--- fr\n%s\n--- en\n%s", fr, en)
	}
	var cookies []map[string]any
	if err := json.Unmarshal(en, &cookies); err != nil || len(cookies) < 20 {
		t.Fatalf("%d cookies, %v", len(cookies), err)
	}
	undeclared := 0
	for _, c := range cookies {
		if c["schema_version"] != float64(2) {
			t.Errorf("%v: schema_version %v", c["name"], c["schema_version"])
		}
		if c["declared"] == false {
			undeclared++
			if c["category_source"] == "charter" || c["provider"] != "" {
				t.Errorf("%v: undeclared with %v, provider %q", c["name"], c["category_source"], c["provider"])
			}
		}
		if c["category_source"] == "guess" && c["guess"] == nil {
			t.Errorf("%v: a guessed category without its guess", c["name"])
		}
	}
	if undeclared == 0 {
		t.Error("no undeclared cookie in the demo")
	}
}
