package report

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// Every reason a keep rule is refused has its words in both languages.
func TestKeepProblemsInBothLanguages(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		tab := i18n.For(lang)
		for p := inspect.KeepRuleEmptyName; p <= inspect.KeepRuleStarName; p++ {
			if s := tab.KeepProblems[int(p)]; s == "" {
				t.Errorf("%s: no words for keep rule problem %d", lang, p)
			}
		}
		if len(tab.KeepProblems) != int(inspect.KeepRuleStarName) {
			t.Errorf("%s: %d keep rule problems, inspect has %d", lang, len(tab.KeepProblems), inspect.KeepRuleStarName)
		}
	}
}

func TestKeepRuleMessageEscapes(t *testing.T) {
	_, err := inspect.ParseKeepRule("\x1b[31mred\x7f")
	msg, ok := KeepRuleMessage(i18n.For(i18n.English), fmt.Errorf("wrapped: %w", err))
	if !ok || msg != `invalid keep rule "?[31mred?": control characters are not allowed` {
		t.Fatalf("%v %q", ok, msg)
	}
	msg, _ = KeepRuleMessage(i18n.For(i18n.French), &inspect.KeepRuleError{Rule: "a\xffb", Problem: inspect.KeepRuleInvalidUTF8, File: "/x/keep\x1b.txt", Line: 7})
	if strings.Contains(msg, "\x1b") || strings.Contains(msg, "\xff") || !strings.Contains(msg, "liste à garder /x/keep?.txt, ligne 7") {
		t.Fatalf("%q", msg)
	}
	if _, ok := KeepRuleMessage(i18n.For(i18n.English), errors.New("other")); ok {
		t.Fatal("not a keep rule error")
	}
}
