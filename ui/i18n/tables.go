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

	ErrUnknownCommand:   "unknown command %q",
	ErrNetscapeValues:   "--netscape writes cookie values: add --show-values",
	ErrJSONAndNetscape:  "--json and --netscape cannot be combined",
	ErrBadLang:          "unknown language %q (expected fr or en)",
	ErrBadSite:          "invalid --site: %s",
	ErrUnexpectedArg:    "unexpected argument %q",
	ErrNetscapeSkipped:  "warning: %d cookies left out of the cookies.txt: their value is unknown",
	HintHelp:            "see 'ofgl-cookies --help'",
	Interrupted:         "interrupted",
	StoreOnlyFailed:     "%s: %s",
	NoteSnapshot:        "in use: read from a private snapshot",
	NoteSessionCookies:  "session cookies",
	NoteStoresReadCount: "%d of %d stores read",
	Usage: `ofgl-cookies: the cookies your browsers keep for data.ofgl.fr, checked against the site's cookie charter.

Usage:
  ofgl-cookies [list] [flags]     list the cookies every browser would send to the site
  ofgl-cookies stores [flags]     list the cookie stores found and how each read went
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

Flags of list and stores:
  --site HOST            the site to inspect (default data.ofgl.fr)
  --catalog FILE         another site's charter, in the format of the built-in one
  --lang fr|en           language (default from LC_ALL, LC_MESSAGES or LANG)

Exit codes: 0 success (stores that failed are reported on stderr), 1 runtime error, 2 usage error.
`,
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

	ErrUnknownCommand:   "commande inconnue %q",
	ErrNetscapeValues:   "--netscape écrit les valeurs des cookies : ajoutez --show-values",
	ErrJSONAndNetscape:  "--json et --netscape ne peuvent pas être combinés",
	ErrBadLang:          "langue inconnue %q (attendu : fr ou en)",
	ErrBadSite:          "--site invalide : %s",
	ErrUnexpectedArg:    "argument inattendu %q",
	ErrNetscapeSkipped:  "attention : %d cookies absents du cookies.txt : leur valeur est inconnue",
	HintHelp:            "voir « ofgl-cookies --help »",
	Interrupted:         "interrompu",
	StoreOnlyFailed:     "%s : %s",
	NoteSnapshot:        "en cours d'utilisation : lu depuis une copie privée",
	NoteSessionCookies:  "cookies de session",
	NoteStoresReadCount: "%d magasins lus sur %d",
	Usage: `ofgl-cookies : les cookies que vos navigateurs gardent pour data.ofgl.fr, comparés à la charte cookies du site.

Utilisation :
  ofgl-cookies [list] [options]     liste les cookies que chaque navigateur enverrait au site
  ofgl-cookies stores [options]     liste les magasins de cookies trouvés et le résultat de leur lecture
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

Options de list et stores :
  --site HÔTE            le site à inspecter (par défaut data.ofgl.fr)
  --catalog FICHIER      la charte d'un autre site, au format de la charte intégrée
  --lang fr|en           langue (par défaut selon LC_ALL, LC_MESSAGES ou LANG)

Codes de sortie : 0 succès (les magasins en échec sont signalés sur stderr), 1 erreur d'exécution, 2 erreur d'utilisation.
`,
}
