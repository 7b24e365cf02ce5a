package ui

import (
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
)

// auditsByCookie audits the findings and files the results by cookieKey,
// for the detail pane.
func auditsByCookie(findings []inspect.Finding, cat *catalog.Catalog, now time.Time) map[string][]audit.Finding {
	out := map[string][]audit.Finding{}
	for _, f := range audit.Run(findings, cat, now) {
		k := cookieKey(f.Cookie.Cookie)
		out[k] = append(out[k], f)
	}
	return out
}
