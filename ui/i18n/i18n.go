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
	Usage               string
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

	// Audit (ofgl-cookies audit).
	AuditUsage string
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
	AuditMsgThirdPartyPartitioned                   string // "cookie of %s, partitioned under %s"
	AuditMsgThirdPartyDeclared                      string // "third-party cookie of %s, sent with %s"
	AuditMsgNoConsent                               string // "not necessary (%s) and this store holds no consent record (%s) for %s"
	AuditMsgBeforeConsent                           string // "created %s, before the consent record %s (created %s)"
	AuditMsgBeforeConsentDomain                     string // "; a domain cookie of %s: another site of that domain may have set it"
	AuditDays, AuditHours                           string // "%s days", "%s hours"
	AuditTitle                                      string // "Cookie audit of %s"
	AuditCharter                                    string // "Charter: %s (%s)"
	AuditGenerated                                  string // "Generated: %s"
	AuditStoresLine                                 string // "Stores: %d read, %d failed"
	AuditRuleLine                                   string // "%s — %s (%s): %d"
	AuditTotal                                      string // "Total: %d findings (%d errors, %d warnings)"
	AuditNoFinding                                  string
	AuditNoPortal                                   string // no listed portal has cookies in the stores
	ErrFailOn, ErrAllPortalsAndSite, ErrWriteReport string
	// Written reports (--markdown, --html).
	AuditHAudited, AuditHSummary, AuditHFindings, AuditHRules, AuditHStores string
	AuditColRule, AuditColSeverity, AuditColCount, AuditColCookie, AuditColEvidence,
	AuditColCreated, AuditColExpires, AuditColLifetime, AuditColLimit, AuditColSource string
	AuditSite, AuditDate, AuditCharterSource, AuditValuesNote, AuditReportWritten string
	UIDetAudit, UIKeyAudit, UIAuditTitle, UIAuditClearHint                        string
}

// For returns the table of a language (English for anything unknown).
func For(l Lang) *Strings {
	if l == French {
		return &french
	}
	return &english
}
