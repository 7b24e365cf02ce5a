package i18n

import "strings"

// inspect reports store errors in English, one line each. For a French
// interface, the phrases it uses are translated here, longest first, so
// that the message keeps its details (file names, counts, SQLite's own
// words) and still reads in French.
var frenchPhrases = [][2]string{
	{"the store is locked by another program (is the browser running?); nothing was changed", "le magasin est verrouillé par un autre programme (le navigateur tourne-t-il ?) ; rien n'a été modifié"},
	{"the store is locked by another program", "le magasin est verrouillé par un autre programme"},
	{"the store or its directory is read-only; nothing was changed", "le magasin ou son dossier est en lecture seule ; rien n'a été modifié"},
	{"the store or its directory is read-only", "le magasin ou son dossier est en lecture seule"},
	{"the disk is full; nothing was changed", "le disque est plein ; rien n'a été modifié"},
	{"permission denied (on macOS, Safari's cookies need Full Disk Access)", "permission refusée (sous macOS, les cookies de Safari exigent l'accès complet au disque)"},
	{"the store is damaged or not an SQLite database", "le magasin est endommagé ou n'est pas une base SQLite"},
	{"it changed since it was listed; list again", "il a changé depuis l'affichage ; relancez la liste"},
	{"the store changed since it was listed", "le magasin a changé depuis l'affichage"},
	{"no longer in the store", "n'est plus dans le magasin"},
	{"no longer in the session store", "n'est plus dans la session"},
	{"no longer in the file", "n'est plus dans le fichier"},
	{"unknown schema version", "version de schéma inconnue"},
	{"unknown schema", "schéma inconnu"},
	{"the file was rewritten, but syncing its directory failed (the change may not survive a crash)", "le fichier a été réécrit, mais la synchronisation de son dossier a échoué (la modification pourrait ne pas survivre à un plantage)"},
	{"changed while it was being edited (is the browser running?)", "a changé pendant la modification (le navigateur tourne-t-il ?)"},
	{"rows would remain, expected", "lignes resteraient, attendu"},
	{"nothing was changed", "rien n'a été modifié"},
	{"backup failed", "la sauvegarde a échoué"},
	{"cannot write the undo record", "impossible d'écrire les données d'annulation"},
	{"deleted, but the check afterwards failed", "supprimé, mais la vérification a échoué"},
	{"the browser left a stale lock: it was not closed cleanly", "le navigateur a laissé un verrou orphelin : il n'a pas été fermé proprement"},
	{"cannot tell whether the browser runs", "impossible de savoir si le navigateur tourne"},
	{"in use: read from a private snapshot", "en cours d'utilisation : lu depuis une copie privée"},
	{"unrecognised cookie store format", "format de magasin de cookies inconnu"},
	{"empty file, not a cookie store", "fichier vide, pas un magasin de cookies"},
	{"is a directory, not a cookie store", "est un dossier, pas un magasin de cookies"},
	{"SQLite database without a cookie table", "base SQLite sans table de cookies"},
	{"no such file or directory", "fichier ou dossier introuvable"},
	{"permission denied", "permission refusée"},
	{"is running", "est ouvert"},
	{"close it", "fermez-le"},
	{"internal error while reading this store", "erreur interne à la lecture de ce magasin"},
	{"deleting from this kind of store is not supported", "la suppression n'est pas prise en charge pour ce type de magasin"},
	{"a newer cookie took its place, or it was never deleted", "un cookie plus récent a pris sa place, ou il n'avait pas été supprimé"},
	{"a newer cookie took its place", "un cookie plus récent a pris sa place"},
	// Recovery of an interrupted deletion (issue 8, fault injection).
	{"interrupted before the change was made; nothing was changed", "interrompu avant la modification ; rien n'a été modifié"},
}

// Message translates a message that inspect produced into the table's
// language; English messages are returned as they are.
func (s *Strings) Message(msg string) string {
	if s != &french {
		return msg
	}
	for _, p := range frenchPhrases {
		msg = strings.ReplaceAll(msg, p[0], p[1])
	}
	return msg
}
