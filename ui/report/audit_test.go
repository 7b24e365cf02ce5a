package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// sampleAudit is an audit with at least one finding of every rule, a
// cookie just inside the 13 months, a failed store and a name that needs
// escaping everywhere.
func sampleAudit(t *testing.T) Audit {
	t.Helper()
	chromium := inspect.StoreRef{Browser: "chromium", Profile: "Your Chromium", Path: "/home/u/.config/chromium/Default/Cookies",
		Kind: inspect.KindChromium, ProfileDir: "/home/u/.config/chromium/Default"}
	firefox := inspect.StoreRef{Browser: "firefox", Profile: "default-esr", Path: "/home/u/.mozilla/firefox/x.default-esr/cookies.sqlite",
		Kind: inspect.KindFirefox, ProfileDir: "/home/u/.mozilla/firefox/x.default-esr"}
	consent := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	jan31 := time.Date(2026, 1, 31, 8, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	persistent := func(s inspect.StoreRef, host, name string, created time.Time, life time.Duration) inspect.Cookie {
		return inspect.Cookie{Store: s, Host: host, Name: name, Path: "/", Created: created, Expires: created.Add(life)}
	}
	cookies := []inspect.Cookie{
		persistent(chromium, "data.ofgl.fr", "cookies_preferences", consent, 180*day),
		persistent(chromium, ".data.ofgl.fr", "_pk_id.1.abcd", consent.Add(-time.Minute), 400*day),
		persistent(chromium, "data.ofgl.fr", "sessionid", consent.Add(5*time.Minute), 30*day),
		{Store: chromium, Host: "data.ofgl.fr", Name: "csrftoken", Path: "/", Created: consent, Session: true},
		{Store: chromium, Host: "tracker.example", Name: "trk_chips", Path: "/", Created: consent.Add(time.Hour),
			Expires: consent.Add(time.Hour + 30*day), PartitionSite: "https://ofgl.fr", Partitioned: true, ThirdParty: true},
		persistent(firefox, ".ofgl.fr", "_ga", jan31, 393*day), // exactly 13 months from January 31: inside
		persistent(firefox, "data.ofgl.fr", "x<b>|*y*", jan31, day),
	}
	cat := catalog.Default()
	var findings []inspect.Finding
	for _, c := range cookies {
		findings = append(findings, inspect.Finding{Cookie: c, Match: cat.Match(c.Host, c.Name, c.ThirdParty)})
	}
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	stores := []inspect.StoreStatus{
		{StoreRef: chromium, OK: true, Count: 5},
		{StoreRef: firefox, OK: true, Count: 2, Note: inspect.NoteSnapshot},
		{StoreRef: inspect.StoreRef{Browser: "chrome", Profile: "Default", Path: "/home/u/.config/google-chrome/Default/Cookies"},
			Err: &inspect.Problem{Kind: inspect.ProblemDamaged, Detail: "file is not a database"}},
	}
	return Audit{Site: "data.ofgl.fr", Catalog: cat, Stores: stores, Findings: audit.Run(findings, cat, now), Generated: now}
}

func TestAuditSampleHasEveryRule(t *testing.T) {
	a := sampleAudit(t)
	s := audit.Summary(a.Findings)
	for _, r := range audit.Rules {
		if s[r] == 0 {
			t.Errorf("no %s finding in the sample", r)
		}
	}
	for _, f := range a.Findings {
		if f.Cookie.Name == "_ga" && f.Rule == audit.AudienceOver13Months {
			t.Error("_ga of exactly 13 months flagged")
		}
	}
}

func TestAuditGoldens(t *testing.T) {
	a := sampleAudit(t)
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		var text, md, page bytes.Buffer
		if err := AuditText(&text, a, Options{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		golden(t, "audit-"+string(lang)+".txt", text.Bytes())
		if err := AuditMarkdown(&md, []Audit{a}, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "audit-"+string(lang)+".md", md.Bytes())
		if err := AuditHTML(&page, []Audit{a}, lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "audit-"+string(lang)+".html", page.Bytes())
	}
}

func TestAuditJSONSameInBothLanguages(t *testing.T) {
	a := sampleAudit(t)
	norm := func(lang i18n.Lang) (string, []string) {
		var b bytes.Buffer
		if err := AuditJSON(&b, a, lang); err != nil {
			t.Fatal(err)
		}
		var doc AuditJSONDoc
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.SchemaVersion != 1 || doc.Generated != "2026-03-01T10:00:00Z" || len(doc.Summary) != len(audit.Rules) {
			t.Errorf("header %+v", doc)
		}
		var msgs []string
		for i := range doc.Findings {
			msgs = append(msgs, doc.Findings[i].Message)
			doc.Findings[i].Message = ""
		}
		out, _ := json.Marshal(doc)
		return string(out), msgs
	}
	en, enMsgs := norm(i18n.English)
	fr, frMsgs := norm(i18n.French)
	if en != fr {
		t.Errorf("JSON differs beyond the messages:\n%s\n%s", en, fr)
	}
	for i := range enMsgs {
		if enMsgs[i] == "" || enMsgs[i] == frMsgs[i] {
			t.Errorf("message %d not translated: %q", i, enMsgs[i])
		}
	}
	var b bytes.Buffer
	AuditJSON(&b, a, i18n.English)
	for _, want := range []string{`"lifetime_seconds": 34560000`, `"limit_seconds": 34214400`, `"expires": null`,
		`"partition_site": "https://ofgl.fr"`, `"rule": "before-consent"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

// TestAuditHTMLIsSelfContained checks the page loads nothing: no script,
// style sheet, font, image, frame or any attribute or CSS that fetches.
func TestAuditHTMLIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := AuditHTML(&b, []Audit{sampleAudit(t)}, i18n.English); err != nil {
		t.Fatal(err)
	}
	page := strings.ToLower(b.String())
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "<svg", "@import", "url(", "src=", "href=", "<base"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if strings.Contains(b.String(), "x<b>") || !strings.Contains(b.String(), "x&lt;b&gt;") {
		t.Error("cookie name not escaped")
	}
}

func TestMarkdownEscapes(t *testing.T) {
	var b bytes.Buffer
	AuditMarkdown(&b, []Audit{sampleAudit(t)}, i18n.English)
	if !strings.Contains(b.String(), `x\<b\>\|\*y\*`) {
		t.Error("cookie name not escaped in Markdown")
	}
	// Every table row has as many cells as its header.
	cells := regexp.MustCompile(`(^|[^\\])\|`)
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "| Cookie |") || strings.HasPrefix(line, "| chromium") || strings.HasPrefix(line, "| firefox") {
			if n := len(cells.FindAllString(line, -1)); n != 7 && n != 5 {
				t.Errorf("%d cells in %q", n-1, line)
			}
		}
	}
}
