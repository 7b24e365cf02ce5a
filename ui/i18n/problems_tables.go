package i18n

import "github.com/ofgl/ofgl-cookies/inspect"

// The words of inspect's problem kinds. Each format prints the facts
// problemArgs gives for its kind, in that order.
var englishProblems = map[inspect.ProblemKind]string{
	inspect.ProblemLocked:           "the store is locked by another program: %s",
	inspect.ProblemPermission:       "permission denied (on macOS, Safari's cookies need Full Disk Access)",
	inspect.ProblemDamaged:          "the store is damaged or not an SQLite database: %s",
	inspect.ProblemNotFound:         "no such file or directory",
	inspect.ProblemInternal:         "internal error while reading this store: %s",
	inspect.ProblemUnrecognised:     "unrecognised cookie store format",
	inspect.ProblemEmptyFile:        "empty file, not a cookie store",
	inspect.ProblemIsDirectory:      "%s is a directory, not a cookie store",
	inspect.ProblemNoCookieTable:    "SQLite database without a cookie table",
	inspect.ProblemCookieNotFound:   "the cookie is no longer in its store",
	inspect.ProblemNotSQLite:        "not an SQLite database",
	inspect.ProblemChangedInRead:    "the store changed while it was read",
	inspect.ProblemKeptChanging:     "the store changed while it was read, %d times; try again when the browser is idle",
	inspect.ProblemLockedWrite:      "the store is locked by another program (is the browser running?)",
	inspect.ProblemReadOnly:         "the store or its directory is read-only",
	inspect.ProblemDiskFull:         "the disk is full",
	inspect.ProblemCannotOpen:       "cannot open the store for writing (%s)",
	inspect.ProblemUnsupported:      "deleting from this kind of store is not supported",
	inspect.ProblemUnknownSchema:    "unknown schema: no %s",
	inspect.ProblemChromiumVersion:  "unknown schema version %s of the Chromium cookie store (known: %d to %d)",
	inspect.ProblemFirefoxVersion:   "unknown schema version %s of the Firefox cookie store (known: up to %d)",
	inspect.ProblemGoneFromStore:    "no longer in the store (it changed since it was listed; list again)",
	inspect.ProblemGoneFromSession:  "no longer in the session store: %s (it changed since it was listed; list again)",
	inspect.ProblemGoneFromFile:     "no longer in the file: %s (it changed since it was listed; list again)",
	inspect.ProblemReplaced:         "the store changed since it was listed (%s was replaced); list again",
	inspect.ProblemSharedIdentity:   "%d rows share this identity",
	inspect.ProblemRowCount:         "deleting %s removed %d rows instead of 1",
	inspect.ProblemRowsRemain:       "%d rows would remain, expected %d",
	inspect.ProblemStillThere:       "%s is still there",
	inspect.ProblemSchemaChanged:    "schema version changed from %s to %s",
	inspect.ProblemChangedInBackup:  "the store changed during the backup (is the browser running?)",
	inspect.ProblemChangedInEdit:    "%s changed while it was being edited (is the browser running?)",
	inspect.ProblemBackupFailed:     "backup failed: %s",
	inspect.ProblemUndoRecord:       "cannot write the undo record: %s",
	inspect.ProblemCheckFailed:      "deleted, but the check afterwards failed: %s",
	inspect.ProblemDirSync:          "the file was rewritten, but syncing its directory failed (the change may not survive a crash)",
	inspect.ProblemRunningUnknown:   "cannot tell whether the browser runs: %s",
	inspect.ProblemBrowserRunning:   "%s is running",
	inspect.ProblemInterrupted:      "interrupted before the change was made",
	inspect.ProblemRecordNotUpdated: "restored, but the undo record could not be updated: %s",
	inspect.ProblemBackupDamaged:    "backup file %s is damaged (checksum mismatch)",
	inspect.ProblemBackupUnreadable: "backup file %s: %s",
	inspect.ProblemBackupForeign:    "the backup %s names %s, which is not a file of this store",
	inspect.ProblemBackupUnknown:    "cannot tell which file the backup %s was taken from",
	inspect.ProblemAt:               "%s: %s",
	inspect.ProblemFailed:           "%s",
}

var frenchProblems = map[inspect.ProblemKind]string{
	inspect.ProblemLocked:           "le magasin est verrouillé par un autre programme : %s",
	inspect.ProblemPermission:       "permission refusée (sous macOS, les cookies de Safari exigent l'accès complet au disque)",
	inspect.ProblemDamaged:          "le magasin est endommagé ou n'est pas une base SQLite : %s",
	inspect.ProblemNotFound:         "fichier ou dossier introuvable",
	inspect.ProblemInternal:         "erreur interne à la lecture de ce magasin : %s",
	inspect.ProblemUnrecognised:     "format de magasin de cookies inconnu",
	inspect.ProblemEmptyFile:        "fichier vide, pas un magasin de cookies",
	inspect.ProblemIsDirectory:      "%s est un dossier, pas un magasin de cookies",
	inspect.ProblemNoCookieTable:    "base SQLite sans table de cookies",
	inspect.ProblemCookieNotFound:   "le cookie n'est plus dans son magasin",
	inspect.ProblemNotSQLite:        "pas une base SQLite",
	inspect.ProblemChangedInRead:    "le magasin a changé pendant la lecture",
	inspect.ProblemKeptChanging:     "le magasin a changé pendant la lecture, %d fois ; réessayez quand le navigateur est inactif",
	inspect.ProblemLockedWrite:      "le magasin est verrouillé par un autre programme (le navigateur tourne-t-il ?)",
	inspect.ProblemReadOnly:         "le magasin ou son dossier est en lecture seule",
	inspect.ProblemDiskFull:         "le disque est plein",
	inspect.ProblemCannotOpen:       "impossible d'ouvrir le magasin en écriture (%s)",
	inspect.ProblemUnsupported:      "la suppression n'est pas prise en charge pour ce type de magasin",
	inspect.ProblemUnknownSchema:    "schéma inconnu : pas de %s",
	inspect.ProblemChromiumVersion:  "version de schéma inconnue %s du magasin de cookies Chromium (connues : %d à %d)",
	inspect.ProblemFirefoxVersion:   "version de schéma inconnue %s du magasin de cookies Firefox (connues : jusqu'à %d)",
	inspect.ProblemGoneFromStore:    "n'est plus dans le magasin (il a changé depuis l'affichage ; relancez la liste)",
	inspect.ProblemGoneFromSession:  "n'est plus dans la session : %s (il a changé depuis l'affichage ; relancez la liste)",
	inspect.ProblemGoneFromFile:     "n'est plus dans le fichier : %s (il a changé depuis l'affichage ; relancez la liste)",
	inspect.ProblemReplaced:         "le magasin a changé depuis l'affichage (%s a été remplacé) ; relancez la liste",
	inspect.ProblemSharedIdentity:   "%d lignes partagent cette identité",
	inspect.ProblemRowCount:         "la suppression de %s a retiré %d lignes au lieu d'une",
	inspect.ProblemRowsRemain:       "%d lignes resteraient, attendu %d",
	inspect.ProblemStillThere:       "%s est toujours là",
	inspect.ProblemSchemaChanged:    "la version du schéma est passée de %s à %s",
	inspect.ProblemChangedInBackup:  "le magasin a changé pendant la sauvegarde (le navigateur tourne-t-il ?)",
	inspect.ProblemChangedInEdit:    "%s a changé pendant la modification (le navigateur tourne-t-il ?)",
	inspect.ProblemBackupFailed:     "la sauvegarde a échoué : %s",
	inspect.ProblemUndoRecord:       "impossible d'écrire les données d'annulation : %s",
	inspect.ProblemCheckFailed:      "supprimé, mais la vérification a échoué : %s",
	inspect.ProblemDirSync:          "le fichier a été réécrit, mais la synchronisation de son dossier a échoué (la modification pourrait ne pas survivre à un plantage)",
	inspect.ProblemRunningUnknown:   "impossible de savoir si le navigateur tourne : %s",
	inspect.ProblemBrowserRunning:   "%s est ouvert",
	inspect.ProblemInterrupted:      "interrompu avant la modification",
	inspect.ProblemRecordNotUpdated: "restauré, mais les données d'annulation n'ont pas pu être mises à jour : %s",
	inspect.ProblemBackupDamaged:    "le fichier de sauvegarde %s est endommagé (somme de contrôle différente)",
	inspect.ProblemBackupUnreadable: "fichier de sauvegarde %s : %s",
	inspect.ProblemBackupForeign:    "la sauvegarde %s désigne %s, qui n'est pas un fichier de ce magasin",
	inspect.ProblemBackupUnknown:    "impossible de savoir de quel fichier la sauvegarde %s a été tirée",
	inspect.ProblemAt:               "%s : %s",
	inspect.ProblemFailed:           "%s",
}

// Why an undo left a cookie out: the cookie's name and host (and, for a
// session file that is gone, its name).
var englishSkipReasons = map[inspect.SkipReason]string{
	inspect.SkipReplaced:       "%s on %s: a newer cookie took its place",
	inspect.SkipReplacedOrKept: "%s on %s: a newer cookie took its place, or it was never deleted",
	inspect.SkipFileGone:       "%s on %s: %s is gone",
}

var frenchSkipReasons = map[inspect.SkipReason]string{
	inspect.SkipReplaced:       "%s sur %s : un cookie plus récent a pris sa place",
	inspect.SkipReplacedOrKept: "%s sur %s : un cookie plus récent a pris sa place, ou il n'avait pas été supprimé",
	inspect.SkipFileGone:       "%s sur %s : %s n'existe plus",
}

// Why a browser counts as running, by the running check's signal.
var englishRunning = map[inspect.RunningWhy]string{
	inspect.RunningHeld:              "%s is running (%s): close it",
	inspect.RunningOtherHost:         "%s profile %s is in use on another computer (host %q, process %d, lock %s): close it there, or remove the lock if that computer no longer uses it",
	inspect.RunningUnknownLock:       "cannot tell whether %s is running (lock %s: %s): close it, then remove the lock",
	inspect.RunningProcess:           "%s is running (process %d %q uses this profile): close it",
	inspect.RunningProcessAnyProfile: "%s is running (process %d %q; cannot tell which profile it uses): close it",
}

var frenchRunning = map[inspect.RunningWhy]string{
	inspect.RunningHeld:              "%s est ouvert (%s) : fermez-le",
	inspect.RunningOtherHost:         "%s : le profil %s est utilisé sur un autre ordinateur (hôte %q, processus %d, verrou %s) : fermez-le là-bas, ou supprimez le verrou si cet ordinateur ne l'utilise plus",
	inspect.RunningUnknownLock:       "impossible de savoir si %s est ouvert (verrou %s : %s) : fermez-le, puis supprimez le verrou",
	inspect.RunningProcess:           "%s est ouvert (le processus %d %q utilise ce profil) : fermez-le",
	inspect.RunningProcessAnyProfile: "%s est ouvert (processus %d %q ; impossible de savoir quel profil il utilise) : fermez-le",
}
