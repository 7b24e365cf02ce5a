package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// detailInput is everything the detail pane shows about one cookie.
type detailInput struct {
	finding   inspect.Finding
	ok        bool            // a cookie is selected
	revealed  *inspect.Cookie // its value, when v asked for it
	revealing bool
	keptBy    *inspect.KeepRule
	cat       *catalog.Catalog
	lang      i18n.Lang
	now       time.Time
	loc       *time.Location
	audit     []audit.Finding // the cookie's audit findings
	site      string
	// maxLines cuts each field to that many lines, the last ending in
	// "…"; 0 shows every line (the full details).
	maxLines int
}

// detailLines renders the pane as lines of at most width cells: a label
// column, then values wrapped beside it.
func detailLines(in detailInput, width int, t *i18n.Strings, st styles) []string {
	if !in.ok {
		return []string{st.dim.Render(t.UIDetailEmpty)}
	}
	f := in.finding
	lang := string(in.lang)
	labels := []string{t.UIDetCookie, t.UIDetProvider, t.UIDetService, t.UIDetPurpose, t.UIDetCategory,
		t.UIDetConsent, t.UIDetLifetime, t.UIDetExpires, t.UIDetFlags, t.UIDetPartition, t.UIDetContainer,
		t.UIDetBrowser, t.UIDetProfile, t.UIDetStore, t.UIDetKeep, t.UIDetValue, t.UIDetAudit}
	lw := 0
	for _, l := range labels {
		lw = max(lw, lipgloss.Width(l))
	}
	vw := max(width-lw-1, 8)
	var out []string
	add := func(label, value string, style ...lipgloss.Style) {
		breaks := " "
		if label == t.UIDetStore {
			breaks = "/"
		}
		wrapped := strings.Split(ansi.Wrap(keepTogether.Replace(value), vw, breaks), "\n")
		if in.maxLines > 0 && len(wrapped) > in.maxLines {
			wrapped = wrapped[:in.maxLines]
			last := wrapped[in.maxLines-1]
			wrapped[in.maxLines-1] = ansi.Truncate(last+" …", vw, "…")
		}
		for i, line := range wrapped {
			if len(style) > 0 {
				line = style[0].Render(line)
			}
			l := ""
			if i == 0 {
				l = label
			}
			out = append(out, st.label.Render(padRight(l, lw))+" "+line)
		}
	}

	add(t.UIDetCookie, clean(f.Name)+" · "+clean(f.Host)+clean(f.Path), st.bold)
	// The value second: v must show something even in a short pane.
	add(t.UIDetValue, valueText(in, t), st.bold)
	info := in.cat.Categories[f.Match.Category]
	if e := f.Match.Entry; e != nil {
		add(t.UIDetProvider, e.Provider)
		if svc := e.Service.In(lang); svc != "" {
			add(t.UIDetService, svc)
		}
		add(t.UIDetPurpose, e.Purpose.In(lang))
	} else {
		if g := f.Match.Guess; g != nil && g.Provider != "" {
			add(t.UIDetProvider, fmt.Sprintf(t.UIGuessed, g.Provider, g.What.In(lang)))
		} else {
			add(t.UIDetProvider, t.UnknownProvider)
		}
		add(t.UIDetPurpose, t.UINotInCharter)
	}
	catText := categoryWord(f.Match, t)
	if !f.Match.Declared && f.Match.Category != catalog.Undeclared {
		catText += " (" + t.Category(catalog.Undeclared) + ")"
	}
	add(t.UIDetCategory, catText, st.category(f.Match).Bold(true))
	// A category a guess or a partition gave is not the charter's word:
	// only the undeclared cookies' definition applies to it.
	if def := info.Definition.In(lang); def != "" && (f.Match.Declared || f.Match.Category == catalog.Undeclared) {
		add("", def, st.dim)
	}
	if !f.Match.Declared && f.Match.Category != catalog.Undeclared {
		if def := in.cat.Categories[catalog.Undeclared].Definition.In(lang); def != "" {
			add("", def, st.dim)
		}
	}
	consent := info.ConsentRequired
	if e := f.Match.Entry; e != nil {
		consent = e.Consent
	}
	consentText := t.UIConsentNotRequired
	if consent || !f.Match.Declared {
		consentText = t.UIConsentRequired
	}
	if note := info.ConsentNote.In(lang); note != "" && f.Match.Declared {
		consentText += " · " + note
	}
	add(t.UIDetConsent, consentText)
	lifetime := t.UILifetimeUnknown
	if e := f.Match.Entry; e != nil && e.Lifetime != nil {
		lifetime = fmt.Sprintf(t.UILifetimeDeclared, e.Lifetime.Label.In(lang))
	}
	add(t.UIDetLifetime, lifetime)
	add(t.UIDetExpires, expiryText(f, in, t))
	flags := []string{}
	if f.Secure {
		flags = append(flags, "Secure")
	}
	if f.HTTPOnly {
		flags = append(flags, "HttpOnly")
	}
	flags = append(flags, "SameSite="+f.SameSite.String())
	if f.Partitioned {
		flags = append(flags, "Partitioned")
	}
	add(t.UIDetFlags, strings.Join(flags, " · "))
	partition := t.UINone
	if f.PartitionSite != "" {
		partition = clean(f.PartitionSite)
		if f.ThirdParty {
			partition = fmt.Sprintf(t.UIThirdPartyOf, clean(f.PartitionSite))
		}
	}
	add(t.UIDetPartition, partition)
	if f.Container != "" {
		add(t.UIDetContainer, clean(f.Container))
	}
	add(t.UIDetBrowser, clean(f.Store.Browser))
	if f.Store.Profile != "" {
		add(t.UIDetProfile, clean(f.Store.Profile))
	}
	add(t.UIDetStore, clean(f.Store.Path), st.dim)
	if in.keptBy != nil {
		add(t.UIDetKeep, fmt.Sprintf(t.UIKeptBy, report.KeepRule(*in.keptBy)))
	} else {
		add(t.UIDetKeep, fmt.Sprintf(t.UINotKept, ruleHint(f.Cookie)))
	}
	for i, a := range in.audit {
		label := ""
		if i == 0 {
			label = t.UIDetAudit
		}
		style := st.dim
		if a.Severity == audit.Error {
			style = st.bold
		}
		msg := report.AuditMessage(t, in.lang, a, report.Audit{Site: in.site, Catalog: in.cat})
		add(label, fmt.Sprintf("%s (%s): %s", a.Rule, t.AuditSeverities[string(a.Severity)], msg), style)
	}
	return out
}

// keepTogether glues French punctuation to its word with no-break
// spaces, so that a wrapped line never starts with ":" or "»".
var keepTogether = strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!",
	"« ", "«\u00a0", " »", "\u00a0»")

// expiryText is the actual expiry, set against the declared lifetime.
func expiryText(f inspect.Finding, in detailInput, t *i18n.Strings) string {
	if f.Session {
		return t.Session
	}
	s := f.Expires.In(in.loc).Format("2006-01-02 15:04")
	left := f.Expires.Sub(in.now)
	switch {
	case f.Expired:
		s += " (" + t.Expired + ")"
	case left >= 48*time.Hour:
		s += " (" + t.N(t.UIInDays, calendarDays(in.now, f.Expires, in.loc)) + ")"
	case left >= 2*time.Hour:
		s += " (" + t.N(t.UIInHours, int(left.Hours())) + ")"
	case left > 0:
		s += " (" + t.N(t.UIInMinutes, int(left.Minutes())+1) + ")"
	}
	if e := f.Match.Entry; e != nil && e.Lifetime != nil && !e.Lifetime.Session && e.Lifetime.Duration > 0 {
		start := f.Created
		if start.IsZero() {
			start = in.now
		}
		// A day of slack: browsers and servers round expiry times.
		if f.Expires.Sub(start) > e.Lifetime.Duration+24*time.Hour {
			s += " · " + t.UILongerThanDeclared
		}
	}
	return s
}

// calendarDays counts the days from one date to the other in loc, so that
// "in 6 days" names the date six days on whatever the hours: a plain
// division of the duration said 5 when now had a few seconds past the
// minute the expiry shows.
func calendarDays(from, to time.Time, loc *time.Location) int {
	y1, m1, d1 := from.In(loc).Date()
	y2, m2, d2 := to.In(loc).Date()
	// Noon UTC on both dates: no daylight saving shift in between.
	a := time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC)
	b := time.Date(y2, m2, d2, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

func valueText(in detailInput, t *i18n.Strings) string {
	switch {
	case in.revealing:
		return t.UIRevealing
	case in.revealed == nil:
		return t.Masked + " · " + t.UIRevealHint
	case in.revealed.ValueState == inspect.ValueUndecryptable:
		if e := in.revealed.ValueErr; e != nil {
			return t.Undecryptable + ": " + clean(t.KeyringWhy(string(e.Reason), e.Detail)) + " · " + t.UIHideHint
		}
		return t.Undecryptable + " · " + t.UIHideHint
	}
	return clean(in.revealed.Value) + " · " + t.UIHideHint
}

// fitLines cuts lines to height, ending with a "more" line when cut.
func fitLines(lines []string, height int, more string) []string {
	if height <= 0 {
		return nil
	}
	if len(lines) <= height {
		return lines
	}
	out := append([]string(nil), lines[:height-1]...)
	return append(out, more)
}

// padRight pads s with spaces to width cells.
func padRight(s string, width int) string {
	if w := lipgloss.Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}
