// Package audit checks the cookies read from the browsers' stores against a
// site's charter and the CNIL's rules, and returns typed findings: a rule,
// a severity, the cookie's identity and the measured values. The words for
// people are the ui's job.
//
//	fs := audit.Run(res.Findings, cat, time.Now())
//	for _, f := range fs { fmt.Println(f.Rule, f.Cookie.Name, f.Lifetime) }
package audit

import (
	"sort"
	"strings"
	"time"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

// Rule identifies one audit rule; its string is the stable id of the JSON.
type Rule string

// The rules, in report order.
const (
	Undeclared            Rule = "undeclared"
	LifetimeOverDeclared  Rule = "lifetime-over-declared"
	AudienceOver13Months  Rule = "audience-over-13-months"
	ThirdParty            Rule = "third-party"
	NoConsentRecord       Rule = "no-consent-record"
	BeforeConsent         Rule = "before-consent"
	audienceLimitInMonths      = 13
)

// Rules lists every rule in report order.
var Rules = []Rule{Undeclared, LifetimeOverDeclared, AudienceOver13Months, ThirdParty, NoConsentRecord, BeforeConsent}

// Severity is how serious a finding is.
type Severity string

// Severities, from the least to the most serious.
const (
	Warning Severity = "warning"
	Error   Severity = "error"
)

// AtLeast reports whether s is as serious as min or more.
func (s Severity) AtLeast(min Severity) bool { return min == Warning || s == Error }

// Severity returns the rule's severity: an error only for an audience
// cookie past the CNIL's 13 months.
func (r Rule) Severity() Severity {
	if r == AudienceOver13Months {
		return Error
	}
	return Warning
}

// Mismatch says how a cookie's kind differs from its declared lifetime.
type Mismatch int

// Mismatch values of a lifetime-over-declared finding.
const (
	NoMismatch           Mismatch = iota // the measured lifetime is over 1.5 times the declared one
	PersistentNotSession                 // declared a session cookie, stored as persistent
	SessionNotPersistent                 // declared with a lifetime, stored as a session cookie
)

// Finding is one rule broken by one cookie.
type Finding struct {
	Rule     Rule
	Severity Severity
	Cookie   inspect.Finding // the cookie, its store and its charter match
	// Lifetime is expires - created, the store's own times, whatever the
	// rule; nil for a session cookie or a cookie without a creation time.
	Lifetime *time.Duration
	// Limit is the rule's limit: 13 calendar months from created
	// (audience-over-13-months), 1.5 times the declared lifetime
	// (lifetime-over-declared); nil for the other rules and mismatches.
	Limit *time.Duration
	// Declared is the charter's lifetime (lifetime-over-declared).
	Declared *catalog.Lifetime
	Mismatch Mismatch
	// Guessed is true when the rule applies through a guess at an
	// undeclared cookie's category (audience-over-13-months).
	Guessed bool
	// Consent is the consent record the finding is dated against
	// (before-consent).
	Consent *inspect.Finding
	// DomainCookie is true for a domain cookie (before-consent): another
	// site of the same domain may have set it.
	DomainCookie bool
}

// Measured returns f.Lifetime's value, or 0.
func (f Finding) Measured() time.Duration {
	if f.Lifetime == nil {
		return 0
	}
	return *f.Lifetime
}

// Run audits the cookies (as inspect.Read classified them against cat)
// and returns every finding, sorted by rule, then by cookie. now decides
// whether a consent record has expired.
func Run(cookies []inspect.Finding, cat *catalog.Catalog, now time.Time) []Finding {
	records := consentRecords(cookies, now)
	var out []Finding
	for i := range cookies {
		c := &cookies[i]
		add := func(f Finding) {
			f.Severity = f.Rule.Severity()
			f.Cookie = *c
			if d, ok := measured(c); ok && f.Lifetime == nil {
				f.Lifetime = &d
			}
			out = append(out, f)
		}
		if !c.Match.Declared {
			add(Finding{Rule: Undeclared})
		}
		if f, ok := lifetimeOverDeclared(c); ok {
			add(f)
		}
		if f, ok := audienceOver13Months(c); ok {
			add(f)
		}
		if c.ThirdParty || c.Match.Category == catalog.ThirdParty {
			add(Finding{Rule: ThirdParty})
		}
		if !c.Match.Category.Essential() {
			rec, ok := records[jar(c.Store)]
			switch {
			case !ok:
				add(Finding{Rule: NoConsentRecord})
			case !c.Created.IsZero() && c.Created.Before(rec.Created):
				r := rec
				add(Finding{Rule: BeforeConsent, Consent: &r, DomainCookie: strings.HasPrefix(c.Host, ".")})
			}
		}
	}
	Sort(out)
	return out
}

// jar names the cookie jar a store file belongs to: its browser profile
// (a Firefox profile keeps its session cookies in a session-store file
// beside cookies.sqlite, one jar in two files), else the file itself.
func jar(s inspect.StoreRef) string {
	if s.ProfileDir != "" {
		return s.Browser + "\x00" + s.ProfileDir
	}
	return s.Path
}

// consentRecords returns, per cookie jar, the consent record: the
// earliest created unexpired persistent cookie the charter marks as the
// visitor's choice, on a host the charter binds it to.
func consentRecords(cookies []inspect.Finding, now time.Time) map[string]inspect.Finding {
	recs := map[string]inspect.Finding{}
	for _, c := range cookies {
		if !c.Match.Declared || c.Match.Entry == nil || !c.Match.Entry.ConsentRecord ||
			c.ThirdParty || c.Session || c.Expires.IsZero() || c.Expired || !c.Expires.After(now) {
			continue
		}
		prev, ok := recs[jar(c.Store)]
		if !ok || earlier(c.Created, prev.Created) {
			recs[jar(c.Store)] = c
		}
	}
	return recs
}

// earlier orders creation times, an unknown (zero) one last.
func earlier(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return !a.IsZero() && b.IsZero()
	}
	return a.Before(b)
}

// measured returns expires - created for a persistent cookie with both
// times.
func measured(c *inspect.Finding) (time.Duration, bool) {
	if c.Session || c.Expires.IsZero() || c.Created.IsZero() {
		return 0, false
	}
	return c.Expires.Sub(c.Created), true
}

// lifetimeOverDeclared applies CookieBlock's rule: the measured lifetime
// exceeds 1.5 times the declared one by at least a day, or the cookie's
// kind (session, persistent) is not the declared one.
func lifetimeOverDeclared(c *inspect.Finding) (Finding, bool) {
	if !c.Match.Declared || c.Match.Entry == nil || c.Match.Entry.Lifetime == nil {
		return Finding{}, false
	}
	decl := c.Match.Entry.Lifetime
	f := Finding{Rule: LifetimeOverDeclared, Declared: decl}
	switch {
	case decl.Session && !c.Session:
		f.Mismatch = PersistentNotSession
		if d, ok := measured(c); ok {
			f.Lifetime = &d
		}
		return f, true
	case !decl.Session && c.Session:
		f.Mismatch = SessionNotPersistent
		return f, true
	case decl.Session:
		return Finding{}, false
	}
	d, ok := measured(c)
	if !ok {
		return Finding{}, false
	}
	limit := decl.Duration + decl.Duration/2
	if d-limit < 24*time.Hour {
		return Finding{}, false
	}
	f.Lifetime, f.Limit = &d, &limit
	return f, true
}

// audienceOver13Months applies the CNIL's limit to an audience cookie
// (statistics, declared or guessed): expires later than created plus 13
// calendar months.
func audienceOver13Months(c *inspect.Finding) (Finding, bool) {
	guessed := false
	switch {
	case c.Match.Declared && c.Match.Category == catalog.Statistics:
	case !c.Match.Declared && c.Match.Guess != nil && c.Match.Guess.Likely == catalog.Statistics:
		guessed = true
	default:
		return Finding{}, false
	}
	d, ok := measured(c)
	if !ok {
		return Finding{}, false
	}
	end := AddMonths(c.Created, audienceLimitInMonths)
	if !c.Expires.After(end) {
		return Finding{}, false
	}
	limit := end.Sub(c.Created)
	return Finding{Rule: AudienceOver13Months, Lifetime: &d, Limit: &limit, Guessed: guessed}, true
}

// AddMonths adds n calendar months to t in UTC, keeping the time of day and
// clamping the day to the target month's last day (January 31 plus one
// month is February 28 or 29).
func AddMonths(t time.Time, n int) time.Time {
	u := t.UTC()
	y, m, d := u.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, u.Hour(), u.Minute(), u.Second(), u.Nanosecond(), time.UTC)
}

// Sort orders findings by rule (Rules' order), then by cookie identity:
// browser, profile, store, host, name, path, partition.
func Sort(fs []Finding) {
	rank := map[Rule]int{}
	for i, r := range Rules {
		rank[r] = i
	}
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Rule != b.Rule {
			return rank[a.Rule] < rank[b.Rule]
		}
		return Less(a.Cookie.Cookie, b.Cookie.Cookie)
	})
}

// Less orders cookies by identity: browser, profile, store, host, name,
// path, partition.
func Less(a, b inspect.Cookie) bool {
	ka := []string{a.Store.Browser, a.Store.Profile, a.Store.Path, a.Host, a.Name, a.Path, a.PartitionSite}
	kb := []string{b.Store.Browser, b.Store.Profile, b.Store.Path, b.Host, b.Name, b.Path, b.PartitionSite}
	for i := range ka {
		if ka[i] != kb[i] {
			return ka[i] < kb[i]
		}
	}
	return false
}

// Summary counts findings per rule; every rule is present.
func Summary(fs []Finding) map[Rule]int {
	s := make(map[Rule]int, len(Rules))
	for _, r := range Rules {
		s[r] = 0
	}
	for _, f := range fs {
		s[f.Rule]++
	}
	return s
}

// Worst returns the most serious severity among fs, "" when fs is empty.
func Worst(fs []Finding) Severity {
	var w Severity
	for _, f := range fs {
		if f.Severity == Error {
			return Error
		}
		w = Warning
	}
	return w
}
