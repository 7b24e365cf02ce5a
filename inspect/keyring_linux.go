//go:build linux

package inspect

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
)

// Chromium on Linux keeps its cookie key in the desktop keyring: the Secret
// Service (GNOME keyring, KeePassXC...) or KWallet. The key is looked up
// here with godbus directly rather than through kooky, because kooky asks
// again for every value and branch, caches no failure, loses the reason,
// and lets godbus start a session bus with dbus-launch when there is none.

const (
	secretsName  = "org.freedesktop.secrets"
	secretsPath  = dbus.ObjectPath("/org/freedesktop/secrets")
	secretsSvc   = "org.freedesktop.Secret.Service"
	secretsItem  = "org.freedesktop.Secret.Item"
	secretPrompt = "org.freedesktop.Secret.Prompt"
)

// dismissGrace is how long past the deadline a prompt may take to be
// dismissed.
const dismissGrace = 2 * time.Second

// sessionBusAddress returns the address of the running session bus, or ""
// when there is none. Unlike godbus, it never falls back to starting one:
// "autolaunch:" entries are dropped and no dbus-launch is run.
func sessionBusAddress(getenv func(string) string) string {
	var keep []string
	for _, a := range strings.Split(getenv("DBUS_SESSION_BUS_ADDRESS"), ";") {
		if a = strings.TrimSpace(a); a != "" && !strings.HasPrefix(a, "autolaunch:") {
			keep = append(keep, a)
		}
	}
	if len(keep) > 0 {
		return strings.Join(keep, ";")
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		bus := filepath.Join(dir, "bus")
		if fi, err := os.Stat(bus); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return "unix:path=" + dbus.EscapeBusAddressValue(bus)
		}
	}
	return ""
}

// lookupBrowserKey asks the desktop keyring for the browser's key, giving
// up when ctx ends.
func lookupBrowserKey(ctx context.Context, browser string) ([]byte, error) {
	account := safeStorageAccount(browser)
	fail := func(r KeyringReason, detail string) error {
		return &KeyringError{Reason: r, Browser: browser, Detail: detail}
	}
	addr := sessionBusAddress(os.Getenv)
	if addr == "" {
		return nil, fail(KeyringNoSessionBus, "")
	}
	// The connection outlives ctx by a moment, so that a prompt left
	// unanswered can still be dismissed.
	connCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	if deadline, ok := ctx.Deadline(); ok {
		connCtx, stop = context.WithDeadline(connCtx, deadline.Add(dismissGrace))
		defer stop()
	}
	conn, err := dbus.Connect(addr, dbus.WithContext(connCtx))
	if err != nil {
		if ctx.Err() != nil {
			return nil, fail(KeyringTimeout, "")
		}
		return nil, fail(KeyringNoSessionBus, err.Error())
	}
	defer conn.Close()

	var result *KeyringError
	for _, service := range keyringOrder(os.Getenv("KDE_SESSION_VERSION") != "") {
		var key []byte
		var err error
		if service == "kwallet" {
			key, err = kwalletKey(ctx, conn, account)
		} else {
			key, err = secretServiceKey(ctx, conn, strings.ToLower(account))
		}
		if err == nil {
			return key, nil
		}
		var f *keyringFailure
		if !errors.As(err, &f) {
			f = &keyringFailure{reason: KeyringFailed, detail: err.Error()}
			if ctx.Err() != nil {
				f = &keyringFailure{reason: KeyringTimeout}
			}
		}
		if result == nil || result.Reason == KeyringNoService {
			result = &KeyringError{Reason: f.reason, Browser: browser, Service: serviceIf(f.reason, service), Detail: f.detail}
		}
		// Only a keyring that is absent or lacks the key lets the other one
		// be asked: a locked one, or one left waiting, has answered.
		if f.reason != KeyringNoService && f.reason != KeyringNoKey {
			break
		}
	}
	return nil, result
}

// keyringOrder is the order Chromium picks its key store in: KWallet first
// on KDE, the Secret Service first elsewhere.
func keyringOrder(kde bool) []string {
	if kde {
		return []string{"kwallet", "secret-service"}
	}
	return []string{"secret-service", "kwallet"}
}

// serviceIf names the service that answered, none when there was none.
func serviceIf(r KeyringReason, service string) string {
	if r == KeyringNoService {
		return ""
	}
	return service
}

// keyringFailure is why one keyring service gave no key.
type keyringFailure struct {
	reason KeyringReason
	detail string
}

func (f *keyringFailure) Error() string { return string(f.reason) + " " + f.detail }

// hasService reports whether name is on the bus or can be started by it.
func hasService(ctx context.Context, conn *dbus.Conn, name string) bool {
	var owned bool
	if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, name).Store(&owned); err == nil && owned {
		return true
	}
	var names []string
	if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&names); err != nil {
		return false
	}
	return slices.Contains(names, name)
}

// secretServiceKey reads the item Chromium stores with libsecret
// (attribute application=<app>), unlocking it with one Unlock request when
// it is locked.
func secretServiceKey(ctx context.Context, conn *dbus.Conn, app string) ([]byte, error) {
	if !hasService(ctx, conn, secretsName) {
		return nil, &keyringFailure{reason: KeyringNoService}
	}
	svc := conn.Object(secretsName, secretsPath)
	var unlocked, locked []dbus.ObjectPath
	if err := svc.CallWithContext(ctx, secretsSvc+".SearchItems", 0, map[string]string{"application": app}).Store(&unlocked, &locked); err != nil {
		return nil, err
	}
	if len(unlocked) == 0 && len(locked) == 0 {
		return nil, &keyringFailure{reason: KeyringNoKey}
	}
	if len(unlocked) == 0 {
		var err error
		if unlocked, err = unlockItems(ctx, conn, svc, locked[:1]); err != nil {
			return nil, err
		}
	}
	var out dbus.Variant
	var session dbus.ObjectPath
	if err := svc.CallWithContext(ctx, secretsSvc+".OpenSession", 0, "plain", dbus.MakeVariant("")).Store(&out, &session); err != nil {
		return nil, err
	}
	defer conn.Object(secretsName, session).Call("org.freedesktop.Secret.Session.Close", dbus.FlagNoReplyExpected)
	var secret struct {
		Session     dbus.ObjectPath
		Parameters  []byte
		Value       []byte
		ContentType string
	}
	if err := conn.Object(secretsName, unlocked[0]).CallWithContext(ctx, secretsItem+".GetSecret", 0, session).Store(&secret); err != nil {
		return nil, err
	}
	return secret.Value, nil
}

// unlockItems asks the keyring once to unlock items and waits for the
// answer of its prompt until ctx ends; a prompt left unanswered is
// dismissed then.
func unlockItems(ctx context.Context, conn *dbus.Conn, svc dbus.BusObject, items []dbus.ObjectPath) ([]dbus.ObjectPath, error) {
	var unlocked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := svc.CallWithContext(ctx, secretsSvc+".Unlock", 0, items).Store(&unlocked, &prompt); err != nil {
		if ctx.Err() != nil {
			return nil, &keyringFailure{reason: KeyringTimeout}
		}
		return nil, &keyringFailure{reason: KeyringLocked, detail: err.Error()}
	}
	if prompt == "/" || prompt == "" {
		if len(unlocked) == 0 {
			return nil, &keyringFailure{reason: KeyringLocked}
		}
		return unlocked, nil
	}
	signals := make(chan *dbus.Signal, 4)
	conn.Signal(signals)
	defer conn.RemoveSignal(signals)
	if err := conn.AddMatchSignalContext(ctx, dbus.WithMatchObjectPath(prompt),
		dbus.WithMatchInterface(secretPrompt), dbus.WithMatchMember("Completed")); err != nil {
		return nil, err
	}
	p := conn.Object(secretsName, prompt)
	if err := p.CallWithContext(ctx, secretPrompt+".Prompt", 0, "").Err; err != nil {
		if ctx.Err() != nil {
			return nil, &keyringFailure{reason: KeyringTimeout}
		}
		return nil, &keyringFailure{reason: KeyringLocked, detail: err.Error()}
	}
	for {
		select {
		case <-ctx.Done():
			dismissCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), dismissGrace)
			p.CallWithContext(dismissCtx, secretPrompt+".Dismiss", 0)
			cancel()
			return nil, &keyringFailure{reason: KeyringTimeout}
		case sig := <-signals:
			if sig.Path != prompt || sig.Name != secretPrompt+".Completed" || len(sig.Body) < 2 {
				continue
			}
			if dismissed, _ := sig.Body[0].(bool); dismissed {
				return nil, &keyringFailure{reason: KeyringLocked}
			}
			var paths []dbus.ObjectPath
			if v, ok := sig.Body[1].(dbus.Variant); ok {
				_ = v.Store(&paths)
			}
			if len(paths) == 0 {
				return items, nil // unlocked: the items are readable now
			}
			return paths, nil
		}
	}
}

// kwalletKey reads Chromium's key from KWallet: folder "<Account> Keys",
// entry "<Account> Safe Storage".
func kwalletKey(ctx context.Context, conn *dbus.Conn, account string) ([]byte, error) {
	const appID = "ofgl-cookies"
	folder, entry := account+" Keys", account+" Safe Storage"
	found := false
	for _, suffix := range []string{"6", "5", ""} {
		name := "org.kde.kwalletd" + suffix
		if !hasService(ctx, conn, name) {
			continue
		}
		found = true
		obj := conn.Object(name, dbus.ObjectPath("/modules/kwalletd"+suffix))
		var wallet string
		if err := obj.CallWithContext(ctx, "org.kde.KWallet.networkWallet", 0).Store(&wallet); err != nil {
			return nil, err
		}
		var handle int32
		if err := obj.CallWithContext(ctx, "org.kde.KWallet.open", 0, wallet, int64(0), appID).Store(&handle); err != nil {
			return nil, err
		}
		if handle < 0 {
			return nil, &keyringFailure{reason: KeyringLocked}
		}
		var pw string
		if err := obj.CallWithContext(ctx, "org.kde.KWallet.readPassword", 0, handle, folder, entry, appID).Store(&pw); err != nil {
			return nil, err
		}
		if pw == "" {
			return nil, &keyringFailure{reason: KeyringNoKey}
		}
		return []byte(pw), nil
	}
	if !found {
		return nil, &keyringFailure{reason: KeyringNoService}
	}
	return nil, &keyringFailure{reason: KeyringNoKey}
}
