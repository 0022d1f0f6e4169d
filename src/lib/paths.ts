/** Every URL of the app, built in one place (DESIGN.md). Browser-safe. */
export const paths = {
	home: '/',
	login: '/inloggen',
	loginSecondFactor: '/inloggen/tweede-stap',
	logout: '/uitloggen',
	register: '/registreren',
	registerDone: '/registreren/controleer-uw-mail',
	verifyEmail: (token: string) => `/e-mail-bevestigen?token=${encodeURIComponent(token)}`,
	verifyEmailBase: '/e-mail-bevestigen',
	forgotPassword: '/wachtwoord-vergeten',
	resetPassword: (token: string) => `/wachtwoord-herstellen?token=${encodeURIComponent(token)}`,
	account: '/account',
	twoFactor: '/account/tweestapsverificatie',
	changePassword: '/account/wachtwoord',
	language: '/taal',
	guide: '/gids',
	guidePage: (slug: string) => `/gids/${slug}`,
	help: '/hulp',
	schools: '/scholen',
	schoolPage: (code: string) => `/scholen/${encodeURIComponent(code)}`,
	/** The English school search and school page (issue 4): English whatever the language cookie says. */
	schoolsEn: '/schools',
	schoolPageEn: (code: string) => `/schools/${encodeURIComponent(code)}`,
	/** The public school search API (JSON), also used by the search suggestions on /scholen. */
	apiSchools: '/api/v1/schools',
	search: '/zoeken',
	privacy: '/privacy',
	accessibility: '/toegankelijkheid',
	dossier: '/dossier',
	dossierAddChild: '/dossier/kind-toevoegen',
	dossierChild: (child: string) => `/dossier/${child}`,
	dossierChildEdit: (child: string) => `/dossier/${child}/gegevens`,
	dossierIncidentNew: (child: string) => `/dossier/${child}/voorval/nieuw`,
	dossierIncident: (child: string, incident: string) => `/dossier/${child}/voorval/${incident}`,
	dossierIncidentEdit: (child: string, incident: string) => `/dossier/${child}/voorval/${incident}/wijzigen`,
	dossierAttachments: (child: string, incident: string) => `/dossier/${child}/voorval/${incident}/bijlagen`,
	dossierAttachment: (child: string, incident: string, attachment: string) => `/dossier/${child}/voorval/${incident}/bijlagen/${attachment}`,
	dossierStepPlan: (child: string) => `/dossier/${child}/stappenplan`,
	dossierExport: (child: string) => `/dossier/${child}/export`,
	dossierShare: (child: string) => `/dossier/${child}/delen`,
	dossierDelete: (child: string) => `/dossier/${child}/verwijderen`,
	accountExport: '/account/export',
	accountDelete: '/account/verwijderen',
	dossierContactNew: (child: string) => `/dossier/${child}/contact/nieuw`,
	dossierContact: (child: string, contact: string) => `/dossier/${child}/contact/${contact}`,
	dossierAgreementCalendar: (child: string, agreement: string) => `/dossier/${child}/afspraak/${agreement}/agenda.ics`,
	dossierPdf: (child: string) => `/dossier/${child}/pdf`,
	dossierPdfFile: (child: string) => `/dossier/${child}/pdf/bestand`,
	dossierLetters: (child: string) => `/dossier/${child}/brieven`,
	/** A letter to write, in a language (?taal=nl|en) that may differ from the page's. */
	dossierLetter: (child: string, letter: string, language?: string) => `/dossier/${child}/brieven/${letter}${language ? `?taal=${language}` : ''}`,
	dossierLetterText: (child: string, letter: string, language?: string) => `/dossier/${child}/brieven/${letter}/tekst${language ? `?taal=${language}` : ''}`,
	dossierLetterPdf: (child: string, letter: string, language?: string) => `/dossier/${child}/brieven/${letter}/pdf${language ? `?taal=${language}` : ''}`,
	school: '/school',
	schoolHome: (code: string) => `/school/${encodeURIComponent(code)}`,
	schoolTeam: (code: string) => `/school/${encodeURIComponent(code)}/team`,
	schoolProfile: (code: string) => `/school/${encodeURIComponent(code)}/profiel`,
	schoolProfilePart: (code: string, slug: string) => `/school/${encodeURIComponent(code)}/profiel/${slug}`,
	schoolProfileDocument: (code: string, slug: string) => `/school/${encodeURIComponent(code)}/profiel/documenten/${slug}`,
	schoolDuties: (code: string) => `/school/${encodeURIComponent(code)}/wettelijke-taken`,
	schoolDocument: (code: string, slug: string) => `/scholen/${encodeURIComponent(code)}/documenten/${slug}`,
	invitation: (token: string) => `/uitnodiging?token=${encodeURIComponent(token)}`,
	invitationBase: '/uitnodiging',
	board: '/bestuur',
	admin: '/beheer',
	adminOutbox: '/beheer/uitgaande-mail',
	adminHelp: '/beheer/hulplijnen',
	adminFeedback: '/beheer/feedback',
	adminSchools: '/beheer/scholen',
	adminSchool: (code: string) => `/beheer/scholen/${encodeURIComponent(code)}`,
	adminHelpNew: '/beheer/hulplijnen/nieuw',
	adminHelpEdit: (id: string) => `/beheer/hulplijnen/${encodeURIComponent(id)}`,
	healthz: '/healthz',
	readyz: '/readyz'
} as const;

const DUTCH_SCHOOLS = /^\/scholen(?=[/?#]|$)/;
const ENGLISH_SCHOOLS = /^\/schools(?=[/?#]|$)/;

/** Whether a path is one of the English school pages, which are always in English. */
export function isEnglishSchoolsPath(pathname: string): boolean {
	return ENGLISH_SCHOOLS.test(pathname);
}

/**
 * The Dutch and English address of a school page or school search (path, with its query), for
 * hreflang links and the language switch; undefined for every other page, which has one address.
 */
export function schoolsAlternates(path: string): { nl: string; en: string } | undefined {
	if (DUTCH_SCHOOLS.test(path)) return { nl: path, en: path.replace(DUTCH_SCHOOLS, paths.schoolsEn) };
	if (ENGLISH_SCHOOLS.test(path)) return { nl: path.replace(ENGLISH_SCHOOLS, paths.schools), en: path };
	return undefined;
}

/** Only same-site paths may be used as a place to return to, so a link cannot send someone elsewhere. */
export function safeReturnPath(value: string | null | undefined, fallback: string = paths.home): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f]/.test(value)) {
		return fallback;
	}
	return value;
}

export function loginWithReturn(returnTo: string): string {
	return `${paths.login}?terug=${encodeURIComponent(returnTo)}`;
}
