package firefoxfmt

import (
	"bufio"
	"path/filepath"
	"strings"
)

// Profile is one [ProfileN] section of Firefox's profiles.ini.
type Profile struct {
	Name string // the -P name; may be empty
	Dir  string // the profile directory, resolved against the ini's folder
}

// ParseProfilesINI reads the [ProfileN] sections of the profiles.ini that
// lies in root. It accepts what a person may write by hand: section names
// in any case, ';' and '#' comments, spaces around '=', CRLF lines. A
// path is joined to root when IsRelative=1 or when it is not absolute.
func ParseProfilesINI(data, root string) []Profile {
	type section struct {
		name, path string
		relative   bool
	}
	var (
		secs []section
		cur  *section
	)
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == ';' || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			cur = nil
			if strings.HasPrefix(strings.ToLower(line), "[profile") {
				secs = append(secs, section{})
				cur = &secs[len(secs)-1]
			}
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || cur == nil {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "Name":
			cur.name = v
		case "Path":
			cur.path = v
		case "IsRelative":
			cur.relative = v == "1"
		}
	}
	var out []Profile
	for _, s := range secs {
		if s.path == "" {
			continue
		}
		dir := filepath.FromSlash(s.path)
		if s.relative || !filepath.IsAbs(dir) {
			dir = filepath.Join(root, dir)
		}
		out = append(out, Profile{Name: s.name, Dir: filepath.Clean(dir)})
	}
	return out
}
