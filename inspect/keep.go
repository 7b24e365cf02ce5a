package inspect

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// KeepRule protects cookies from clear and delete: a name, on any host or
// on one host ("sessionid@data.ofgl.fr"). The host matches the cookie's
// stored host with its leading dot removed, so "_ga@ofgl.fr" keeps the
// ".ofgl.fr" cookie.
type KeepRule struct {
	Name string
	Host string // "" for any host
}

// ParseKeepRule reads NAME or NAME@HOST.
func ParseKeepRule(s string) (KeepRule, error) {
	s = strings.TrimSpace(s)
	name, host := s, ""
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		name, host = s[:i], strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s[i+1:]), "."))
		if host == "" {
			return KeepRule{}, fmt.Errorf("invalid keep rule %q: empty host after @", s)
		}
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return KeepRule{}, fmt.Errorf("invalid keep rule %q: expected NAME or NAME@HOST", s)
	}
	if strings.ContainsAny(name+host, " \t\r\n;=,") {
		return KeepRule{}, fmt.Errorf("invalid keep rule %q: a cookie name or host cannot hold spaces, ';', '=' or ','", s)
	}
	return KeepRule{Name: name, Host: host}, nil
}

// String gives the rule back as NAME or NAME@HOST.
func (r KeepRule) String() string {
	if r.Host == "" {
		return r.Name
	}
	return r.Name + "@" + r.Host
}

// Matches reports whether the rule keeps the cookie.
func (r KeepRule) Matches(c Cookie) bool {
	if c.Name != r.Name {
		return false
	}
	return r.Host == "" || strings.EqualFold(strings.TrimPrefix(c.Host, "."), r.Host)
}

// Kept returns the rule that keeps the cookie, if any.
func Kept(rules []KeepRule, c Cookie) (KeepRule, bool) {
	for _, r := range rules {
		if r.Matches(c) {
			return r, true
		}
	}
	return KeepRule{}, false
}

// KeepListPath is the persistent keep list: one rule per line.
func KeepListPath() (string, error) {
	d, err := ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "keep.txt"), nil
}

// LoadKeepList reads the keep list; a missing file is an empty list. A
// malformed list is an error, never an empty list: a broken keep list must
// not let clear delete what the user meant to keep.
func LoadKeepList(path string) ([]KeepRule, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("keep list: %w", err)
	}
	var rules []KeepRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := ParseKeepRule(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("keep list %s: %w", path, err)
	}
	return rules, nil
}

// SaveKeepList writes the keep list atomically, sorted and without duplicates.
func SaveKeepList(path string, rules []KeepRule) error {
	seen := map[string]bool{}
	var lines []string
	for _, r := range rules {
		if s := r.String(); !seen[s] {
			seen[s] = true
			lines = append(lines, s)
		}
	}
	sort.Strings(lines)
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return err
	}
	content := "# ofgl-cookies keep list: cookies that clear and delete never remove.\n# One rule per line: NAME (any host) or NAME@HOST.\n"
	for _, l := range lines {
		content += l + "\n"
	}
	return writePrivateFile(path, []byte(content))
}
