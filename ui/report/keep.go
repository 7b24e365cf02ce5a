package report

import (
	"errors"
	"fmt"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// KeepRuleMessage renders a refused keep rule in t's language, the rule
// and the file name escaped; ok is false when err is not about a keep
// rule.
func KeepRuleMessage(t *i18n.Strings, err error) (msg string, ok bool) {
	var ke *inspect.KeepRuleError
	if !errors.As(err, &ke) {
		return "", false
	}
	problem := KeepProblem(t, ke.Problem)
	if ke.File != "" {
		return fmt.Sprintf(t.KeepListInvalid, Clean(ke.File), ke.Line, Clean(ke.Rule), problem), true
	}
	return fmt.Sprintf(t.KeepRuleInvalid, Clean(ke.Rule), problem), true
}

// KeepProblem says in t's language why a keep rule is refused.
func KeepProblem(t *i18n.Strings, p inspect.KeepRuleProblem) string {
	if s, ok := t.KeepProblems[int(p)]; ok {
		return s
	}
	return fmt.Sprint(int(p))
}

// KeepRule prints a rule back, escaped: a keep list edited by hand may
// hold bytes that would drive the terminal.
func KeepRule(r inspect.KeepRule) string { return Clean(r.String()) }
