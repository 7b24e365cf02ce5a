package ui

import (
	"testing"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// "In N days" counts calendar days in the shown time zone: the date six
// days on is "in 6 days" whatever the seconds of now.
func TestExpiryInCalendarDays(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CET", 3600)
	}
	at := func(loc *time.Location, s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		loc          *time.Location
		now, expires string
		en, fr       string
	}{
		// The case: one second past the minute shown said 5.
		{time.UTC, "2026-12-02 02:45:30", "2026-12-08 02:45:00", "2026-12-08 02:45 (in 6 days)", "2026-12-08 02:45 (dans 6 jours)"},
		{time.UTC, "2026-12-02 02:45:00", "2026-12-08 02:45:00", "2026-12-08 02:45 (in 6 days)", "2026-12-08 02:45 (dans 6 jours)"},
		// Late in the evening, an expiry early on the day after next.
		{time.UTC, "2026-12-02 23:00:00", "2026-12-05 01:00:00", "2026-12-05 01:00 (in 3 days)", "2026-12-05 01:00 (dans 3 jours)"},
		// Across the change to summer time: still whole days.
		{paris, "2026-03-27 12:00:00", "2026-04-03 12:00:00", "2026-04-03 12:00 (in 7 days)", "2026-04-03 12:00 (dans 7 jours)"},
		// Under two days: hours, singular when one.
		{time.UTC, "2026-12-02 10:00:00", "2026-12-03 11:30:00", "2026-12-03 11:30 (in 25 hours)", "2026-12-03 11:30 (dans 25 heures)"},
		{time.UTC, "2026-12-02 10:00:00", "2026-12-02 10:00:30", "2026-12-02 10:00 (in 1 minute)", "2026-12-02 10:00 (dans 1 minute)"},
	}
	for _, c := range cases {
		f := inspect.Finding{Cookie: inspect.Cookie{Name: "x", Expires: at(c.loc, c.expires)}}
		in := detailInput{finding: f, ok: true, now: at(c.loc, c.now), loc: c.loc}
		if got := expiryText(f, in, i18n.For(i18n.English)); got != c.en {
			t.Errorf("now %s: %q, want %q", c.now, got, c.en)
		}
		if got := expiryText(f, in, i18n.For(i18n.French)); got != c.fr {
			t.Errorf("now %s: %q, want %q", c.now, got, c.fr)
		}
	}
}
