// Package i18n holds every user-facing string of ofgl-cookies, one table per
// language (French and English), like lazygit's TranslationSet: a missing
// French string fails a test.
//
//	t := i18n.For(i18n.Detect(os.Getenv))
//	fmt.Println(t.NoStores)
package i18n

import "strings"

// Lang is a supported interface language.
type Lang string

// The supported languages.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// Parse accepts "fr" or "en" (any case, with a region such as "fr_FR").
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "fr" || strings.HasPrefix(s, "fr_") || strings.HasPrefix(s, "fr-"):
		return French, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-"):
		return English, true
	}
	return "", false
}

// Detect picks the language from the locale: French for fr*, else English.
// LC_ALL wins over LC_MESSAGES, which wins over LANG, as in POSIX.
func Detect(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "fr") {
				return French
			}
			return English
		}
	}
	return English
}

// Strings is one language's table.
type Strings struct {
	// Table headers of `list`.
	ColBrowser, ColProfile, ColHost, ColName, ColPath, ColCategory, ColDeclared,
	ColProvider, ColPurpose, ColExpires, ColValue, ColPartition, ColStore, ColStatus, ColCookies string

	Yes, No, Session, Guess, Masked, Undecryptable, Expired string

	// Category labels, by catalog.Category.String().
	Categories map[string]string

	// Summary line: site, cookie count, store count.
	Summary         string // "%s: %d cookies in %d stores"
	SummaryNone     string // "%s: no cookie in %d stores"
	NoStores        string
	StoreRead       string // "read: %d cookies"
	StoreFailed     string // "failed: %s"
	WarnStoreFailed string // "warning: %s (%s): %s"
	WarnUndecrypted string // "warning: %d values could not be decrypted"
	ThirdPartyOn    string // "third party, partitioned under %s"

	// Errors and usage.
	ErrUnknownCommand   string // "unknown command %q"
	ErrNetscapeValues   string
	ErrJSONAndNetscape  string
	ErrBadLang          string // "unknown language %q (expected fr or en)"
	ErrBadSite          string // "invalid --site: %s"
	ErrUnexpectedArg    string // "unexpected argument %q"
	ErrDemoAndStore     string
	ErrNetscapeSkipped  string // "skipped %d cookies whose value is unknown"
	HintHelp            string // "see ofgl-cookies --help"
	Interrupted         string
	StoreOnlyFailed     string // "%s: %s"
	NoteSnapshot        string
	NoteSessionCookies  string
	NoteStoresReadCount string // "%d of %d stores read"

	// Deletion, keep list and undo.
	PlanTitle              string // "%d cookies will be deleted:"
	PlanKept               string // "kept by the rule %s: %s on %s"
	ConfirmPrompt          string // "Delete these %d cookies? [y/N] "
	YesAnswers             string // accepted answers, space-separated
	Cancelled              string
	NeedYes                string
	NeedYesRestore         string // the same refusal for undo --restore-file
	DryRunDone             string
	NothingToDelete        string
	ResultDeleted          string // "deleted %d of %d"
	ResultRefused          string // "refused: %s"
	ResultFailed           string // "failed: %s"
	ResultSummary          string // "%d cookies deleted from %d stores."
	UndoHint               string // "Undo with: ofgl-cookies undo %s"
	RunningHint            string
	ClearNeedsNonEssential string
	DeleteNeedsSelector    string
	KeepAdded              string // "added to the keep list: %s"
	KeepRemoved            string // "removed from the keep list: %s"
	KeepNotFound           string // "not in the keep list: %s"
	KeepEmpty              string
	KeepListHeader         string // "Keep list (%s):"
	KeepUsage              string
	UndoNone               string
	UndoBatches            string
	UndoRestored           string // "restored %d"
	UndoSkipped            string // "skipped: %s"
	UndoDone               string // "Batch %s undone."
	UndoPartly             string // "Batch %s is only partly undone; run undo again once the browsers are closed."
	RestoreFileWarning     string // "%s"
	RestoreFilePrompt      string
	BatchStatus            map[string]string

	// Interactive terminal UI (ofgl-cookies with no command).
	UITitle, UIHeaderCounts, UIStoresFailed, UIDiscovering, UIReading string
	UITabAll, UITabNecessary, UITabNonEssential, UITabStatistics,
	UITabFirstParty, UITabThirdParty, UITabUndeclared string
	UIFilters, UIFilterBrowser, UIFilterSearch, UISortBy, UISearchPrompt, UISearchPlaceholder string
	UIColBrowserProfile                                                                       string
	UINoMatch, UINoneInTab, UINoCookies, UIDemoHint, UILoadingTable, UIDiscoverFailed         string
	UIDetProvider, UIDetService, UIDetPurpose, UIDetCategory, UIDetConsent, UIDetLifetime,
	UIDetExpires, UIDetFlags, UIDetPartition, UIDetContainer, UIDetBrowser, UIDetProfile,
	UIDetStore, UIDetValue, UIDetKeep, UIDetCookie string
	UIConsentRequired, UIConsentNotRequired, UILifetimeDeclared, UILifetimeUnknown, UILongerThanDeclared,
	UIInDays, UIInHours, UIInMinutes, UINotInCharter, UIGuessed, UINone, UIKeptBy, UINotKept,
	UIRevealHint, UIHideHint, UIMoreDetails, UIThirdPartyOf, UIDetailEmpty string
	UIConfirmDeleteOne, UIConfirmDeleteMany, UIConfirmClear, UIConfirmFrom, UIConfirmMore,
	UIConfirmKept, UIConfirmHint string
	UIDeleting, UIDeleted, UIDeletedNone, UIRefused, UIStoreFailed, UINothingToClear, UINothingMarked,
	UIKeptNotDeleted, UIAllKept, UIKeepListBroken, UIBusy string
	UIUndoing, UIUndone, UIUndoRefused, UIUndoFailed, UIReloading, UIRevealing, UIRevealFailed   string
	UIStoresTitle, UIStoresPending, UIStoresNone, UITooSmall, UIMarked, UIHelpTitle, UIDemoBadge string
	// Key help: what each key does.
	UIKeyUp, UIKeyDown, UIKeyPage, UIKeyEnds, UIKeyTabs, UIKeyTabNumbers, UIKeySort, UIKeySearch,
	UIKeyClear, UIKeyBrowser, UIKeyDetails, UIKeyReveal, UIKeyMark, UIKeyDelete, UIKeyClearAll,
	UIKeyKeep, UIKeyUndo, UIKeyReload, UIKeyStores, UIKeyHelp, UIKeyQuit, UIKeyConfirm, UIKeyCancel,
	UIKeyEnterSearch, UIKeyClearSearch string

	// Keep rules with one meaning everywhere.
	KeepAlready     string // "already in the keep list: %s"
	KeepRuleInvalid string // "invalid keep rule \"%s\": %s" (rule, problem)
	KeepListInvalid string // "keep list %s, line %d: invalid rule \"%s\": %s"
	// KeepProblems says why a rule is refused, by inspect.KeepRuleProblem.
	KeepProblems      map[int]string
	UIKeepRuleRefused string // "%s cannot be kept by a rule: %s" (cookie name, problem)
	// Values on a real desktop (Chromium's key in the keyring).
	WarnUndecryptedWhy string // "warning: %d values of %s could not be decrypted: %s"
	// KeyringReasons says why the keyring gave no key, by inspect.KeyringReason.
	KeyringReasons map[string]string
	// One writer per store, truthful partial results (the deletion engine).
	LockWaiting       string // stderr while waiting: pid, command, store
	LockBusy          string // a store another run kept: pid, command
	StateDirName      string // what a lock on the state directory's files is called
	ResultBusy        string // "failed: %s" for a busy store
	ResultRolledBack  string // cause, files put back
	ResultPartly      string // cause, files that hold the change
	ResultNotDeleted  string // name, host of a cookie still in a failed store
	DeleteFailedLine  string // stderr: stores failed, stores, first failure
	UndoFailedLine    string // stderr: stores failed, stores, first failure
	UIStoreBusy       string // where, what
	UIStoreRolledBack string // where, cause
	UIStorePartly     string // where, cause
	// Undo, restore-file, dry runs and pruning (issue 8: restore and what
	// stays on disk). A pair ending in One/Many is a count's singular and
	// plural: pick with Plural.
	UndoTitle                               string // "Undoing batch %s (%s):"
	UndoDryTitle                            string // "Dry run, nothing is changed. Undoing batch %s (%s) would:"
	RestoreTitle                            string // "Restoring the backup files of batch %s (%s):"
	RestoreDryTitle                         string // "Dry run, nothing is changed. Restoring the backup files of batch %s (%s) would:"
	UndoCookiesOne, UndoCookiesMany         string // "restored %d cookie"
	UndoWouldOne, UndoWouldMany             string // "would restore %d cookie"
	RestoreFilesOne, RestoreFilesMany       string // "%d file put back"
	RestoreWouldFilesOne, RestoreWouldFiles string // "would put back %d file"
	UndoCookieLine                          string // "  + %s (%s)": name, host
	RestoreFileLine                         string // "  put back %s (%s)"
	RestoreWouldFileLine                    string // "  would put back %s (%s)"
	RestoreStaleLine                        string // "  removed %s (it belonged to the newer file)"
	RestoreWouldStaleLine                   string // "  would remove %s (it belongs to the newer file)"
	UndoAlreadyStore                        string // "already put back by another run"
	UndoAlreadyDone                         string // "Batch %s was already undone (%s): nothing to do."
	UndoAlreadyRestored                     string // "Batch %s was already restored from its backup files (%s): nothing to do."
	RestoreDone                             string // "Batch %s restored from its backup files."
	UndoNothingInBatch                      string // "Batch %s has nothing to put back: none of its stores was changed."
	UndoDryDone                             string // "Dry run: nothing was changed."
	UndoNext                                string // "← undo puts this one back"
	BatchCookiesOne, BatchCookiesMany       string // "%d cookie"
	PruneLine                               string // "removed %s (%s, %s, %s)"
	PruneWouldLine                          string // "would remove %s (%s, %s, %s)"
	PruneLeftover                           string // "leftover of an interrupted run"
	PruneInUse                              string // "kept %s: another ofgl-cookies run is using it"
	PruneFailed                             string // "could not remove all of %s: %s"
	PruneSummaryOne, PruneSummaryMany       string // "Removed %d deletion batch, %s freed."
	PruneWouldOne, PruneWouldMany           string // "Would remove %d deletion batch, freeing %s."
	PruneNone                               string // "No deletion batch to remove (kept: %s)."
	PruneAuto                               string // "Old deletion batches removed: %s"
	PruneAutoFailed                         string // "warning: old deletion batches were not removed: %s"
	RetentionDesc                           string // "the last %d batches, for %s"
	BytesOne, BytesMany                     string // "%d byte"
	BytesKB, BytesMB, BytesGB               string // "%s KB (%s)"
	DecimalSep                              string // "." or ","
	ErrOlderThanNeedsPrune, ErrPruneAlone   string
	ErrBadOlderThan                         string // "invalid --older-than %q: expected a duration such as 30d, 12h or 0s"
	ErrUnsafeStateDir                       string // "%s can be written by other users (mode %s): ..."
	ErrBadRetention                         string // "invalid %s %q: ..."

	// Recovery of a deletion a killed run left unfinished: one line per
	// batch, at the start of delete, clear and undo.
	RecoveredFinished, RecoveredCompleted, RecoveredCleanedUp, RecoveredLeft string

	// The command line on cobra and fang (issue 10, demo and CLI details).
	CLILong                  string            // the root command's description in --help
	CLIExamples              string            // examples in the root's --help ("# " lines are comments)
	CLICommands              map[string]string // "list", "keep add"… -> one line; "delete/long"… -> more
	CLIFlags                 map[string]string // flag name, or "command.flag" when it differs -> description
	CLIHelpTitles            map[string]string // fang's section titles (USAGE, FLAGS…) in this language
	ErrUnknownFlag           string            // "unknown flag: %s"
	ErrUnknownFlagSuggest    string            // "unknown flag: %s (did you mean %s?)"
	ErrUnknownCommandSuggest string            // "unknown command %q (did you mean %s?)"
	ErrFlagNeedsValue        string            // "flag needs a value: %s"
	ErrFlagBadValue          string            // "invalid value %q for %s"
	ErrFlagNotHere           string            // "%s does not apply to %s"
	ErrNoSuchFile            string            // "%s %s: no such file"
	ErrUndoJSONNeedsList     string
	NoStoresTryDemo          string // one line: no store found, try --demo
	UndoListColumnNames      string // "BATCH|CREATED|COOKIES|STATUS"
	DemoUndoHint             string // a deletion from the demo's copy: its undo batch goes at exit too
}

// Plural picks the singular or plural form for n: French counts 0 and 1
// as singular, English only 1.
func (s *Strings) Plural(n int, one, many string) string {
	if n == 1 || (n == 0 && s == &french) {
		return one
	}
	return many
}

// For returns the table of a language (English for anything unknown).
func For(l Lang) *Strings {
	if l == French {
		return &french
	}
	return &english
}
