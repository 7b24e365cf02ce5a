package i18n

var english = Strings{
	ColBrowser: "BROWSER", ColProfile: "PROFILE", ColHost: "HOST", ColName: "NAME", ColPath: "PATH",
	ColCategory: "CATEGORY", ColDeclared: "DECLARED", ColProvider: "PROVIDER", ColPurpose: "PURPOSE",
	ColExpires: "EXPIRES", ColValue: "VALUE", ColPartition: "PARTITION", ColStore: "STORE",
	ColStatus: "STATUS", ColCookies: "COOKIES",

	Yes: "yes", No: "no", Session: "session", Guess: "guess", Masked: "(masked)",
	Undecryptable: "(undecryptable)", Expired: "expired",

	Categories: map[string]string{
		"necessary": "necessary", "statistics": "statistics", "first-party": "first-party",
		"third-party": "third-party", "undeclared": "undeclared",
	},

	Summary:         "%s: %d cookies in %d stores",
	SummaryNone:     "%s: no cookie found in %d stores",
	NoStores:        "No browser cookie store was found on this computer.",
	StoreRead:       "read: %d cookies",
	StoreFailed:     "failed: %s",
	WarnStoreFailed: "warning: %s (%s) %s: %s",
	WarnUndecrypted: "warning: %d values could not be decrypted (the browser's key is not available)",
	ThirdPartyOn:    "third party, partitioned under %s",

	ErrUnknownCommand:      "unknown command %q",
	ErrNetscapeValues:      "--netscape writes cookie values: add --show-values",
	ErrJSONAndNetscape:     "--json and --netscape cannot be combined",
	ErrBadLang:             "unknown language %q (expected fr or en)",
	ErrBadSite:             "invalid --site: %s",
	ErrUnexpectedArg:       "unexpected argument %q",
	ErrDemoAndStore:        "--demo and --store cannot be combined",
	ErrNetscapeSkipped:     "warning: %d cookies left out of the cookies.txt: their value is unknown",
	HintHelp:               "see 'ofgl-cookies --help'",
	Interrupted:            "interrupted",
	StoreOnlyFailed:        "%s: %s",
	NoteSnapshot:           "in use: read from a private snapshot",
	NoteSessionCookies:     "session cookies",
	NoteStoresReadCount:    "%d of %d stores read",
	PlanTitle:              "%d cookies will be deleted:",
	PlanKept:               "kept by the rule %s: %s on %s",
	ConfirmPrompt:          "Delete these %d cookies? [y/N] ",
	YesAnswers:             "y yes",
	Cancelled:              "Nothing was deleted.",
	NeedYes:                "not a terminal: add --yes to delete without asking, or --dry-run to preview",
	NeedYesRestore:         "not a terminal: add --yes to put the backup files back without asking, or --dry-run to preview",
	DryRunDone:             "Dry run: nothing was deleted.",
	NothingToDelete:        "No cookie to delete.",
	ResultDeleted:          "deleted %d of %d",
	ResultRefused:          "refused: %s",
	ResultFailed:           "failed: %s",
	ResultSummary:          "%d cookies deleted from %d stores.",
	UndoHint:               "To undo: ofgl-cookies undo %s",
	RunningHint:            "Close the browser named above, then run the command again; nothing was changed in its store.",
	ClearNeedsNonEssential: "clear needs --non-essential (it never deletes necessary cookies)",
	DeleteNeedsSelector:    "delete needs a selector (--name, --category, --browser, --profile, --store) or --all",
	KeepAdded:              "added to the keep list: %s",
	KeepRemoved:            "removed from the keep list: %s",
	KeepNotFound:           "not in the keep list: %s",
	KeepEmpty:              "The keep list is empty.",
	KeepListHeader:         "Keep list (%s):",
	KeepUsage:              "usage: ofgl-cookies keep add|rm NAME[@HOST]..., or ofgl-cookies keep list",
	UndoNone:               "No deletion batch to undo.",
	UndoBatches:            "Deletion batches, newest first:",
	UndoRestored:           "restored %d",
	UndoSkipped:            "skipped: %s",
	UndoDone:               "Batch %s undone.",
	UndoPartly:             "Batch %s is only partly undone; run undo again once the browsers are closed.",
	RestoreFileWarning:     "Restoring the backup files puts each store back exactly as it was before batch %s: every cookie change the browser made since then is lost.",
	RestoreFilePrompt:      "Restore the backup files? [y/N] ",
	BatchStatus:            map[string]string{"pending": "unfinished", "committed": "can be undone", "undone": "undone", "restored": "restored from its backup files"},

	UITitle:              "ofgl-cookies",
	UIHeaderCounts:       "%d cookies · %d stores",
	UIStoresFailed:       "%d stores failed (S: stores)",
	UIDiscovering:        "looking for cookie stores…",
	UIReading:            "%d of %d stores",
	UITabAll:             "All",
	UITabNecessary:       "Necessary",
	UITabNonEssential:    "Non-essential",
	UITabStatistics:      "Statistics",
	UITabFirstParty:      "First-party",
	UITabThirdParty:      "Third-party",
	UITabUndeclared:      "Undeclared",
	UIFilters:            "filters:",
	UIFilterBrowser:      "browser %s",
	UIFilterSearch:       "search %q",
	UISortBy:             "sort: %s",
	UISearchPrompt:       "search: ",
	UISearchPlaceholder:  "name or host",
	UIColBrowserProfile:  "BROWSER/PROFILE",
	UINoMatch:            "No cookie matches the filters (esc clears them).",
	UINoneInTab:          "No cookie in this tab.",
	UINoCookies:          "No cookie for %s in the %d stores read.",
	UIDemoHint:           "To see what the tool does, run: ofgl-cookies --demo",
	UILoadingTable:       "Reading the browsers' cookie stores…",
	UIDiscoverFailed:     "Cannot list the cookie stores: %s",
	UIDetProvider:        "Provider",
	UIDetService:         "Service",
	UIDetPurpose:         "Purpose",
	UIDetCategory:        "Category",
	UIDetConsent:         "Consent",
	UIDetLifetime:        "Lifetime",
	UIDetExpires:         "Expires",
	UIDetFlags:           "Flags",
	UIDetPartition:       "Partition",
	UIDetContainer:       "Container",
	UIDetBrowser:         "Browser",
	UIDetProfile:         "Profile",
	UIDetStore:           "Store",
	UIDetValue:           "Value",
	UIDetKeep:            "Keep list",
	UIDetCookie:          "Cookie",
	UIConsentRequired:    "required",
	UIConsentNotRequired: "not required",
	UILifetimeDeclared:   "declared: %s",
	UILifetimeUnknown:    "not stated by the charter",
	UILongerThanDeclared: "longer than declared",
	UIInDays:             "in %d days",
	UIInHours:            "in %d hours",
	UIInMinutes:          "in %d minutes",
	UINotInCharter:       "not in the charter",
	UIGuessed:            "probably %s: %s",
	UINone:               "none",
	UIKeptBy:             "kept by the rule %s",
	UINotKept:            "not kept (K adds %s)",
	UIRevealHint:         "v: show",
	UIHideHint:           "v: hide",
	UIMoreDetails:        "… enter: full details",
	UIThirdPartyOf:       "third party, partitioned under %s",
	UIDetailEmpty:        "No cookie selected.",
	UIConfirmDeleteOne:   "Delete this cookie?",
	UIConfirmDeleteMany:  "Delete these %d cookies?",
	UIConfirmClear:       "Clear the %d non-essential cookies?",
	UIConfirmFrom:        "from %s (%d):",
	UIConfirmMore:        "… and %d more, from %s",
	UIConfirmKept:        "Kept by the keep list: %s",
	UIConfirmHint:        "y: delete (backed up, u undoes) · any other key: cancel",
	UIDeleting:           "deleting %d cookies…",
	UIDeleted:            "Deleted %d cookies from %d stores (u: undo).",
	UIDeletedNone:        "Nothing was deleted.",
	UIRefused:            "Refused, nothing changed there: %s. Close it and retry.",
	UIStoreFailed:        "%s: failed, nothing changed there: %s",
	UINothingToClear:     "No non-essential cookie to clear.",
	UINothingMarked:      "No cookie selected.",
	UIKeptNotDeleted:     "%s is in the keep list: press k to take it out first.",
	UIAllKept:            "Every cookie chosen is in the keep list: nothing to delete.",
	UIKeepListBroken:     "The keep list cannot be read, so nothing is deleted: %s",
	UIBusy:               "Please wait: an operation is running.",
	UIUndoing:            "undoing the last deletion…",
	UIUndone:             "Restored %d cookies (batch %s).",
	UIUndoRefused:        "Undo refused, nothing changed there: %s. Close it and retry.",
	UIUndoFailed:         "Undo failed: %s",
	UIReloading:          "reloading…",
	UIRevealing:          "reading the value…",
	UIRevealFailed:       "Cannot show the value: %s",
	UIStoresTitle:        "Cookie stores (%d) · S or esc: back",
	UIStoresPending:      "reading…",
	UIStoresNone:         "No browser cookie store was found on this computer.",
	UITooSmall:           "Terminal too small: %dx%d, need %dx%d",
	UIMarked:             "%d marked",
	UIHelpTitle:          "Keys · ? or esc: back",
	UIDemoBadge:          "demo",
	UIKeyUp:              "up",
	UIKeyDown:            "down",
	UIKeyPage:            "page up/down",
	UIKeyEnds:            "first/last",
	UIKeyTabs:            "next/previous tab",
	UIKeyTabNumbers:      "go to tab",
	UIKeySort:            "sort column",
	UIKeySearch:          "search",
	UIKeyClear:           "clear filters",
	UIKeyBrowser:         "browser/profile",
	UIKeyDetails:         "full details",
	UIKeyReveal:          "show value",
	UIKeyMark:            "mark",
	UIKeyDelete:          "delete",
	UIKeyClearAll:        "clear non-essential shown",
	UIKeyKeep:            "keep list",
	UIKeyUndo:            "undo",
	UIKeyReload:          "reload",
	UIKeyStores:          "stores",
	UIKeyHelp:            "help",
	UIKeyQuit:            "quit",
	UIKeyConfirm:         "confirm",
	UIKeyCancel:          "don't delete",
	UIKeyEnterSearch:     "keep search",
	UIKeyClearSearch:     "clear the search",

	// Keep rules with one meaning everywhere.
	KeepAlready:     "already in the keep list: %s",
	KeepRuleInvalid: "invalid keep rule \"%s\": %s",
	KeepListInvalid: "keep list %s, line %d: invalid rule \"%s\": %s",
	KeepProblems: map[int]string{
		1:  "expected NAME or NAME@HOST",
		2:  "empty host after @",
		3:  "more than one @",
		4:  "control characters are not allowed",
		5:  "not valid UTF-8",
		6:  "a cookie name cannot hold spaces, ';', '=' or ','",
		7:  "\"*\" alone would keep every cookie",
		8:  "\"*\" is allowed only at the end of the name",
		9:  "the host is not a host name (no scheme, port, path or spaces)",
		10: "the name ends in \"*\", which a rule reads as a prefix",
	},
	UIKeepRuleRefused: "%s cannot be kept by a rule: %s",
	Usage: `ofgl-cookies: the cookies your browsers keep for data.ofgl.fr, checked against the site's cookie charter.

Usage:
  ofgl-cookies [flags]            on a terminal, the interactive UI; otherwise the same as list
  ofgl-cookies --demo             the interactive UI on built-in sample stores (no browser needed)
  ofgl-cookies [list] [flags]     list the cookies every browser would send to the site
  ofgl-cookies stores [flags]     list the cookie stores found and how each read went
  ofgl-cookies delete [flags]     delete the cookies list would show with the same selectors
  ofgl-cookies clear --non-essential [flags]
                                  delete every cookie of the site that is not necessary
  ofgl-cookies keep add|rm NAME[@HOST]...   cookies that clear and delete never remove
                                  (a NAME ending in * is a prefix: _pk_*)
  ofgl-cookies keep list
  ofgl-cookies undo [BATCH]       put the latest deletion batch back (or BATCH)
  ofgl-cookies undo --list        list the deletion batches and their status
  ofgl-cookies undo --prune [--older-than DURATION]
                                  remove old batches and their backups
  ofgl-cookies --version          print the version

Flags of list:
  --json                 print a JSON array
  --netscape             print a cookies.txt (needs --show-values)
  --show-values          show cookie values (masked by default: they are credentials)
  --expired              also list expired cookies (browsers do not send them)
  --category NAME        necessary, non-essential, statistics, first-party, third-party
                         or undeclared (repeatable)
  --name NAME            only cookies with this name (repeatable)
  --browser NAME         only this browser (chromium, chrome, firefox...)
  --profile NAME         only this profile (display or directory name)
  --store PATH           read only this file; its format is detected from its content
  --demo                 read built-in sample stores instead (list, stores, and the UI)

Flags of delete and clear (plus the selectors of list):
  --dry-run              show what would be deleted, change nothing
  --yes                  do not ask (required when not on a terminal)
  --keep NAME[@HOST]     keep this cookie too, in this run only (repeatable; NAME* is a prefix)
  --all                  delete: every cookie of the site, when no selector is given
  Browsers must be closed: a store whose browser runs is left untouched (exit code 3).
  Each store is backed up first; undo puts the deleted cookies back.

Flags of undo:
  --list                 only list the batches
  --restore-file         put the backup files back instead (loses later browser changes)
  --dry-run              show what would be restored (or pruned), change nothing
  --prune                remove the batches past the retention: 30 days, the last 20
                         (OFGL_COOKIES_RETAIN_FOR=30d, OFGL_COOKIES_RETAIN_BATCHES=20);
                         also done after each deletion
  --older-than DURATION  with --prune: remove every batch older than this (30d, 12h; 0s: all)

Flags of list, stores, delete and clear:
  --site HOST            the site to inspect (default data.ofgl.fr)
  --catalog FILE         another site's charter, in the format of the built-in one
  --lang fr|en           language (default from LC_ALL, LC_MESSAGES or LANG)

Exit codes: 0 success (stores that failed are reported on stderr), 1 runtime error, 2 usage error,
3 a browser that owns a store is running (nothing was changed in that store).
`,

	// Values on a real desktop (Chromium's key in the keyring).
	WarnUndecryptedWhy: "warning: %d values of %s could not be decrypted: %s",
	KeyringReasons: map[string]string{
		"keyring_locked":     "the keyring is locked (or its unlock prompt was dismissed); unlock it and run again",
		"keyring_timeout":    "the keyring did not answer in time (an unlock prompt left unanswered?)",
		"no_session_bus":     "there is no D-Bus session (console or ssh login?), so the keyring (Secret Service, KWallet) was not asked",
		"no_keyring_service": "no keyring runs in this session (neither the Secret Service nor KWallet)",
		"no_key_stored":      "the keyring holds no key for this browser",
		"keyring_error":      "the keyring failed",
	},
	// One writer per store, truthful partial results (the deletion engine).
	LockWaiting:       "waiting for ofgl-cookies pid %s (%s) to finish with %s…",
	LockBusy:          "another ofgl-cookies process (pid %s, %s) kept it busy; nothing was changed",
	StateDirName:      "the state directory",
	ResultBusy:        "failed: %s",
	ResultRolledBack:  "failed: %s; the files already rewritten (%s) were put back from the backup: the store is as it was (backup kept)",
	ResultPartly:      "failed: %s; the store is partly changed (%s hold the change): its undo record and backup are kept",
	ResultNotDeleted:  "  ! not deleted: %s (%s)",
	DeleteFailedLine:  "%d of %d stores not done — %s",
	UndoFailedLine:    "the undo failed for %d of %d stores: %s",
	UIStoreBusy:       "%s: busy, nothing changed there: %s",
	UIStoreRolledBack: "%s: failed, put back as it was: %s",
	UIStorePartly:     "%s: failed part-way, its undo record is kept: %s",
	// Undo, restore-file, dry runs and pruning (issue 8).
	UndoTitle:              "Undoing batch %s (%s):",
	UndoDryTitle:           "Dry run, nothing is changed. Undoing batch %s (%s) would:",
	RestoreTitle:           "Restoring the backup files of batch %s (%s):",
	RestoreDryTitle:        "Dry run, nothing is changed. Restoring the backup files of batch %s (%s) would:",
	UndoCookiesOne:         "restored %d cookie",
	UndoCookiesMany:        "restored %d cookies",
	UndoWouldOne:           "would restore %d cookie",
	UndoWouldMany:          "would restore %d cookies",
	RestoreFilesOne:        "%d file put back",
	RestoreFilesMany:       "%d files put back",
	RestoreWouldFilesOne:   "would put back %d file",
	RestoreWouldFiles:      "would put back %d files",
	UndoCookieLine:         "  + %s (%s)",
	RestoreFileLine:        "  put back %s: %s, checked by SHA-256",
	RestoreWouldFileLine:   "  would put back %s: %s",
	RestoreStaleLine:       "  removed %s (it belonged to the newer file)",
	RestoreWouldStaleLine:  "  would remove %s (it belongs to the newer file)",
	UndoAlreadyStore:       "already put back by another run",
	UndoAlreadyDone:        "Batch %s was already undone (%s): nothing to do.",
	UndoAlreadyRestored:    "Batch %s was already restored from its backup files (%s): nothing to do.",
	RestoreDone:            "Batch %s restored from its backup files.",
	UndoNothingInBatch:     "Batch %s has nothing to put back: none of its stores was changed.",
	UndoDryDone:            "Dry run: nothing was changed.",
	UndoNext:               "<- undo puts this one back",
	BatchCookiesOne:        "%d cookie",
	BatchCookiesMany:       "%d cookies",
	PruneLine:              "removed %s (%s, %s, %s)",
	PruneWouldLine:         "would remove %s (%s, %s, %s)",
	PruneLeftover:          "leftover of an interrupted run",
	PruneInUse:             "kept %s: another ofgl-cookies run is using it",
	PruneFailed:            "could not remove all of %s: %s",
	PruneSummaryOne:        "Removed %d deletion batch, %s freed.",
	PruneSummaryMany:       "Removed %d deletion batches, %s freed.",
	PruneWouldOne:          "Dry run: would remove %d deletion batch, freeing %s.",
	PruneWouldMany:         "Dry run: would remove %d deletion batches, freeing %s.",
	PruneNone:              "No deletion batch to remove (kept: %s).",
	PruneAuto:              "Old deletion batches removed: %s",
	PruneAutoFailed:        "warning: old deletion batches were not removed: %s",
	RetentionDesc:          "the last %d batches, for %s",
	BytesOne:               "%d byte",
	BytesMany:              "%d bytes",
	BytesKB:                "%s KB (%s)",
	BytesMB:                "%s MB (%s)",
	BytesGB:                "%s GB (%s)",
	DecimalSep:             ".",
	ErrOlderThanNeedsPrune: "--older-than goes with --prune",
	ErrPruneAlone:          "--prune takes no batch and no --restore-file",
	ErrBadOlderThan:        "invalid --older-than %q: expected a duration such as 30d, 12h or 0s",
	ErrUnsafeStateDir:      "%s can be written by other users (mode %s): ofgl-cookies keeps private data only in a directory that only you can write to (see OFGL_COOKIES_STATE_DIR); nothing was written",
	ErrBadRetention:        "invalid %s %q: expected a duration such as 30d or 12h, or a count of at least 1",
	// Recovery of an interrupted deletion (issue 8, fault injection).
	RecoveredFinished:  "A deletion interrupted at %s was finished: %d cookies deleted; undo with `ofgl-cookies undo %s`",
	RecoveredCompleted: "A deletion interrupted at %s was finished: %d cookies deleted, its half-rewritten Firefox session completed; undo with `ofgl-cookies undo %s`",
	RecoveredCleanedUp: "A deletion interrupted at %s was cleaned up: nothing had been deleted",
	RecoveredLeft:      "A deletion interrupted at %s could not be settled yet (%s); the next run tries again",
	// The interactive UI (issue 10).
	UIKeyReverse:            "reverse order",
	UIKeyMarkAll:            "mark all shown",
	UIKeyUnmarkAll:          "unmark all",
	UIKeyHistory:            "undo history",
	UIKeyConfirmAll:         "clear in every store",
	UIKeyUndoBatch:          "undo this batch",
	UIKeyBack:               "back",
	UIColProfileShort:       "PROFILE",
	UICountsFiltered:        "%d of %d shown:",
	UIConfirmClearShownOne:  "Clear the %d non-essential cookie shown? (%d non-essential in all)",
	UIConfirmClearShownMany: "Clear the %d non-essential cookies shown? (%d non-essential in all)",
	UIConfirmClearNoneShown: "No non-essential cookie is shown; %d in all, in every store.",
	UIConfirmHintAll:        "y: clear the %d shown · a: clear all %d · any other key: cancel (backed up, u undoes)",
	UIConfirmHintAllOnly:    "a: clear all %d · any other key: cancel (backed up, u undoes)",
	UIHistoryTitle:          "Deletion history (%d) · u/enter: undo the batch · esc: back",
	UIHistoryEmpty:          "No deletion yet: nothing to undo.",
	UIHistoryFailed:         "Cannot read the deletion history: %s",
	UIHistoryNotUndoable:    "Batch %s has nothing left to undo.",
	UIHistoryLoading:        "Reading the deletion history…",
	UIHistoryWhen:           "WHEN",
	UIHistoryCookies:        "COOKIES",
	UIHistoryStores:         "FROM: WHAT",
	UIHistoryState:          "STATE",
	UIHistoryUndone:         "undone %s",
	UIHistoryUndoable:       "can be undone",
	UIHistoryNothing:        "nothing to undo",
	UIHistoryPending:        "unfinished",
}

var french = Strings{
	ColBrowser: "NAVIGATEUR", ColProfile: "PROFIL", ColHost: "HÔTE", ColName: "NOM", ColPath: "CHEMIN",
	ColCategory: "CATÉGORIE", ColDeclared: "DÉCLARÉ", ColProvider: "PRESTATAIRE", ColPurpose: "FINALITÉ",
	ColExpires: "EXPIRE", ColValue: "VALEUR", ColPartition: "PARTITION", ColStore: "MAGASIN",
	ColStatus: "ÉTAT", ColCookies: "COOKIES",

	Yes: "oui", No: "non", Session: "session", Guess: "supposition", Masked: "(masquée)",
	Undecryptable: "(indéchiffrable)", Expired: "expiré",

	Categories: map[string]string{
		"necessary": "nécessaire", "statistics": "statistiques", "first-party": "interne",
		"third-party": "tiers", "undeclared": "non déclaré",
	},

	Summary:         "%s : %d cookies dans %d magasins",
	SummaryNone:     "%s : aucun cookie trouvé dans %d magasins",
	NoStores:        "Aucun magasin de cookies de navigateur n'a été trouvé sur cet ordinateur.",
	StoreRead:       "lu : %d cookies",
	StoreFailed:     "échec : %s",
	WarnStoreFailed: "attention : %s (%s) %s : %s",
	WarnUndecrypted: "attention : %d valeurs n'ont pas pu être déchiffrées (la clé du navigateur est indisponible)",
	ThirdPartyOn:    "tiers, partitionné sous %s",

	ErrUnknownCommand:      "commande inconnue %q",
	ErrNetscapeValues:      "--netscape écrit les valeurs des cookies : ajoutez --show-values",
	ErrJSONAndNetscape:     "--json et --netscape ne peuvent pas être combinés",
	ErrBadLang:             "langue inconnue %q (attendu : fr ou en)",
	ErrBadSite:             "--site invalide : %s",
	ErrUnexpectedArg:       "argument inattendu %q",
	ErrDemoAndStore:        "--demo et --store ne peuvent pas être combinés",
	ErrNetscapeSkipped:     "attention : %d cookies absents du cookies.txt : leur valeur est inconnue",
	HintHelp:               "voir « ofgl-cookies --help »",
	Interrupted:            "interrompu",
	StoreOnlyFailed:        "%s : %s",
	NoteSnapshot:           "en cours d'utilisation : lu depuis une copie privée",
	NoteSessionCookies:     "cookies de session",
	NoteStoresReadCount:    "%d magasins lus sur %d",
	PlanTitle:              "%d cookies vont être supprimés :",
	PlanKept:               "gardé par la règle %s : %s sur %s",
	ConfirmPrompt:          "Supprimer ces %d cookies ? [o/N] ",
	YesAnswers:             "o oui y yes",
	Cancelled:              "Rien n'a été supprimé.",
	NeedYes:                "pas de terminal : ajoutez --yes pour supprimer sans confirmation, ou --dry-run pour un aperçu",
	NeedYesRestore:         "pas de terminal : ajoutez --yes pour remettre les fichiers sauvegardés sans confirmation, ou --dry-run pour un aperçu",
	DryRunDone:             "Simulation : rien n'a été supprimé.",
	NothingToDelete:        "Aucun cookie à supprimer.",
	ResultDeleted:          "%d supprimés sur %d",
	ResultRefused:          "refusé : %s",
	ResultFailed:           "échec : %s",
	ResultSummary:          "%d cookies supprimés dans %d magasins.",
	UndoHint:               "Pour annuler : ofgl-cookies undo %s",
	RunningHint:            "Fermez le navigateur indiqué ci-dessus puis relancez la commande ; son magasin n'a pas été modifié.",
	ClearNeedsNonEssential: "clear exige --non-essential (les cookies nécessaires ne sont jamais supprimés)",
	DeleteNeedsSelector:    "delete exige un critère (--name, --category, --browser, --profile, --store) ou --all",
	KeepAdded:              "ajouté à la liste à garder : %s",
	KeepRemoved:            "retiré de la liste à garder : %s",
	KeepNotFound:           "absent de la liste à garder : %s",
	KeepEmpty:              "La liste à garder est vide.",
	KeepListHeader:         "Liste à garder (%s) :",
	KeepUsage:              "utilisation : ofgl-cookies keep add|rm NOM[@HÔTE]…, ou ofgl-cookies keep list",
	UndoNone:               "Aucune suppression à annuler.",
	UndoBatches:            "Suppressions, de la plus récente à la plus ancienne :",
	UndoRestored:           "%d restaurés",
	UndoSkipped:            "ignoré : %s",
	UndoDone:               "Suppression %s annulée.",
	UndoPartly:             "La suppression %s n'est que partiellement annulée ; relancez undo une fois les navigateurs fermés.",
	RestoreFileWarning:     "Restaurer les fichiers de sauvegarde remet chaque magasin exactement dans son état d'avant la suppression %s : tout changement de cookies fait depuis par le navigateur est perdu.",
	RestoreFilePrompt:      "Restaurer les fichiers de sauvegarde ? [o/N] ",
	BatchStatus:            map[string]string{"pending": "inachevée", "committed": "annulable", "undone": "annulée", "restored": "restaurée depuis ses fichiers sauvegardés"},

	UITitle:              "ofgl-cookies",
	UIHeaderCounts:       "%d cookies · %d magasins",
	UIStoresFailed:       "%d magasins en échec (S : magasins)",
	UIDiscovering:        "recherche des magasins de cookies…",
	UIReading:            "%d magasins sur %d",
	UITabAll:             "Tous",
	UITabNecessary:       "Nécessaires",
	UITabNonEssential:    "Non essentiels",
	UITabStatistics:      "Statistiques",
	UITabFirstParty:      "Internes",
	UITabThirdParty:      "Tiers",
	UITabUndeclared:      "Non déclarés",
	UIFilters:            "filtres :",
	UIFilterBrowser:      "navigateur %s",
	UIFilterSearch:       "recherche %q",
	UISortBy:             "tri : %s",
	UISearchPrompt:       "recherche : ",
	UISearchPlaceholder:  "nom ou hôte",
	UIColBrowserProfile:  "NAVIGATEUR/PROFIL",
	UINoMatch:            "Aucun cookie ne correspond aux filtres (échap les efface).",
	UINoneInTab:          "Aucun cookie dans cet onglet.",
	UINoCookies:          "Aucun cookie pour %s dans les %d magasins lus.",
	UIDemoHint:           "Pour voir ce que fait l'outil, lancez : ofgl-cookies --demo",
	UILoadingTable:       "Lecture des magasins de cookies des navigateurs…",
	UIDiscoverFailed:     "Impossible de lister les magasins de cookies : %s",
	UIDetProvider:        "Prestataire",
	UIDetService:         "Service",
	UIDetPurpose:         "Finalité",
	UIDetCategory:        "Catégorie",
	UIDetConsent:         "Consentement",
	UIDetLifetime:        "Durée",
	UIDetExpires:         "Expire",
	UIDetFlags:           "Attributs",
	UIDetPartition:       "Partition",
	UIDetContainer:       "Conteneur",
	UIDetBrowser:         "Navigateur",
	UIDetProfile:         "Profil",
	UIDetStore:           "Magasin",
	UIDetValue:           "Valeur",
	UIDetKeep:            "À garder",
	UIDetCookie:          "Cookie",
	UIConsentRequired:    "requis",
	UIConsentNotRequired: "non requis",
	UILifetimeDeclared:   "déclarée : %s",
	UILifetimeUnknown:    "non indiquée par la charte",
	UILongerThanDeclared: "plus longue que déclarée",
	UIInDays:             "dans %d jours",
	UIInHours:            "dans %d heures",
	UIInMinutes:          "dans %d minutes",
	UINotInCharter:       "absent de la charte",
	UIGuessed:            "sans doute %s : %s",
	UINone:               "aucune",
	UIKeptBy:             "gardé par la règle %s",
	UINotKept:            "non (K ajoute %s)",
	UIRevealHint:         "v : afficher",
	UIHideHint:           "v : masquer",
	UIMoreDetails:        "… entrée : tous les détails",
	UIThirdPartyOf:       "tiers, partitionné sous %s",
	UIDetailEmpty:        "Aucun cookie sélectionné.",
	UIConfirmDeleteOne:   "Supprimer ce cookie ?",
	UIConfirmDeleteMany:  "Supprimer ces %d cookies ?",
	UIConfirmClear:       "Effacer les %d cookies non essentiels ?",
	UIConfirmFrom:        "dans %s (%d) :",
	UIConfirmMore:        "… et %d autres, dans %s",
	UIConfirmKept:        "Gardés par la liste à garder : %s",
	UIConfirmHint:        "o/y : supprimer (sauvegardé, u annule) · toute autre touche : annuler",
	UIDeleting:           "suppression de %d cookies…",
	UIDeleted:            "%d cookies supprimés dans %d magasins (u : annuler).",
	UIDeletedNone:        "Rien n'a été supprimé.",
	UIRefused:            "Refusé, rien n'a changé là : %s. Fermez-le puis réessayez.",
	UIStoreFailed:        "%s : échec, rien n'a changé là : %s",
	UINothingToClear:     "Aucun cookie non essentiel à effacer.",
	UINothingMarked:      "Aucun cookie sélectionné.",
	UIKeptNotDeleted:     "%s est dans la liste à garder : appuyez sur k pour l'en retirer d'abord.",
	UIAllKept:            "Tous les cookies choisis sont dans la liste à garder : rien à supprimer.",
	UIKeepListBroken:     "La liste à garder est illisible, rien n'est supprimé : %s",
	UIBusy:               "Patientez : une opération est en cours.",
	UIUndoing:            "annulation de la dernière suppression…",
	UIUndone:             "%d cookies restaurés (lot %s).",
	UIUndoRefused:        "Annulation refusée, rien n'a changé là : %s. Fermez-le puis réessayez.",
	UIUndoFailed:         "Échec de l'annulation : %s",
	UIReloading:          "rechargement…",
	UIRevealing:          "lecture de la valeur…",
	UIRevealFailed:       "Impossible d'afficher la valeur : %s",
	UIStoresTitle:        "Magasins de cookies (%d) · S ou échap : retour",
	UIStoresPending:      "lecture…",
	UIStoresNone:         "Aucun magasin de cookies de navigateur n'a été trouvé sur cet ordinateur.",
	UITooSmall:           "Terminal trop petit : %dx%d, il faut %dx%d",
	UIMarked:             "%d marqués",
	UIHelpTitle:          "Touches · ? ou échap : retour",
	UIDemoBadge:          "démo",
	UIKeyUp:              "haut",
	UIKeyDown:            "bas",
	UIKeyPage:            "page préc./suiv.",
	UIKeyEnds:            "début/fin",
	UIKeyTabs:            "onglet suiv./préc.",
	UIKeyTabNumbers:      "aller à l'onglet",
	UIKeySort:            "colonne de tri",
	UIKeySearch:          "rechercher",
	UIKeyClear:           "effacer les filtres",
	UIKeyBrowser:         "navigateur/profil",
	UIKeyDetails:         "tous les détails",
	UIKeyReveal:          "afficher la valeur",
	UIKeyMark:            "marquer",
	UIKeyDelete:          "supprimer",
	UIKeyClearAll:        "effacer les non essentiels affichés",
	UIKeyKeep:            "liste à garder",
	UIKeyUndo:            "restaurer",
	UIKeyReload:          "recharger",
	UIKeyStores:          "magasins",
	UIKeyHelp:            "aide",
	UIKeyQuit:            "quitter",
	UIKeyConfirm:         "confirmer",
	UIKeyCancel:          "ne pas supprimer",
	UIKeyEnterSearch:     "garder la recherche",
	UIKeyClearSearch:     "effacer la recherche",

	// Keep rules with one meaning everywhere.
	KeepAlready:     "déjà dans la liste à garder : %s",
	KeepRuleInvalid: "règle à garder invalide « %s » : %s",
	KeepListInvalid: "liste à garder %s, ligne %d : règle invalide « %s » : %s",
	KeepProblems: map[int]string{
		1:  "attendu NOM ou NOM@HÔTE",
		2:  "hôte vide après @",
		3:  "plus d'un @",
		4:  "les caractères de contrôle sont interdits",
		5:  "UTF-8 invalide",
		6:  "un nom de cookie ne peut contenir ni espace, ni « ; », « = » ou « , »",
		7:  "« * » seul garderait tous les cookies",
		8:  "« * » n'est permis qu'à la fin du nom",
		9:  "l'hôte n'est pas un nom d'hôte (ni schéma, ni port, ni chemin, ni espace)",
		10: "le nom finit par « * », qu'une règle lit comme un préfixe",
	},
	UIKeepRuleRefused: "%s ne peut pas être gardé par une règle : %s",
	Usage: `ofgl-cookies : les cookies que vos navigateurs gardent pour data.ofgl.fr, comparés à la charte cookies du site.

Utilisation :
  ofgl-cookies [options]            dans un terminal, l'interface interactive ; sinon comme list
  ofgl-cookies --demo               l'interface interactive sur des magasins d'exemple (sans navigateur)
  ofgl-cookies [list] [options]     liste les cookies que chaque navigateur enverrait au site
  ofgl-cookies stores [options]     liste les magasins de cookies trouvés et le résultat de leur lecture
  ofgl-cookies delete [options]     supprime les cookies que list afficherait avec les mêmes critères
  ofgl-cookies clear --non-essential [options]
                                    supprime tous les cookies du site qui ne sont pas nécessaires
  ofgl-cookies keep add|rm NOM[@HÔTE]…   cookies que clear et delete ne suppriment jamais
                                    (un NOM finissant par * est un préfixe : _pk_*)
  ofgl-cookies keep list
  ofgl-cookies undo [LOT]           remet la dernière suppression (ou LOT)
  ofgl-cookies undo --list          liste les suppressions et leur état
  ofgl-cookies undo --prune [--older-than DURÉE]
                                    efface les anciennes suppressions et leurs sauvegardes
  ofgl-cookies --version            affiche la version

Options de list :
  --json                 affiche un tableau JSON
  --netscape             écrit un cookies.txt (exige --show-values)
  --show-values          affiche les valeurs (masquées par défaut : ce sont des identifiants)
  --expired              liste aussi les cookies expirés (les navigateurs ne les envoient pas)
  --category NOM         necessary, non-essential, statistics, first-party, third-party
                         ou undeclared (répétable)
  --name NOM             seulement les cookies de ce nom (répétable)
  --browser NOM          seulement ce navigateur (chromium, chrome, firefox…)
  --profile NOM          seulement ce profil (nom affiché ou nom du dossier)
  --store CHEMIN         lit seulement ce fichier ; son format est reconnu à son contenu
  --demo                 lit plutôt des magasins d'exemple intégrés (list, stores et l'interface)

Options de delete et clear (en plus des critères de list) :
  --dry-run              montre ce qui serait supprimé, sans rien changer
  --yes                  ne pas demander confirmation (obligatoire hors terminal)
  --keep NOM[@HÔTE]      garder aussi ce cookie, pour cette exécution seulement (répétable ; NOM* est un préfixe)
  --all                  delete : tous les cookies du site, sans autre critère
  Les navigateurs doivent être fermés : un magasin dont le navigateur tourne n'est pas touché (code 3).
  Chaque magasin est d'abord sauvegardé ; undo remet les cookies supprimés.

Options de undo :
  --list                 liste seulement les suppressions
  --restore-file         remet plutôt les fichiers sauvegardés (perd les changements ultérieurs du navigateur)
  --dry-run              montre ce qui serait restauré (ou effacé), sans rien changer
  --prune                efface les suppressions au-delà de la durée de conservation : 30 jours,
                         les 20 dernières (OFGL_COOKIES_RETAIN_FOR=30d, OFGL_COOKIES_RETAIN_BATCHES=20) ;
                         fait aussi après chaque suppression
  --older-than DURÉE     avec --prune : efface toute suppression plus ancienne (30d, 12h ; 0s : toutes)

Options de list, stores, delete et clear :
  --site HÔTE            le site à inspecter (par défaut data.ofgl.fr)
  --catalog FICHIER      la charte d'un autre site, au format de la charte intégrée
  --lang fr|en           langue (par défaut selon LC_ALL, LC_MESSAGES ou LANG)

Codes de sortie : 0 succès (les magasins en échec sont signalés sur stderr), 1 erreur d'exécution, 2 erreur d'utilisation,
3 un navigateur propriétaire d'un magasin tourne (ce magasin n'a pas été modifié).
`,

	// Valeurs sur un vrai bureau (clé de Chromium dans le trousseau).
	WarnUndecryptedWhy: "attention : %d valeurs de %s n'ont pas pu être déchiffrées : %s",
	KeyringReasons: map[string]string{
		"keyring_locked":     "le trousseau est verrouillé (ou sa demande de déverrouillage a été refusée) ; déverrouillez-le et relancez",
		"keyring_timeout":    "le trousseau n'a pas répondu à temps (une demande de déverrouillage restée sans réponse ?)",
		"no_session_bus":     "pas de session D-Bus (connexion en console ou ssh ?) : le trousseau (Secret Service, KWallet) n'a pas été interrogé",
		"no_keyring_service": "aucun trousseau ne tourne dans cette session (ni Secret Service ni KWallet)",
		"no_key_stored":      "le trousseau ne contient aucune clé pour ce navigateur",
		"keyring_error":      "le trousseau a échoué",
	},
	// One writer per store, truthful partial results (the deletion engine).
	LockWaiting:       "attente de la fin d'ofgl-cookies pid %s (%s) sur %s…",
	LockBusy:          "un autre processus ofgl-cookies (pid %s, %s) l'a gardé occupé ; rien n'a été modifié",
	StateDirName:      "le dossier d'état",
	ResultBusy:        "échec : %s",
	ResultRolledBack:  "échec : %s ; les fichiers déjà réécrits (%s) ont été remis depuis la sauvegarde : le magasin est comme avant (sauvegarde conservée)",
	ResultPartly:      "échec : %s ; le magasin est modifié en partie (%s portent la modification) : ses données d'annulation et sa sauvegarde sont conservées",
	ResultNotDeleted:  "  ! non supprimé : %s (%s)",
	DeleteFailedLine:  "%d magasins sur %d non traités — %s",
	UndoFailedLine:    "l'annulation a échoué pour %d magasins sur %d : %s",
	UIStoreBusy:       "%s : occupé, rien n'a changé là : %s",
	UIStoreRolledBack: "%s : échec, remis comme avant : %s",
	UIStorePartly:     "%s : échec en cours de route, données d'annulation conservées : %s",
	// Undo, restore-file, dry runs and pruning (issue 8).
	UndoTitle:              "Annulation de la suppression %s (%s) :",
	UndoDryTitle:           "Simulation, rien n'est modifié. Annuler la suppression %s (%s) :",
	RestoreTitle:           "Restauration des fichiers sauvegardés de la suppression %s (%s) :",
	RestoreDryTitle:        "Simulation, rien n'est modifié. Restaurer les fichiers sauvegardés de la suppression %s (%s) :",
	UndoCookiesOne:         "%d cookie restauré",
	UndoCookiesMany:        "%d cookies restaurés",
	UndoWouldOne:           "restaurerait %d cookie",
	UndoWouldMany:          "restaurerait %d cookies",
	RestoreFilesOne:        "%d fichier remis en place",
	RestoreFilesMany:       "%d fichiers remis en place",
	RestoreWouldFilesOne:   "remettrait %d fichier en place",
	RestoreWouldFiles:      "remettrait %d fichiers en place",
	UndoCookieLine:         "  + %s (%s)",
	RestoreFileLine:        "  remis en place : %s : %s, vérifié par SHA-256",
	RestoreWouldFileLine:   "  remettrait en place : %s : %s",
	RestoreStaleLine:       "  supprimé : %s (il appartenait au fichier plus récent)",
	RestoreWouldStaleLine:  "  supprimerait : %s (il appartient au fichier plus récent)",
	UndoAlreadyStore:       "déjà remis en place par une autre exécution",
	UndoAlreadyDone:        "La suppression %s a déjà été annulée (%s) : rien à faire.",
	UndoAlreadyRestored:    "La suppression %s a déjà été restaurée depuis ses fichiers sauvegardés (%s) : rien à faire.",
	RestoreDone:            "Suppression %s restaurée depuis ses fichiers sauvegardés.",
	UndoNothingInBatch:     "La suppression %s n'a rien à remettre : aucun de ses magasins n'a été modifié.",
	UndoDryDone:            "Simulation : rien n'a été modifié.",
	UndoNext:               "<- undo remet celle-ci",
	BatchCookiesOne:        "%d cookie",
	BatchCookiesMany:       "%d cookies",
	PruneLine:              "supprimée : %s (%s, %s, %s)",
	PruneWouldLine:         "serait supprimée : %s (%s, %s, %s)",
	PruneLeftover:          "reste d'une exécution interrompue",
	PruneInUse:             "gardée : %s (une autre exécution d'ofgl-cookies l'utilise)",
	PruneFailed:            "impossible de supprimer entièrement %s : %s",
	PruneSummaryOne:        "%d suppression effacée, %s libérés.",
	PruneSummaryMany:       "%d suppressions effacées, %s libérés.",
	PruneWouldOne:          "Simulation : %d suppression serait effacée, %s libérés.",
	PruneWouldMany:         "Simulation : %d suppressions seraient effacées, %s libérés.",
	PruneNone:              "Aucune suppression à effacer (conservées : %s).",
	PruneAuto:              "Anciennes suppressions effacées : %s",
	PruneAutoFailed:        "attention : les anciennes suppressions n'ont pas été effacées : %s",
	RetentionDesc:          "les %d dernières, pendant %s",
	BytesOne:               "%d octet",
	BytesMany:              "%d octets",
	BytesKB:                "%s Ko (%s)",
	BytesMB:                "%s Mo (%s)",
	BytesGB:                "%s Go (%s)",
	DecimalSep:             ",",
	ErrOlderThanNeedsPrune: "--older-than va avec --prune",
	ErrPruneAlone:          "--prune ne prend ni suppression ni --restore-file",
	ErrBadOlderThan:        "--older-than %q invalide : une durée est attendue, par exemple 30d, 12h ou 0s",
	ErrUnsafeStateDir:      "%s est modifiable par d'autres utilisateurs (mode %s) : ofgl-cookies ne garde ses données privées que dans un dossier où vous seul pouvez écrire (voir OFGL_COOKIES_STATE_DIR) ; rien n'a été écrit",
	ErrBadRetention:        "%s %q invalide : une durée est attendue, par exemple 30d ou 12h, ou un nombre d'au moins 1",
	// Reprise d'une suppression interrompue (ticket 8, injection de pannes).
	RecoveredFinished:  "Une suppression interrompue à %s a été terminée : %d cookies supprimés ; pour l'annuler : `ofgl-cookies undo %s`",
	RecoveredCompleted: "Une suppression interrompue à %s a été terminée : %d cookies supprimés, sa session Firefox à moitié réécrite a été complétée ; pour l'annuler : `ofgl-cookies undo %s`",
	RecoveredCleanedUp: "Une suppression interrompue à %s a été nettoyée : rien n'avait été supprimé",
	// The interactive UI (issue 10).
	UIKeyReverse:            "inverser l'ordre",
	UIKeyMarkAll:            "marquer tout l'affiché",
	UIKeyUnmarkAll:          "tout démarquer",
	UIKeyHistory:            "historique d'annulation",
	UIKeyConfirmAll:         "effacer dans tous les magasins",
	UIKeyUndoBatch:          "annuler ce lot",
	UIKeyBack:               "retour",
	UIColProfileShort:       "PROFIL",
	UICountsFiltered:        "%d sur %d affichés :",
	UIConfirmClearShownOne:  "Effacer le %d cookie non essentiel affiché ? (%d non essentiels en tout)",
	UIConfirmClearShownMany: "Effacer les %d cookies non essentiels affichés ? (%d non essentiels en tout)",
	UIConfirmClearNoneShown: "Aucun cookie non essentiel n'est affiché ; %d en tout, dans tous les magasins.",
	UIConfirmHintAll:        "o/y : effacer les %d affichés · a : effacer les %d · toute autre touche : annuler (sauvegardé, u annule)",
	UIConfirmHintAllOnly:    "a : effacer les %d · toute autre touche : annuler (sauvegardé, u annule)",
	UIHistoryTitle:          "Historique des suppressions (%d) · u/entrée : annuler le lot · échap : retour",
	UIHistoryEmpty:          "Aucune suppression : rien à annuler.",
	UIHistoryFailed:         "Impossible de lire l'historique des suppressions : %s",
	UIHistoryNotUndoable:    "Le lot %s n'a plus rien à annuler.",
	UIHistoryLoading:        "Lecture de l'historique des suppressions…",
	UIHistoryWhen:           "QUAND",
	UIHistoryCookies:        "COOKIES",
	UIHistoryStores:         "DEPUIS : QUOI",
	UIHistoryState:          "ÉTAT",
	UIHistoryUndone:         "annulé le %s",
	UIHistoryUndoable:       "annulable",
	UIHistoryNothing:        "rien à annuler",
	UIHistoryPending:        "inachevé",
	RecoveredLeft:           "Une suppression interrompue à %s n'a pas encore pu être réglée (%s) ; la prochaine exécution réessaiera",
}
