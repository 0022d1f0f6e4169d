/**
 * Who may use each route, declared in one table and enforced for every request in hooks.server.ts.
 * Deny by default: a route that is not in this table answers 403, and the authorization test
 * (src/lib/server/auth/route-access.test.ts) fails for any route file that is missing here.
 */
import type { Role } from '../../auth/roles';
import { ROLES, SCHOOL_ROLES } from '../../auth/roles';

export type RouteAccess =
	/**
	 * Anyone, signed in or not. `cache`: the page is the same for every anonymous visitor at its address, so it is
	 * served from the page cache (src/lib/server/page-cache): 'page' for every address, 'without-query' only for
	 * the bare path (a search form, not its results).
	 */
	| {
			kind: 'public';
			cache?: 'page' | 'without-query';
			/**
			 * The routes of anonymous reporters (issue 11): their answers are never stored by a browser or proxy, and
			 * the request log names the route, not the path, so no log line ties a school and a second to a report.
			 */
			anonymous?: true;
	  }
	/** Only between password and second factor at log-in. */
	| { kind: 'second-factor-pending' }
	/** Any signed-in account. `beforeSecondFactorSetup` lets staff in who still have to set up TOTP. */
	| { kind: 'signed-in'; beforeSecondFactorSetup?: boolean }
	/** Signed in with one of these roles. */
	| { kind: 'roles'; roles: readonly Role[] };

const PUBLIC: RouteAccess = { kind: 'public' };
// The log-in, registration and forgotten-password forms are cached too: without a session (which bypasses the
// cache) they depend on the address only; their answers to a post are never cached (GET only).
const PUBLIC_CACHED: RouteAccess = { kind: 'public', cache: 'page' };
const ANONYMOUS: RouteAccess = { kind: 'public', anonymous: true };
/**
 * The case pages (issue 11, item 8): like the inbox, the route admits every account and the case service then admits
 * only need to know (the case's handlers and the coordinator). So the school admin, the board analyst, a parent, a
 * mentor who does not handle the case and another school's staff all get the same 404 as for a case that does not
 * exist, never a 403 that would tell them apart.
 */
const CASE_PAGES: RouteAccess = { kind: 'roles', roles: ROLES };

/** Every signed-in role: for routes whose service decides, and answers 404 rather than 403 to the rest. */
const INBOX: RouteAccess = { kind: 'roles', roles: ROLES };

/**
 * The retention period (decision 0026): the route admits every account, and the retention service answers 404 to all
 * but the school's coordinator and school admin, like the inbox.
 */
const RETENTION: RouteAccess = { kind: 'roles', roles: ROLES };

/** Keyed by SvelteKit route id. */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
	'/(public)': PUBLIC_CACHED,
	'/(public)/gids': PUBLIC_CACHED,
	'/(public)/gids/[slug]': PUBLIC_CACHED,
	'/(public)/hulp': PUBLIC_CACHED,
	'/(public)/zoeken': PUBLIC,
	'/(public)/scholen': { kind: 'public', cache: 'without-query' },
	'/(public)/scholen/[code]': PUBLIC_CACHED,
	// Not from the page cache: the form's answer (the receipt) and a reporter's own report are never shared.
	'/(public)/scholen/[code]/melden': ANONYMOUS,
	'/(public)/melding': ANONYMOUS,
	'/(public)/privacy': PUBLIC_CACHED,
	'/(public)/toegankelijkheid': PUBLIC_CACHED,
	'/(public)/geen-toegang': PUBLIC,
	'/(public)/niet-beschikbaar': PUBLIC,
	'/taal': PUBLIC,
	'/sitemap.xml': PUBLIC,
	'/robots.txt': PUBLIC,
	'/api/v1/schools': PUBLIC,
	'/api/v1/schools/[code]': PUBLIC,
	'/api/v1/openapi.json': PUBLIC,
	'/healthz': PUBLIC,
	'/readyz': PUBLIC,
	'/(auth)/inloggen': PUBLIC_CACHED,
	'/(auth)/inloggen/tweede-stap': { kind: 'second-factor-pending' },
	'/(auth)/uitloggen': PUBLIC,
	'/(auth)/registreren': PUBLIC_CACHED,
	'/(auth)/registreren/controleer-uw-mail': PUBLIC,
	'/(auth)/e-mail-bevestigen': PUBLIC,
	'/(auth)/wachtwoord-vergeten': PUBLIC_CACHED,
	'/(auth)/wachtwoord-herstellen': PUBLIC,
	'/(account)/account': { kind: 'signed-in', beforeSecondFactorSetup: true },
	'/(account)/account/tweestapsverificatie': { kind: 'signed-in', beforeSecondFactorSetup: true },
	'/(account)/account/wachtwoord': { kind: 'signed-in', beforeSecondFactorSetup: true },
	'/(account)/account/e-mailberichten': { kind: 'signed-in' },
	'/(auth)/uitnodiging': PUBLIC,
	'/(public)/scholen/[code]/documenten/[kind]': PUBLIC,
	// The dossier: the route admits parents; the service then admits only the child's own guardians (dossier-access.ts).
	'/(parent)/dossier': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/kind-toevoegen': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/gegevens': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/voorval/nieuw': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/voorval/[incident]': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/voorval/[incident]/wijzigen': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/stappenplan': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/export': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/delen': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/verwijderen': { kind: 'roles', roles: ['parent'] },
	'/(account)/account/export': { kind: 'roles', roles: ['parent'] },
	'/(account)/account/verwijderen': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/contact/nieuw': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/contact/[contact]': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/afspraak/[agreement]/agenda.ics': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/pdf': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/pdf/bestand': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/brieven': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/melden': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/meldingen/[report]': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/brieven/[letter]': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/brieven/[letter]/tekst': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/brieven/[letter]/pdf': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/voorval/[incident]/bijlagen': { kind: 'roles', roles: ['parent'] },
	'/(parent)/dossier/[child]/voorval/[incident]/bijlagen/[attachment]': { kind: 'roles', roles: ['parent'] },
	'/(school)/school': { kind: 'roles', roles: SCHOOL_ROLES },
	// School pages: the route admits the roles; the service then checks the role is held at *this* school (school-access.ts).
	'/(school)/school/[code]': { kind: 'roles', roles: [...SCHOOL_ROLES, 'board_analyst'] },
	'/(school)/school/[code]/team': { kind: 'roles', roles: ['school_admin'] },
	'/(school)/school/[code]/profiel': { kind: 'roles', roles: ['school_admin'] },
	'/(school)/school/[code]/profiel/[part]': { kind: 'roles', roles: ['school_admin'] },
	'/(school)/school/[code]/profiel/documenten/[kind]': { kind: 'roles', roles: ['school_admin'] },
	// The audit log: the coordinator of that school (school-log.service.ts).
	'/(school)/school/[code]/logboek': { kind: 'roles', roles: ['coordinator'] },
	'/(school)/school/[code]/wettelijke-taken': { kind: 'roles', roles: ['school_admin', 'board_analyst'] },
	'/(school)/school/[code]/bewaartermijn': RETENTION,
	'/(school)/school/[code]/zaken': CASE_PAGES,
	'/(school)/school/[code]/zaken/overzicht': CASE_PAGES,
	'/(school)/school/[code]/zaken/nieuw': CASE_PAGES,
	'/(school)/school/[code]/zaken/[case]': CASE_PAGES,
	// The case as a PDF: the same rule and the same service check as the case page (case-pdf.service.ts).
	'/(school)/school/[code]/zaken/[case]/pdf': CASE_PAGES,
	// The report inbox: the route admits every account, and the inbox service answers 404 to all but the school's
	// aanspreekpunt and coordinator, so another role learns no more than another school does (SECURITY.md).
	'/(school)/school/[code]/meldingen': INBOX,
	'/(school)/school/[code]/meldingen/export.csv': INBOX,
	'/(school)/school/[code]/meldingen/nieuw': INBOX,
	'/(school)/school/[code]/meldingen/[report]': INBOX,
	'/(school)/school/[code]/meldingen/[report]/foto/[photo]': INBOX,
	'/(board)/bestuur': { kind: 'roles', roles: ['board_analyst'] },
	'/(admin)/beheer': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/uitgaande-mail': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/hulplijnen': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/feedback': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/scholen': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/scholen/[code]': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/hulplijnen/nieuw': { kind: 'roles', roles: ['platform_admin'] },
	'/(admin)/beheer/hulplijnen/[id]': { kind: 'roles', roles: ['platform_admin'] }
};

export function accessFor(routeId: string): RouteAccess | undefined {
	return ROUTE_ACCESS[routeId];
}

/** Whether a route serves anonymous reporters (see `anonymous` above). */
export function isAnonymousRoute(routeId: string | null): boolean {
	const access = routeId === null ? undefined : ROUTE_ACCESS[routeId];
	return access?.kind === 'public' && access.anonymous === true;
}
