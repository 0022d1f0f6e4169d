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
	search: '/zoeken',
	privacy: '/privacy',
	accessibility: '/toegankelijkheid',
	school: '/school',
	board: '/bestuur',
	admin: '/beheer',
	adminOutbox: '/beheer/uitgaande-mail',
	adminHelp: '/beheer/hulplijnen',
	adminFeedback: '/beheer/feedback',
	adminHelpNew: '/beheer/hulplijnen/nieuw',
	adminHelpEdit: (id: string) => `/beheer/hulplijnen/${encodeURIComponent(id)}`,
	healthz: '/healthz',
	readyz: '/readyz'
} as const;

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
