package i18n

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"testing"

	"github.com/ofgl/ofgl-cookies/inspect"
)

// Every ProblemKind and SkipReason inspect declares has words here.
func TestEveryKindHasWords(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "../../inspect/problem.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		vs, ok := node.(*ast.ValueSpec)
		if !ok || vs.Type == nil {
			return true
		}
		if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "ProblemKind" {
			for _, name := range vs.Names {
				n++
				if _, ok := english.Problems[inspect.ProblemKind(constValue(t, vs, name))]; !ok {
					t.Errorf("no words for %s", name.Name)
				}
			}
		}
		return true
	})
	if n < 10 || n != len(english.Problems) {
		t.Errorf("%d kinds declared, %d worded", n, len(english.Problems))
	}
	for _, r := range []inspect.SkipReason{inspect.SkipReplaced, inspect.SkipReplacedOrKept, inspect.SkipFileGone} {
		if english.SkipReasons[r] == "" {
			t.Errorf("no words for skip reason %q", r)
		}
	}
}

func constValue(t *testing.T, vs *ast.ValueSpec, name *ast.Ident) string {
	for i, n := range vs.Names {
		if n == name && i < len(vs.Values) {
			if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
				return lit.Value[1 : len(lit.Value)-1]
			}
		}
	}
	t.Fatalf("%s has no literal value", name.Name)
	return ""
}

func TestErrorRendersProblems(t *testing.T) {
	locked := &inspect.Problem{Kind: inspect.ProblemLockedWrite, Unchanged: true}
	gone := &inspect.Problem{Kind: inspect.ProblemAt, Subject: "sessionid (data.ofgl.fr)", Err: &inspect.Problem{Kind: inspect.ProblemGoneFromStore}}
	backup := &inspect.Problem{Kind: inspect.ProblemBackupFailed, Unchanged: true, Detail: "open x: no space", Err: &inspect.Problem{Kind: inspect.ProblemChangedInBackup}}
	busy := &inspect.BusyError{Holder: inspect.LockHolder{PID: 42, Command: "undo"}}
	for _, c := range []struct {
		err    error
		en, fr string
	}{
		{locked,
			"the store is locked by another program (is the browser running?); nothing was changed",
			"le magasin est verrouillé par un autre programme (le navigateur tourne-t-il ?) ; rien n'a été modifié"},
		{gone,
			"sessionid (data.ofgl.fr): no longer in the store (it changed since it was listed; list again)",
			"sessionid (data.ofgl.fr) : n'est plus dans le magasin (il a changé depuis l'affichage ; relancez la liste)"},
		{backup,
			"backup failed: the store changed during the backup (is the browser running?); nothing was changed",
			"la sauvegarde a échoué : le magasin a changé pendant la sauvegarde (le navigateur tourne-t-il ?) ; rien n'a été modifié"},
		{&inspect.RefusedError{Problem: &inspect.Problem{Kind: inspect.ProblemBrowserRunning, Subject: "firefox"}},
			"firefox is running", "firefox est ouvert"},
		{&inspect.Problem{Kind: inspect.ProblemFailed, Detail: "quick_check: bad"}, "quick_check: bad", "quick_check: bad"},
		{&inspect.Problem{Kind: inspect.ProblemChromiumVersion, Subject: "99", N: 18, M: 24, Unchanged: true},
			"unknown schema version 99 of the Chromium cookie store (known: 18 to 24); nothing was changed",
			"version de schéma inconnue 99 du magasin de cookies Chromium (connues : 18 à 24) ; rien n'a été modifié"},
		{busy,
			"another ofgl-cookies process (pid 42, undo) kept it busy; nothing was changed",
			"un autre processus ofgl-cookies (pid 42, undo) l'a gardé occupé ; rien n'a été modifié"},
		{&inspect.Problem{Kind: inspect.ProblemQuickCheck, Detail: "row 3 missing from index"},
			"the store's integrity check failed: row 3 missing from index",
			"la vérification d'intégrité du magasin a échoué : row 3 missing from index"},
		{&inspect.Problem{Kind: inspect.ProblemDecryptFailed, Detail: "nil key"},
			"decryption failed (nil key)", "le déchiffrement a échoué (nil key)"},
		{&inspect.Problem{Kind: inspect.ProblemAt, Subject: "recovery.jsonlz4", Err: &inspect.Problem{Kind: inspect.ProblemSessionDamaged, Detail: "unexpected end of JSON input"}},
			"recovery.jsonlz4: the session store cannot be read: unexpected end of JSON input",
			"recovery.jsonlz4 : la session ne peut pas être lue : unexpected end of JSON input"},
		{&inspect.Problem{Kind: inspect.ProblemKeepList, Subject: "/c/keep.txt", Detail: "permission denied"},
			"cannot read the keep list /c/keep.txt: permission denied",
			"impossible de lire la liste à garder /c/keep.txt : permission denied"},
		{&inspect.Problem{Kind: inspect.ProblemNotADirectory, Subject: "/s"}, "/s is not a directory", "/s n'est pas un dossier"},
		{&os.PathError{Op: "open", Path: "/x", Err: errors.New("boom\nsecond line")}, "open /x: boom", "open /x: boom"},
	} {
		if got := For(English).Error(c.err); got != c.en {
			t.Errorf("English:\n got %q\nwant %q", got, c.en)
		}
		if got := For(French).Error(c.err); got != c.fr {
			t.Errorf("French:\n got %q\nwant %q", got, c.fr)
		}
	}
	if For(English).Error(nil) != "" {
		t.Error("nil error has words")
	}
}

func TestNoteAndSkipped(t *testing.T) {
	if got := For(French).Note(inspect.NoteSnapshot); got != french.NoteSnapshot {
		t.Errorf("snapshot note: %q", got)
	}
	if got := For(English).Note(inspect.NoteNone); got != "" {
		t.Errorf("no note: %q", got)
	}
	k := inspect.Skipped{Cookie: inspect.CookieName{Name: "sid", Host: "data.ofgl.fr"}, Reason: inspect.SkipFileGone, File: "recovery.jsonlz4"}
	if got := For(English).Skipped(k); got != "sid on data.ofgl.fr: recovery.jsonlz4 is gone" {
		t.Errorf("skipped: %q", got)
	}
}

// A refusal is worded from the running check's facts, the same English as
// the check's own reason, and French for a French user.
func TestRefusalFromRunningFacts(t *testing.T) {
	held := &inspect.RefusedError{
		Store: inspect.StoreRef{Profile: "Default"},
		Owner: inspect.OwnerStatus{Running: true, Why: inspect.RunningHeld, Browser: "Chromium", PID: 4242, Lock: "/u/SingletonLock"},
	}
	proc := &inspect.RefusedError{Owner: inspect.OwnerStatus{Running: true, Why: inspect.RunningProcess, Browser: "Firefox", PID: 7, Process: "firefox-esr"}}
	for _, c := range []struct {
		err    error
		en, fr string
	}{
		{held, "Chromium is running (process 4242, lock /u/SingletonLock): close it (profile Default)",
			"Chromium est ouvert (processus 4242, verrou /u/SingletonLock) : fermez-le (profil Default)"},
		{proc, `Firefox is running (process 7 "firefox-esr" uses this profile): close it`,
			`Firefox est ouvert (le processus 7 "firefox-esr" utilise ce profil) : fermez-le`},
	} {
		if got := For(English).Error(c.err); got != c.en {
			t.Errorf("English:\n got %q\nwant %q", got, c.en)
		}
		if got := For(French).Error(c.err); got != c.fr {
			t.Errorf("French:\n got %q\nwant %q", got, c.fr)
		}
	}
}

// Every lock note has words in both languages, and a refusal names the
// lock's detail in the user's language.
func TestLockNotes(t *testing.T) {
	kinds := []inspect.LockNoteKind{inspect.LockNoteFcntl, inspect.LockNoteNotRegular, inspect.LockNoteNotSymlink,
		inspect.LockNoteBadTarget, inspect.LockNoteNoHostname, inspect.LockNoteProcessGone, inspect.LockNoteProcessReused,
		inspect.LockNoteOtherProfile, inspect.LockNoteNoHolder, inspect.LockNoteOpenElsewhere, inspect.LockNoteAccessDenied}
	for _, k := range kinds {
		if english.LockNotes[k] == "" || french.LockNotes[k] == "" {
			t.Errorf("no words for lock note %q", k)
		}
		// The English words are those of the running check's own log form.
		n := inspect.LockNote{Kind: k, PID: 12, Name: "x", Want: "Firefox"}
		if got := For(English).lockNote(n); got != n.String() {
			t.Errorf("%s: English %q, log form %q", k, got, n.String())
		}
	}
	if len(english.LockNotes) != len(kinds) || len(french.LockNotes) != len(kinds) {
		t.Errorf("%d kinds, %d/%d worded", len(kinds), len(english.LockNotes), len(french.LockNotes))
	}
	held := &inspect.RefusedError{Owner: inspect.OwnerStatus{Running: true, Why: inspect.RunningHeld, Browser: "Firefox",
		PID: 9, Lock: "/p/.parentlock", Note: inspect.LockNote{Kind: inspect.LockNoteFcntl}}}
	unknown := &inspect.RefusedError{Owner: inspect.OwnerStatus{Running: true, Why: inspect.RunningUnknownLock, Browser: "Chromium",
		Lock: "/u/SingletonLock", Note: inspect.LockNote{Kind: inspect.LockNoteBadTarget, Name: "x"}}}
	for _, c := range []struct {
		err    error
		en, fr string
	}{
		{held, "Firefox is running (process 9, lock /p/.parentlock, locked with fcntl): close it",
			"Firefox est ouvert (processus 9, verrou /p/.parentlock, verrouillé avec fcntl) : fermez-le"},
		{unknown, `cannot tell whether Chromium is running (lock /u/SingletonLock: unrecognised target "x"): close it, then remove the lock`,
			`impossible de savoir si Chromium est ouvert (verrou /u/SingletonLock : cible inconnue "x") : fermez-le, puis supprimez le verrou`},
	} {
		if got := For(English).Error(c.err); got != c.en {
			t.Errorf("English:\n got %q\nwant %q", got, c.en)
		}
		if got := For(French).Error(c.err); got != c.fr {
			t.Errorf("French:\n got %q\nwant %q", got, c.fr)
		}
	}
}

// The running check's failures come through in the user's language.
func TestRunningCheckFailures(t *testing.T) {
	err := &inspect.RefusedError{Problem: &inspect.Problem{Kind: inspect.ProblemRunningUnknown,
		Err: &inspect.Problem{Kind: inspect.ProblemProcessList, Detail: "open /proc: permission denied"}}}
	if got, want := For(French).Error(err), "impossible de savoir si le navigateur tourne : impossible de lister les processus en cours : open /proc: permission denied"; got != want {
		t.Errorf("French:\n got %q\nwant %q", got, want)
	}
}
