//go:build linux

package inspect

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"errors"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSessionBusAddressNeverAutolaunches(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	plain := t.TempDir()
	os.WriteFile(filepath.Join(plain, "bus"), nil, 0o600) // a file, not a socket
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"XDG_RUNTIME_DIR": t.TempDir()}, ""},
		{map[string]string{"XDG_RUNTIME_DIR": plain}, ""},
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:"}, ""},
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x;autolaunch:"}, "unix:path=/x"},
		{map[string]string{"XDG_RUNTIME_DIR": dir}, "unix:path=" + sock},
		{map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/y", "XDG_RUNTIME_DIR": dir}, "unix:path=/y"},
	}
	for _, c := range cases {
		if got := sessionBusAddress(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
}

// Without a session bus, the lookup says so at once and runs nothing: a
// dbus-launch on PATH that would leave a mark is never run.
func TestNoSessionBusRunsNothing(t *testing.T) {
	bin := t.TempDir()
	mark := filepath.Join(t.TempDir(), "ran")
	script := "#!/bin/sh\ntouch " + mark + "\n"
	if err := os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	_, err := lookupBrowserKey(context.Background(), "chromium")
	var ke *KeyringError
	if !errors.As(err, &ke) || ke.Reason != KeyringNoSessionBus || ke.Browser != "chromium" {
		t.Fatalf("err = %v, want a KeyringError no_session_bus for chromium", err)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Fatal("dbus-launch was run")
	}
}

// The keyring is asked once per browser per run, a failure included, even
// by stores read at the same time; a cancelled ask is not kept.
func TestBrowserKeyAskedOnce(t *testing.T) {
	forgetKeyringAnswers()
	t.Cleanup(forgetKeyringAnswers)
	var asked atomic.Int32
	locked := &KeyringError{Reason: KeyringLocked, Browser: "chromium"}
	lookup := func(context.Context) ([]byte, error) {
		asked.Add(1)
		return nil, locked
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := browserKey(context.Background(), "Chromium", lookup); err != locked {
				t.Errorf("err = %v", err)
			}
		}()
	}
	wg.Wait()
	if n := asked.Load(); n != 1 {
		t.Errorf("asked %d times, want 1", n)
	}
	browserKey(context.Background(), "Chrome", lookup)
	if n := asked.Load(); n != 2 {
		t.Errorf("another browser: asked %d times in all, want 2", n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	browserKey(ctx, "Brave", lookup)
	browserKey(context.Background(), "Brave", lookup)
	if n := asked.Load(); n != 4 {
		t.Errorf("after a cancelled ask: asked %d times in all, want 4", n)
	}
}

// encryptCBC is Chromium's os_crypt for Linux, to build test values.
func encryptCBC(t *testing.T, prefix, password, host, value string, metaVersion int) []byte {
	t.Helper()
	key, err := pbkdf2.Key(sha1.New, password, []byte(linuxSalt), linuxIterations, linuxKeyLength)
	if err != nil {
		t.Fatal(err)
	}
	plain := []byte(value)
	if metaVersion >= hashPrefixVersion {
		sum := sha256.Sum256([]byte(host))
		plain = append(sum[:], plain...)
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	plain = append(plain, bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, bytes.Repeat([]byte{' '}, aes.BlockSize)).CryptBlocks(out, plain)
	return append([]byte(prefix), out...)
}

func TestDecryptChromiumNative(t *testing.T) {
	forgetKeyringAnswers()
	t.Cleanup(forgetKeyringAnswers)
	const host = "data.ofgl.fr"
	ref := StoreRef{Browser: "chromium"}
	// The keyring's answer for this run: a key.
	browserKey(context.Background(), "Chromium", func(context.Context) ([]byte, error) { return []byte("k3y"), nil })
	for _, meta := range []int{23, 24} {
		secrets := []chromiumSecret{
			{index: 0, host: host, encrypted: encryptCBC(t, "v10", "peanuts", host, "basic", meta)},
			{index: 1, host: host, encrypted: encryptCBC(t, "v11", "k3y", host, "from-keyring", meta)},
			{index: 2, host: host, encrypted: encryptCBC(t, "v11", "other", host, "wrong-key", meta)},
			{index: 3, host: host, value: "plain"},
		}
		got, err := decryptChromium(context.Background(), ref, meta, secrets)
		if err != nil {
			t.Fatalf("meta %d: %v", meta, err)
		}
		want := map[int]string{0: "basic", 1: "from-keyring", 3: "plain"}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[3] != want[3] {
			t.Errorf("meta %d: %v, want %v (index 2 undecryptable)", meta, got, want)
		}
	}
	// A value under the host of another site fails the prefix check.
	other := []chromiumSecret{{index: 0, host: host, encrypted: encryptCBC(t, "v11", "k3y", "evil.example", "x", 24)}}
	if got, _ := decryptChromium(context.Background(), ref, 24, other); len(got) != 0 {
		t.Errorf("a value for another host was accepted: %v", got)
	}
}

func TestDecryptChromiumNativeKeyringError(t *testing.T) {
	forgetKeyringAnswers()
	t.Cleanup(forgetKeyringAnswers)
	const host = "data.ofgl.fr"
	browserKey(context.Background(), "Chrome", func(context.Context) ([]byte, error) {
		return nil, &KeyringError{Reason: KeyringTimeout, Browser: "chrome"}
	})
	secrets := []chromiumSecret{
		{index: 0, host: host, encrypted: encryptCBC(t, "v10", "peanuts", host, "basic", 24)},
		{index: 1, host: host, encrypted: encryptCBC(t, "v11", "k3y", host, "from-keyring", 24)},
	}
	got, err := decryptChromium(context.Background(), StoreRef{Browser: "chrome"}, 24, secrets)
	var ke *KeyringError
	if !errors.As(err, &ke) || ke.Reason != KeyringTimeout || ke.Browser != "chrome" {
		t.Fatalf("err = %v, want the keyring's timeout", err)
	}
	if len(got) != 1 || got[0] != "basic" {
		t.Errorf("values %v, want only the v10 one", got)
	}
	// Values that need no key leave the keyring's failure out.
	if _, err := decryptChromium(context.Background(), StoreRef{Browser: "chrome"}, 24, secrets[:1]); err != nil {
		t.Errorf("v10 only: %v", err)
	}
}
