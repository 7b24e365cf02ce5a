package inspect

// KeyringReason says why a browser's key could not be had from the desktop
// keyring. Its values are stable tokens, also used in JSON output.
type KeyringReason string

// Why the keyring gave no key.
const (
	// KeyringLocked: the keyring is locked and was not unlocked (the unlock
	// prompt was dismissed or could not be shown).
	KeyringLocked KeyringReason = "keyring_locked"
	// KeyringTimeout: the keyring did not answer in time (an unlock prompt
	// left unanswered).
	KeyringTimeout KeyringReason = "keyring_timeout"
	// KeyringNoSessionBus: there is no D-Bus session bus to reach a keyring
	// (a console or ssh login); none is started.
	KeyringNoSessionBus KeyringReason = "no_session_bus"
	// KeyringNoService: the session bus has no keyring service (neither
	// the Secret Service nor KWallet).
	KeyringNoService KeyringReason = "no_keyring_service"
	// KeyringNoKey: the keyring answered but holds no key for the browser.
	KeyringNoKey KeyringReason = "no_key_stored"
	// KeyringFailed: the keyring answered with an error of its own.
	KeyringFailed KeyringReason = "keyring_error"
)

// KeyringError is why a browser's values could not be decrypted: its key
// could not be had from the desktop keyring.
type KeyringError struct {
	Reason  KeyringReason
	Browser string // the browser whose key was asked for, e.g. "chromium"
	Service string // "secret-service" or "kwallet" when one answered
	Detail  string // the keyring's own words, for KeyringFailed
}

func (e *KeyringError) Error() string {
	msg := "the " + e.Browser + " key is not available from the keyring (" + string(e.Reason) + ")"
	if e.Detail != "" {
		msg += ": " + OneLine(e.Detail)
	}
	return msg
}
