package inspect

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/browserutils/kooky"
	_ "github.com/browserutils/kooky/browser/all" // every finder kooky knows
	"github.com/ofgl/ofgl-cookies/inspect/internal/firefoxfmt"
)

// A root is a directory where one browser keeps its profiles.
type root struct {
	browser string
	dir     string
	family  Kind // KindChromium or KindFirefox
}

// env is what discovery needs from the environment, so that every OS's
// paths can be tested on any OS.
type env struct {
	goos    string
	home    string
	getenv  func(string) string
	homeErr error
}

func currentEnv() env {
	home, err := os.UserHomeDir()
	return env{goos: runtime.GOOS, home: home, getenv: os.Getenv, homeErr: err}
}

// extraRoots are the profile roots kooky v0.2.10 does not look in: Firefox's
// XDG location (the default of Firefox ESR 153 on a fresh account), Flatpak
// and Snap packages, Vivaldi, and a few forks.
func extraRoots(e env) []root {
	if e.home == "" {
		return nil
	}
	h := func(parts ...string) string { return filepath.Join(append([]string{e.home}, parts...)...) }
	var roots []root
	switch e.goos {
	case "windows":
		local := e.getenv("LOCALAPPDATA")
		appData := e.getenv("APPDATA")
		if local != "" {
			roots = append(roots,
				root{"vivaldi", filepath.Join(local, "Vivaldi", "User Data"), KindChromium},
				root{"chromium", filepath.Join(local, "Chromium", "User Data"), KindChromium},
				root{"edge", filepath.Join(local, "Microsoft", "Edge", "User Data"), KindChromium},
				root{"brave", filepath.Join(local, "BraveSoftware", "Brave-Browser", "User Data"), KindChromium},
				root{"chrome", filepath.Join(local, "Google", "Chrome", "User Data"), KindChromium},
			)
		}
		if appData != "" {
			roots = append(roots,
				root{"firefox", filepath.Join(appData, "Mozilla", "Firefox"), KindFirefox},
				root{"librewolf", filepath.Join(appData, "librewolf"), KindFirefox},
				root{"opera", filepath.Join(appData, "Opera Software", "Opera Stable"), KindChromium},
			)
		}
	case "darwin":
		as := h("Library", "Application Support")
		roots = append(roots,
			root{"vivaldi", filepath.Join(as, "Vivaldi"), KindChromium},
			root{"chromium", filepath.Join(as, "Chromium"), KindChromium},
			root{"chrome", filepath.Join(as, "Google", "Chrome"), KindChromium},
			root{"brave", filepath.Join(as, "BraveSoftware", "Brave-Browser"), KindChromium},
			root{"edge", filepath.Join(as, "Microsoft Edge"), KindChromium},
			root{"firefox", filepath.Join(as, "Firefox"), KindFirefox},
			root{"librewolf", filepath.Join(as, "librewolf"), KindFirefox},
		)
	default:
		config := e.getenv("XDG_CONFIG_HOME")
		if config == "" || !filepath.IsAbs(config) {
			config = h(".config")
		}
		flat := func(app string, parts ...string) string {
			return filepath.Join(append([]string{e.home, ".var", "app", app}, parts...)...)
		}
		roots = append(roots,
			// Firefox 153 creates new profiles here when ~/.mozilla is absent.
			root{"firefox", filepath.Join(config, "mozilla", "firefox"), KindFirefox},
			root{"firefox", h(".config", "mozilla", "firefox"), KindFirefox},
			root{"firefox", h(".mozilla", "firefox"), KindFirefox},
			root{"firefox", h(".mozilla", "firefox-esr"), KindFirefox},
			root{"firefox", h("snap", "firefox", "common", ".mozilla", "firefox"), KindFirefox},
			root{"firefox", flat("org.mozilla.firefox", ".mozilla", "firefox"), KindFirefox},
			root{"firefox", flat("org.mozilla.firefox", "config", "mozilla", "firefox"), KindFirefox},
			root{"librewolf", h(".librewolf"), KindFirefox},
			root{"librewolf", flat("io.gitlab.librewolf-community", ".librewolf"), KindFirefox},
			root{"chromium", filepath.Join(config, "chromium"), KindChromium},
			root{"chromium", h("snap", "chromium", "common", "chromium"), KindChromium},
			root{"chromium", flat("org.chromium.Chromium", "config", "chromium"), KindChromium},
			root{"chrome", filepath.Join(config, "google-chrome"), KindChromium},
			root{"chrome", flat("com.google.Chrome", "config", "google-chrome"), KindChromium},
			root{"brave", filepath.Join(config, "BraveSoftware", "Brave-Browser"), KindChromium},
			root{"brave", flat("com.brave.Browser", "config", "BraveSoftware", "Brave-Browser"), KindChromium},
			root{"edge", filepath.Join(config, "microsoft-edge"), KindChromium},
			root{"edge", flat("com.microsoft.Edge", "config", "microsoft-edge"), KindChromium},
			root{"vivaldi", filepath.Join(config, "vivaldi"), KindChromium},
			root{"vivaldi", flat("com.vivaldi.Vivaldi", "config", "vivaldi"), KindChromium},
			root{"opera", filepath.Join(config, "opera"), KindChromium},
			root{"opera", flat("com.opera.Opera", "config", "opera"), KindChromium},
		)
	}
	return roots
}

// Discover finds every cookie store on this machine: kooky's finders plus
// the roots kooky misses, deduplicated by real path. Stores that do not
// exist are dropped silently: a browser that is not installed is no error.
func Discover(ctx context.Context) []StoreRef {
	return discover(ctx, currentEnv(), kookyStores)
}

// discover is Discover with its sources injected, for tests.
func discover(ctx context.Context, e env, fromKooky func(context.Context) []kookyFound) []StoreRef {
	var refs []StoreRef
	for _, r := range extraRoots(e) {
		switch r.family {
		case KindChromium:
			refs = append(refs, chromiumStores(r)...)
		case KindFirefox:
			refs = append(refs, firefoxStores(r)...)
		}
	}
	if fromKooky != nil {
		for _, f := range fromKooky(ctx) {
			refs = append(refs, f.refs()...)
		}
	}
	return dedupe(refs)
}

// kookyFound is one store a kooky finder returned.
type kookyFound struct {
	browser, profile, path string
	store                  kooky.CookieStore
}

// kookyStores runs kooky's finders and keeps the stores whose file exists.
func kookyStores(ctx context.Context) (found []kookyFound) {
	defer func() {
		if recover() != nil {
			found = nil // a finder bug must not hide the stores we find ourselves
		}
	}()
	for st, err := range kooky.TraverseCookieStores(ctx) {
		if err != nil || st == nil {
			continue // "not found" noise: browsers that are not installed
		}
		p := st.FilePath()
		if p == "" {
			st.Close()
			continue
		}
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			st.Close()
			continue
		}
		found = append(found, kookyFound{browser: st.Browser(), profile: st.Profile(), path: p, store: st})
	}
	return found
}

// refs turns a kooky store into our store references. Chromium and Firefox
// SQLite stores are read by our own reader; the Firefox session store is
// derived from the profile directory instead of kooky's choice of file.
func (f kookyFound) refs() []StoreRef {
	base := strings.ToLower(filepath.Base(f.path))
	switch {
	case strings.HasSuffix(base, "lz4"):
		if f.store != nil {
			f.store.Close()
		}
		return nil
	case base == "cookies" && isChromiumFamily(f.browser):
		profileDir := filepath.Dir(f.path)
		if filepath.Base(profileDir) == "Network" {
			profileDir = filepath.Dir(profileDir)
		}
		if f.store != nil {
			f.store.Close()
		}
		return []StoreRef{{Browser: f.browser, Profile: f.profile, Path: f.path, Kind: KindChromium,
			ProfileDir: profileDir, UserDataDir: filepath.Dir(profileDir)}}
	case base == "cookies.sqlite":
		dir := filepath.Dir(f.path)
		if f.store != nil {
			f.store.Close()
		}
		refs := []StoreRef{{Browser: f.browser, Profile: f.profile, Path: f.path, Kind: KindFirefox, ProfileDir: dir}}
		if s := firefoxSessionStore(dir); s != "" && isFirefoxFamily(f.browser) {
			refs = append(refs, StoreRef{Browser: f.browser, Profile: f.profile, Path: s, Kind: KindFirefoxSession, ProfileDir: dir})
		}
		return refs
	}
	return []StoreRef{{Browser: f.browser, Profile: f.profile, Path: f.path, Kind: KindKooky, ProfileDir: filepath.Dir(f.path),
		kooky: newKookyHandle(f.store)}}
}

func isChromiumFamily(b string) bool {
	switch b {
	case "chrome", "chromium", "brave", "edge", "opera", "vivaldi":
		return true
	}
	return false
}

func isFirefoxFamily(b string) bool {
	return b == "firefox" || b == "librewolf"
}

// chromiumStores lists the cookie stores of every profile in a Chromium
// user-data-dir: the profiles of Local State, plus profile directories that
// hold a cookie file (a profile Local State forgot still has cookies).
func chromiumStores(r root) []StoreRef {
	names := chromiumProfileNames(filepath.Join(r.dir, "Local State"))
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return nil
	}
	dirs := map[string]bool{}
	for d := range names {
		dirs[d] = true
	}
	for _, e := range entries {
		if e.IsDir() && (e.Name() == "Default" || strings.HasPrefix(e.Name(), "Profile ")) {
			dirs[e.Name()] = true
		}
	}
	var refs []StoreRef
	for d := range dirs {
		profileDir := filepath.Join(r.dir, d)
		name := names[d]
		if name == "" {
			name = d
		}
		for _, rel := range []string{filepath.Join("Network", "Cookies"), "Cookies"} {
			p := filepath.Join(profileDir, rel)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				refs = append(refs, StoreRef{Browser: r.browser, Profile: name, Path: p, Kind: KindChromium,
					ProfileDir: profileDir, UserDataDir: r.dir})
			}
		}
	}
	return refs
}

// chromiumProfileNames maps profile directories to their display names.
func chromiumProfileNames(localState string) map[string]string {
	data, err := os.ReadFile(localState)
	if err != nil {
		return nil
	}
	var ls struct {
		Profile struct {
			InfoCache map[string]struct {
				Name string `json:"name"`
			} `json:"info_cache"`
		} `json:"profile"`
	}
	if json.Unmarshal(data, &ls) != nil {
		return nil
	}
	names := map[string]string{}
	for dir, info := range ls.Profile.InfoCache {
		if dir != "" && !strings.ContainsAny(dir, `/\`) && dir != ".." {
			names[dir] = info.Name
		}
	}
	return names
}

// firefoxStores lists the stores of every profile under a Firefox root: the
// profiles of profiles.ini, plus directories that hold a cookies.sqlite.
func firefoxStores(r root) []StoreRef {
	profiles := firefoxProfiles(r.dir)
	for _, sub := range []string{r.dir, filepath.Join(r.dir, "Profiles")} {
		entries, err := os.ReadDir(sub)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			dir := filepath.Join(sub, e.Name())
			if _, err := os.Stat(filepath.Join(dir, "cookies.sqlite")); err == nil {
				if _, known := profiles[dir]; !known {
					profiles[dir] = firefoxDirProfileName(e.Name())
				}
			}
		}
	}
	var refs []StoreRef
	for dir, name := range profiles {
		p := filepath.Join(dir, "cookies.sqlite")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			refs = append(refs, StoreRef{Browser: r.browser, Profile: name, Path: p, Kind: KindFirefox, ProfileDir: dir})
		}
		if s := firefoxSessionStore(dir); s != "" {
			refs = append(refs, StoreRef{Browser: r.browser, Profile: name, Path: s, Kind: KindFirefoxSession, ProfileDir: dir})
		}
	}
	return refs
}

// firefoxDirProfileName guesses a name from "xxxxxxxx.default-esr".
func firefoxDirProfileName(dir string) string {
	if i := strings.IndexByte(dir, '.'); i > 0 && i < len(dir)-1 {
		return dir[i+1:]
	}
	return dir
}

// firefoxProfiles reads profiles.ini: profile directory -> Name (the
// directory's name when the ini gives none).
func firefoxProfiles(rootDir string) map[string]string {
	profiles := map[string]string{}
	data, err := os.ReadFile(filepath.Join(rootDir, "profiles.ini"))
	if err != nil {
		return profiles
	}
	for _, p := range firefoxfmt.ParseProfilesINI(string(data), rootDir) {
		name := p.Name
		if name == "" {
			name = filepath.Base(p.Dir)
		}
		profiles[p.Dir] = name
	}
	return profiles
}

// dedupe keeps one reference per real file, preferring the one that names
// its profile best, and sorts them for stable output.
func dedupe(refs []StoreRef) []StoreRef {
	byReal := map[string]int{}
	var out []StoreRef
	for _, r := range refs {
		real := realPath(r.Path)
		if i, ok := byReal[real]; ok {
			if out[i].Profile == "" || (out[i].Kind == KindKooky && r.Kind != KindKooky) {
				out[i], r = r, out[i]
			}
			r.kooky.close() // the reference dropped is never read
			continue
		}
		byReal[real] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return storeLess(out[i], out[j]) })
	return out
}

// storeLess orders stores by browser, profile and path, for stable output.
func storeLess(a, b StoreRef) bool {
	if a.Browser != b.Browser {
		return a.Browser < b.Browser
	}
	if a.Profile != b.Profile {
		return a.Profile < b.Profile
	}
	return a.Path < b.Path
}

// realPath resolves symlinks so that one file reached two ways counts once.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return filepath.Clean(abs)
}
