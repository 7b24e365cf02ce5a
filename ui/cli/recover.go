package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// recoverInterrupted settles the deletions a killed run left unfinished,
// before delete, clear or undo do anything else, and says in one line per
// batch what it did. A failure here does not stop the command: the batch
// stays as it was and the next run tries again.
func recoverInterrupted(ctx context.Context, env Env, opts inspect.DeleteOptions) {
	t := env.t()
	done, err := inspect.RecoverInterrupted(ctx, opts)
	for _, r := range done {
		at := interruptedAt(r.Created)
		switch r.Outcome {
		case inspect.RecoveryFinished:
			if r.Completed > 0 {
				fmt.Fprintln(env.Stdout, t.Nf(t.RecoveredCompleted, r.Deleted, at, r.Deleted, r.ID))
			} else {
				fmt.Fprintln(env.Stdout, t.Nf(t.RecoveredFinished, r.Deleted, at, r.Deleted, r.ID))
			}
		case inspect.RecoveryCleanedUp:
			fmt.Fprintf(env.Stdout, t.RecoveredCleanedUp+"\n", at)
		case inspect.RecoveryLeft:
			why := ""
			for _, s := range r.Stores {
				if s.Err != nil {
					why = t.Error(s.Err)
					break
				}
			}
			env.warnf(t.RecoveredLeft, at, why)
		}
	}
	if err != nil {
		env.warnf("%s", t.Error(err))
	}
}

// interruptedAt is the batch's local time: the clock time alone when it
// is today.
func interruptedAt(created time.Time) string {
	local := created.Local()
	if y, m, d := local.Date(); y == time.Now().Year() && m == time.Now().Month() && d == time.Now().Day() {
		return local.Format("15:04")
	}
	return local.Format("2006-01-02 15:04")
}
