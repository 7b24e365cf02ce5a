package report

import (
	"fmt"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// auditDoc is an audit laid out for a written report: every text is in
// the reader's language and ready to escape.
type auditDoc struct {
	Title, Site, Charter, Date, ValuesNote string
	Stores                                 []docStore
	Summary                                []docRule
	Total                                  string
	Rules                                  []docRule // only rules with findings, for the findings section
	Sources                                []docRule
}

type docStore struct{ Browser, Profile, Path, Status string }

type docRule struct {
	ID, Title, Severity, Source string
	Error                       bool
	Count                       int
	Findings                    []docFinding
}

type docFinding struct {
	Cookie, Created, Expires, Lifetime, Limit, Evidence string
}

// newAuditDoc lays out one audit in lang.
func newAuditDoc(a Audit, lang i18n.Lang) auditDoc {
	t := i18n.For(lang)
	d := auditDoc{
		Title:      fmt.Sprintf(t.AuditTitle, a.Site),
		Site:       a.Site,
		Charter:    a.Catalog.Name() + " — " + a.Catalog.Source,
		Date:       a.Generated.UTC().Format(time.RFC3339),
		ValuesNote: t.AuditValuesNote,
	}
	for _, s := range a.Stores {
		status := fmt.Sprintf(t.StoreRead, t.CookieCount(s.Count))
		if !s.OK {
			status = fmt.Sprintf(t.StoreFailed, t.Error(s.Err))
		} else if s.Note != "" {
			status += " (" + t.Note(s.Note) + ")"
		}
		d.Stores = append(d.Stores, docStore{Clean(s.Browser), Clean(s.Profile), Clean(s.Path), status})
	}
	summary := audit.Summary(a.Findings)
	for _, r := range audit.Rules {
		dr := docRule{
			ID: string(r), Title: t.AuditRules[string(r)], Severity: t.AuditSeverities[string(r.Severity())],
			Source: AuditSource(t, r, a.Catalog), Error: r.Severity() == audit.Error, Count: summary[r],
		}
		d.Summary = append(d.Summary, dr)
		d.Sources = append(d.Sources, dr)
		if dr.Count == 0 {
			continue
		}
		for _, f := range a.Findings {
			if f.Rule != r {
				continue
			}
			c := f.Cookie
			lifetime := "—"
			if f.Lifetime != nil {
				lifetime = auditDuration(t, lang, *f.Lifetime)
			}
			dr.Findings = append(dr.Findings, docFinding{
				Cookie: cookieIdentity(c.Cookie), Created: auditTime(c.Created), Expires: auditTime(c.Expires),
				Lifetime: lifetime, Limit: durationOrDash(t, lang, f.Limit), Evidence: AuditMessage(t, lang, f, a),
			})
		}
		d.Rules = append(d.Rules, dr)
	}
	total, errs, warns := counts(a.Findings)
	d.Total = t.AuditTotalLine(total, errs, warns)
	if total == 0 {
		d.Total = t.AuditNoFinding
	}
	return d
}
