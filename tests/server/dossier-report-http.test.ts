/**
 * A parent reports to the school from the dossier over HTTP (issue 11 item 7), against the built app: the form
 * lists the child's incidents with their files, sharing needs consent, the report page shows the school's answer and
 * the consent list, and withdrawing an item removes it from the school's side at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { addAanspreekpunt } from '../../src/lib/server/testing/school-rows';
import { newId } from '../../src/lib/server/auth/tokens';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { findUserById } from '../../src/lib/server/auth/user.repository';
import { replyToReporter } from '../../src/lib/server/reports/report.service';
import { sharedItemsOf } from '../../src/lib/server/reports/dossier-report.service';
import { paths } from '../../src/lib/paths';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { SEEDED_DOSSIER, seedPersonas, type Seed } from './support/personas';

const { child, incident, attachment } = SEEDED_DOSSIER;
let app: AppServer;
let seed: Seed;

beforeAll(async () => {
	const dataDir = makeTempDir('pw-dossier-report-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
});
afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get, post } = browserClient(() => app.origin);
const parent = () => seed.personas.parent.cookie;

describe('reporting from the dossier', () => {
	it('says why not while the child has no school that takes reports', async () => {
		const response = await get(paths.dossierReportNew(child), parent());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('nog niet ingevuld op welke school Noor zit');
		expect(html).not.toContain('name="whatHappened"');
		expect(html).toContain(`href="${paths.dossierChildEdit(child)}"`);
		expect((await post(paths.dossierReportNew(child), { whatHappened: 'x' }, parent())).status).toBe(400);
	});

	it('lists the incidents with their files once the school takes reports', async () => {
		await seed.db.updateTable('child').set({ school_id: seed.schoolId }).where('id', '=', child).execute();
		await addAanspreekpunt(seed.db, seed.schoolId);
		const response = await get(paths.dossierReportNew(child), parent());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<h1>Melden bij Testschool A</h1>');
		expect(html).toContain(`name="incidents" value="${incident}"`);
		expect(html).toContain(`name="attachments" value="${incident}/${attachment}"`);
		expect(html).toContain('brief-van-school.pdf');
		// The dossier page links here.
		expect(await (await get(paths.dossierChild(child), parent())).text()).toContain(`href="${paths.dossierReportNew(child)}"`);
	});

	it('asks for consent before anything is shared, and keeps what was typed', async () => {
		const before = await seed.db.selectFrom('report').select('id').execute();
		const response = await post(paths.dossierReportNew(child), { whatHappened: 'Wij willen graag <een> gesprek.', incidents: incident, attachments: `${incident}/${attachment}` }, parent());
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Geef toestemming om te delen');
		expect(html).toContain('Wij willen graag &lt;een> gesprek.</textarea>');
		expect(html).toMatch(new RegExp(`name="incidents" value="${incident}" checked`));
		expect(await seed.db.selectFrom('report').select('id').execute()).toHaveLength(before.length);
	});

	it('refuses an incident id of nobody, and a file without its incident, with the input kept', async () => {
		expect((await post(paths.dossierReportNew(child), { whatHappened: 'x', incidents: newId(), consent: 'yes' }, parent())).status).toBe(404);
		const response = await post(paths.dossierReportNew(child), { whatHappened: 'Alleen de brief.', attachments: `${incident}/${attachment}`, consent: 'yes' }, parent());
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('U koos een bestand van een voorval dat u niet deelt.');
	});

	let reportPath: string;

	it('sends the report, shows it with the school’s answer, and takes the parent’s answer', async () => {
		const sent = await post(paths.dossierReportNew(child), { whatHappened: 'Wij willen graag een gesprek.', incidents: incident, attachments: `${incident}/${attachment}`, consent: 'yes', ongoing: 'yes' }, parent());
		expect(sent.status).toBe(303);
		const location = sent.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^/dossier/${child}/meldingen/[0-9a-f-]{36}\\?verstuurd$`));
		reportPath = location.split('?')[0]!;
		const reportId = reportPath.split('/').pop()!;
		const actor = await loadActor(seed.db, (await findUserById(seed.db, seed.personas.aanspreekpunt.userId))!);
		await replyToReporter(seed.db, actor, '98ZZ00', reportId, 'Dank u, wij bellen u morgen.');
		const html = await (await get(reportPath, parent())).text();
		expect(html).toContain('Uw melding aan Testschool A');
		expect(html).toContain('Dank u, wij bellen u morgen.');
		expect(html).toContain('Bestand: brief-van-school.pdf');
		expect((await post(`${reportPath}?/message`, { body: 'Graag na drie uur.' }, parent())).status).toBe(303);
		expect(await (await get(reportPath, parent())).text()).toContain('Graag na drie uur.');
		expect(await (await get(paths.dossierChild(child), parent())).text()).toContain(`href="${reportPath}"`);
		// No other role reaches it: the staff of the school read it in their own pages, not in the dossier.
		expect((await get(reportPath, seed.personas.aanspreekpunt.cookie)).status).toBe(403);
		// There, the staff see what was shared: the incident as the parent wrote it down, and the file to download.
		const staff = await (await get(paths.schoolReport('98ZZ00', reportId), seed.personas.aanspreekpunt.cookie)).text();
		expect(staff).toContain('Gedeeld uit het dossier van de ouder');
		expect(staff).toContain('Ze mocht niet meedoen.');
		const file = staff.match(/<a href="([^"]+)" download="">Bestand downloaden: brief-van-school\.pdf<\/a>/)?.[1];
		expect(file).toBeDefined();
		const download = await get(`${file!}?inline=1`, seed.personas.aanspreekpunt.cookie);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(staff).not.toContain(`<img src="${file}`);
	});

	it('withdraws a shared incident with its file: the school no longer has them', async () => {
		const reportId = reportPath.split('/').pop()!;
		const before = await sharedItemsOf(seed.db, reportId, seed.schoolId);
		expect(before.map((i) => i.withdrawnOn)).toEqual([null, null]);
		const response = await post(`${reportPath}?/withdraw`, { item: before[0]!.id }, parent());
		expect(response.status).toBe(303);
		const after = await sharedItemsOf(seed.db, reportId, seed.schoolId);
		expect(after.every((i) => i.withdrawnOn !== null && !i.incident && !i.file)).toBe(true);
		expect(await seed.db.selectFrom('report_attachment').select('id').where('report_id', '=', reportId).execute()).toEqual([]);
		const html = await (await get(`${reportPath}?ingetrokken`, parent())).text();
		expect(html).toContain('ingetrokken op');
		expect(html).toContain('De school heeft dit niet meer.');
		expect(html).not.toContain('brief-van-school.pdf');
		const staff = await (await get(paths.schoolReport('98ZZ00', reportId), seed.personas.aanspreekpunt.cookie)).text();
		expect(staff).toContain('Ingetrokken door de ouder op');
		expect(staff).not.toContain('Ze mocht niet meedoen.');
		expect(staff).not.toContain('brief-van-school.pdf');
	});
});
