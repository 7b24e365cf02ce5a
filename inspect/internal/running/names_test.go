package running

import "testing"

func TestMatchBrowser(t *testing.T) {
	tests := []struct {
		browser string
		names   []string
		path    string
		want    bool
	}{
		// Linux: exe base name and comm.
		{"chromium", []string{"chromium", "chromium"}, "/usr/lib/chromium/chromium", true},
		{"chromium", []string{"chromium-browse"}, "", true}, // comm cut at 15 bytes
		{"chromium", []string{"chrome", "chrome"}, "/snap/chromium/3000/usr/lib/chromium-browser/chrome", true},
		{"chrome", []string{"chrome", "chrome"}, "/snap/chromium/3000/usr/lib/chromium-browser/chrome", false},
		{"chrome", []string{"chrome", "chrome"}, "/opt/google/chrome/chrome", true},
		{"chromium", []string{"chrome", "chrome"}, "/opt/google/chrome/chrome", false},
		{"chromium", []string{"chrome"}, "", true}, // no path: may be Chromium
		{"chrome", []string{"chrome"}, "", true},
		{"chrome", []string{"chrome_crashpad_handler", "chrome_crashpad"}, "/opt/google/chrome/chrome_crashpad_handler", false},
		{"brave", []string{"brave", "brave"}, "/opt/brave.com/brave/brave", true},
		{"edge", []string{"msedge", "msedge"}, "/opt/microsoft/msedge/msedge", true},
		{"vivaldi", []string{"vivaldi-bin", "vivaldi-bin"}, "/opt/vivaldi/vivaldi-bin", true},
		{"opera", []string{"opera", "opera"}, "/usr/lib/x86_64-linux-gnu/opera/opera", true},
		{"firefox", []string{"firefox-esr", "firefox-esr"}, "/usr/lib/firefox-esr/firefox-esr", true},
		{"firefox", []string{"firefox-esr", "Web Content"}, "/usr/lib/firefox-esr/firefox-esr", true},
		{"firefox", []string{"Web Content"}, "", false},
		{"firefox", []string{"librewolf", "librewolf"}, "/usr/share/librewolf/librewolf", false},
		{"librewolf", []string{"librewolf"}, "", true},
		{"firefox", []string{"crashhelper", "crashhelper"}, "/usr/lib/firefox-esr/crashhelper", false},
		{"epiphany", []string{"WebKitNetworkProcess", "WebKitNetworkPr"}, "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/WebKitNetworkProcess", true},
		{"epiphany", []string{"epiphany"}, "", true},
		// macOS: ps comm is the executable path.
		{"chrome", []string{"Google Chrome"}, "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", true},
		{"chrome", []string{"Google Chrome Helper (Renderer)"}, "/Applications/Google Chrome.app/Contents/Frameworks/x/Google Chrome Helper (Renderer)", false},
		{"chromium", []string{"Chromium"}, "/Applications/Chromium.app/Contents/MacOS/Chromium", true},
		{"brave", []string{"Brave Browser"}, "", true},
		{"edge", []string{"Microsoft Edge"}, "", true},
		{"firefox", []string{"firefox"}, "/Applications/Firefox.app/Contents/MacOS/firefox", true},
		{"safari", []string{"Safari"}, "/Applications/Safari.app/Contents/MacOS/Safari", true},
		{"safari", []string{"com.apple.WebKit.Networking"}, "", false},
		// Windows: Toolhelp gives "x.exe", OpenProcess the path.
		{"chrome", []string{"chrome.exe"}, `C:\Program Files\Google\Chrome\Application\chrome.exe`, true},
		{"chromium", []string{"chrome.exe"}, `C:\Users\u\AppData\Local\Chromium\Application\chrome.exe`, true},
		{"chrome", []string{"chrome.exe"}, `C:\Users\u\AppData\Local\Chromium\Application\chrome.exe`, false},
		{"edge", []string{"msedge.exe"}, "", true},
		{"edge", []string{"chrome.exe"}, "", false},
		{"firefox", []string{"FIREFOX.EXE"}, "", true},
		// Unknown browsers go by their own name.
		{"falkon", []string{"falkon"}, "", true},
		{"falkon", []string{"bash"}, "", false},
		{"chromium", nil, "", false},
		{"chromium", []string{""}, "", false},
	}
	for _, tc := range tests {
		if got := matchBrowser(tc.browser, tc.names, tc.path); got != tc.want {
			t.Errorf("matchBrowser(%q, %q, %q) = %v, want %v", tc.browser, tc.names, tc.path, got, tc.want)
		}
	}
}

func TestMatchFamily(t *testing.T) {
	tests := []struct {
		family, browser string
		names           []string
		want            bool
	}{
		{"chromium", "chromium", []string{"chrome"}, true}, // a Snap Chromium's lock
		{"chromium", "chrome", []string{"chromium"}, true},
		{"chromium", "chromium", []string{"bash", "bash"}, false},
		{"chromium", "chromium", []string{"firefox-esr"}, false},
		{"firefox", "firefox", []string{"GeckoMain"}, true},
		{"firefox", "firefox", []string{"firefox-esr"}, true},
		{"firefox", "waterfox", []string{"waterfox"}, true},
		{"firefox", "firefox", []string{"running.test"}, false},
	}
	for _, tc := range tests {
		if got := matchFamily(tc.family, tc.browser, tc.names); got != tc.want {
			t.Errorf("matchFamily(%q, %q, %q) = %v, want %v", tc.family, tc.browser, tc.names, got, tc.want)
		}
	}
}

func TestDisplayNameAndFamily(t *testing.T) {
	if got := displayName("chrome"); got != "Google Chrome" {
		t.Errorf("displayName(chrome) = %q", got)
	}
	if got := displayName("falkon"); got != "falkon" {
		t.Errorf("displayName(falkon) = %q", got)
	}
	for b, want := range map[string]string{"Edge": "chromium", "librewolf": "firefox", "safari": "other", "w3m": "other"} {
		if got := familyOf(b); got != want {
			t.Errorf("familyOf(%q) = %q, want %q", b, got, want)
		}
	}
}
