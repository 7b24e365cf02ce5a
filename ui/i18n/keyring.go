package i18n

// KeyringWhy renders why the keyring gave no key: reason is one of
// inspect's KeyringReason tokens, detail the keyring's own words (kept
// as they are, in any language).
func (s *Strings) KeyringWhy(reason, detail string) string {
	msg, ok := s.KeyringReasons[reason]
	if !ok {
		msg = s.KeyringReasons["keyring_error"]
	}
	if detail != "" {
		msg += " (" + detail + ")"
	}
	return msg
}
