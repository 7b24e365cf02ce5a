package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/inspect/audit"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Audit is one site's audit, as every audit output shows it.
type Audit struct {
	Site      string
	Catalog   *catalog.Catalog
	Stores    []inspect.StoreStatus
	Findings  []audit.Finding
	Generated time.Time
}

// AuditSchemaVersion is the version of the audit JSON.
const AuditSchemaVersion = 1

// AuditJSONDoc is the JSON form of one audit. Every field but the
// findings' message and generated is the same in every language.
type AuditJSONDoc struct {
	SchemaVersion int                `json:"schema_version"`
	Generated     string             `json:"generated"`
	Site          string             `json:"site"`
	Catalog       AuditCatalogJSON   `json:"catalog"`
	Stores        []StoreJSON        `json:"stores"`
	Findings      []AuditFindingJSON `json:"findings"`
	Summary       map[string]int     `json:"summary"`
}

// AuditCatalogJSON names the charter an audit used.
type AuditCatalogJSON struct {
	Name   string `json:"name"`
	Site   string `json:"site"`
	Source string `json:"source"`
}

// AuditFindingJSON is the JSON form of one finding.
type AuditFindingJSON struct {
	Rule            string  `json:"rule"`
	Severity        string  `json:"severity"`
	Browser         string  `json:"browser"`
	Profile         string  `json:"profile"`
	Store           string  `json:"store"`
	Host            string  `json:"host"`
	Name            string  `json:"name"`
	Path            string  `json:"path"`
	PartitionSite   string  `json:"partition_site"`
	Created         *string `json:"created"`
	Expires         *string `json:"expires"`
	LifetimeSeconds *int64  `json:"lifetime_seconds"`
	LimitSeconds    *int64  `json:"limit_seconds"`
	Message         string  `json:"message"`
}

// AuditAllJSONDoc is the JSON of --all-portals: one audit per portal.
type AuditAllJSONDoc struct {
	SchemaVersion int            `json:"schema_version"`
	Generated     string         `json:"generated"`
	Audits        []AuditJSONDoc `json:"audits"`
}

func seconds(d *time.Duration) *int64 {
	if d == nil {
		return nil
	}
	s := int64(*d / time.Second)
	return &s
}

// ToAuditJSON converts an audit to its JSON form in lang.
func ToAuditJSON(a Audit, lang i18n.Lang) AuditJSONDoc {
	t := i18n.For(lang)
	doc := AuditJSONDoc{
		SchemaVersion: AuditSchemaVersion, Generated: a.Generated.UTC().Format(time.RFC3339), Site: a.Site,
		Catalog:  AuditCatalogJSON{Name: a.Catalog.Name(), Site: a.Catalog.Site.Host, Source: a.Catalog.Source},
		Stores:   make([]StoreJSON, 0, len(a.Stores)),
		Findings: make([]AuditFindingJSON, 0, len(a.Findings)),
		Summary:  map[string]int{},
	}
	for _, s := range a.Stores {
		doc.Stores = append(doc.Stores, storeJSON(s))
	}
	for _, f := range a.Findings {
		c := f.Cookie
		doc.Findings = append(doc.Findings, AuditFindingJSON{
			Rule: string(f.Rule), Severity: string(f.Severity),
			Browser: c.Store.Browser, Profile: c.Store.Profile, Store: c.Store.Path,
			Host: c.Host, Name: c.Name, Path: c.Path, PartitionSite: c.PartitionSite,
			Created: auditRFC3339(c.Created), Expires: auditRFC3339(c.Expires),
			LifetimeSeconds: seconds(f.Lifetime), LimitSeconds: seconds(f.Limit),
			Message: AuditMessage(t, lang, f, a),
		})
	}
	for r, n := range audit.Summary(a.Findings) {
		doc.Summary[string(r)] = n
	}
	return doc
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// AuditJSON prints one audit as JSON.
func AuditJSON(w io.Writer, a Audit, lang i18n.Lang) error {
	return encodeJSON(w, ToAuditJSON(a, lang))
}

// AuditAllJSON prints the audits of several portals as one JSON document.
func AuditAllJSON(w io.Writer, as []Audit, generated time.Time, lang i18n.Lang) error {
	doc := AuditAllJSONDoc{SchemaVersion: AuditSchemaVersion, Generated: generated.UTC().Format(time.RFC3339), Audits: []AuditJSONDoc{}}
	for _, a := range as {
		doc.Audits = append(doc.Audits, ToAuditJSON(a, lang))
	}
	return encodeJSON(w, doc)
}

// auditRFC3339 is RFC 3339 in UTC down to the microsecond the stores keep
// (trailing zeros dropped): creation order within a second is evidence.
func auditRFC3339(tm time.Time) *string {
	if tm.IsZero() {
		return nil
	}
	s := tm.UTC().Format("2006-01-02T15:04:05.999999Z07:00")
	return &s
}

// auditTime shows a store time in UTC, the same for every reader, down to
// the microsecond when the time has one.
func auditTime(tm time.Time) string {
	if tm.IsZero() {
		return "—"
	}
	return tm.UTC().Format("2006-01-02 15:04:05.999999 UTC")
}

// auditDuration shows a lifetime in days (hours when under two days), with
// one decimal when not whole, in lang's decimal sign.
func auditDuration(t *i18n.Strings, lang i18n.Lang, d time.Duration) string {
	format, n := t.AuditDays, d.Hours()/24
	if d < 48*time.Hour {
		format, n = t.AuditHours, d.Hours()
	}
	s := strconv.FormatFloat(n, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if lang == i18n.French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return fmt.Sprintf(format, s)
}

func durationOrDash(t *i18n.Strings, lang i18n.Lang, d *time.Duration) string {
	if d == nil {
		return "—"
	}
	return auditDuration(t, lang, *d)
}

// consentRecordName names the charter's consent cookie, or "—".
func consentRecordName(c *catalog.Catalog) string {
	if e := c.ConsentRecord(); e != nil {
		return e.Name
	}
	return "—"
}

// AuditMessage says in lang what a finding found, with its evidence.
func AuditMessage(t *i18n.Strings, lang i18n.Lang, f audit.Finding, a Audit) string {
	c := f.Cookie
	l := string(lang)
	switch f.Rule {
	case audit.Undeclared:
		msg := t.AuditMsgUndeclared
		if g := c.Match.Guess; g != nil {
			msg += fmt.Sprintf(t.AuditMsgGuess, g.Provider, g.What.In(l), t.Category(g.Likely))
		}
		return msg
	case audit.LifetimeOverDeclared:
		switch f.Mismatch {
		case audit.PersistentNotSession:
			return fmt.Sprintf(t.AuditMsgPersistentNotSession, durationOrDash(t, lang, f.Lifetime))
		case audit.SessionNotPersistent:
			return fmt.Sprintf(t.AuditMsgSessionNotPersistent, f.Declared.Label.In(l))
		}
		return fmt.Sprintf(t.AuditMsgOverDeclared, auditDuration(t, lang, f.Measured()), f.Declared.Label.In(l),
			durationOrDash(t, lang, f.Limit))
	case audit.AudienceOver13Months:
		kind := t.AuditStatistics
		if f.Guessed {
			kind = t.AuditStatisticsGuessed
		}
		return fmt.Sprintf(t.AuditMsgAudience, kind, auditDuration(t, lang, f.Measured()), durationOrDash(t, lang, f.Limit))
	case audit.ThirdParty:
		if c.PartitionSite != "" {
			return fmt.Sprintf(t.AuditMsgThirdPartyPartitioned, Clean(c.Host), Clean(c.PartitionSite))
		}
		return fmt.Sprintf(t.AuditMsgThirdPartyDeclared, Clean(c.Host), a.Site)
	case audit.NoConsentRecord:
		return fmt.Sprintf(t.AuditMsgNoConsent, t.MatchCategory(c.Match), consentRecordName(a.Catalog), a.Site)
	case audit.BeforeConsent:
		msg := fmt.Sprintf(t.AuditMsgBeforeConsent, auditTime(c.Created), f.Consent.Name, auditTime(f.Consent.Created))
		if f.DomainCookie {
			msg += fmt.Sprintf(t.AuditMsgBeforeConsentDomain, Clean(strings.TrimPrefix(c.Host, ".")))
		}
		return msg
	}
	return string(f.Rule)
}

// AuditSource cites where a rule comes from.
func AuditSource(t *i18n.Strings, r audit.Rule, cat *catalog.Catalog) string {
	s := t.AuditSources[string(r)]
	if !strings.Contains(s, "%s") {
		return s
	}
	arg := cat.Source
	switch r {
	case audit.NoConsentRecord, audit.BeforeConsent:
		arg = consentRecordName(cat) + " — " + cat.Source
	case audit.LifetimeOverDeclared:
		arg = lifetimeSources(cat)
	}
	return fmt.Sprintf(s, arg)
}

// lifetimeSources lists where the charter's declared lifetimes come from,
// each once: a charter may borrow them from another text.
func lifetimeSources(cat *catalog.Catalog) string {
	var out []string
	seen := map[string]bool{}
	for _, e := range cat.Entries {
		if e.Lifetime != nil && !seen[e.Lifetime.Source] {
			seen[e.Lifetime.Source] = true
			out = append(out, e.Lifetime.Source)
		}
	}
	if len(out) == 0 {
		return cat.Source
	}
	return strings.Join(out, " | ")
}

// cookieIdentity names a cookie by its full identity on one line.
func cookieIdentity(c inspect.Cookie) string {
	parts := []string{c.Store.Browser}
	if c.Store.Profile != "" {
		parts = append(parts, c.Store.Profile)
	}
	parts = append(parts, Clean(c.Host), Clean(c.Name), Clean(c.Path))
	if c.PartitionSite != "" {
		parts = append(parts, "⟂ "+Clean(c.PartitionSite))
	}
	return strings.Join(parts, " · ")
}

// counts returns the number of findings, errors and warnings.
func counts(fs []audit.Finding) (total, errors, warnings int) {
	for _, f := range fs {
		if f.Severity == audit.Error {
			errors++
		} else {
			warnings++
		}
	}
	return len(fs), errors, warnings
}

func storeCounts(stores []inspect.StoreStatus) (read, failed int) {
	for _, s := range stores {
		if s.OK {
			read++
		} else {
			failed++
		}
	}
	return read, failed
}

// AuditText prints an audit for a terminal: grouped by rule, then by
// cookie, a summary line per rule and a total. Values are never shown.
func AuditText(w io.Writer, a Audit, o Options) error {
	t := i18n.For(o.Lang)
	st := newStyles(o.Color)
	var b strings.Builder
	fmt.Fprintln(&b, fmt.Sprintf(t.AuditTitle, a.Site))
	fmt.Fprintln(&b, fmt.Sprintf(t.AuditCharter, a.Catalog.Name(), a.Catalog.Source))
	read, failed := storeCounts(a.Stores)
	fmt.Fprintln(&b, t.AuditStoresCount(read, failed))
	summary := audit.Summary(a.Findings)
	for _, r := range audit.Rules {
		sev := t.AuditSeverities[string(r.Severity())]
		line := fmt.Sprintf(t.AuditRuleLine, r, t.AuditRules[string(r)], sev, summary[r])
		if summary[r] > 0 && r.Severity() == audit.Error {
			line = st.undeclared.Render(line)
		}
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, line)
		for _, f := range a.Findings {
			if f.Rule != r {
				continue
			}
			fmt.Fprintln(&b, "  "+cookieIdentity(f.Cookie.Cookie))
			fmt.Fprintln(&b, "    "+AuditMessage(t, o.Lang, f, a))
		}
	}
	fmt.Fprintln(&b)
	total, errs, warns := counts(a.Findings)
	if total == 0 {
		fmt.Fprintln(&b, t.AuditNoFinding)
	} else {
		fmt.Fprintln(&b, t.AuditTotalLine(total, errs, warns))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
