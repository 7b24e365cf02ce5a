package i18n

import (
	"fmt"
	"strings"
)

// Counted is a message that takes a count, in the two forms the language
// has: One for a count it calls singular (English: 1; French: 0 and 1),
// Many for the others. Both forms take the same arguments, except that a
// One form without any verb ("Delete this cookie?") is used only for
// exactly 1.
type Counted struct{ One, Many string }

// form picks the form n agrees with.
func (s *Strings) form(m Counted, n int) string {
	if !strings.Contains(m.One, "%") && n != 1 {
		return m.Many
	}
	return s.Plural(n, m.One, m.Many)
}

// N renders a message whose only argument is the count n.
func (s *Strings) N(m Counted, n int) string {
	f := s.form(m, n)
	if !strings.Contains(f, "%") {
		return f
	}
	return fmt.Sprintf(f, n)
}

// Nf renders a message whose form agrees with n and whose arguments are
// args (n among them where the message shows it).
func (s *Strings) Nf(m Counted, n int, args ...any) string {
	return fmt.Sprintf(s.form(m, n), args...)
}

// CookieCount is "1 cookie", "2 cookies".
func (s *Strings) CookieCount(n int) string { return s.N(s.Cookies, n) }

// StoreCount is "1 store", "2 stores" ("1 magasin", "2 magasins").
func (s *Strings) StoreCount(n int) string { return s.N(s.Stores, n) }
