// Package i18n holds every user-facing string of ofgl-cookies, one table per
// language (French and English), like lazygit's TranslationSet: a missing
// French string fails a test.
//
//	t := i18n.For(i18n.Detect(os.Getenv))
//	fmt.Println(t.NoStores)
package i18n

import (
	"fmt"
	"strings"

	"github.com/ofgl/ofgl-cookies/catalog"
	"github.com/ofgl/ofgl-cookies/inspect"
)

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

	// Summary line: site, cookie count, store count.
	Summary         string // "%s: %s in %s": site, CookieCount, StoreCount
	SummaryNone     string // "%s: no cookie found in %s": site, StoreCount
	NoStores        string
	StoreRead       string  // "read: %s": CookieCount
	StoreFailed     string  // "failed: %s"
	WarnStoreFailed string  // "warning: %s (%s): %s"
	WarnUndecrypted Counted // "warning: %d values could not be decrypted"
	ThirdPartyOn    string  // "third party, partitioned under %s"

	// Errors and usage.
	ErrUnknownCommand   string // "unknown command %q"
	ErrNetscapeValues   string
	ErrJSONAndNetscape  string
	ErrBadLang          string // "unknown language %q (expected fr or en)"
	ErrBadSite          string // "invalid --site: %s"
	ErrUnexpectedArg    string // "unexpected argument %q"
	ErrDemoAndStore     string
	ErrNetscapeSkipped  Counted // "warning: %d cookies left out…"
	HintHelp            string  // "see ofgl-cookies --help"
	Interrupted         string
	StoreOnlyFailed     string // "%s: %s"
	NoteSnapshot        string
	NoteSessionCookies  string
	NoteStoresReadCount Counted // "%d of %d stores read", agreeing with the second

	// Deletion, keep list and undo.
	PlanTitle              Counted // "%d cookies will be deleted:"
	PlanKept               string  // "kept by the rule %s: %s on %s"
	ConfirmPrompt          Counted // "Delete these %d cookies? [y/N] "
	YesAnswers             string  // accepted answers, space-separated
	Cancelled              string
	NeedYes                string
	NeedYesRestore         string // the same refusal for undo --restore-file
	DryRunDone             string
	NothingToDelete        string
	ResultDeleted          Counted // "deleted %d of %d", agreeing with the first
	ResultRefused          string  // "refused: %s"
	ResultFailed           string  // "failed: %s"
	ResultSummary          Counted // "%s deleted from %s.": CookieCount, StoreCount; agrees with the cookies
	UndoHint               string  // "Undo with: ofgl-cookies undo %s"
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
	UndoRestored           Counted // "restored %d"
	UndoSkipped            string  // "skipped: %s"
	UndoDone               string  // "Batch %s undone."
	UndoPartly             string  // "Batch %s is only partly undone; run undo again once the browsers are closed."
	RestoreFileWarning     string  // "%s"
	RestoreFilePrompt      string
	BatchStatus            map[string]string

	// Interactive terminal UI (ofgl-cookies with no command).
	UITitle, UIHeaderCounts, UIDiscovering string  // UIHeaderCounts: "%s · %s": CookieCount, StoreCount
	UIStoresFailed, UIReading              Counted // UIReading: done, total; agrees with the total
	UITabAll, UITabNecessary, UITabNonEssential, UITabStatistics,
	UITabFirstParty, UITabThirdParty, UITabUndeclared string
	UIFilters, UIFilterBrowser, UIFilterSearch, UISortBy, UISearchPrompt, UISearchPlaceholder string
	UIColBrowserProfile                                                                       string
	UINoMatch, UINoneInTab, UIDemoHint, UILoadingTable, UIDiscoverFailed                      string
	UINoCookies                                                                               Counted // site, stores read
	UIDetProvider, UIDetService, UIDetPurpose, UIDetCategory, UIDetConsent, UIDetLifetime,
	UIDetExpires, UIDetFlags, UIDetPartition, UIDetContainer, UIDetBrowser, UIDetProfile,
	UIDetStore, UIDetValue, UIDetKeep, UIDetCookie string
	UIInDays, UIInHours, UIInMinutes Counted
	UIConsentRequired, UIConsentNotRequired, UILifetimeDeclared, UILifetimeUnknown, UILongerThanDeclared,
	UINotInCharter, UIGuessed, UINone, UIKeptBy, UINotKept,
	UIRevealHint, UIHideHint, UIMoreDetails, UIThirdPartyOf, UIDetailEmpty string
	UIConfirmDelete, UIConfirmClear, UIConfirmMore Counted // UIConfirmMore: hidden, stores
	UIConfirmFrom, UIConfirmKept, UIConfirmHint    string
	UIDeleted                                      Counted // "Deleted %s from %s (u: undo).": CookieCount, StoreCount
	UIDeleting, UIDeletedNone, UIRefused, UIStoreFailed, UINothingToClear, UINothingMarked,
	UIKeptNotDeleted, UIAllKept, UIKeepListBroken, UIBusy string // UIDeleting: "deleting %s…": CookieCount
	UIUndone                                                                           Counted // "Restored %s (batch %s).": CookieCount, batch
	UIUndoing, UIUndoRefused, UIUndoFailed, UIReloading, UIRevealing, UIRevealFailed   string
	UIMarked                                                                           Counted
	UIStoresTitle, UIStoresPending, UIStoresNone, UITooSmall, UIHelpTitle, UIDemoBadge string
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
	WarnUndecryptedWhy Counted // "warning: %d values of %s could not be decrypted: %s"
	// KeyringReasons says why the keyring gave no key, by inspect.KeyringReason.
	KeyringReasons map[string]string
	// One writer per store, truthful partial results (the deletion engine).
	LockWaiting       string  // stderr while waiting: pid, command, store
	LockBusy          string  // a store another run kept: pid, command
	StateDirName      string  // what a lock on the state directory's files is called
	ResultBusy        string  // "failed: %s" for a busy store
	ResultRolledBack  string  // cause, files put back
	ResultPartly      string  // cause, files that hold the change
	ResultNotDeleted  string  // name, host of a cookie still in a failed store
	DeleteFailedLine  Counted // stderr: stores failed, stores, first failure; agrees with the stores
	UndoFailedLine    Counted // stderr: stores failed, stores, first failure; agrees with the stores
	UIStoreBusy       string  // where, what
	UIStoreRolledBack string  // where, cause
	UIStorePartly     string  // where, cause
	// Undo, restore-file, dry runs and pruning (issue 8: restore and what
	// stays on disk). A pair ending in One/Many is a count's singular and
	// plural: pick with Plural.
	UndoTitle                               string  // "Undoing batch %s (%s):"
	UndoDryTitle                            string  // "Dry run, nothing is changed. Undoing batch %s (%s) would:"
	RestoreTitle                            string  // "Restoring the backup files of batch %s (%s):"
	RestoreDryTitle                         string  // "Dry run, nothing is changed. Restoring the backup files of batch %s (%s) would:"
	UndoCookiesOne, UndoCookiesMany         string  // "restored %d cookie"
	UndoWouldOne, UndoWouldMany             string  // "would restore %d cookie"
	RestoreFilesOne, RestoreFilesMany       string  // "%d file put back"
	RestoreWouldFilesOne, RestoreWouldFiles string  // "would put back %d file"
	UndoCookieLine                          string  // "  + %s (%s)": name, host
	RestoreFileLine                         string  // "  put back %s (%s)"
	RestoreWouldFileLine                    string  // "  would put back %s (%s)"
	RestoreStaleLine                        string  // "  removed %s (it belonged to the newer file)"
	RestoreWouldStaleLine                   string  // "  would remove %s (it belongs to the newer file)"
	UndoAlreadyStore                        string  // "already put back by another run"
	UndoAlreadyDone                         string  // "Batch %s was already undone (%s): nothing to do."
	UndoAlreadyRestored                     string  // "Batch %s was already restored from its backup files (%s): nothing to do."
	RestoreDone                             string  // "Batch %s restored from its backup files."
	UndoNothingInBatch                      string  // "Batch %s has nothing to put back: none of its stores was changed."
	UndoDryDone                             string  // "Dry run: nothing was changed."
	UndoNext                                string  // "← undo puts this one back"
	BatchCookiesOne, BatchCookiesMany       string  // "%d cookie"
	PruneLine                               string  // "removed %s (%s, %s, %s)"
	PruneWouldLine                          string  // "would remove %s (%s, %s, %s)"
	PruneLeftover                           string  // "leftover of an interrupted run"
	PruneInUse                              string  // "kept %s: another ofgl-cookies run is using it"
	PruneFailed                             string  // "could not remove all of %s: %s"
	PruneSummaryOne, PruneSummaryMany       string  // "Removed %d deletion batch, %s freed."
	PruneWouldOne, PruneWouldMany           string  // "Would remove %d deletion batch, freeing %s."
	PruneNone                               string  // "No deletion batch to remove (kept: %s)."
	PruneAuto                               string  // "Old deletion batches removed: %s"
	PruneAutoFailed                         string  // "warning: old deletion batches were not removed: %s"
	RetentionDesc                           Counted // "the last %d batches, for %s"
	BytesOne, BytesMany                     string  // "%d byte"
	BytesKB, BytesMB, BytesGB               string  // "%s KB (%s)"
	DecimalSep                              string  // "." or ","
	ErrOlderThanNeedsPrune, ErrPruneAlone   string
	ErrBadOlderThan                         string // "invalid --older-than %q: expected a duration such as 30d, 12h or 0s"
	ErrUnsafeStateDir                       string // "%s can be written by other users (mode %s): ..."
	ErrBadRetention                         string // "invalid %s %q: ..."

	// Recovery of a deletion a killed run left unfinished: one line per
	// batch, at the start of delete, clear and undo.
	RecoveredFinished, RecoveredCompleted Counted // time, cookies deleted, batch
	RecoveredCleanedUp, RecoveredLeft     string

	// Audit (ofgl-cookies audit).
	// AuditRules names each rule, by audit.Rule.
	AuditRules map[string]string
	// AuditSeverities names each severity, by audit.Severity.
	AuditSeverities map[string]string
	// AuditSources cites where each rule comes from, by audit.Rule.
	AuditSources                                    map[string]string
	AuditMsgUndeclared                              string // "not declared by the charter"
	AuditMsgGuess                                   string // "; probably %s: %s (%s)" (provider, what, category)
	AuditMsgOverDeclared                            string // "lives %s, over 1.5 × the declared %s (%s) by at least a day"
	AuditMsgPersistentNotSession                    string // "declared as a session cookie, stored as persistent (%s)"
	AuditMsgSessionNotPersistent                    string // "declared to last %s, stored as a session cookie"
	AuditMsgAudience                                string // "audience cookie (%s) set to last %s, past 13 calendar months from its creation (%s)"
	AuditStatistics, AuditStatisticsGuessed         string
	AuditMsgThirdPartyPartitioned                   string  // "cookie of %s, partitioned under %s"
	AuditMsgThirdPartyDeclared                      string  // "third-party cookie of %s, sent with %s"
	AuditMsgNoConsent                               string  // "not necessary (%s) and this store holds no consent record (%s) for %s"
	AuditMsgBeforeConsent                           string  // "created %s, before the consent record %s (created %s)"
	AuditMsgBeforeConsentDomain                     string  // "; a domain cookie of %s: another site of that domain may have set it"
	AuditDays, AuditHours                           string  // "%s days", "%s hours"
	AuditTitle                                      string  // "Cookie audit of %s"
	AuditCharter                                    string  // "Charter: %s (%s)"
	AuditGenerated                                  string  // "Generated: %s"
	AuditStoresLine                                 string  // "Stores: %s, %d failed" (the read count, then the failed one)
	AuditRuleLine                                   string  // "%s — %s (%s): %d"
	AuditTotal                                      string  // "Total: %s (%s, %s)": the three counts below
	AuditFindings, AuditErrors, AuditWarnings       Counted // "%d finding", "%d error", "%d warning"
	AuditStoresRead                                 Counted // "%d read"
	AuditNoFinding                                  string
	AuditNoPortal                                   string // no listed portal has cookies in the stores
	ErrFailOn, ErrAllPortalsAndSite, ErrWriteReport string
	// Written reports (--markdown, --html).
	AuditHAudited, AuditHSummary, AuditHFindings, AuditHRules, AuditHStores string
	AuditColRule, AuditColSeverity, AuditColCount, AuditColCookie, AuditColEvidence,
	AuditColCreated, AuditColExpires, AuditColLifetime, AuditColLimit, AuditColSource string
	AuditSite, AuditDate, AuditCharterSource, AuditValuesNote, AuditReportWritten string
	UIDetAudit, UIKeyAudit, UIAuditTitle                                          string
	UIAuditClearHint                                                              Counted

	// Counts and categories that add up, both languages whole (issue 10,
	// the data side). Render a Counted with N or Nf.
	Cookies, Stores Counted // "%d cookie", "%d store"
	// CategoryWords names each category (Category renders it);
	// CategoryCounts is one figure of a count line (CategoryCount renders
	// it), Undeclared's naming the undeclared cookies nothing places.
	CategoryWords  map[catalog.Category]string
	CategoryCounts map[catalog.Category]Counted
	CountLineTotal Counted // "%d cookies:" before a count line
	CountLineOf    Counted // "(%d of them undeclared)" after it
	// UnknownProvider and UnknownPurpose stand where neither the charter
	// nor a guess says anything.
	UnknownProvider, UnknownPurpose string
	ErrBadCategory                  string // "unknown category %q (expected one of %s)"

	// Issue 9, inspect's typed results: the words of each problem kind, note
	// reason an undo skips a cookie (see problems.go), and the one note
	// kind without a field above.
	Problems       map[inspect.ProblemKind]string
	NoteStaleLock  string
	SkipReasons    map[inspect.SkipReason]string
	NothingChanged string // "; nothing was changed", after a problem that changed nothing
	// Why a deletion was refused, by the running check's signal, and the
	// parts the held-lock reason and every refusal add.
	Running                                       map[inspect.RunningWhy]string
	RunningPID, RunningLock, RunningProfileSuffix string                          // "process %d", "lock %s", " (profile %s)"
	LockNotes                                     map[inspect.LockNoteKind]string // a lock's detail, by kind

	// The interactive UI (issue 10: actions on what is shown, counts that
	// add up, the undo history, the key map).
	UIKeyReverse, UIKeyMarkAll, UIKeyUnmarkAll, UIKeyHistory, UIKeyConfirmAll, UIKeyUndoBatch, UIKeyBack string
	UIKeyAuditClear                                                                                      string  // c on the audit page
	UIColProfileShort                                                                                    string  // the browser/profile column's title when narrow
	UICountsFiltered                                                                                     Counted // "%d of %d shown:", agreeing with the first
	UIConfirmClearShown                                                                                  Counted // shown, in all; agrees with shown
	UIConfirmClearNoneShown                                                                              Counted // "No non-essential cookie is shown (%d in all)."
	UIConfirmHintAll                                                                                     Counted // shown, all; agrees with shown
	UIConfirmHintAllOnly                                                                                 Counted // all
	UIHistoryTitle, UIHistoryEmpty, UIHistoryFailed, UIHistoryNotUndoable, UIHistoryLoading              string
	UIHistoryWhen, UIHistoryCookies, UIHistoryStores, UIHistoryState                                     string // column titles
	UIHistoryUndone, UIHistoryUndoable, UIHistoryNothing, UIHistoryPending                               string // states

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

// AuditTotalLine is the audit's total line, each count with its own
// agreement.
func (s *Strings) AuditTotalLine(total, errs, warns int) string {
	return fmt.Sprintf(s.AuditTotal, s.N(s.AuditFindings, total), s.N(s.AuditErrors, errs), s.N(s.AuditWarnings, warns))
}

// AuditStoresCount is the audit's line of stores read and failed.
func (s *Strings) AuditStoresCount(read, failed int) string {
	return fmt.Sprintf(s.AuditStoresLine, s.N(s.AuditStoresRead, read), failed)

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
