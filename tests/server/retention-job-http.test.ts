/**
 * Issue 11's done-when for retention, against the built app as it runs: a pupil's report with a photo, sent through
 * the form, becomes a case with a note; both carry a canary text. Once the case is closed and its period is over,
 * the app's own housekeeping (every second here) removes it: the case page answers 404, the removal is in the audit
 * log, the photo's file is gone, and the canary is found nowhere afterwards: not in any file of the data folder
 * (database, WAL, evidence files, erasure journal) and not in the app's log, written at its most talkative level.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { addAanspreekpunt } from '../../src/lib/server/testing/school-rows';
import { paths } from '../../src/lib/paths';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { addDays } from '../../src/lib/cases/school-days';
import { findUserById } from '../../src/lib/server/auth/user.repository';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { transitionCase } from '../../src/lib/server/cases/case.service';
import { browserClient, browserHeaders, startApp, type AppServer } from './support/app-server';
import { SEEDED_REPORT, seedPersonas, type Seed } from './support/personas';

const CODE = '98ZZ00';
/** Letters only, and random: it can only be found where this test wrote it. */
const CANARY = `Kanarie${crypto.randomBytes(6).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

let app: AppServer;
let seed: Seed;
let dataDir: string;
const { get, post } = browserClient(() => app.origin);

beforeAll(async () => {
	dataDir = makeTempDir('pw-retention-');
	app = await startApp({ DATA_DIR: dataDir, HOUSEKEEPING_INTERVAL_SECONDS: '1', LOG_LEVEL: 'trace' });
	seed = await seedPersonas(dataDir);
	// The seeded school takes reports once it names an aanspreekpunt on its profile.
	await addAanspreekpunt(seed.db, seed.schoolId);
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

/** Every file under `dir` whose bytes hold `text`, as paths relative to it. */
function filesHolding(dir: string, text: string): string[] {
	const needle = Buffer.from(text, 'utf8');
	const found: string[] = [];
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath, entry.name);
		if (fs.readFileSync(file).includes(needle)) found.push(path.relative(dir, file));
	}
	return found;
}

async function until(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		if (await check()) return true;
		await new Promise((r) => setTimeout(r, 200));
	}
	return check();
}

describe('the retention job in the running app', () => {
	it('removes an old closed case with its report and photo, and leaves its canary nowhere: data folder or log', async () => {
		const body = new FormData();
		for (const [key, value] of Object.entries({ reporterKind: 'pupil', whatHappened: `Ze pakken mijn tas af. ${CANARY}`, occurredAround: 'this_week', place: `Bij de fietsen ${CANARY}`, forms: 'belongings', ongoing: 'yes', identity: 'anonymous' }))
			body.append(key, value);
		const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer();
		body.append('files', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'chat.png');
		const sent = await fetch(app.origin + paths.schoolReportForm(CODE), { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin), body });
		expect(sent.status).toBe(303);
		const reportId = (await seed.db.selectFrom('report').select('id').where('school_id', '=', seed.schoolId).where('id', '!=', SEEDED_REPORT.report).executeTakeFirstOrThrow()).id;
		const fileKeys = (await seed.db.selectFrom('report_attachment').select('file_key').where('report_id', '=', reportId).execute()).map((r) => r.file_key);
		expect(fileKeys).toHaveLength(1);
		const photoFile = path.join(dataDir, 'files', fileKeys[0]!.slice(0, 2), fileKeys[0]!);
		expect(fs.existsSync(photoFile)).toBe(true);

		// The aanspreekpunt opens a case from it and writes a note; the case page shows it while the case is kept.
		const cookie = seed.personas.aanspreekpunt.cookie;
		const opened = await post(`/school/${CODE}/zaken/nieuw`, { melding: reportId, place: 'playground' }, cookie);
		expect(opened.status).toBe(303);
		const caseId = (opened.headers.get('location') ?? '').match(/zaken\/([0-9a-f-]{36})/)![1]!;
		expect((await post(`/school/${CODE}/zaken/${caseId}?/note`, { noteBody: `Gesprek gehad. ${CANARY}` }, cookie)).status).toBe(303);
		const shown = await (await get(`/school/${CODE}/zaken/${caseId}`, cookie)).text();
		expect(shown).toContain(`Gesprek gehad. ${CANARY}`);

		// Closed after an evaluation two weeks on (so opened a month ago), on a day long enough ago that its two
		// school years are over.
		await seed.db.updateTable('case').set({ opened_on: addDays(todayInNetherlands(), -30) }).where('id', '=', caseId).execute();
		const actor = await loadActor(seed.db, (await findUserById(seed.db, seed.personas.aanspreekpunt.userId))!);
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(seed.db, actor, CODE, caseId, { to });
		await transitionCase(seed.db, actor, CODE, caseId, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: true } });
		await seed.db.updateTable('case').set({ closed_on: '2020-03-10' }).where('id', '=', caseId).execute();

		// The app's housekeeping, not this test, removes it.
		const gone = await until(async () => (await seed.db.selectFrom('case').select('id').where('id', '=', caseId).executeTakeFirst()) === undefined, 30);
		expect(gone).toBe(true);
		expect(await seed.db.selectFrom('report').select('id').where('id', '=', reportId).executeTakeFirst()).toBeUndefined();
		expect(await seed.db.selectFrom('report_attachment').select('id').where('report_id', '=', reportId).execute()).toEqual([]);
		expect(await until(async () => !fs.existsSync(photoFile), 10)).toBe(true);
		// Once, by Pestwijzer itself (no person), and without any of the case's text.
		const audited = await seed.db.selectFrom('audit_event').select(['actor_user_id', 'detail']).where('action', '=', 'case.retention.delete').execute();
		expect(audited).toHaveLength(1);
		expect(audited[0]!.actor_user_id).toBeNull();
		expect(audited[0]!.detail).not.toContain(CANARY);
		expect((await get(`/school/${CODE}/zaken/${caseId}`, cookie)).status).toBe(404);

		// Nowhere afterwards: the whole data folder, byte by byte, and everything the app wrote to its log.
		await app.stop();
		expect(filesHolding(dataDir, CANARY)).toEqual([]);
		expect(app.output()).not.toContain(CANARY);
		// The search itself finds what is there: the app wrote a log, and a plain canary in the folder is found.
		expect(app.output().length).toBeGreaterThan(0);
		fs.writeFileSync(path.join(dataDir, 'control.txt'), `x ${CANARY} x`);
		expect(filesHolding(dataDir, CANARY)).toEqual(['control.txt']);
	});
});
