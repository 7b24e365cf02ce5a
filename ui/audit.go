package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

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

// auditCell is the marker column: the worst severity among a cookie's
// findings.
func auditCell(fs []audit.Finding) string {
	switch audit.Worst(fs) {
	case audit.Error:
		return "✗"
	case audit.Warning:
		return "!"
	}
	return " "
}

// audited returns the non-essential cookies the audit names, in the
// findings' order: what c clears from the audit page.
func (m *Model) audited() []inspect.Finding {
	var out []inspect.Finding
	d := &m.data
	for i := range d.findings {
		if !d.findings[i].Match.Category.Essential() && len(d.audits[d.entries[i].key]) > 0 {
			out = append(out, d.findings[i])
		}
	}
	return out
}

// openAudit shows the audit page from its top.
func (m *Model) openAudit() {
	m.setState(stateAudit)
	m.auditV.GotoTop()
}

func (m Model) handleAuditKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Help):
		m.openHelp()
		return m, nil
	case key.Matches(msg, k.AuditClear):
		m.setState(stateBrowse)
		return m, m.askClearAudited()
	}
	if cmd := m.refuseIfHeld(msg); cmd != nil {
		return m, cmd
	}
	return m.handlePageKey(msg, k.Audit, func(m *Model) *viewport.Model { return &m.auditV })
}

// askClearAudited opens the confirmation for the non-essential cookies the
// audit names, less what the keep list keeps.
func (m *Model) askClearAudited() tea.Cmd {
	if cmd, busy := m.refuseWhileBusy(); busy {
		return cmd
	}
	if m.keep.err != nil {
		return m.setStatus(sprintf(m.t.UIKeepListBroken, m.keepErrorLine()), statusError)
	}
	chosen := m.audited()
	if len(chosen) == 0 {
		return m.setStatus(m.t.UINothingToClear, statusInfo)
	}
	remove, kept := splitKept(chosen, m.keep.rules)
	if len(remove) == 0 {
		return m.setStatus(m.t.UIAllKept, statusInfo)
	}
	m.openDialog(newConfirm(m.t.N(m.t.UIConfirmClear, len(remove)), remove, kept, m.keep.rules, m.t))
	return nil
}

// updateAuditView refills the audit page: a summary line per rule with
// the cookies it names, the total, and what c does.
func (m *Model) updateAuditView() {
	t, st := m.t, m.styles
	var all []audit.Finding
	for _, fs := range m.data.audits {
		all = append(all, fs...)
	}
	audit.Sort(all)
	summary := audit.Summary(all)
	var b strings.Builder
	errors := 0
	for _, r := range audit.Rules {
		line := fmt.Sprintf(t.AuditRuleLine, r, t.AuditRules[string(r)], t.AuditSeverities[string(r.Severity())], summary[r])
		if r.Severity() == audit.Error && summary[r] > 0 {
			line = st.bold.Render(line)
			errors += summary[r]
		}
		b.WriteString(line + "\n")
		for _, f := range all {
			if f.Rule == r {
				c := f.Cookie
				b.WriteString(st.dim.Render("    "+clean(browserKey{c.Store.Browser, c.Store.Profile}.String())+" · "+clean(c.Host)+" · ") +
					clean(c.Name) + "\n")
			}
		}
	}
	b.WriteString("\n" + t.AuditTotalLine(len(all), errors, len(all)-errors) + "\n")
	b.WriteString(st.dim.Render(t.N(t.UIAuditClearHint, len(m.audited()))))
	m.auditV.SetContent(b.String())
}
