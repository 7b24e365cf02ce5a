package running

import (
	"path/filepath"
	"strings"
)

// displayNames are the names shown to the user in Status.Reason.
var displayNames = map[string]string{
	"chromium":  "Chromium",
	"chrome":    "Google Chrome",
	"brave":     "Brave",
	"edge":      "Microsoft Edge",
	"opera":     "Opera",
	"vivaldi":   "Vivaldi",
	"firefox":   "Firefox",
	"librewolf": "LibreWolf",
	"safari":    "Safari",
	"epiphany":  "Epiphany",
}

// displayName names a browser for the user; unknown browsers keep the name
// the caller gave.
func displayName(browser string) string {
	if n, ok := displayNames[strings.ToLower(browser)]; ok {
		return n
	}
	return browser
}

// processNames lists, per browser, the executable names of its processes on
// Linux, macOS and Windows (compared case-insensitively, ".exe" removed).
// "chrome" is not listed under chromium: it is handled by chromeIsChromium,
// since Snap's and Windows' Chromium are also called chrome.
//
// Safari lists neither com.apple.WebKit.Networking nor WebKitNetworkProcess:
// every WebKit app (Mail, App Store…) runs one, so it would refuse for good.
// Epiphany does list WebKitNetworkProcess: it writes
// Epiphany's cookies and may outlive the window for a moment.
var processNames = map[string][]string{
	"chromium":  {"chromium", "chromium-browser", "chromium-freeworld"},
	"chrome":    {"chrome", "google-chrome", "google chrome", "google-chrome-stable", "google-chrome-beta", "google-chrome-unstable", "google chrome beta", "google chrome canary"},
	"brave":     {"brave", "brave-browser", "brave browser"},
	"edge":      {"msedge", "microsoft-edge", "microsoft edge"},
	"opera":     {"opera"},
	"vivaldi":   {"vivaldi", "vivaldi-bin"},
	"firefox":   {"firefox", "firefox-bin", "firefox-esr"},
	"librewolf": {"librewolf", "librewolf-bin"},
	"safari":    {"safari", "safari technology preview"},
	"epiphany":  {"epiphany", "epiphany-browser", "webkitnetworkprocess"},
}

// familyNames are the names that make a pid named by a profile lock
// plausible for that family; anything else there is a reused pid.
// GeckoMain is the name Firefox gives its main thread, which some builds
// show as the process name.
var familyNames = map[string][]string{
	"chromium": {"chromium", "chromium-browser", "chromium-freeworld", "chrome", "google-chrome", "google chrome",
		"brave", "brave-browser", "brave browser", "msedge", "microsoft-edge", "microsoft edge",
		"opera", "vivaldi", "vivaldi-bin"},
	"firefox": {"firefox", "firefox-bin", "firefox-esr", "librewolf", "librewolf-bin", "geckomain"},
}

// commLen is the length at which Linux truncates /proc/PID/comm
// (TASK_COMM_LEN-1): "chromium-browser" shows as "chromium-browse".
const commLen = 15

// normName lowers a process name and drops a Windows ".exe".
func normName(n string) string {
	n = strings.ToLower(strings.TrimSpace(n))
	return strings.TrimSuffix(n, ".exe")
}

// nameIn reports whether a process name is one of want, allowing for a
// comm truncated to 15 bytes.
func nameIn(name string, want []string) bool {
	n := normName(name)
	if n == "" {
		return false
	}
	for _, w := range want {
		if n == w || (len(n) == commLen && strings.HasPrefix(w, n)) {
			return true
		}
	}
	return false
}

// chromeIsChromium tells whether an executable called "chrome" is
// Chromium, from its path (Snap: /snap/chromium/…; Windows:
// …\Chromium\Application\chrome.exe). Without a path it could be either.
func chromeIsChromium(path string) (chromium, known bool) {
	if path == "" {
		return false, false
	}
	return strings.Contains(strings.ToLower(filepath.ToSlash(path)), "chromium"), true
}

// matchBrowser reports whether a process with these names (executable base
// name, comm) and executable path belongs to browser. Unknown browsers are
// matched by their own name.
func matchBrowser(browser string, names []string, path string) bool {
	b := strings.ToLower(browser)
	if anyNameIn(names, []string{"chrome"}) {
		isChromium, known := chromeIsChromium(path)
		switch b {
		case "chromium":
			// Without a path it may be Chromium: count it (refusing is safe).
			if isChromium || !known {
				return true
			}
		case "chrome":
			return !known || !isChromium
		}
	}
	want, ok := processNames[b]
	if !ok {
		want = []string{normName(browser)}
	}
	return anyNameIn(names, want)
}

// anyNameIn reports whether any of names is in want.
func anyNameIn(names []string, want []string) bool {
	for _, n := range names {
		if nameIn(n, want) {
			return true
		}
	}
	return false
}

// matchFamily reports whether a process looks like a browser of the family
// (or like browser itself), for checking the pid a lock names.
func matchFamily(family, browser string, names []string) bool {
	if anyNameIn(names, familyNames[family]) {
		return true
	}
	return matchBrowser(browser, names, "")
}

// familyOf guesses the family of a known browser; unknown ones are "other".
func familyOf(browser string) string {
	switch strings.ToLower(browser) {
	case "chromium", "chrome", "brave", "edge", "opera", "vivaldi":
		return "chromium"
	case "firefox", "librewolf":
		return "firefox"
	}
	return "other"
}
