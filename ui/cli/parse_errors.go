package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagError renders a flag parsing error in the reader's language, with
// the flag as the user typed it and, for a typo, the flags it may be.
func (a *app) flagError(c *cobra.Command, err error) error {
	t := a.t
	var missing *pflag.NotExistError
	var novalue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &missing):
		name, group := missing.GetSpecifiedName(), missing.GetSpecifiedShortnames()
		typed, candidate := "--"+name, name
		if group != "" {
			// "-json" is read as the short flags j, s, o, n.
			typed, candidate = "-"+group, group
		}
		if s := flagSuggestions(c, candidate); len(s) > 0 {
			return usageError{msg: fmt.Sprintf(t.ErrUnknownFlagSuggest, typed, strings.Join(s, ", "))}
		}
		return usageError{msg: fmt.Sprintf(t.ErrUnknownFlag, typed), hint: true}
	case errors.As(err, &novalue):
		typed := "--" + novalue.GetSpecifiedName()
		if novalue.GetSpecifiedShortnames() != "" {
			typed = "-" + novalue.GetSpecifiedName()
		}
		return usageError{msg: fmt.Sprintf(t.ErrFlagNeedsValue, typed), hint: true}
	case errors.As(err, &invalid):
		return usageError{msg: fmt.Sprintf(t.ErrFlagBadValue, invalid.GetValue(), "--"+invalid.GetFlag().Name), hint: true}
	case errors.As(err, &syntax):
		return usageError{msg: fmt.Sprintf(t.ErrUnknownFlag, syntax.GetSpecifiedFlag()), hint: true}
	}
	return usageError{msg: err.Error(), hint: true}
}

// flagSuggestions are the visible flags of c close to what was typed: a
// prefix of it, or at most two edits away.
func flagSuggestions(c *cobra.Command, typed string) []string {
	var out []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || len(typed) < 2 {
			return
		}
		if strings.HasPrefix(f.Name, typed) || editDistance(strings.ToLower(typed), f.Name) <= 2 {
			out = append(out, "--"+f.Name)
		}
	})
	return out
}

// noCommand is the positional-argument check of a command that takes
// none but has subcommands: a word there is a mistyped command.
func (a *app) noCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2
	}
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		return usageError{msg: fmt.Sprintf(a.t.ErrUnknownCommandSuggest, args[0], strings.Join(s, ", "))}
	}
	return usageError{msg: fmt.Sprintf(a.t.ErrUnknownCommand, args[0]), hint: true}
}

// maxArgs refuses more than n positional arguments, naming the first one
// too many.
func (a *app) maxArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return usageError{msg: fmt.Sprintf(a.t.ErrUnexpectedArg, args[n]), hint: true}
		}
		return nil
	}
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
