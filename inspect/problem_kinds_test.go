package inspect

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The failures that used to cross to people as English prose come back as
// typed problems, with the system's words only as their detail.
func TestTypedProblemsOfFiles(t *testing.T) {
	dir := t.TempDir()
	var p *Problem

	// A keep list that is a directory cannot be read.
	_, err := LoadKeepList(dir)
	if !errors.As(err, &p) || p.Kind != ProblemKeepList || p.Subject != dir {
		t.Errorf("LoadKeepList(a directory) = %v, want a %s problem naming it", err, ProblemKeepList)
	}

	// A state "directory" that is a file is refused by kind.
	file := filepath.Join(dir, "state")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err = checkPrivateDir(file)
	if !errors.As(err, &p) || p.Kind != ProblemNotADirectory || p.Subject != file {
		t.Errorf("checkPrivateDir(a file) = %v, want a %s problem naming it", err, ProblemNotADirectory)
	}

	// A session store that is not JSON is damaged, with the parser's words.
	_, _, err = removeSessionEntries([]byte("{"), nil)
	if !errors.As(err, &p) || p.Kind != ProblemSessionDamaged || p.Detail == "" {
		t.Errorf("removeSessionEntries(bad JSON) = %v, want a %s problem", err, ProblemSessionDamaged)
	}
}

// A profile directory that is a file makes the running check fail with a
// kind, not English prose.
func TestRunningCheckNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Default")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := checkRunning(StoreRef{Browser: "firefox", Kind: KindFirefox, Path: filepath.Join(file, "cookies.sqlite"), ProfileDir: file})
	var p *Problem
	if !errors.As(err, &p) || p.Kind != ProblemNotADirectory || p.Subject != file {
		t.Errorf("checkRunning(a file as profile) = %v, want a %s problem naming it", err, ProblemNotADirectory)
	}
}
