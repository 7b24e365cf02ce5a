package browsertest

import "testing"

// ChainCloseMS is how long the last page of a chain waits before
// window.close(), so that its frames finish setting cookies.
const ChainCloseMS = 300

// BuildChromium builds the CleanExit scenario in home for two profiles of
// the default user-data-dir, "Default" and "Profile 1" (one run each of
// StandardVisits ending with window.close()), then waits for short_lived to
// expire. Both profiles then match ExpectedStored(Chromium, CleanExit).
func BuildChromium(t testing.TB, srv *Server, home string) (def, profile1 ChromiumProfile) {
	t.Helper()
	def = NewChromiumProfile(home, "Default")
	profile1 = NewChromiumProfile(home, "Profile 1")
	url := srv.ChainURL(StandardVisits(), ChainCloseMS)
	RunChromium(t, def, url, ChromiumClose)
	RunChromium(t, profile1, url, ChromiumClose)
	srv.WaitExpired()
	return def, profile1
}

// BuildFirefox creates a profile in the given layout and builds the
// CleanExit scenario in it (one run of StandardVisits ending with
// window.close()), then waits for short_lived to expire. The profile then
// matches ExpectedStored(Firefox, CleanExit): cookies.sqlite plus
// ofgl_session in sessionstore.jsonlz4.
func BuildFirefox(t testing.TB, srv *Server, home string, layout FirefoxLayout) FirefoxProfile {
	t.Helper()
	prof := NewFirefoxProfile(t, srv, home, layout)
	RunFirefox(t, prof, srv.ChainURL(StandardVisits(), ChainCloseMS))
	srv.WaitExpired()
	return prof
}
