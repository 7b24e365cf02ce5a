package running

import "testing"

func TestParseChromiumLock(t *testing.T) {
	tests := []struct {
		target string
		host   string
		pid    int
		ok     bool
	}{
		{"vm-6556", "vm", 6556, true},
		{"my-laptop.local-42", "my-laptop.local", 42, true},
		{"a--7", "a-", 7, true}, // last '-' wins, as in Chromium
		{"host-2147483647", "host", 2147483647, true},
		{"host-2147483648", "", 0, false}, // beyond pid_t
		{"host-0", "", 0, false},          // kill(0) would signal our group
		{"host--1", "host-", 1, true},
		{"host-+5", "", 0, false},
		{"host-12a", "", 0, false},
		{"host-", "", 0, false},
		{"-42", "", 0, false},
		{"host", "", 0, false},
		{"", "", 0, false},
	}
	for _, tc := range tests {
		host, pid, ok := ParseChromiumLock(tc.target)
		if host != tc.host || pid != tc.pid || ok != tc.ok {
			t.Errorf("ParseChromiumLock(%q) = %q, %d, %v; want %q, %d, %v", tc.target, host, pid, ok, tc.host, tc.pid, tc.ok)
		}
	}
}

func TestParseFirefoxLock(t *testing.T) {
	tests := []struct {
		target string
		pid    int
		ok     bool
	}{
		{"127.0.0.1:+7750", 7750, true},
		{"192.168.1.20:123", 123, true}, // no fcntl lock: no '+'
		{"127.0.0.1:+", 0, false},
		{"127.0.0.1:-5", 0, false},
		{"127.0.0.1:++5", 0, false},
		{"127.0.0.1:+0", 0, false},
		{"127.0.0.1:+99999999999", 0, false},
		{":+5", 0, false},
		{"7750", 0, false},
		{"", 0, false},
	}
	for _, tc := range tests {
		pid, ok := ParseFirefoxLock(tc.target)
		if pid != tc.pid || ok != tc.ok {
			t.Errorf("ParseFirefoxLock(%q) = %d, %v; want %d, %v", tc.target, pid, ok, tc.pid, tc.ok)
		}
	}
}
