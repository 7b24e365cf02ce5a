// Package browsertest drives the real browsers installed on the machine
// (Debian's chromium and firefox-esr) against a local server that poses as
// data.ofgl.fr, so that tests of ofgl-cookies run against real cookie stores
// instead of hand-made SQLite files.
//
// The pieces:
//
//   - [Server] serves the fake sites over http (127.0.0.1:8765) and https
//     (127.0.0.1:8766, with a test CA generated at start). The pages and the
//     cookies they set are data: [Pages] and [Cookies].
//   - [RunChromium], [StartChromium], [RunFirefox] and [StartFirefox] run a
//     headless browser in a temporary HOME ([NewHome]) and visit a chain of
//     pages ([Server.ChainURL]) in one run.
//   - [Expect], [ExpectedSent] and [ExpectedStored] say which cookies each
//     browser stores, and which of them it would send to data.ofgl.fr, for a
//     [Scenario] (clean exit, still running, killed, --dump-dom). They are
//     derived from the cookie table and from browser behaviour measured on
//     Chromium 156 and Firefox ESR 153.
//   - [ReadChromiumStore], [ReadFirefoxStore] and [ReadSessionStore] read
//     copies of the stores with the sqlite3 CLI, never the live files.
//
// Every helper takes a testing.TB, fails the test with a clear message on
// error, and kills the processes it started in t.Cleanup. [Require] skips a
// test when a browser is missing, unless the CI environment variable is set.
//
// The ports are fixed by default because Chromium stores the port a cookie
// came from (source_port); a lock file serialises servers across test
// binaries that run in parallel.
package browsertest
