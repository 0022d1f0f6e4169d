import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import type { Role } from '../../auth/roles';
import sharp from 'sharp';
import { readStoredFile } from '../testing/stored-file';
import { todayInNetherlands } from '../../i18n/locale';
import type { ReportInput } from '../../reports/report-form';
import { addReporterMessage, openReceipt, openReportById, RECEIPT_CODE_LIMIT, replyToReporter, submitReport } from './report.service';

const CODE_A = '11AA00';
const CODE_B = '22BB00';
const CODE_NONE = '33CC00';
const CANARY = 'kanarie-7f3c-niet-in-de-database';

function input(fields: Partial<ReportInput> = {}): ReportInput {
	return {
		reporterKind: 'pupil',
		whatHappened: `In de pauze pakken ze mijn tas af. ${CANARY}`,
		occurredOn: null,
		occurredAround: 'this_week',
		place: `Het schoolplein ${CANARY}`,
		peopleInvolved: `Twee jongens uit groep 8 ${CANARY}`,
		forms: ['belongings', 'verbal'],
		motives: ['appearance'],
		ongoing: 'yes',
		anonymous: true,
		reporterName: null,
		contact: null,
		...fields
	};
}

/** A small screenshot-like PNG. */
const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a6' } }).png().toBuffer();

let addressCounter = 0;
/** A fresh address per check, so the in-memory address limit of one test does not spill into the next. */
const address = () => `192.0.2.${++addressCounter}`;

describe.each(testDatabaseKinds())('reports on %s', (kind) => {
	let t: TestDatabase;
	const schoolA = newId();
	const schoolB = newId();
	const schoolNone = newId();
	let aanspreekpuntA: Actor;
	let mentorA: Actor;
	let aanspreekpuntB: Actor;

	async function account(email: string, roles: { role: Role; school: string }[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		const school = (id: string, code: string, name: string) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Delft', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolA, CODE_A, 'OBS De Regenboog'), school(schoolB, CODE_B, 'Het Baken'), school(schoolNone, CODE_NONE, 'De Klimop')]).execute();
		const contact = (schoolId: string) => ({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Mevrouw Jansen', job_title: null, email: null, phone: null, hours: null, public: 1 as const, updated_at: now });
		await t.db.insertInto('school_contact').values([contact(schoolA), contact(schoolB)]).execute();
		aanspreekpuntA = await account('a@regenboog.nl', [{ role: 'aanspreekpunt', school: schoolA }]);
		mentorA = await account('m@regenboog.nl', [{ role: 'mentor', school: schoolA }]);
		aanspreekpuntB = await account('b@baken.nl', [{ role: 'aanspreekpunt', school: schoolB }]);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('refuses a school without an aanspreekpunt and a school not on Pestwijzer', async () => {
		await expect(submitReport(t.db, CODE_NONE, input())).rejects.toBeInstanceOf(NotFoundError);
		await expect(submitReport(t.db, '99ZZ99', input())).rejects.toBeInstanceOf(NotFoundError);
		await expect(submitReport(t.db, 'nonsense', input())).rejects.toBeInstanceOf(NotFoundError);
	});

	it('stores an anonymous report sealed, with the day only and nothing about its sender', async () => {
		const result = await submitReport(t.db, CODE_A, input(), [{ name: 'screenshot.png', bytes: await png() }]);
		expect(result.ok).toBe(true);
		const rows = await t.db.selectFrom('report').selectAll().where('school_id', '=', schoolA).execute();
		expect(rows).toHaveLength(1);
		const row = rows[0]!;
		expect(row.received_on).toBe(todayInNetherlands());
		expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(row.reporter_name).toBeNull();
		expect(row.contact).toBeNull();
		// Every column: no time of day, no address, no user agent, no user or session.
		const columns = Object.keys(row).sort();
		expect(columns).toEqual(
			['acknowledged_on', 'anonymous', 'channel', 'child_id', 'contact', 'entered_by_user_id', 'forms', 'id', 'motives', 'occurred_around', 'occurred_on', 'ongoing', 'passphrase_hash', 'people_involved', 'place', 'received_on', 'receipt_lookup', 'reporter_kind', 'reporter_name', 'reporter_user_id', 'school_id', 'status', 'what_happened'].sort()
		);
		// An online report names no one on the staff, nobody has acknowledged it yet, and only a parent's report from
		// the dossier names its account and dossier.
		expect(row.entered_by_user_id).toBeNull();
		expect(row.acknowledged_on).toBeNull();
		expect(row.reporter_user_id).toBeNull();
		expect(row.child_id).toBeNull();
		for (const value of Object.values(row)) expect(String(value)).not.toMatch(/\d{2}:\d{2}|192\.0\.2|Mozilla/);
		for (const column of ['what_happened', 'place', 'people_involved'] as const) expect(row[column]).toMatch(/^pw1\./);
		const attachments = await t.db.selectFrom('report_attachment').selectAll().where('report_id', '=', row.id).execute();
		expect(attachments).toHaveLength(1);
		expect(attachments[0]!.content_mac).toMatch(/^[0-9a-f]{64}$/);
		expect(attachments[0]!.content_type).toBe('image/png');
		// The stored file is sealed, not the PNG.
		expect((await readStoredFile(attachments[0]!.file_key)).subarray(1, 4).toString()).not.toBe('PNG');
	});

	it('finds the canary text nowhere in the database file', async () => {
		if (kind !== 'sqlite') {
			const dump = await sql<{ t: string }>`select string_agg(r::text, ' ') as t from report r`.execute(t.db);
			expect(dump.rows[0]?.t ?? '').not.toContain(CANARY);
			return;
		}
		await sql`pragma wal_checkpoint(truncate)`.execute(t.db);
		for (const file of fs.readdirSync(t.config.dataDir).filter((f) => f.startsWith('test.db'))) {
			expect(fs.readFileSync(path.join(t.config.dataDir, file)).includes(Buffer.from(CANARY))).toBe(false);
		}
	});

	it('gives ids that are not in time order', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 8; i++) {
			await submitReport(t.db, CODE_B, input({ whatHappened: `r${i}` }));
			const rows = await t.db.selectFrom('report').select('id').where('school_id', '=', schoolB).execute();
			ids.push(rows.map((r) => r.id).find((id) => !ids.includes(id))!);
		}
		expect([...ids].sort()).not.toEqual(ids);
	});

	it('refuses a non-image file and stores nothing', async () => {
		const before = await t.db.selectFrom('report').select('id').execute();
		const result = await submitReport(t.db, CODE_A, input(), [{ name: 'a.html', bytes: new TextEncoder().encode('<html><script>x</script>') }]);
		expect(result).toEqual({ ok: false, refused: [{ name: 'a.html', reasonKey: 'evidence_refused_type' }] });
		const tooMany = await submitReport(t.db, CODE_A, input(), await Promise.all(Array.from({ length: 6 }, async (_, i) => ({ name: `s${i}.png`, bytes: await png() }))));
		expect(tooMany.ok === false && tooMany.refused).toEqual([{ name: 's5.png', reasonKey: 'evidence_refused_too_many_files' }]);
		expect(await t.db.selectFrom('report').select('id').execute()).toHaveLength(before.length);
	});

	it('opens with code and passphrase in any spelling, and the school reply loop works', async () => {
		const result = await submitReport(t.db, CODE_A, input({ anonymous: false, reporterName: 'Sam', contact: 'sam@example.org' }));
		if (!result.ok) throw new Error('not sent');
		const { code, passphrase } = result.receipt;
		const opened = await openReceipt(t.db, ` ${code.toLowerCase().replace('-', ' ')} `, passphrase.replaceAll('-', ''), address());
		if (!opened.ok) throw new Error('not opened');
		expect(opened.report).toMatchObject({ schoolName: 'OBS De Regenboog', anonymous: false, reporterName: 'Sam', contact: 'sam@example.org', status: 'new', messages: [] });
		expect(opened.report.whatHappened).toContain(CANARY);

		await replyToReporter(t.db, aanspreekpuntA, CODE_A, opened.report.id, 'Dank je. Ik kom morgen naar je klas.');
		await addReporterMessage(t.db, opened.report.id, 'Het gebeurde vandaag weer.');
		const view = await openReportById(t.db, opened.report.id);
		expect(view.status).toBe('acknowledged');
		expect(view.messages.map((m) => [m.position, m.author, m.body])).toEqual([
			[1, 'school', 'Dank je. Ik kom morgen naar je klas.'],
			[2, 'reporter', 'Het gebeurde vandaag weer.']
		]);
		expect(view.messages[0]!.writtenOn).toBe(todayInNetherlands());
		const stored = await t.db.selectFrom('report_message').select('body').where('report_id', '=', opened.report.id).execute();
		for (const m of stored) expect(m.body).toMatch(/^pw1\./);

		// Another school's aanspreekpunt gets NotFound, as if the report did not exist; a mentor and nobody are refused
		// by role before any report is looked at.
		await expect(replyToReporter(t.db, aanspreekpuntB, CODE_A, opened.report.id, 'x')).rejects.toBeInstanceOf(NotFoundError);
		await expect(replyToReporter(t.db, mentorA, CODE_A, opened.report.id, 'x')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(replyToReporter(t.db, undefined, CODE_A, opened.report.id, 'x')).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(replyToReporter(t.db, aanspreekpuntB, CODE_B, opened.report.id, 'x')).rejects.toBeInstanceOf(NotFoundError);
		await expect(openReportById(t.db, newId())).rejects.toBeInstanceOf(NotFoundError);
		await expect(addReporterMessage(t.db, 'not-an-id', 'x')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('answers a wrong passphrase, an unknown code and nonsense the same way, spending a verify on an unknown code', async () => {
		const result = await submitReport(t.db, CODE_A, input());
		if (!result.ok) throw new Error('not sent');
		const wrong = await openReceipt(t.db, result.receipt.code, 'AAAA-AAAA-AAAA-AAAA', address());
		const unknown = await openReceipt(t.db, 'AAAAA-AAAAA', result.receipt.passphrase, address());
		const nonsense = await openReceipt(t.db, '<script>', '', address());
		expect([wrong, unknown, nonsense]).toEqual([{ ok: false }, { ok: false }, { ok: false }]);
		// The unknown code costs about as much as a known one: both run argon2id.
		const time = async (code: string) => {
			const start = performance.now();
			for (let i = 0; i < 3; i++) await openReceipt(t.db, code, 'BBBB-BBBB-BBBB-BBBB', address());
			return performance.now() - start;
		};
		const [known, absent] = [await time(result.receipt.code.replace('-', ' ')), await time(`ZZZZ${kind === 'sqlite' ? 'Z' : 'Y'}-ZZZZZ`)];
		expect(absent).toBeGreaterThan(known * 0.3);
	});

	it('refuses the right passphrase after five failures on a code, until the window has passed', async () => {
		const result = await submitReport(t.db, CODE_A, input());
		if (!result.ok) throw new Error('not sent');
		const { code, passphrase } = result.receipt;
		for (let i = 0; i < RECEIPT_CODE_LIMIT.max; i++) expect(await openReceipt(t.db, code, 'CCCC-CCCC-CCCC-CCCC', address())).toEqual({ ok: false });
		expect(await openReceipt(t.db, code, passphrase, address())).toEqual({ ok: false });
		// The window passes: move its start back beyond the window.
		const past = nowIso(new Date(Date.now() - (RECEIPT_CODE_LIMIT.windowSeconds + 60) * 1000));
		await t.db.updateTable('rate_limit').set({ window_started_at: past }).where('key', 'like', 'report-receipt:%').execute();
		expect((await openReceipt(t.db, code, passphrase, address())).ok).toBe(true);
		// The limit's key is keyed, not the code or its bare hash.
		const keys = await t.db.selectFrom('rate_limit').select('key').where('key', 'like', 'report-receipt:%').execute();
		for (const { key } of keys) expect(key).not.toContain(code.replace('-', ''));
	});

	it('finds nothing in 10 000 guesses from one address, and refuses them after the address limit', async () => {
		const result = await submitReport(t.db, CODE_A, input());
		if (!result.ok) throw new Error('not sent');
		const from = address();
		let found = 0;
		const start = performance.now();
		for (let i = 0; i < 10_000; i++) {
			const guess = (i.toString(32).toUpperCase().replace(/[ILOU]/g, 'Z') + 'AAAAAAAAAA').slice(0, 10);
			if ((await openReceipt(t.db, guess, result.receipt.passphrase, from)).ok) found++;
		}
		expect(found).toBe(0);
		// Refused by the address limit, even with the right code and passphrase.
		expect(await openReceipt(t.db, result.receipt.code, result.receipt.passphrase, from)).toEqual({ ok: false });
		expect((await openReceipt(t.db, result.receipt.code, result.receipt.passphrase, address())).ok).toBe(true);
		expect(performance.now() - start).toBeLessThan(120_000);
	}, 180_000);

	it('tells the aanspreekpunt of a new report and of a pupil’s message only in the daily digest, never at once', async () => {
		await t.db.deleteFrom('notification_pending').execute();
		await t.db.deleteFrom('mail_outbox').execute();
		const result = await submitReport(t.db, CODE_B, input());
		if (!result.ok) throw new Error('not sent');
		const opened = await openReceipt(t.db, result.receipt.code, result.receipt.passphrase, address());
		if (!opened.ok) throw new Error('not opened');
		await addReporterMessage(t.db, opened.report.id, 'Het gebeurde weer.');
		const pending = await t.db.selectFrom('notification_pending').selectAll().where('user_id', '=', aanspreekpuntB.userId).orderBy('kind').execute();
		expect(pending.map((p) => [p.kind, p.link])).toEqual([
			['report_message', `/school/${CODE_B}/meldingen/${opened.report.id}`],
			['report_new', `/school/${CODE_B}/meldingen`]
		]);
		expect(pending.every((p) => p.happened_on === todayInNetherlands())).toBe(true);
		expect(await t.db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
		// Another school's staff hear nothing.
		expect(await t.db.selectFrom('notification_pending').select('id').where('user_id', '=', aanspreekpuntA.userId).execute()).toEqual([]);
	});
});
