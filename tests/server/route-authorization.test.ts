/**
 * Walks every route of the app (from the route files) as an anonymous visitor and as every role,
 * and checks the answer against the route's access rule: deny by default, log-in for anonymous visitors,
 * 403 for a wrong role (issue 2, SECURITY.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_ACCESS, type RouteAccess } from '../../src/lib/server/auth/route-access';
import { ROLES, type Role } from '../../src/lib/auth/roles';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserHeaders, startApp, type AppServer } from './support/app-server';
import { seedPersonas, type Seed } from './support/personas';
import { listRoutes, type RouteFile } from './support/routes';

/** Public routes whose whole purpose is an error answer. */
const EXPECTED_PUBLIC_STATUS: Record<string, number> = {
	'/(public)/geen-toegang': 403,
	'/(public)/niet-beschikbaar': 503,
	// The seeded school published no documents; downloads are tested in school-profile-http.test.ts.
	'/(public)/scholen/[code]/documenten/[kind]': 404
};

/**
 * Routes the table opens to every role because their service decides, answering 404 (not 403) to the roles it
 * refuses, like an absent object (SECURITY.md): the report inbox, for the school's aanspreekpunt and coordinator, the
 * cases, by need to know (decision 0021), and the retention period.
 */
const SERVICE_ROLES: { prefix: string; roles: readonly Role[] }[] = [
	{ prefix: '/(school)/school/[code]/meldingen', roles: ['aanspreekpunt', 'coordinator'] },
	// The retention period (decision 0026): the school's coordinator and school admin.
	{ prefix: '/(school)/school/[code]/bewaartermijn', roles: ['coordinator', 'school_admin'] },
	// The cases (decision 0021): the overview is the coordinator's, opening a case the aanspreekpunt's and the
	// coordinator's; the list and the seeded case are for every handler role (all assigned to it) and the coordinator.
	{ prefix: '/(school)/school/[code]/zaken/overzicht', roles: ['coordinator'] },
	{ prefix: '/(school)/school/[code]/zaken/nieuw', roles: ['aanspreekpunt', 'coordinator'] },
	{ prefix: '/(school)/school/[code]/zaken', roles: ['aanspreekpunt', 'coordinator', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator'] }
];

function serviceRefuses(id: string, role: Role): boolean {
	const rule = SERVICE_ROLES.find((r) => id === r.prefix || id.startsWith(`${r.prefix}/`));
	return rule !== undefined && !rule.roles.includes(role);
}

const routes = listRoutes();
let app: AppServer;
let seed: Seed;

beforeAll(async () => {
	const dataDir = makeTempDir('pw-routes-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

async function request(route: RouteFile, cookie?: string): Promise<Response> {
	const method = route.isPage || route.endpointMethods.includes('GET') ? 'GET' : (route.endpointMethods[0] ?? 'GET');
	return fetch(app.origin + route.url, {
		method,
		redirect: 'manual',
		headers: { ...browserHeaders(app.origin, cookie), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
		body: method === 'POST' ? '' : undefined
	});
}

function allowed(access: RouteAccess, role: Role): boolean {
	return access.kind === 'signed-in' || (access.kind === 'roles' && access.roles.includes(role));
}

describe('route access table', () => {
	it('finds the route files', () => {
		expect(routes.length).toBeGreaterThan(15);
	});

	it('has a rule for every route, and no rule without a route', () => {
		const ids = routes.map((r) => r.id);
		expect(ids.filter((id) => !(id in ROUTE_ACCESS)), 'routes without an access rule').toEqual([]);
		expect(Object.keys(ROUTE_ACCESS).filter((id) => !ids.includes(id)), 'rules without a route').toEqual([]);
	});
});

describe.each(routes.map((r) => [r.id, r] as const))('%s', (id, route) => {
	const access = ROUTE_ACCESS[id]!;

	it('anonymous visitor', async () => {
		const response = await request(route);
		if (access.kind === 'public') {
			expect(response.status).toBe(EXPECTED_PUBLIC_STATUS[id] ?? (route.isPage || route.endpointMethods.includes('GET') ? 200 : 303));
			expect(response.headers.get('location') ?? '').not.toMatch(/^\/inloggen/);
		} else {
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe(access.kind === 'second-factor-pending' ? '/inloggen' : `/inloggen?terug=${encodeURIComponent(route.url)}`);
		}
	});

	it.each(ROLES)('as %s', async (role) => {
		const response = await request(route, seed.personas[role].cookie);
		if (access.kind === 'public') {
			expect(response.status).not.toBe(401);
			if (!EXPECTED_PUBLIC_STATUS[id]) expect(response.status).toBeLessThan(400);
		} else if (access.kind === 'second-factor-pending') {
			expect(response.status).toBe(303);
		} else if (allowed(access, role) && serviceRefuses(id, role)) {
			expect(response.status).toBe(404);
		} else if (allowed(access, role)) {
			expect(response.status).toBe(200);
		} else {
			expect(response.status).toBe(403);
			expect(await response.text()).toContain('Geen toegang');
		}
	});
});

describe('staff without a second factor', () => {
	it.each(routes.filter((r) => ROUTE_ACCESS[r.id]?.kind === 'roles').map((r) => [r.id, r] as const))('is sent to set it up from %s', async (_, route) => {
		const response = await request(route, seed.staffWithoutSecondFactor.cookie);
		const access = ROUTE_ACCESS[route.id]!;
		if (access.kind === 'roles' && access.roles.includes('mentor')) {
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe('/account/tweestapsverificatie');
		} else {
			expect(response.status).toBe(403);
		}
	});

	it('can reach the set-up page and the account page', async () => {
		for (const url of ['/account', '/account/tweestapsverificatie']) {
			const response = await fetch(app.origin + url, { redirect: 'manual', headers: browserHeaders(app.origin, seed.staffWithoutSecondFactor.cookie) });
			expect(response.status, url).toBe(200);
		}
	});
});

describe('form posts are refused like pages', () => {
	it('a parent posting to an admin page gets 403 and nothing runs', async () => {
		const response = await fetch(`${app.origin}/beheer/uitgaande-mail`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin, seed.personas.parent.cookie), 'content-type': 'application/x-www-form-urlencoded' },
			body: 'x=1'
		});
		expect(response.status).toBe(403);
	});

	it('a form post from another site is refused (CSRF origin check)', async () => {
		const response = await fetch(`${app.origin}/uitloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', origin: 'https://evil.example', cookie: seed.personas.parent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(response.status).toBe(403);
		const still = await fetch(`${app.origin}/account`, { redirect: 'manual', headers: browserHeaders(app.origin, seed.personas.parent.cookie) });
		expect(still.status).toBe(200);
	});
});
