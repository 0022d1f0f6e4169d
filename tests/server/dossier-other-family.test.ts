/**
 * A parent can never reach another family's dossier by changing an id (issue 5): every dossier route, read from
 * the route files so a new one cannot be left out, is requested with the seeded family's ids by another parent —
 * GET, and POST to every form action the route declares — and must answer 404, the same as for a child that does
 * not exist. Nothing of the family may change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserHeaders, form, startApp, type AppServer } from './support/app-server';
import { addPersona, SEEDED_DOSSIER, SEEDED_REPORT, seedPersonas, type Persona, type Seed } from './support/personas';
import { listRoutes } from './support/routes';

const DOSSIER_ROUTES = listRoutes().filter((r) => r.id.startsWith('/(parent)/dossier/[child]'));

/** The names of the form actions of a page route (`name: async` inside `export const actions`). */
function actionsOf(routeId: string): string[] {
	const file = path.resolve('src/routes', routeId.slice(1), '+page.server.ts');
	if (!fs.existsSync(file)) return [];
	const source = fs.readFileSync(file, 'utf8');
	const block = source.slice(source.indexOf('export const actions'));
	return [...block.matchAll(/^\t(\w+): async/gm)].map((m) => m[1]!);
}

let app: AppServer;
let seed: Seed;
let stranger: Persona;

/** Every row of the seeded family's dossier, to prove nothing changed. */
async function snapshot(): Promise<string> {
	const { child } = SEEDED_DOSSIER;
	const tables = ['child', 'child_guardian', 'incident', 'attachment', 'dossier_contact', 'agreement', 'step_skip'] as const;
	const rows: unknown[] = [];
	for (const table of tables) {
		const column = table === 'child' ? 'id' : 'child_id';
		rows.push(await seed.db.selectFrom(table).selectAll().where(column, '=', child).execute());
	}
	rows.push(await seed.db.selectFrom('invitation').select('id').where('child_id', '=', child).execute());
	// The family's reports to the school, with their messages and shared items (issue 11).
	rows.push(await seed.db.selectFrom('report').selectAll().where('child_id', '=', child).execute());
	for (const table of ['report_message', 'report_item'] as const) rows.push(await seed.db.selectFrom(table).selectAll().where('report_id', '=', SEEDED_REPORT.report).execute());
	return JSON.stringify(rows);
}

beforeAll(async () => {
	const dataDir = makeTempDir('pw-other-family-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	stranger = await addPersona(seed.db, 'parent', {});
});
afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

describe('another parent and the seeded family\'s dossier', () => {
	it('covers every dossier route', () => {
		expect(DOSSIER_ROUTES.length).toBeGreaterThanOrEqual(15);
	});

	it.each(DOSSIER_ROUTES.map((r) => [r.id, r] as const))('%s answers 404 to every request', async (_, route) => {
		const before = await snapshot();
		const requests: { method: string; url: string }[] = [];
		if (route.isPage || route.endpointMethods.includes('GET')) requests.push({ method: 'GET', url: route.url });
		if (route.endpointMethods.includes('POST')) requests.push({ method: 'POST', url: route.url });
		for (const action of actionsOf(route.id)) requests.push({ method: 'POST', url: action === 'default' ? route.url : `${route.url}?/${action}` });
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			const response = await fetch(app.origin + request.url, {
				method: request.method,
				redirect: 'manual',
				headers: { ...browserHeaders(app.origin, stranger.cookie), ...(request.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
				body: request.method === 'POST' ? form({ confirm: 'yes', confirmName: 'Noor', email: 'x@example.nl', displayName: 'X', locale: 'nl', step: 'politie' }) : undefined
			});
			expect(response.status, `${request.method} ${request.url}`).toBe(404);
			const body = await response.text();
			expect(body, `${request.method} ${request.url}`).not.toContain('Noor');
		}
		expect(await snapshot()).toBe(before);
	});
});
