//go:build race

package demo

// raceEnabled skips timing checks: the race detector slows SQLite down
// several times.
const raceEnabled = true
