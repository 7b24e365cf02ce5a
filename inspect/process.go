package inspect

// ProcessAlive reports whether a process with this id exists (on Unix, a
// process of another user counts).
func ProcessAlive(pid int) bool { return pid > 0 && pidAlive(pid) }
