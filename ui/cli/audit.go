package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// ExitFindings is audit's exit code when --fail-on finds a finding of that
// severity or worse.
const ExitFindings = 4

// AuditRequest is what audit reads, checks and writes.
type AuditRequest struct {
	ListRequest
	// AllPortals audits every listed Opendatasoft portal instead of
	// Options.Site, each with its own charter.
	AllPortals bool
	// FailOn, when set, makes a finding of that severity or worse exit 4.
	FailOn audit.Severity
	// Markdown and HTML are files to write the report to, when set.
	Markdown, HTML string
	// Now dates the audit and judges expiry; zero means time.Now().
	Now time.Time
}

// Audit checks what the stores hold for the site (or every portal)
// against the charter and the CNIL's rules, and prints the findings.
func Audit(ctx context.Context, env Env, req AuditRequest) int {
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	req.Options.Now = now
	req.Options.ShowValues = false // an audit never reads a value
	var audits []report.Audit
	if !req.AllPortals {
		a, code, ok := auditSite(ctx, env, req, now)
		if !ok {
			return code
		}
		warnFailedStores(env, inspect.Result{Stores: a.Stores})
		audits = append(audits, a)
	} else {
		for i, p := range catalog.Portals {
			site, err := catalog.NewSite(p.Host)
			if err != nil {
				continue // the list is tested: never happens
			}
			r := req
			r.Options.Site, r.Options.Catalog = site, catalog.ForSite(site)
			a, code, ok := auditSite(ctx, env, r, now)
			if !ok {
				return code
			}
			if i == 0 {
				// The same stores for every portal: warn once.
				warnFailedStores(env, inspect.Result{Stores: a.Stores})
			}
			if countCookies(a) > 0 {
				audits = append(audits, a)
			}
		}
	}
	if code := writeAudits(env, req, audits, now); code != ExitOK {
		return code
	}
	if req.FailOn != "" {
		for _, a := range audits {
			for _, f := range a.Findings {
				if f.Severity.AtLeast(req.FailOn) {
					return ExitFindings
				}
			}
		}
	}
	return ExitOK
}

// countCookies counts the site's cookies the stores hold.
func countCookies(a report.Audit) int {
	n := 0
	for _, s := range a.Stores {
		n += s.Count
	}
	return n
}

// auditSite reads the stores for one site and audits its cookies.
func auditSite(ctx context.Context, env Env, req AuditRequest, now time.Time) (report.Audit, int, bool) {
	res, code, ok := read(ctx, env, req.ListRequest)
	if !ok {
		return report.Audit{}, code, false
	}
	cat := req.Options.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	// Browser and profile select whole stores, so that a store's consent
	// record is always judged with the store's other cookies.
	sel := inspect.Filter{Browser: req.Filter.Browser, Profile: req.Filter.Profile}
	var stores []inspect.StoreStatus
	for _, s := range res.Stores {
		if sel.Keep(inspect.Finding{Cookie: inspect.Cookie{Store: s.StoreRef}}) {
			stores = append(stores, s)
		}
	}
	cookies := sel.Apply(res.Findings)
	return report.Audit{Site: req.Options.Site.Host, Catalog: cat, Stores: stores,
		Findings: audit.Run(cookies, cat, now), Generated: now}, ExitOK, true
}

// writeAudits prints the audits on stdout and writes the report files.
func writeAudits(env Env, req AuditRequest, audits []report.Audit, now time.Time) int {
	t := env.t()
	out := env.reportOptions(req.Options.Site.Host, false)
	var err error
	switch {
	case req.JSON && req.AllPortals:
		err = report.AuditAllJSON(env.Stdout, audits, now, env.Lang)
	case req.JSON:
		err = report.AuditJSON(env.Stdout, audits[0], env.Lang)
	case len(audits) == 0:
		_, err = fmt.Fprintln(env.Stdout, t.AuditNoPortal)
	default:
		for i, a := range audits {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			if err = report.AuditText(env.Stdout, a, out); err != nil {
				break
			}
		}
	}
	if err != nil {
		env.warnf("%s", t.Error(err))
		return ExitRuntime
	}
	for _, file := range []struct {
		path  string
		write func(io.Writer, []report.Audit, i18n.Lang) error
	}{{req.Markdown, report.AuditMarkdown}, {req.HTML, report.AuditHTML}} {
		if file.path == "" {
			continue
		}
		var b bytes.Buffer
		if err := file.write(&b, audits, env.Lang); err != nil {
			env.warnf(t.ErrWriteReport, file.path, inspect.OneLine(err.Error()))
			return ExitRuntime
		}
		if err := os.WriteFile(file.path, b.Bytes(), 0o600); err != nil {
			env.warnf(t.ErrWriteReport, file.path, inspect.OneLine(err.Error()))
			return ExitRuntime
		}
		fmt.Fprintf(env.Stderr, "ofgl-cookies: "+t.AuditReportWritten+"\n", file.path)
	}
	return ExitOK
}
