package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// mdEscape keeps a text from being read as Markdown or HTML, or from
// breaking a table cell.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range Clean(s) {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// AuditMarkdown writes the audits as one Markdown document in lang.
func AuditMarkdown(w io.Writer, audits []Audit, lang i18n.Lang) error {
	t := i18n.For(lang)
	var b strings.Builder
	row := func(cells ...string) {
		for i := range cells {
			cells[i] = mdEscape(cells[i])
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	header := func(cells ...string) {
		row(cells...)
		fmt.Fprintf(&b, "|%s\n", strings.Repeat(" --- |", len(cells)))
	}
	if len(audits) == 0 {
		fmt.Fprintf(&b, "%s\n", mdEscape(t.AuditNoPortal))
	}
	for i, a := range audits {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		d := newAuditDoc(a, lang)
		fmt.Fprintf(&b, "# %s\n\n## %s\n\n", mdEscape(d.Title), mdEscape(t.AuditHAudited))
		fmt.Fprintf(&b, "- **%s**: %s\n- **%s**: %s\n- **%s**: %s\n\n%s\n\n",
			mdEscape(t.AuditSite), mdEscape(d.Site), mdEscape(t.AuditCharterSource), mdEscape(d.Charter),
			mdEscape(t.AuditDate), mdEscape(d.Date), mdEscape(d.ValuesNote))
		fmt.Fprintf(&b, "### %s\n\n", mdEscape(t.AuditHStores))
		header(t.ColBrowser, t.ColProfile, t.ColStatus, t.ColStore)
		for _, s := range d.Stores {
			row(s.Browser, s.Profile, s.Status, s.Path)
		}
		fmt.Fprintf(&b, "\n## %s\n\n", mdEscape(t.AuditHSummary))
		header(t.AuditColRule, t.AuditColSeverity, t.AuditColCount)
		for _, r := range d.Summary {
			row(r.ID+" — "+r.Title, r.Severity, fmt.Sprint(r.Count))
		}
		fmt.Fprintf(&b, "\n**%s**\n\n## %s\n\n", mdEscape(d.Total), mdEscape(t.AuditHFindings))
		if len(d.Rules) == 0 {
			fmt.Fprintf(&b, "%s\n\n", mdEscape(t.AuditNoFinding))
		}
		for _, r := range d.Rules {
			fmt.Fprintf(&b, "### %s (%s, %d)\n\n", mdEscape(r.ID+" — "+r.Title), mdEscape(r.Severity), r.Count)
			header(t.AuditColCookie, t.AuditColCreated, t.AuditColExpires, t.AuditColLifetime, t.AuditColLimit, t.AuditColEvidence)
			for _, f := range r.Findings {
				row(f.Cookie, f.Created, f.Expires, f.Lifetime, f.Limit, f.Evidence)
			}
			fmt.Fprintf(&b, "\n%s: %s\n\n", mdEscape(t.AuditColSource), mdEscape(r.Source))
		}
		fmt.Fprintf(&b, "## %s\n\n", mdEscape(t.AuditHRules))
		for _, r := range d.Sources {
			fmt.Fprintf(&b, "- `%s` (%s): %s\n", r.ID, mdEscape(r.Severity), mdEscape(r.Source))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
