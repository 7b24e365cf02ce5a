// Package report prints findings and stores for the command line: an
// aligned table (plain when piped, coloured only on a terminal that allows
// it), JSON, and Netscape cookies.txt.
//
//	report.Table(w, findings, statuses, report.Options{Lang: i18n.English, Site: "data.ofgl.fr"})
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Options shape the printed output.
type Options struct {
	Lang       i18n.Lang
	Site       string
	ShowValues bool
	Color      bool // emit ANSI styles; callers decide from the terminal and NO_COLOR
	// Location shows expiry times; nil means the local time zone.
	Location *time.Location
}

// SchemaVersion is the version of the JSON `list --json` prints, in every
// object's schema_version. Version 2 made it independent of the language:
// both texts of the charter, a category with its source, lifetimes in
// seconds and ISO 8601.
const SchemaVersion = 2

// Cookie is the JSON form of one finding. No field depends on the
// interface language: texts come in both languages, the rest are tokens.
type Cookie struct {
	SchemaVersion int    `json:"schema_version"`
	Browser       string `json:"browser"`
	Profile       string `json:"profile"`
	Store         string `json:"store"`
	Host          string `json:"host"`
	Name          string `json:"name"`
	Path          string `json:"path"`
	// Category is the charter's category, else the one a partition or a
	// guess places the cookie in, else "undeclared"; CategorySource says
	// which ("charter", "partition", "guess", "none"). Declared is true
	// only for the charter's.
	Category        catalog.Category       `json:"category"`
	CategorySource  catalog.CategorySource `json:"category_source"`
	Declared        bool                   `json:"declared"`
	Provider        string                 `json:"provider"`   // the charter's; "" when undeclared
	ServiceFR       string                 `json:"service_fr"` // the charter's text
	ServiceEN       string                 `json:"service_en"` // its translation
	PurposeFR       string                 `json:"purpose_fr"`
	PurposeEN       string                 `json:"purpose_en"`
	ConsentRequired bool                   `json:"consent_required"`
	DeclaredLife    *LifetimeJSON          `json:"declared_lifetime,omitempty"`
	Guess           *Guess                 `json:"guess,omitempty"`
	Expires         *string                `json:"expires"`
	Created         *string                `json:"created,omitempty"`
	Session         bool                   `json:"session"`
	Expired         bool                   `json:"expired,omitempty"`
	Secure          bool                   `json:"secure"`
	HTTPOnly        bool                   `json:"http_only"`
	SameSite        string                 `json:"same_site"`
	PartitionSite   string                 `json:"partition_site"`
	Partitioned     bool                   `json:"partitioned"`
	ThirdParty      bool                   `json:"third_party"`
	Container       string                 `json:"container,omitempty"`
	Value           *string                `json:"value,omitempty"`
	ValueState      string                 `json:"value_state,omitempty"`
	ValueError      string                 `json:"value_error,omitempty"` // why undecryptable: a stable inspect.KeyringReason token
	Chromium        *chromeKey             `json:"chromium,omitempty"`
	Firefox         *foxKey                `json:"firefox,omitempty"`
}

// LifetimeJSON is the lifetime the charter declares.
type LifetimeJSON struct {
	Session bool   `json:"session"`
	Seconds int64  `json:"seconds"` // 0 for a session cookie; a month is 1/12 of 365.2425 days
	ISO8601 string `json:"iso8601"` // as the charter states it: "P2W", "P12M"; "" for a session cookie
	Source  string `json:"source"`  // where the figure comes from
}

// Guess is what an undeclared cookie probably is; never a declaration.
type Guess struct {
	Provider string           `json:"provider"`
	WhatFR   string           `json:"what_fr"` // "" when the source has no French text
	WhatEN   string           `json:"what_en"`
	Likely   catalog.Category `json:"likely_category"` // "undeclared" when the source suggests none
	Source   string           `json:"source"`          // "ofgl-cookies" or "open-cookie-database"
}

type chromeKey struct {
	TopFrameSiteKey      string `json:"top_frame_site_key"`
	HasCrossSiteAncestor int64  `json:"has_cross_site_ancestor"`
	SourceScheme         int64  `json:"source_scheme"`
	SourcePort           int64  `json:"source_port"`
	IsPersistent         bool   `json:"is_persistent"`
}

type foxKey struct {
	OriginAttributes string `json:"origin_attributes"`
	UserContextID    int    `json:"user_context_id"`
	PartitionKey     string `json:"partition_key,omitempty"`
}

func rfc3339(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// ToJSON converts a finding to its JSON form, the same in every language.
func ToJSON(f inspect.Finding, showValues bool) Cookie {
	c := Cookie{
		SchemaVersion: SchemaVersion,
		Browser:       f.Store.Browser, Profile: f.Store.Profile, Store: f.Store.Path,
		Host: f.Host, Name: f.Name, Path: f.Path,
		Category: f.Match.Category, CategorySource: f.Match.Source, Declared: f.Match.Declared,
		Expires: rfc3339(f.Expires), Created: rfc3339(f.Created),
		Session: f.Session, Expired: f.Expired, Secure: f.Secure, HTTPOnly: f.HTTPOnly,
		SameSite: f.SameSite.String(), PartitionSite: f.PartitionSite, Partitioned: f.Partitioned, ThirdParty: f.ThirdParty,
		Container: f.Container,
	}
	if e := f.Match.Entry; e != nil {
		c.Provider, c.ConsentRequired = e.Provider, e.Consent
		c.ServiceFR, c.ServiceEN = e.Service.FR, e.Service.EN
		c.PurposeFR, c.PurposeEN = e.Purpose.FR, e.Purpose.EN
		if l := e.Lifetime; l != nil {
			c.DeclaredLife = &LifetimeJSON{Session: l.Session, Seconds: l.Seconds(), ISO8601: l.ISO8601, Source: l.Source}
		}
	} else {
		c.ConsentRequired = true // the charter asks no consent only for what it declares necessary
	}
	if g := f.Match.Guess; g != nil {
		c.Guess = &Guess{Provider: g.Provider, WhatFR: g.What.FR, WhatEN: g.What.EN, Likely: g.Likely, Source: string(g.Origin)}
	}
	if showValues {
		switch f.ValueState {
		case inspect.ValueShown:
			v := f.Value
			c.Value = &v
		case inspect.ValueUndecryptable:
			c.ValueState = "undecryptable"
			if f.ValueErr != nil {
				c.ValueError = string(f.ValueErr.Reason)
			}
		}
	}
	if k := f.Chromium; k != nil {
		c.Chromium = &chromeKey{k.TopFrameSiteKey, k.HasCrossSiteAncestor, k.SourceScheme, k.SourcePort, k.IsPersistent}
	}
	if k := f.Firefox; k != nil {
		c.Firefox = &foxKey{k.OriginAttributes, k.UserContextID, k.PartitionKey}
	}
	return c
}

// JSON prints the findings as one JSON array. o.Lang does not change it.
func JSON(w io.Writer, findings []inspect.Finding, o Options) error {
	out := make([]Cookie, 0, len(findings))
	for _, f := range findings {
		out = append(out, ToJSON(f, o.ShowValues))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Netscape writes a cookies.txt of the findings whose value is known, and
// returns how many were left out because their value is not.
func Netscape(w io.Writer, findings []inspect.Finding) (skipped int, err error) {
	cookies := make([]inspect.Cookie, len(findings))
	for i, f := range findings {
		cookies[i] = f.Cookie
	}
	return inspect.WriteNetscape(w, cookies)
}

// styles colour category names; plain when colour is off.
type styles struct{ necessary, nonEssential, undeclared, dim, bold lipgloss.Style }

func newStyles(on bool) styles {
	if !on {
		p := lipgloss.NewStyle()
		return styles{p, p, p, p, p}
	}
	// The categories' colours do not depend on the background.
	pal := NewPalette(true)
	return styles{
		necessary:    lipgloss.NewStyle().Foreground(pal.Necessary),
		nonEssential: lipgloss.NewStyle().Foreground(pal.NonEssential),
		undeclared:   lipgloss.NewStyle().Foreground(pal.Undeclared).Bold(true),
		dim:          lipgloss.NewStyle().Faint(true),
		bold:         lipgloss.NewStyle().Bold(true),
	}
}

// Table prints the findings grouped by store, with a summary line first.
// Colour never carries meaning alone: the words are always there.
func Table(w io.Writer, findings []inspect.Finding, stores []inspect.StoreStatus, o Options) error {
	t := i18n.For(o.Lang)
	st := newStyles(o.Color)
	if len(findings) == 0 {
		fmt.Fprintf(w, t.SummaryNone+"\n", o.Site, t.StoreCount(len(stores)))
		return nil
	}
	fmt.Fprintln(w, st.bold.Render(fmt.Sprintf(t.Summary, o.Site, t.CookieCount(len(findings)), t.StoreCount(countStores(findings)))))
	fmt.Fprintln(w, CountLine(t, inspect.CountCategories(findings, inspect.Filter{})))
	var (
		last string
		rows [][]string
	)
	flush := func() {
		writeAligned(w, "  ", rows)
		rows = nil
	}
	for _, f := range findings {
		key := f.Store.Browser + "\x00" + f.Store.Profile + "\x00" + f.Store.Path
		if key != last {
			flush()
			last = key
			fmt.Fprintln(w)
			fmt.Fprintln(w, st.bold.Render(storeTitle(f.Store)))
			cols := []string{t.ColName, t.ColHost, t.ColPath, t.ColCategory, t.ColDeclared, t.ColProvider, t.ColPurpose, t.ColExpires}
			if o.ShowValues {
				cols = append(cols, t.ColValue)
			}
			rows = append(rows, cols)
		}
		rows = append(rows, row(f, t, st, o))
	}
	flush()
	return nil
}

// writeAligned pads cells to their column's display width. Unlike
// text/tabwriter it measures styled cells without their ANSI codes.
func writeAligned(w io.Writer, indent string, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-lipgloss.Width(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func row(f inspect.Finding, t *i18n.Strings, st styles, o Options) []string {
	lang := string(o.Lang)
	cat := t.MatchCategory(f.Match)
	switch {
	case !f.Match.Declared:
		cat = st.undeclared.Render(cat)
	case f.Match.Category.Essential():
		cat = st.necessary.Render(cat)
	default:
		cat = st.nonEssential.Render(cat)
	}
	declared, provider, purpose := t.No, t.UnknownProvider, t.UnknownPurpose
	if e := f.Match.Entry; e != nil {
		declared, provider, purpose = t.Yes, e.Provider, e.Purpose.In(lang)
	} else if g := f.Match.Guess; g != nil {
		if g.Provider != "" {
			provider = g.Provider + " (" + t.Guess + ")"
		}
		if w := g.What.In(lang); w != "" {
			purpose = w
		}
	}
	host := f.Host
	if f.PartitionSite != "" {
		host += " [" + f.PartitionSite + "]"
	}
	if f.Container != "" {
		host += " {" + f.Container + "}"
	}
	expires := t.Session
	if !f.Session {
		loc := o.Location
		if loc == nil {
			loc = time.Local
		}
		expires = f.Expires.In(loc).Format("2006-01-02 15:04")
		if f.Expired {
			expires += " (" + t.Expired + ")"
		}
	}
	cols := []string{Clean(f.Name), Clean(host), Clean(f.Path), cat, declared, provider, purpose, expires}
	if o.ShowValues {
		switch f.ValueState {
		case inspect.ValueShown:
			cols = append(cols, Clean(f.Value))
		case inspect.ValueUndecryptable:
			cols = append(cols, t.Undecryptable)
		default:
			cols = append(cols, t.Masked)
		}
	}
	return cols
}

// Clean keeps control characters of stored names and values from driving
// the terminal or breaking the columns: each becomes '?'.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

func storeTitle(s inspect.StoreRef) string {
	parts := []string{s.Browser}
	if s.Profile != "" {
		parts = append(parts, s.Profile)
	}
	parts = append(parts, s.Path)
	return strings.Join(parts, " · ")
}

func countStores(findings []inspect.Finding) int {
	seen := map[string]bool{}
	for _, f := range findings {
		seen[f.Store.Path] = true
	}
	return len(seen)
}

// StoreJSON is the JSON form of one store's status.
type StoreJSON struct {
	Browser string `json:"browser"`
	Profile string `json:"profile"`
	Store   string `json:"store"`
	Kind    string `json:"kind"`
	OK      bool   `json:"ok"`
	Cookies int    `json:"cookies"`
	Error   string `json:"error,omitempty"`
	Note    string `json:"note,omitempty"`
}

// storeJSON is one store's JSON: it keeps English words, whatever the
// language.
func storeJSON(s inspect.StoreStatus) StoreJSON {
	en := i18n.For(i18n.English)
	return StoreJSON{s.Browser, s.Profile, s.Path, string(s.Kind), s.OK, s.Count, en.Error(s.Err), en.Note(s.Note)}
}

// StoresJSON prints the stores as a JSON array.
func StoresJSON(w io.Writer, stores []inspect.StoreStatus) error {
	out := make([]StoreJSON, 0, len(stores))
	for _, s := range stores {
		out = append(out, storeJSON(s))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Stores prints every store found, with its status.
func Stores(w io.Writer, stores []inspect.StoreStatus, o Options) error {
	t := i18n.For(o.Lang)
	st := newStyles(o.Color)
	if len(stores) == 0 {
		fmt.Fprintln(w, t.NoStores)
		return nil
	}
	rows := [][]string{{t.ColBrowser, t.ColProfile, t.ColStatus, t.ColStore}}
	for _, s := range stores {
		status := fmt.Sprintf(t.StoreRead, t.CookieCount(s.Count))
		if !s.OK {
			status = st.undeclared.Render(fmt.Sprintf(t.StoreFailed, t.Error(s.Err)))
		} else if s.Note != "" {
			status += " (" + t.Note(s.Note) + ")"
		}
		rows = append(rows, []string{s.Browser, s.Profile, status, s.Path})
	}
	writeAligned(w, "", rows)
	return nil
}
