package cli

import (
	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// warnUndecrypted says on stderr how many values could not be decrypted
// and, where the keyring said why, the reason: one line per browser and
// reason, then one line for the values without a known reason.
func warnUndecrypted(env Env, findings []inspect.Finding) {
	t := env.t()
	type why struct{ browser, reason, detail string }
	var order []why
	counts := map[why]int{}
	unknown := 0
	for _, x := range findings {
		if x.ValueState != inspect.ValueUndecryptable {
			continue
		}
		e := x.ValueErr
		if e == nil {
			unknown++
			continue
		}
		k := why{e.Browser, string(e.Reason), report.Clean(inspect.OneLine(e.Detail))}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	for _, k := range order {
		env.warnf("%s", t.Nf(t.WarnUndecryptedWhy, counts[k], counts[k], k.browser, t.KeyringWhy(k.reason, k.detail)))
	}
	if unknown > 0 {
		env.warnf("%s", t.N(t.WarnUndecrypted, unknown))
	}
}
