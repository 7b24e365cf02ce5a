package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// SyntaxError is a problem in a charter file, at one line. The CLI exits 2
// on it.
type SyntaxError struct {
	File string // the name given to Parse, the path given to Load
	Line int    // 1-based
	Msg  string // one line
}

// Error returns "File:Line: Msg", the form editors and compilers use.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// maxCharterSize bounds what Parse reads; a real charter is a few KiB.
const maxCharterSize = 1 << 20

// Load reads and parses the charter file at path. A malformed file gives a
// *SyntaxError; a file that cannot be read gives a one-line error such as
// "catalog: open x: no such file or directory".
func Load(path string) (*Catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	defer f.Close()
	return Parse(path, f)
}

// Parse parses a charter in the format documented at the top of
// charters/data.ofgl.fr.charter. name is used in error messages. Syntax
// problems are returned as *SyntaxError; Parse never panics.
func Parse(name string, r io.Reader) (*Catalog, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCharterSize+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: read %s: %w", name, err)
	}
	if len(data) > maxCharterSize {
		line := bytes.Count(data[:maxCharterSize], []byte("\n")) + 1
		return nil, &SyntaxError{name, line, "file larger than 1 MiB; a charter is a few KiB"}
	}
	p := &parser{name: name, cat: &Catalog{Categories: builtinCategories(), name: name}}
	if err := p.parse(data); err != nil {
		return nil, err
	}
	return p.cat, nil
}

// Keys allowed before the first section and in each kind of section.
var (
	topKeys      = []string{"site", "source"}
	categoryKeys = []string{"label.fr", "label.en", "definition.fr", "definition.en", "consent", "consent.note.fr", "consent.note.en"}
	cookieKeys   = []string{"provider", "service", "service.en", "purpose.fr", "purpose.en", "category", "consent", "lifetime", "lifetime.source", "host", "consent.record"}
)

type value struct {
	text string
	line int
}

// section is one "[kind arg]" block as read, checked when it ends.
type section struct {
	kind string // "" for the lines before the first header
	arg  string
	line int
	keys map[string]value
}

type parser struct {
	name       string
	cat        *Catalog
	siteSeen   bool
	firstLine  int // first line that is not blank or a comment
	categories map[Category]int
	cookies    map[string]int // name + "\x00" + host -> line
}

func (p *parser) errorf(line int, format string, args ...any) error {
	return &SyntaxError{File: p.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse(data []byte) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // editors on Windows add a BOM
	p.categories = map[Category]int{}
	p.cookies = map[string]int{}
	var entries []*entryDraft
	cur := &section{keys: map[string]value{}}
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		n := i + 1
		raw = strings.TrimSuffix(raw, "\r")
		if !utf8.ValidString(raw) {
			return p.errorf(n, "invalid UTF-8; save the file as UTF-8")
		}
		for _, r := range raw {
			if r < 0x20 && r != '\t' || r == 0x7f {
				return p.errorf(n, "control character %U in line", r)
			}
		}
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if p.firstLine == 0 {
			p.firstLine = n
		}
		if line[0] == '[' {
			e, err := p.endSection(cur)
			if err != nil {
				return err
			}
			if e != nil {
				entries = append(entries, e)
			}
			if cur, err = p.header(line, n); err != nil {
				return err
			}
			continue
		}
		if err := p.keyLine(cur, line, n); err != nil {
			return err
		}
	}
	e, err := p.endSection(cur)
	if err != nil {
		return err
	}
	if e != nil {
		entries = append(entries, e)
	}
	if p.firstLine == 0 {
		return p.errorf(1, "empty charter: it needs at least a \"site = HOST\" line")
	}
	if !p.siteSeen {
		return p.errorf(p.firstLine, "no \"site = HOST\" line before the first section")
	}
	// Defaults that depend on the whole file: a cookie's consent follows its
	// category's, whose section may come later.
	p.cat.Entries = make([]Entry, 0, len(entries))
	for _, d := range entries {
		if !d.consentSet {
			d.e.Consent = p.cat.Categories[d.e.Category].ConsentRequired
		}
		if d.e.Lifetime != nil && d.e.Lifetime.Source == "" {
			d.e.Lifetime.Source = "the charter"
			if p.cat.Source != "" {
				d.e.Lifetime.Source = p.cat.Source
			}
		}
		p.cat.Entries = append(p.cat.Entries, d.e)
	}
	return nil
}

// header parses "[kind arg]".
func (p *parser) header(line string, n int) (*section, error) {
	if line[len(line)-1] != ']' {
		return nil, p.errorf(n, "section header must end with \"]\"")
	}
	fields := strings.Fields(line[1 : len(line)-1])
	if len(fields) == 0 {
		return nil, p.errorf(n, "empty section header (want [cookie NAME] or [category NAME])")
	}
	kind, arg := asciiLower(fields[0]), ""
	if len(fields) > 1 {
		arg = fields[1]
	}
	if kind != "cookie" && kind != "category" {
		return nil, p.errorf(n, "unknown section %s (want [cookie NAME] or [category NAME])", quoteShort(kind))
	}
	if !p.siteSeen {
		return nil, p.errorf(n, "no \"site = HOST\" line before the first section")
	}
	if len(fields) > 2 {
		return nil, p.errorf(n, "a %s name is one word, without spaces", kind)
	}
	if arg == "" {
		return nil, p.errorf(n, "[%s] needs a name, e.g. [%s]", kind, map[string]string{"cookie": "cookie sessionid", "category": "category necessary"}[kind])
	}
	return &section{kind: kind, arg: arg, line: n, keys: map[string]value{}}, nil
}

// keyLine parses "key = value" into the current section.
func (p *parser) keyLine(s *section, line string, n int) error {
	k, v, ok := strings.Cut(line, "=")
	if !ok {
		return p.errorf(n, "expected \"key = value\", \"[section]\" or a \"#\" comment")
	}
	key := asciiLower(strings.TrimSpace(k))
	v = strings.TrimSpace(v)
	if key == "" {
		return p.errorf(n, "missing key before \"=\"")
	}
	allowed := topKeys
	switch s.kind {
	case "category":
		allowed = categoryKeys
	case "cookie":
		allowed = cookieKeys
	}
	if !contains(allowed, key) {
		if s.kind == "" && (contains(cookieKeys, key) || contains(categoryKeys, key)) {
			return p.errorf(n, "key %s outside a section: put it under a [cookie NAME] or [category NAME] header", quoteShort(key))
		}
		where := "before the first section"
		if s.kind != "" {
			where = "in a [" + s.kind + "] section"
		}
		return p.errorf(n, "unknown key %s %s (allowed: %s)", quoteShort(key), where, strings.Join(allowed, ", "))
	}
	if prev, dup := s.keys[key]; dup {
		return p.errorf(n, "duplicate key %s (first at line %d)", quoteShort(key), prev.line)
	}
	if v == "" {
		return p.errorf(n, "empty value for %s; remove the line instead", quoteShort(key))
	}
	s.keys[key] = value{v, n}
	if s.kind == "" {
		return p.topKey(key, v, n)
	}
	return nil
}

func (p *parser) topKey(key, v string, n int) error {
	switch key {
	case "site":
		site, err := NewSite(v)
		if err != nil {
			return p.errorf(n, "%v", err)
		}
		p.cat.Site = site
		p.siteSeen = true
	case "source":
		p.cat.Source = v
	}
	return nil
}

type entryDraft struct {
	e          Entry
	consentSet bool
}

// endSection checks a finished section and records it. It returns the
// cookie entry for a cookie section.
func (p *parser) endSection(s *section) (*entryDraft, error) {
	switch s.kind {
	case "category":
		return nil, p.endCategory(s)
	case "cookie":
		return p.endCookie(s)
	}
	return nil, nil
}

func (p *parser) endCategory(s *section) error {
	c, err := ParseCategory(s.arg)
	if err != nil {
		return p.errorf(s.line, "%v", err)
	}
	if prev, dup := p.categories[c]; dup {
		return p.errorf(s.line, "duplicate [category %s] (first at line %d)", c, prev)
	}
	p.categories[c] = s.line
	info := p.cat.Categories[c]
	set := func(dst *string, key string) {
		if v, ok := s.keys[key]; ok {
			*dst = v.text
		}
	}
	set(&info.Label.FR, "label.fr")
	set(&info.Label.EN, "label.en")
	set(&info.Definition.FR, "definition.fr")
	set(&info.Definition.EN, "definition.en")
	set(&info.ConsentNote.FR, "consent.note.fr")
	set(&info.ConsentNote.EN, "consent.note.en")
	if v, ok := s.keys["consent"]; ok {
		b, err := parseBool(v.text)
		if err != nil {
			return p.errorf(v.line, "consent: %v", err)
		}
		info.ConsentRequired = b
	}
	p.cat.Categories[c] = info
	return nil
}

func (p *parser) endCookie(s *section) (*entryDraft, error) {
	name := s.arg
	if err := checkCookieName(name); err != nil {
		return nil, p.errorf(s.line, "%v", err)
	}
	d := &entryDraft{e: Entry{Name: name, Line: s.line}}
	e := &d.e
	for _, req := range []string{"provider", "category"} {
		if _, ok := s.keys[req]; !ok {
			return nil, p.errorf(s.line, "[cookie %s] is missing the required key %q", name, req)
		}
	}
	_, fr := s.keys["purpose.fr"]
	_, en := s.keys["purpose.en"]
	if !fr && !en {
		return nil, p.errorf(s.line, "[cookie %s] is missing the required key \"purpose.fr\" (or \"purpose.en\")", name)
	}
	e.Provider = s.keys["provider"].text
	e.Service = Text{s.keys["service"].text, s.keys["service.en"].text}
	if v, ok := s.keys["service.en"]; ok && e.Service.FR == "" {
		return nil, p.errorf(v.line, "service.en without service (the charter's own text)")
	}
	e.Purpose = Text{s.keys["purpose.fr"].text, s.keys["purpose.en"].text}
	cv := s.keys["category"]
	c, err := ParseCategory(cv.text)
	if err != nil {
		return nil, p.errorf(cv.line, "category: %v", err)
	}
	if c == Undeclared {
		return nil, p.errorf(cv.line, "category: a declared cookie cannot be \"undeclared\"")
	}
	e.Category = c
	if v, ok := s.keys["consent"]; ok {
		b, err := parseBool(v.text)
		if err != nil {
			return nil, p.errorf(v.line, "consent: %v", err)
		}
		e.Consent, d.consentSet = b, true
	}
	if v, ok := s.keys["lifetime"]; ok {
		lt, err := parseLifetime(v.text)
		if err != nil {
			return nil, p.errorf(v.line, "%v", err)
		}
		lt.Source = s.keys["lifetime.source"].text
		e.Lifetime = &lt
	} else if v, ok := s.keys["lifetime.source"]; ok {
		return nil, p.errorf(v.line, "lifetime.source without a lifetime")
	}
	if v, ok := s.keys["consent.record"]; ok {
		b, err := parseBool(v.text)
		if err != nil {
			return nil, p.errorf(v.line, "consent.record: %v", err)
		}
		if b && (e.IsPattern() || c != Necessary) {
			return nil, p.errorf(v.line, "consent.record: the visitor's choice is one necessary cookie with an exact name")
		}
		e.ConsentRecord = b
	}
	if v, ok := s.keys["host"]; ok {
		h, err := parseEntryHost(v.text)
		if err != nil {
			return nil, p.errorf(v.line, "host: %v", err)
		}
		e.Host = h
	}
	key := name + "\x00" + e.Host
	if prev, dup := p.cookies[key]; dup {
		return nil, p.errorf(s.line, "duplicate [cookie %s] (first at line %d); add a different host to tell them apart", name, prev)
	}
	p.cookies[key] = s.line
	return d, nil
}

// parseEntryHost normalises an entry's host to the ".domain" form; the
// leading dot is optional in the file.
func parseEntryHost(v string) (string, error) {
	site, err := NewSite(strings.TrimPrefix(v, "."))
	if err != nil {
		return "", err
	}
	if site.IsIP() {
		return site.Host, nil
	}
	return "." + site.Host, nil
}

// checkCookieName accepts an RFC 6265 cookie-name token, optionally ending
// in "*" to make it a prefix.
func checkCookieName(name string) error {
	base := strings.TrimSuffix(name, "*")
	if base == "" {
		return errors.New("a cookie pattern needs at least one character before \"*\"")
	}
	for _, r := range base {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}*", r) {
			return fmt.Errorf("invalid character %q in cookie name %s (\"*\" is allowed only at the end)", r, quoteShort(name))
		}
	}
	return nil
}

func parseBool(s string) (bool, error) {
	switch asciiLower(s) {
	case "yes", "true", "oui":
		return true, nil
	case "no", "false", "non":
		return false, nil
	}
	return false, fmt.Errorf("want yes or no, not %s", quoteShort(s))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
