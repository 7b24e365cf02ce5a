package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/ui/cli"
)

func TestAuditUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--fail-on", "info"}, `--fail-on takes warning or error, not "info"`},
		{[]string{"audit", "--all-portals", "--site", "data.ofgl.fr"}, "--all-portals audits every listed portal"},
		{[]string{"audit", "--all-portals", "--catalog", "opendatasoft"}, "--all-portals audits every listed portal"},
		{[]string{"audit", "--site", "fr"}, "invalid --site"},
		{[]string{"audit", "--catalog", "no-such-charter"}, "no-such-charter"},
		{[]string{"audit", "--category", "statistics"}, "unknown flag: --category"},
		{[]string{"audit", "--show-values"}, "unknown flag: --show-values"},
		{[]string{"audit", "--demo", "--store", "x"}, "--demo"},
		{[]string{"audit", "extra"}, `unexpected argument "extra"`},
	} {
		code, stdout, stderr := runCLI(t, "", c.args...)
		if code != cli.ExitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestAuditDemo(t *testing.T) {
	code, out, stderr := runCLI(t, "", "audit", "--demo")
	if code != cli.ExitOK || !strings.Contains(out, "audience-over-13-months — audience cookie past 13 months (error): 8") ||
		!strings.Contains(out, "Total: 34 findings (8 errors, 26 warnings)") {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
	if code, _, _ := runCLI(t, "", "audit", "--demo", "--fail-on", "error"); code != cli.ExitFindings {
		t.Errorf("--fail-on error: exit %d, want 4", code)
	}
	if code, _, _ := runCLI(t, "", "audit", "--demo", "--fail-on", "warning", "--browser", "firefox"); code != cli.ExitFindings {
		t.Errorf("--fail-on warning: exit %d, want 4", code)
	}
	// A store without findings of that severity: 0.
	if code, out, _ := runCLI(t, "", "audit", "--demo", "--fail-on", "error", "--site", "opendata.paris.fr"); code != cli.ExitOK ||
		!strings.Contains(out, "Charter: opendatasoft") {
		t.Errorf("--site opendata.paris.fr: exit %d\n%s", code, out)
	}

	dir := t.TempDir()
	md, page := filepath.Join(dir, "r.md"), filepath.Join(dir, "r.html")
	code, out, stderr = runCLI(t, "", "audit", "--demo", "--json", "--markdown", md, "--html", page, "--lang", "fr")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		SchemaVersion int            `json:"schema_version"`
		Summary       map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.SchemaVersion != 1 || doc.Summary["undeclared"] != 22 {
		t.Errorf("--json: %v %+v", err, doc)
	}
	for _, f := range []string{md, page} {
		fi, err := os.Stat(f)
		if err != nil || fi.Size() < 1000 || fi.Mode().Perm() != 0o600 || !strings.Contains(stderr, f) {
			t.Errorf("%s: %v %v; stderr %q", f, err, fi, stderr)
		}
	}
	b, _ := os.ReadFile(page)
	if !strings.Contains(string(b), `<html lang="fr">`) || !strings.Contains(string(b), "Audit des cookies de data.ofgl.fr") {
		t.Error("the HTML report is not in French")
	}

	// A report that cannot be written: exit 1, one line.
	code, _, stderr = runCLI(t, "", "audit", "--demo", "--html", filepath.Join(dir, "missing", "r.html"))
	if code != cli.ExitRuntime || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "cannot write the report") {
		t.Errorf("unwritable report: exit %d, stderr %q", code, stderr)
	}
}

func TestAuditAllPortals(t *testing.T) {
	code, out, stderr := runCLI(t, "", "audit", "--demo", "--all-portals", "--json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Audits        []struct {
			Site    string `json:"site"`
			Catalog struct {
				Name string `json:"name"`
			} `json:"catalog"`
		} `json:"audits"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// The demo holds cookies for data.ofgl.fr only.
	if doc.SchemaVersion != 1 || len(doc.Audits) != 1 || doc.Audits[0].Site != "data.ofgl.fr" || doc.Audits[0].Catalog.Name != "data.ofgl.fr" {
		t.Errorf("%+v", doc)
	}
	code, out, _ = runCLI(t, "", "audit", "--all-portals")
	if code != cli.ExitOK || !strings.Contains(out, "No listed portal has cookies") {
		t.Errorf("no stores: exit %d\n%s", code, out)
	}
}

func TestHelpNamesAudit(t *testing.T) {
	_, out, _ := runCLI(t, "", "--help")
	if !strings.Contains(out, "audit") {
		t.Error("--help does not list audit")
	}
	_, out, _ = runCLI(t, "", "audit", "--help")
	if !strings.Contains(out, "--fail-on") || !strings.Contains(out, "--all-portals") {
		t.Errorf("audit --help does not describe its flags:\n%s", out)
	}
}
