/**
 * The school's audit log over HTTP (issue 11 item 8): the coordinator reads who did what with the school's reports
 * and when, never the content; another school's coordinator finds nothing; the chain check finds a changed event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { paths } from '../../src/lib/paths';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { addPersona, SEEDED_REPORT, seedPersonas, type Persona, type Seed } from './support/personas';

let app: AppServer;
let seed: Seed;
let otherCoordinator: Persona;
const CODE = '98ZZ00';

beforeAll(async () => {
	const dataDir = makeTempDir('pw-school-log-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherCoordinator = await addPersona(seed.db, 'coordinator', { schoolId: seed.otherSchoolId });
});
afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get, post } = browserClient(() => app.origin);

describe('the school’s audit log', () => {
	it('shows the coordinator who viewed a report, and nothing of what it says', async () => {
		// The aanspreekpunt reads the seeded report: that view is on the log.
		expect((await get(paths.schoolReport(CODE, SEEDED_REPORT.report), seed.personas.aanspreekpunt.cookie)).status).toBe(200);
		const response = await get(paths.schoolAuditLog(CODE), seed.personas.coordinator.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<code>report.view</code>');
		expect(html).toContain('aanspreekpunt');
		expect(html).toContain('Een melding');
		expect(html).not.toContain('Ze lachen Noor uit bij de gym.');
		expect(html).not.toContain('Gymzaal');
	});

	it('is the coordinator’s only: other roles are refused, another school’s coordinator finds no school', async () => {
		for (const role of ['aanspreekpunt', 'school_admin', 'vertrouwenspersoon', 'board_analyst', 'parent'] as const) {
			expect((await get(paths.schoolAuditLog(CODE), seed.personas[role].cookie)).status, role).toBe(403);
		}
		expect((await get(paths.schoolAuditLog(CODE), otherCoordinator.cookie)).status).toBe(404);
	});

	it('checks the chain, and finds an event that was changed afterwards', async () => {
		const ok = await post(`${paths.schoolAuditLog(CODE)}?/verify`, {}, seed.personas.coordinator.cookie);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Het logboek is heel');
		const first = await seed.db.selectFrom('audit_event').select(['seq']).where('action', '=', 'report.view').orderBy('seq').executeTakeFirstOrThrow();
		await seed.db.updateTable('audit_event').set({ detail: '{"schoolId":"someone else"}' }).where('seq', '=', first.seq).execute();
		const broken = await post(`${paths.schoolAuditLog(CODE)}?/verify`, {}, seed.personas.coordinator.cookie);
		const html = await broken.text();
		expect(html).toContain('Het logboek is niet heel');
		expect(html).toContain(`Vanaf nummer ${Number(first.seq)} klopt het logboek niet meer.`);
	});
});
