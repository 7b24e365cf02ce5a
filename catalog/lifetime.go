package catalog

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lifetime is how long a cookie is declared to live.
type Lifetime struct {
	Duration time.Duration // 0 for "session"
	Session  bool          // the cookie ends with the browser session
	Label    Text          // "2 semaines" / "2 weeks"
	Source   string        // where the figure comes from
	// ISO8601 is the duration as the charter states it, in ISO 8601 form:
	// "P2W", "P12M", "PT30M"; empty for a session cookie. A month stays a
	// month here, while Duration counts it as an average month.
	ISO8601 string
}

// Seconds is the Duration in whole seconds: 0 for a session cookie.
func (l Lifetime) Seconds() int64 { return int64(l.Duration / time.Second) }

// Units of a lifetime. A month is an average Gregorian month, so that
// 12mo equals 1y and compares sensibly with CNIL's 13-month limit.
const (
	day   = 24 * time.Hour
	week  = 7 * day
	year  = 31556952 * time.Second // 365.2425 days
	month = year / 12
)

// maxLifetime bounds parsed lifetimes so multiplication cannot overflow.
const maxLifetime = 100 * year

type lifetimeUnit struct {
	suffix             string
	d                  time.Duration
	fr1, frN, en1, enN string
	iso                string // ISO 8601 form, %d for the number
}

// lifetimeUnits are compared whole, so their order does not matter.
var lifetimeUnits = []lifetimeUnit{
	{"min", time.Minute, "minute", "minutes", "minute", "minutes", "PT%dM"},
	{"mo", month, "mois", "mois", "month", "months", "P%dM"},
	{"s", time.Second, "seconde", "secondes", "second", "seconds", "PT%dS"},
	{"h", time.Hour, "heure", "heures", "hour", "hours", "PT%dH"},
	{"d", day, "jour", "jours", "day", "days", "P%dD"},
	{"w", week, "semaine", "semaines", "week", "weeks", "P%dW"},
	{"y", year, "an", "ans", "year", "years", "P%dY"},
}

// parseLifetime parses "session" or a positive whole number followed by
// one unit (s, min, h, d, w, mo, y), e.g. "2w", "12mo"; a space may
// separate them. The Source is left for the caller.
func parseLifetime(s string) (Lifetime, error) {
	v := asciiLower(strings.TrimSpace(s))
	if v == "session" {
		return Lifetime{Session: true, Label: Text{"session", "session"}}, nil
	}
	i := 0
	for i < len(v) && '0' <= v[i] && v[i] <= '9' {
		i++
	}
	num, unit := v[:i], strings.TrimSpace(v[i:])
	if num == "" {
		return Lifetime{}, errors.New("lifetime must be \"session\" or a number and a unit, e.g. 2w, 6mo, 12mo")
	}
	for _, u := range lifetimeUnits {
		if unit != u.suffix {
			continue
		}
		// Digits only, so Atoi fails only on overflow: that is "too long" too.
		n, err := strconv.Atoi(num)
		if err != nil || n > int(maxLifetime/u.d) {
			return Lifetime{}, errors.New("lifetime too long (at most 100 years)")
		}
		if n == 0 {
			return Lifetime{}, errors.New("lifetime must be more than 0 (use \"session\" for a session cookie)")
		}
		fr, en := u.frN, u.enN
		if n == 1 {
			fr, en = u.fr1, u.en1
		}
		return Lifetime{
			Duration: time.Duration(n) * u.d,
			Label:    Text{fmt.Sprintf("%d %s", n, fr), fmt.Sprintf("%d %s", n, en)},
			ISO8601:  fmt.Sprintf(u.iso, n),
		}, nil
	}
	return Lifetime{}, fmt.Errorf("unknown lifetime unit %s (want s, min, h, d, w, mo or y)", quoteShort(unit))
}
