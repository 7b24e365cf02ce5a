package inspect

import (
	"errors"
	"fmt"
	"testing"
)

// hasProblem reports whether err holds a Problem of kind, at any depth of
// its causes.
func hasProblem(err error, kind ProblemKind) bool {
	var p *Problem
	for e := err; errors.As(e, &p); e = p.Err {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

func TestProblemChain(t *testing.T) {
	inner := &Problem{Kind: ProblemLockedWrite, Unchanged: true}
	outer := fmt.Errorf("wrapped: %w", &Problem{Kind: ProblemAt, Subject: "cookies.sqlite", Err: inner})
	if !hasProblem(outer, ProblemLockedWrite) || !hasProblem(outer, ProblemAt) || hasProblem(outer, ProblemDiskFull) {
		t.Fatalf("kinds not found in %v", outer)
	}
	if !IsUnchanged(outer) || IsUnchanged(changedAfterAll(inner)) {
		t.Error("Unchanged is not read through the chain, or not cleared")
	}
	if got := unchanged(errors.New("boom")); !IsUnchanged(got) || !hasProblem(got, ProblemFailed) {
		t.Errorf("unchanged(boom) = %v", got)
	}
	if got := unchanged(inner); got != error(inner) {
		t.Errorf("unchanged twice: %v", got)
	}
	if got := outer.Error(); got != "wrapped: at (cookies.sqlite): store-locked-write; nothing was changed" {
		t.Errorf("Error() = %q", got)
	}
}

// A store's result names its path beside the problem: the problem's own
// words leave it out.
func TestStoreProblemTrimsThePath(t *testing.T) {
	path := "/home/u/.config/chromium/Default/Cookies"
	err := unchanged(fmt.Errorf("open %s: input/output error", path))
	var p *Problem
	if !errors.As(storeProblem(err, path), &p) || p.Detail != "input/output error" || !p.Unchanged {
		t.Errorf("storeProblem = %+v", p)
	}
	if !errors.As(err, &p) || p.Detail != "open "+path+": input/output error" {
		t.Errorf("the original problem changed: %+v", p)
	}
}
