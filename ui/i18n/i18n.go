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

	// Recovery of a deletion a killed run left unfinished (issue 8, fault
	// injection): one line per batch, at the start of delete, clear, undo.
	RecoveredFinished, RecoveredCompleted, RecoveredCleanedUp, RecoveredLeft string
}

// For returns the table of a language (English for anything unknown).
func For(l Lang) *Strings {
	if l == French {
		return &french
	}
	return &english
}
