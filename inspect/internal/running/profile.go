package running

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
)

// cmdProfile is what a browser's command line says about its profile.
type cmdProfile struct {
	dir   string // Chromium --user-data-dir, Firefox --profile, as written
	name  string // Firefox -P name (a profiles.ini name, not a path)
	child bool   // a helper process: Chromium --type=…, Firefox -contentproc
	// title holds the whole command line when the process rewrote it into
	// one space-joined string (Chromium helpers do): dir is then cut at the
	// first space and can only confirm the profile, never rule it out.
	title string
}

// profileFromArgs reads the profile flags of a command line (argv, with
// argv[0]) for a browser family. Chromium takes "--user-data-dir=DIR" (also
// with one dash; the last one wins; "--" ends the switches). Firefox takes
// "-profile DIR", "--profile DIR", "--profile=DIR" and "-P NAME",
// case-insensitively; both at once are ambiguous and give nothing.
func profileFromArgs(family string, args []string) cmdProfile {
	if len(args) == 0 {
		return cmdProfile{}
	}
	switch family {
	case "chromium":
		if len(args) == 1 && strings.Contains(args[0], " -") {
			return chromiumTitle(args[0])
		}
		var p cmdProfile
		for _, a := range args[1:] {
			if a == "--" {
				break
			}
			sw, ok := cutSwitch(a)
			if !ok {
				continue
			}
			if v, ok := strings.CutPrefix(sw, "user-data-dir="); ok {
				p.dir = v
			}
			if strings.HasPrefix(sw, "type=") {
				p.child = true
			}
		}
		return p
	case "firefox":
		var p cmdProfile
		for i := 1; i < len(args); i++ {
			sw, ok := cutSwitch(args[i])
			if !ok {
				continue
			}
			key, val, hasVal := strings.Cut(sw, "=")
			next := func() string {
				if hasVal {
					return val
				}
				if i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
					i++
					return args[i]
				}
				return ""
			}
			switch strings.ToLower(key) {
			case "profile":
				p.dir = next()
			case "p":
				p.name = next()
			case "contentproc":
				p.child = true
			}
		}
		if p.dir != "" && p.name != "" {
			p.dir, p.name = "", ""
		}
		return p
	}
	return cmdProfile{}
}

// cutSwitch strips the "--" or "-" of a switch.
func cutSwitch(a string) (string, bool) {
	if s, ok := strings.CutPrefix(a, "--"); ok && s != "" {
		return s, true
	}
	if s, ok := strings.CutPrefix(a, "-"); ok && s != "" {
		return s, true
	}
	return "", false
}

// chromiumTitle reads a rewritten Chromium helper command line
// ("/usr/lib/chromium/chromium --type=renderer … --user-data-dir=/x …").
func chromiumTitle(title string) cmdProfile {
	p := cmdProfile{title: title}
	if strings.Contains(title, " --type=") || strings.Contains(title, " -type=") {
		p.child = true
	}
	for _, sw := range []string{" --user-data-dir=", " -user-data-dir="} {
		if i := strings.LastIndex(title, sw); i >= 0 {
			v := title[i+len(sw):]
			if j := strings.IndexByte(v, ' '); j >= 0 {
				v = v[:j]
			}
			p.dir = v
			break
		}
	}
	return p
}

// profileUse is what a process's command line proves about the store.
type profileUse int

const (
	useUnknown profileUse = iota // cannot tell: counts as using the store
	useSame                      // names the store
	useOther                     // provably names another profile
)

// verdictEnv holds the file-system look-ups of profileVerdict, replaced in
// tests.
type verdictEnv struct {
	compare  func(dir, store string) profileUse
	readFile func(name string) ([]byte, error)
}

// osVerdictEnv looks at the real file system.
var osVerdictEnv = verdictEnv{compare: compareDirs, readFile: os.ReadFile}

// profileVerdict compares what a command line says with the store dir.
// Relative paths give useUnknown: the process may have changed directory
// since it started.
func profileVerdict(p cmdProfile, store string, env verdictEnv) profileUse {
	dir := p.dir
	if dir == "" && p.name != "" {
		dir = profileByName(p.name, store, env.readFile)
	}
	if dir == "" || !filepath.IsAbs(dir) {
		return useUnknown
	}
	v := env.compare(dir, store)
	if p.title == "" {
		return v
	}
	// A title may have cut the path at a space, so only a match counts.
	if v == useSame || titleNames(p.title, store) {
		return useSame
	}
	return useUnknown
}

// titleNames reports whether a rewritten Chromium command line holds
// exactly --user-data-dir=store as one word.
func titleNames(title, store string) bool {
	for _, sw := range []string{" --user-data-dir=", " -user-data-dir="} {
		rest := title
		for {
			i := strings.Index(rest, sw+store)
			if i < 0 {
				break
			}
			after := rest[i+len(sw)+len(store):]
			if after == "" || after[0] == ' ' {
				return true
			}
			rest = rest[i+1:]
		}
	}
	return false
}

// compareDirs tells whether dir is the store dir, by file identity, so
// that symlinks, trailing slashes and case-insensitive file systems do not
// fool it. A dir that does not exist cannot be the (existing) store.
func compareDirs(dir, store string) profileUse {
	di, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return useOther
	}
	if err != nil {
		return useUnknown
	}
	si, err := os.Stat(store)
	if err != nil {
		return useUnknown
	}
	if os.SameFile(di, si) {
		return useSame
	}
	return useOther
}

// profileByName resolves a Firefox -P name through the profiles.ini next to
// the store's profile folder (Linux: ~/.mozilla/firefox) or one level up
// (macOS and Windows keep profiles in a Profiles subfolder). It returns ""
// when the name is not found.
func profileByName(name, store string, readFile func(string) ([]byte, error)) string {
	for _, root := range []string{filepath.Dir(store), filepath.Dir(filepath.Dir(store))} {
		data, err := readFile(filepath.Join(root, "profiles.ini"))
		if err != nil {
			continue
		}
		for _, p := range firefoxfmt.ParseProfilesINI(string(data), root) {
			if p.Name == name {
				return p.Dir
			}
		}
	}
	return ""
}
