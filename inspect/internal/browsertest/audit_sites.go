package browsertest

// Pages and cookies for the audit tests: cookies that trip each audit rule
// and cookies just inside each limit. None of the standard visits reach
// them, so the other tests' expectations do not change.

// Lifetimes of the audit cookies, in seconds.
const (
	// AuditOver13Months is asked for a statistics cookie; both browsers cap
	// it at 400 days, still past 13 calendar months (393 to 397 days).
	AuditOver13Months = 420 * day
	// AuditInside13Months is under 13 calendar months from any day.
	AuditInside13Months = 390 * day
	// AuditSessionidOver is past 1.5 times sessionid's declared 2 weeks
	// (21 days) by more than a day.
	AuditSessionidOver = 30 * day
	// AuditSessionidInside is an hour short of 21 days plus one day.
	AuditSessionidInside = 22*day - 60*60
	// AuditConsentInside is cookies_preferences' 274 days: under 1.5 times
	// its declared 6 months (273.9 days) plus one day.
	AuditConsentInside = 274 * day
)

var auditPages = []Page{
	{Host: HostData, Path: "/audit/before", Doc: "audit: audience cookies over and inside 13 months, before any consent"},
	{Host: HostData, Path: "/audit/consent", Doc: "audit: the consent record, cookies_preferences"},
	{Host: HostData, Path: "/audit/after", Embeds: []Embed{{Kind: "iframe", Host: HostTracker, Path: "/audit/frame"}},
		Doc: "audit (https): declared cookies past and inside their declared lifetimes, a session one declared persistent, a third party"},
	{Host: HostData, Path: "/audit/inside", Embeds: []Embed{{Kind: "iframe", Host: HostTracker, Path: "/audit/frame"}},
		Doc: "audit (https): sessionid just inside its declared lifetime, a third party"},
	{Host: HostTracker, Path: "/audit/frame", Doc: "audit: the tracker's CHIPS cookie"},
}

// The declared cookies keep the standard table's values, which tests look
// up by name.
var auditCookies = []CookieSpec{
	{Host: HostData, Page: "/audit/before", Name: "_pk_id.1.audit", Value: "audit-over", Path: "/", MaxAge: AuditOver13Months,
		Category: CategoryUndeclared, Doc: "Matomo-like visitor id asking 420 days"},
	{Host: HostData, Page: "/audit/before", Name: "_pk_id.1.inside", Value: "audit-inside", Path: "/", MaxAge: AuditInside13Months,
		Category: CategoryUndeclared, Doc: "Matomo-like visitor id of 390 days"},
	{Host: HostData, Page: "/audit/consent", Name: "cookies_preferences", Value: `{"necessary":true,"analytics":false}`, Path: "/",
		MaxAge: AuditConsentInside, Script: true, Category: CategoryNecessary, Doc: "the consent record, 274 days, from JS"},
	{Host: HostData, Page: "/audit/after", Name: "sessionid", Value: "s3ss10n1d0fgl", Path: "/", MaxAge: AuditSessionidOver, HTTPOnly: true,
		SameSite: "Lax", Category: CategoryNecessary, Doc: "sessionid for 30 days"},
	{Host: HostData, Page: "/audit/after", Name: "csrftoken", Value: "csrfT0kenOfgl0123456789", Path: "/", MaxAge: 200 * day,
		SameSite: "Lax", Category: CategoryNecessary, Doc: "csrftoken for 200 days, inside 1.5 x 12 months"},
	{Host: HostData, Page: "/audit/after", Name: "django_language", Value: "fr", Path: "/",
		Category: CategoryNecessary, Doc: "django_language as a session cookie, declared 12 months"},
	{Host: HostData, Page: "/audit/after", Name: "ofgl_after", Value: "after", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "undeclared, set after consent"},
	{Host: HostData, Page: "/audit/inside", Name: "sessionid", Value: "s3ss10n1d0fgl", Path: "/", MaxAge: AuditSessionidInside, HTTPOnly: true,
		SameSite: "Lax", Category: CategoryNecessary, Doc: "sessionid an hour inside 1.5 x 2 weeks + 1 day"},
	{Host: HostData, Page: "/audit/inside", Name: "ofgl_after", Value: "after", Path: "/", MaxAge: day,
		Category: CategoryUndeclared, Doc: "undeclared"},
	{Host: HostTracker, Page: "/audit/frame", Name: "trk_audit", Value: "chips", Path: "/", MaxAge: day, Secure: true, SameSite: "None",
		Partitioned: true, Category: CategoryThirdParty, Doc: "iframe: CHIPS, partitioned under https://ofgl.fr"},
}

func init() {
	pages = append(pages, auditPages...)
	cookies = append(cookies, auditCookies...)
}

// AuditConsentVisits builds a profile with a consent record: audience
// cookies, then consent, then the declared cookies and a third party.
func AuditConsentVisits() []Visit {
	return []Visit{
		{Scheme: "http", Host: HostData, Path: "/audit/before"},
		{Scheme: "http", Host: HostData, Path: "/audit/consent"},
		{Scheme: "https", Host: HostData, Path: "/audit/after"},
	}
}

// AuditNoConsentVisits builds a profile without a consent record.
func AuditNoConsentVisits() []Visit {
	return []Visit{
		{Scheme: "http", Host: HostData, Path: "/audit/before"},
		{Scheme: "https", Host: HostData, Path: "/audit/inside"},
	}
}
