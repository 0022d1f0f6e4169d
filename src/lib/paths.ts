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
	notificationSettings: '/account/e-mailberichten',
	language: '/taal',
	guide: '/gids',
	guidePage: (slug: string) => `/gids/${slug}`,
	help: '/hulp',
	schools: '/scholen',
	schoolPage: (code: string) => `/scholen/${encodeURIComponent(code)}`,
	/** The report form of a school (issue 11), for pupils and parents, without an account. */
	schoolReportForm: (code: string) => `/scholen/${encodeURIComponent(code)}/melden`,
	/** Where a reporter comes back with their receipt code and passphrase. */
	report: '/melding',
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
	/** A parent's report to the child's school, from the dossier (issue 11 item 7). */
	dossierReportNew: (child: string) => `/dossier/${child}/melden`,
	dossierReport: (child: string, report: string) => `/dossier/${child}/meldingen/${report}`,
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
	schoolAuditLog: (code: string) => `/school/${encodeURIComponent(code)}/logboek`,
	schoolDuties: (code: string) => `/school/${encodeURIComponent(code)}/wettelijke-taken`,
	/** How long the school keeps closed cases and reports outside a case (its coordinator and school admin). */
	schoolRetention: (code: string) => `/school/${encodeURIComponent(code)}/bewaartermijn`,
	/** The cases a staff member may read (issue 11), a page of them when `page` > 1. */
	schoolCases: (code: string, page?: number) => `/school/${encodeURIComponent(code)}/zaken${page && page > 1 ? `?pagina=${page}` : ''}`,
	/** The coordinator's overview of the school's cases. */
	schoolCaseOverview: (code: string) => `/school/${encodeURIComponent(code)}/zaken/overzicht`,
	/** Opening a case, from reports of the inbox (?melding=<id>, repeated) or directly. */
	schoolCaseNew: (code: string, reportIds: readonly string[] = []) =>
		`/school/${encodeURIComponent(code)}/zaken/nieuw${reportIds.length > 0 ? `?${reportIds.map((id) => `melding=${encodeURIComponent(id)}`).join('&')}` : ''}`,
	schoolCase: (code: string, caseId: string) => `/school/${encodeURIComponent(code)}/zaken/${encodeURIComponent(caseId)}`,
	/** The case as a PDF download (the school's own record). */
	schoolCasePdf: (code: string, caseId: string) => `/school/${encodeURIComponent(code)}/zaken/${encodeURIComponent(caseId)}/pdf`,
	/** The school's report inbox; `filter` 'new' lists only new reports, `page` from 1. */
	schoolInbox: (code: string, options: { filter?: 'new' | 'all'; page?: number } = {}) => {
		const query = new URLSearchParams();
		if (options.filter === 'new') query.set('filter', 'nieuw');
		if (options.page && options.page > 1) query.set('pagina', String(options.page));
		const search = query.toString();
		return `/school/${encodeURIComponent(code)}/meldingen${search ? `?${search}` : ''}`;
	},
	schoolInboxExport: (code: string) => `/school/${encodeURIComponent(code)}/meldingen/export.csv`,
	schoolInboxNew: (code: string) => `/school/${encodeURIComponent(code)}/meldingen/nieuw`,
	schoolReport: (code: string, report: string) => `/school/${encodeURIComponent(code)}/meldingen/${report}`,
	schoolReportPhoto: (code: string, report: string, attachment: string) => `/school/${encodeURIComponent(code)}/meldingen/${report}/foto/${attachment}`,
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

/**
 * The pages with an address per language (decision 0016): the public pages and the log-in pages. The English
 * address is /en plus the English name of the first segment; what follows (a guide slug, a school code) stays.
 * Every other page (signed-in pages, mail links) has one address and follows the language preference.
 */
const ENGLISH_SEGMENT: Record<string, string> = {
	gids: 'guide',
	hulp: 'help',
	scholen: 'schools',
	zoeken: 'search',
	privacy: 'privacy',
	toegankelijkheid: 'accessibility',
	inloggen: 'log-in',
	registreren: 'register',
	'wachtwoord-vergeten': 'forgot-password',
	melding: 'report'
};
/**
 * Later segments with a name per language, by first segment: /scholen/<code>/melden is /en/schools/<code>/report.
 * Only these are translated, so a school code or a guide slug is never mistaken for a word.
 */
const ENGLISH_SUBSEGMENT: Record<string, Record<string, string>> = {
	scholen: { melden: 'report' }
};
const DUTCH_SUBSEGMENT: Record<string, Record<string, string>> = Object.fromEntries(
	Object.entries(ENGLISH_SUBSEGMENT).map(([first, words]) => [ENGLISH_SEGMENT[first]!, Object.fromEntries(Object.entries(words).map(([nl, en]) => [en, nl]))])
);

/** The segments after the first, each translated where `words` names it. */
function translateTail(tail: string, words: Record<string, string> | undefined): string {
	if (!words || tail === '') return tail;
	return tail
		.split('/')
		.map((segment) => (Object.hasOwn(words, segment) ? words[segment] : segment))
		.join('/');
}
const DUTCH_SEGMENT: Record<string, string> = Object.fromEntries(Object.entries(ENGLISH_SEGMENT).map(([nl, en]) => [en, nl]));
const ENGLISH_PREFIX = '/en';

/** Splits "/a/b?x#y" into its path and the rest (query and fragment), which never change between languages. */
function splitPath(path: string): [string, string] {
	const cut = path.search(/[?#]/);
	return cut === -1 ? [path, ''] : [path.slice(0, cut), path.slice(cut)];
}

function firstSegment(pathname: string): [string, string] {
	const slash = pathname.indexOf('/', 1);
	return slash === -1 ? [pathname.slice(1), ''] : [pathname.slice(1, slash), pathname.slice(slash)];
}

/** Whether the path is an English address (/en or below it). */
export function isEnglishPath(pathname: string): boolean {
	return pathname === ENGLISH_PREFIX || pathname.startsWith(`${ENGLISH_PREFIX}/`);
}

/**
 * The language an address stands for: 'en' under /en, 'nl' for the Dutch address of a page that has both,
 * undefined for pages with one address (the language preference decides there).
 */
export function pathLocale(pathname: string): 'nl' | 'en' | undefined {
	if (isEnglishPath(pathname)) return 'en';
	if (pathname === '/') return 'nl';
	return Object.hasOwn(ENGLISH_SEGMENT, firstSegment(pathname)[0]) ? 'nl' : undefined;
}

/** The English address of a Dutch path (with its query); other paths are returned as they are. */
export function englishPath(path: string): string {
	const [pathname, rest] = splitPath(path);
	if (pathLocale(pathname) !== 'nl') return path;
	if (pathname === '/') return ENGLISH_PREFIX + rest;
	const [segment, tail] = firstSegment(pathname);
	return `${ENGLISH_PREFIX}/${ENGLISH_SEGMENT[segment]}${translateTail(tail, ENGLISH_SUBSEGMENT[segment])}${rest}`;
}

/**
 * The Dutch address of an English path, which is also the route that renders it (src/hooks.ts reroutes);
 * undefined when the English path names no page.
 */
export function dutchPath(path: string): string | undefined {
	const [pathname, rest] = splitPath(path);
	if (!isEnglishPath(pathname)) return path;
	const inner = pathname.slice(ENGLISH_PREFIX.length);
	if (inner === '' || inner === '/') return `/${rest}`;
	const [segment, tail] = firstSegment(inner);
	const dutch = Object.hasOwn(DUTCH_SEGMENT, segment) ? DUTCH_SEGMENT[segment] : undefined;
	return dutch === undefined ? undefined : `/${dutch}${translateTail(tail, DUTCH_SUBSEGMENT[segment])}${rest}`;
}

/** Both addresses of a page that has one per language, for hreflang links and the language switch. */
export function languageAlternates(path: string): { nl: string; en: string } | undefined {
	const [pathname] = splitPath(path);
	const locale = pathLocale(pathname);
	if (locale === 'nl') return { nl: path, en: englishPath(path) };
	if (locale === 'en') {
		const nl = dutchPath(path);
		return nl === undefined ? undefined : { nl, en: path };
	}
	return undefined;
}

/** A path in the given language: the English address where the page has one, else the path itself. */
export function localePath(path: string, locale: string): string {
	return locale === 'en' ? englishPath(path) : path;
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
