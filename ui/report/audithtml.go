package report

import (
	"html/template"
	"io"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// auditPage is one self-contained page: inline style, no script, no font,
// no image and no link to anything, so that it opens offline as attached.
var auditPage = template.Must(template.New("audit").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#111;line-height:1.4}
table{border-collapse:collapse;margin:.5em 0 1em;width:100%}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.92em}
th{background:#eee}
td.n{text-align:right}
.error{color:#a00;font-weight:bold}
code{font-family:ui-monospace,monospace}
.note{color:#444;font-style:italic}
section.audit+section.audit{border-top:3px double #888;margin-top:2em}
</style>
</head>
<body>
{{- if not .Audits}}
<p>{{.NoPortal}}</p>
{{- end}}
{{- range .Audits}}
<section class="audit">
<h1>{{.Title}}</h1>
<h2>{{$.T.AuditHAudited}}</h2>
<ul>
<li><strong>{{$.T.AuditSite}}</strong>: {{.Site}}</li>
<li><strong>{{$.T.AuditCharterSource}}</strong>: {{.Charter}}</li>
<li><strong>{{$.T.AuditDate}}</strong>: {{.Date}}</li>
</ul>
<p class="note">{{.ValuesNote}}</p>
<h3>{{$.T.AuditHStores}}</h3>
<table>
<tr><th>{{$.T.ColBrowser}}</th><th>{{$.T.ColProfile}}</th><th>{{$.T.ColStatus}}</th><th>{{$.T.ColStore}}</th></tr>
{{- range .Stores}}
<tr><td>{{.Browser}}</td><td>{{.Profile}}</td><td>{{.Status}}</td><td><code>{{.Path}}</code></td></tr>
{{- end}}
</table>
<h2>{{$.T.AuditHSummary}}</h2>
<table>
<tr><th>{{$.T.AuditColRule}}</th><th>{{$.T.AuditColSeverity}}</th><th>{{$.T.AuditColCount}}</th></tr>
{{- range .Summary}}
<tr><td><code>{{.ID}}</code> — {{.Title}}</td><td{{if .Error}} class="error"{{end}}>{{.Severity}}</td><td class="n">{{.Count}}</td></tr>
{{- end}}
</table>
<p><strong>{{.Total}}</strong></p>
<h2>{{$.T.AuditHFindings}}</h2>
{{- if not .Rules}}
<p>{{$.T.AuditNoFinding}}</p>
{{- end}}
{{- range .Rules}}
<h3><code>{{.ID}}</code> — {{.Title}} (<span{{if .Error}} class="error"{{end}}>{{.Severity}}</span>, {{.Count}})</h3>
<table>
<tr><th>{{$.T.AuditColCookie}}</th><th>{{$.T.AuditColCreated}}</th><th>{{$.T.AuditColExpires}}</th><th>{{$.T.AuditColLifetime}}</th><th>{{$.T.AuditColLimit}}</th><th>{{$.T.AuditColEvidence}}</th></tr>
{{- range .Findings}}
<tr><td><code>{{.Cookie}}</code></td><td>{{.Created}}</td><td>{{.Expires}}</td><td>{{.Lifetime}}</td><td>{{.Limit}}</td><td>{{.Evidence}}</td></tr>
{{- end}}
</table>
<p>{{$.T.AuditColSource}}: {{.Source}}</p>
{{- end}}
<h2>{{$.T.AuditHRules}}</h2>
<ul>
{{- range .Sources}}
<li><code>{{.ID}}</code> ({{.Severity}}): {{.Source}}</li>
{{- end}}
</ul>
</section>
{{- end}}
</body>
</html>
`))

// AuditHTML writes the audits as one self-contained HTML page in lang.
func AuditHTML(w io.Writer, audits []Audit, lang i18n.Lang) error {
	t := i18n.For(lang)
	page := struct {
		Lang, Title, NoPortal string
		T                     *i18n.Strings
		Audits                []auditDoc
	}{Lang: string(lang), NoPortal: t.AuditNoPortal, T: t}
	for _, a := range audits {
		page.Audits = append(page.Audits, newAuditDoc(a, lang))
	}
	page.Title = t.AuditHSummary
	if len(page.Audits) > 0 {
		page.Title = page.Audits[0].Title
	}
	return auditPage.Execute(w, page)
}
