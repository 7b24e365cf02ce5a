package catalog

import "strings"

// guessRow is one row of the guess table: a cookie name, or a prefix
// ending in '*', and what that name usually is.
type guessRow struct {
	name string
	Guess
}

// guesses says what commonly seen cookies usually are, so an undeclared
// cookie is not a bare name. Written for this project from vendors' public
// documentation; facts checked against the Open Cookie Database
// (Apache-2.0), whose descriptions are not reused. A name can be reused by
// anyone, so every result is only a guess.
var guesses = []guessRow{
	// Matomo: an Opendatasoft portal may switch it on.
	{"_pk_id.*", Guess{"Matomo", Text{
		"Identifiant de visiteur de Matomo (mesure d'audience), en général 13 mois.",
		"Matomo visitor ID (audience measurement), usually 13 months."}, Statistics, FromProjectTable}},
	{"_pk_ses.*", Guess{"Matomo", Text{
		"Marque la visite en cours pour Matomo, environ 30 minutes.",
		"Marks the current visit for Matomo, about 30 minutes."}, Statistics, FromProjectTable}},
	{"_pk_ref.*", Guess{"Matomo", Text{
		"Garde le site ou la campagne d'où vient le visiteur, pour Matomo.",
		"Keeps the site or campaign the visitor came from, for Matomo."}, Statistics, FromProjectTable}},
	{"_pk_cvar.*", Guess{"Matomo", Text{
		"Variables personnalisées de la visite, pour Matomo.",
		"Custom variables of the visit, for Matomo."}, Statistics, FromProjectTable}},
	{"_pk_hsr.*", Guess{"Matomo", Text{
		"Données de visite de courte durée (cartes de chaleur, enregistrements), pour Matomo.",
		"Short-lived visit data (heatmaps, session recordings), for Matomo."}, Statistics, FromProjectTable}},
	{"_pk_testcookie*", Guess{"Matomo", Text{
		"Essai éphémère de Matomo pour savoir si le navigateur accepte les cookies.",
		"Throwaway check by Matomo that the browser accepts cookies."}, Statistics, FromProjectTable}},
	{"mtm_consent*", Guess{"Matomo", Text{
		"Retient si le visiteur a accepté ou retiré son accord au suivi Matomo.",
		"Remembers whether the visitor gave or withdrew consent to Matomo tracking."}, Necessary, FromProjectTable}},
	{"mtm_cookie_consent", Guess{"Matomo", Text{
		"Retient l'accord du visiteur aux cookies de Matomo.",
		"Remembers the visitor's consent to Matomo's cookies."}, Necessary, FromProjectTable}},
	{"MATOMO_SESSID", Guess{"Matomo", Text{
		"Session de l'application Matomo elle-même (connexion, formulaire de refus).",
		"Session of the Matomo application itself (login, opt-out form)."}, Necessary, FromProjectTable}},

	// Google Analytics.
	{"_ga", Guess{"Google Analytics", Text{
		"Identifiant de visiteur de Google Analytics, jusqu'à 2 ans ; non exempté de consentement par la CNIL.",
		"Google Analytics visitor ID, up to 2 years; not exempt from consent per the CNIL."}, Statistics, FromProjectTable}},
	{"_ga_*", Guess{"Google Analytics", Text{
		"État de session d'une propriété Google Analytics 4, jusqu'à 2 ans.",
		"Session state for one Google Analytics 4 property, up to 2 years."}, Statistics, FromProjectTable}},
	{"_gid", Guess{"Google Analytics", Text{
		"Identifiant de visiteur de Google Analytics valable 24 heures.",
		"Google Analytics visitor ID kept for 24 hours."}, Statistics, FromProjectTable}},
	{"_gat*", Guess{"Google Analytics", Text{
		"Limite le rythme des envois à Google Analytics, environ une minute.",
		"Throttles how often hits go to Google Analytics, about one minute."}, Statistics, FromProjectTable}},
	{"__utm*", Guess{"Google Analytics", Text{
		"Cookie de l'ancien Google Analytics (ga.js / Urchin) : visiteur, visite ou provenance.",
		"Legacy Google Analytics (ga.js / Urchin) cookie: visitor, visit or referral data."}, Statistics, FromProjectTable}},

	// AT Internet (XiTi) and Piano Analytics: Opendatasoft offers both.
	{"atuserid", Guess{"AT Internet / Piano", Text{
		"Identifiant de visiteur d'AT Internet (XiTi) ou de Piano Analytics, 13 mois par défaut.",
		"AT Internet (XiTi) or Piano Analytics visitor ID, 13 months by default."}, Statistics, FromProjectTable}},
	{"atidvisitor", Guess{"AT Internet", Text{
		"Sites suivis et visiteur identifié, pour AT Internet (XiTi).",
		"Sites seen and identified-visitor data, for AT Internet (XiTi)."}, Statistics, FromProjectTable}},
	{"atauthority", Guess{"AT Internet / Piano", Text{
		"Mode de confidentialité choisi pour la mesure AT Internet / Piano.",
		"Privacy mode chosen for AT Internet / Piano measurement."}, Statistics, FromProjectTable}},
	{"_pcid", Guess{"Piano", Text{
		"Identifiant de navigateur commun aux produits Piano.",
		"Browser ID shared by Piano's products."}, Statistics, FromProjectTable}},
	{"_pctx", Guess{"Piano", Text{
		"Contexte partagé entre les scripts Piano (identifiants, réglages).",
		"Context shared between Piano's scripts (IDs, settings)."}, Statistics, FromProjectTable}},
	{"_pprv", Guess{"Piano", Text{
		"Choix de consentement du visiteur pour les produits Piano.",
		"The visitor's consent choices for Piano's products."}, Necessary, FromProjectTable}},
	{"pa_user", Guess{"Piano Analytics", Text{
		"Identifiant d'utilisateur connecté pour Piano Analytics, 13 mois.",
		"Logged-in user ID for Piano Analytics, 13 months."}, Statistics, FromProjectTable}},
	{"pa_vid", Guess{"Piano Analytics", Text{
		"Identifiant de visiteur de Piano Analytics.",
		"Piano Analytics visitor ID."}, Statistics, FromProjectTable}},

	// Advertising.
	{"_gcl_*", Guess{"Google Ads", Text{
		"Rattache les visites et conversions aux clics publicitaires Google, environ 3 mois.",
		"Ties visits and conversions to Google ad clicks, about 3 months."}, FirstParty, FromProjectTable}},
	{"IDE", Guess{"Google DoubleClick", Text{
		"Identifiant publicitaire de DoubleClick (doubleclick.net) pour cibler et mesurer les annonces.",
		"DoubleClick (doubleclick.net) advertising ID used to target and measure ads."}, ThirdParty, FromProjectTable}},
	{"test_cookie", Guess{"Google DoubleClick", Text{
		"Essai de DoubleClick pour savoir si le navigateur accepte les cookies.",
		"DoubleClick check that the browser accepts cookies."}, ThirdParty, FromProjectTable}},
	{"NID", Guess{"Google", Text{
		"Préférences et identifiant publicitaire de Google (google.com).",
		"Google preferences and advertising ID (google.com)."}, ThirdParty, FromProjectTable}},
	{"_fbp", Guess{"Meta (Facebook)", Text{
		"Identifiant du pixel Meta pour la publicité et la mesure des conversions.",
		"Meta Pixel browser ID for advertising and conversion measurement."}, FirstParty, FromProjectTable}},
	{"_uet*", Guess{"Microsoft Advertising", Text{
		"Suivi des conversions publicitaires Bing / Microsoft.",
		"Bing / Microsoft ad conversion tracking."}, FirstParty, FromProjectTable}},
	{"MUID", Guess{"Microsoft", Text{
		"Identifiant de navigateur de Microsoft pour la publicité et la mesure.",
		"Microsoft browser ID for advertising and measurement."}, ThirdParty, FromProjectTable}},

	// Session replay and heatmaps.
	{"_hj*", Guess{"Hotjar", Text{
		"Cookie de Hotjar (cartes de chaleur, enregistrement de sessions, sondages).",
		"Hotjar cookie (heatmaps, session recording, surveys)."}, Statistics, FromProjectTable}},
	{"_clck", Guess{"Microsoft Clarity", Text{
		"Identifiant de visiteur de Microsoft Clarity (enregistrement de sessions).",
		"Microsoft Clarity visitor ID (session recording)."}, Statistics, FromProjectTable}},
	{"_clsk", Guess{"Microsoft Clarity", Text{
		"Relie les pages vues d'une même session pour Microsoft Clarity.",
		"Links the page views of one session for Microsoft Clarity."}, Statistics, FromProjectTable}},

	// Embedded videos.
	{"VISITOR_INFO1_LIVE", Guess{"YouTube", Text{
		"Identifiant de YouTube posé par une vidéo intégrée (bande passante, recommandations, publicité).",
		"YouTube ID set by an embedded video (bandwidth, recommendations, ads)."}, ThirdParty, FromProjectTable}},
	{"YSC", Guess{"YouTube", Text{
		"Identifiant de session de YouTube posé par une vidéo intégrée.",
		"YouTube session ID set by an embedded video."}, ThirdParty, FromProjectTable}},

	// CDN and bot protection: security, usually exempt.
	{"__cf_bm", Guess{"Cloudflare", Text{
		"Protection anti-robots de Cloudflare, 30 minutes.",
		"Cloudflare bot protection, 30 minutes."}, Necessary, FromProjectTable}},
	{"cf_clearance", Guess{"Cloudflare", Text{
		"Prouve qu'un défi Cloudflare (captcha ou JavaScript) a été réussi.",
		"Proves a Cloudflare challenge (captcha or JavaScript) was passed."}, Necessary, FromProjectTable}},
	{"_cfuvid", Guess{"Cloudflare", Text{
		"Limitation de débit de Cloudflare, pour la session.",
		"Cloudflare rate limiting, for the session."}, Necessary, FromProjectTable}},
	{"__cfruid", Guess{"Cloudflare", Text{
		"Répartition de charge de Cloudflare, pour la session.",
		"Cloudflare load balancing, for the session."}, Necessary, FromProjectTable}},

	// Consent managers common on French public sites.
	{"tarteaucitron", Guess{"tarteaucitron.js", Text{
		"Choix du visiteur dans le bandeau de cookies tarteaucitron.",
		"The visitor's choices in the tarteaucitron cookie banner."}, Necessary, FromProjectTable}},
	{"didomi_token", Guess{"Didomi", Text{
		"Choix du visiteur dans le bandeau de consentement Didomi.",
		"The visitor's choices in the Didomi consent banner."}, Necessary, FromProjectTable}},
	{"euconsent-v2", Guess{"IAB TCF", Text{
		"Chaîne de consentement du cadre IAB TCF v2.",
		"IAB TCF v2 consent string."}, Necessary, FromProjectTable}},
	{"axeptio_*", Guess{"Axeptio", Text{
		"Choix du visiteur dans le bandeau de consentement Axeptio.",
		"The visitor's choices in the Axeptio consent banner."}, Necessary, FromProjectTable}},

	// Generic framework session cookies: any site may set them, so the
	// charter's own entries always win; these only name the framework.
	{"sessionid", Guess{"Django", Text{
		"Nom par défaut du cookie de session de Django ; celui-ci n'est pas dans la charte.",
		"Django's default session cookie name; this one is not in the charter."}, Necessary, FromProjectTable}},
	{"csrftoken", Guess{"Django", Text{
		"Nom par défaut du jeton anti-CSRF de Django ; celui-ci n'est pas dans la charte.",
		"Django's default anti-CSRF token name; this one is not in the charter."}, Necessary, FromProjectTable}},
	{"PHPSESSID", Guess{"PHP", Text{
		"Identifiant de session par défaut de PHP.",
		"PHP's default session ID."}, Necessary, FromProjectTable}},
	{"JSESSIONID", Guess{"Java (servlets)", Text{
		"Identifiant de session par défaut des serveurs Java.",
		"Default session ID of Java servers."}, Necessary, FromProjectTable}},
}

// lookupGuess returns a copy of the best guess for name from the
// project's table, else from the Open Cookie Database. Nil when unknown.
func lookupGuess(name string) *Guess {
	if g := lookupProjectGuess(name); g != nil {
		return g
	}
	return lookupOpenCookieDB(name)
}

// lookupProjectGuess returns a copy of the best guess of the project's
// table: an exact name beats a prefix, a longer prefix beats a shorter one.
func lookupProjectGuess(name string) *Guess {
	var best *guessRow
	bestRank := 0
	for i := range guesses {
		g := &guesses[i]
		r := 0
		if p, ok := strings.CutSuffix(g.name, "*"); ok {
			if strings.HasPrefix(name, p) {
				r = 1 + len(p)
			}
		} else if g.name == name {
			r = exactRank
		}
		if r > bestRank {
			best, bestRank = g, r
		}
	}
	if best == nil {
		return nil
	}
	g := best.Guess // a copy: callers may not change the table
	return &g
}
