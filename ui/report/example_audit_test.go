package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/inspect/demo"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// TestExampleAuditReport keeps the example reports of the demo stores
// (testdata/example-audit-demo.*.golden, what `ofgl-cookies audit --demo
// --html FILE` writes) in step with the code.
func TestExampleAuditReport(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	d, err := demo.New(now)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	site, _ := catalog.NewSite("data.ofgl.fr")
	cat := catalog.ForSite(site)
	res, err := inspect.Read(context.Background(), inspect.Options{Site: site, Catalog: cat, Refs: d.Stores, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// The demo's temporary directory becomes a fixed one.
	const shownDir = "/tmp/ofgl-cookies-demo"
	for i := range res.Stores {
		res.Stores[i].Path = strings.Replace(res.Stores[i].Path, d.Dir, shownDir, 1)
	}
	for i := range res.Findings {
		res.Findings[i].Store.Path = strings.Replace(res.Findings[i].Store.Path, d.Dir, shownDir, 1)
	}
	a := Audit{Site: site.Host, Catalog: cat, Stores: res.Stores, Findings: audit.Run(res.Findings, cat, now), Generated: now}
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		var md, page bytes.Buffer
		if err := AuditMarkdown(&md, []Audit{a}, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "example-audit-demo."+string(lang)+".md", md.Bytes())
		if err := AuditHTML(&page, []Audit{a}, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "example-audit-demo."+string(lang)+".html", page.Bytes())
	}
}
