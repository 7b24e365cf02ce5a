package i18n

import (
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// Every reason inspect can give for a missing key has words in both
// languages, and the keyring's own words are kept.
func TestKeyringReasons(t *testing.T) {
	reasons := []inspect.KeyringReason{inspect.KeyringLocked, inspect.KeyringTimeout,
		inspect.KeyringNoSessionBus, inspect.KeyringNoService, inspect.KeyringNoKey, inspect.KeyringFailed}
	for _, l := range []Lang{English, French} {
		s := For(l)
		if len(s.KeyringReasons) != len(reasons) {
			t.Errorf("%s: %d reasons, inspect has %d", l, len(s.KeyringReasons), len(reasons))
		}
		for _, r := range reasons {
			if s.KeyringReasons[string(r)] == "" {
				t.Errorf("%s: no words for %s", l, r)
			}
		}
		if got, want := s.KeyringWhy("keyring_error", "org.freedesktop.DBus.Error.Failed"), s.KeyringReasons["keyring_error"]+" (org.freedesktop.DBus.Error.Failed)"; got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}
