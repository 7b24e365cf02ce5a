package ui

import (
	"errors"
	"fmt"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// keepErrorLine is the keep list's error, in the user's language when a
// line of it is malformed, escaped either way.
func (m *Model) keepErrorLine() string {
	if msg, ok := report.KeepRuleMessage(m.t, m.keep.err); ok {
		return msg
	}
	return clean(inspect.OneLine(m.keep.err.Error()))
}

// keepToggleError is the status line for a k that failed.
func (m *Model) keepToggleError(msg keepToggledMsg) string {
	var ke *inspect.KeepRuleError
	if msg.cookie != "" && errors.As(msg.err, &ke) {
		return fmt.Sprintf(m.t.UIKeepRuleRefused, clean(msg.cookie), report.KeepProblem(m.t, ke.Problem))
	}
	if text, ok := report.KeepRuleMessage(m.t, msg.err); ok {
		return text
	}
	return clean(inspect.OneLine(msg.err.Error()))
}

// ruleHint is the rule k would add for c, escaped; for a cookie no rule
// can hold, its name (k then says why).
func ruleHint(c inspect.Cookie) string {
	if r, err := inspect.KeepRuleFor(c); err == nil {
		return report.KeepRule(r)
	}
	return clean(c.Name)
}
