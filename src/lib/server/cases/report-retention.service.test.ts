/**
 * Retention of reports that never became a case (issue 11 item 10, decision 0026) on SQLite and PostgreSQL: a report
 * to which nothing happened for its school's period goes with its messages and files, once, on any number of app
 * servers, audited and journalled; one still in its period (counted from its last message, acknowledgement or shared
 * item), one in a case, and one of a school with a longer period stay; a message or a case that comes while the job
 * holds the report wins; a restore removes it again; and its canary is found nowhere afterwards.
 */
import { plainCopiesOf } from '../testing/plain-copies';
import { newCaseRow } from '../testing/case-rows';
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/connect';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { readErasureJournal } from '../db/erasure-journal';
import { finishErasure } from '../dossier/data-rights.service';
import { readStoredFile } from '../testing/stored-file';
import { addReporterMessage, replayReportErasures, submitReport } from '../reports/report.service';
import { openCase } from './case.service';
import { setRetention } from './case-retention.service';
import { removeIdleReport, runReportRetention } from './report-retention.service';

const CODE = '62AA00';
const CODE_LONGER = '63BB00';
const CANARY = 'kanarie-melding-zonder-zaak-5d2e';
/** The first day of school year 2028-2029: with two school years, what last happened in 2025-2026 goes today. */
const NOW = new Date('2028-08-01T10:00:00Z');
const DAY_BEFORE = new Date('2028-07-31T10:00:00Z');

describe.each(testDatabaseKinds())('retention of reports outside a case on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	const longerSchoolId = newId();
	let coordinator: Actor;
	let longerAdmin: Actor;
	/** Removable at NOW: nothing happened since 2025-2026. */
	const due: { id: string; fileKey: string }[] = [];
	const kept: Record<'messaged' | 'acknowledged' | 'shared' | 'inCase' | 'longer', { id: string; fileKey: string }> = {} as never;
	const sent = new Set<string>();

	async function account(email: string, school: string, ...roles: ('aanspreekpunt' | 'coordinator' | 'school_admin')[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const role of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: school, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** An anonymous pupil's report with a photo and a message, both with the canary, received on `receivedOn`. */
	async function report(code: string, days: { receivedOn: string; messageOn: string; acknowledgedOn?: string }): Promise<{ id: string; fileKey: string }> {
		const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#939' } }).png().toBuffer();
		const result = await submitReport(
			t.db,
			code,
			{ reporterKind: 'pupil', whatHappened: `Ze pakken mijn tas af. ${CANARY}`, occurredOn: null, occurredAround: 'this_week', place: null, peopleInvolved: null, forms: ['belongings'], motives: [], ongoing: 'yes', anonymous: true, reporterName: null, contact: null },
			[{ name: 'foto.png', bytes: png }]
		);
		if (!result.ok) throw new Error('report refused');
		// The one report not seen yet is the one just sent (ids tell no order).
		const id = (await t.db.selectFrom('report').select('id').execute()).map((r) => r.id).find((i) => !sent.has(i))!;
		sent.add(id);
		await addReporterMessage(t.db, id, `Het gebeurde weer. ${CANARY}`);
		await t.db.updateTable('report').set({ received_on: days.receivedOn, acknowledged_on: days.acknowledgedOn ?? null, status: days.acknowledgedOn ? 'acknowledged' : 'new' }).where('id', '=', id).execute();
		await t.db.updateTable('report_message').set({ written_on: days.messageOn }).where('report_id', '=', id).execute();
		const fileKey = (await t.db.selectFrom('report_attachment').select('file_key').where('report_id', '=', id).executeTakeFirstOrThrow()).file_key;
		return { id, fileKey };
	}

	const exists = async (id: string) => (await t.db.selectFrom('report').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

	/**
	 * Runs `work` in a transaction that stays open until the retention call has started and waited a moment, as a
	 * colleague's message or new case would while the job reaches the same report.
	 */
	async function whileHeld(work: (trx: Db) => Promise<void>, during: () => Promise<boolean>): Promise<boolean> {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let started!: () => void;
		const begun = new Promise<void>((resolve) => (started = resolve));
		const writer = t.db.transaction().execute(async (trx) => {
			await work(trx);
			started();
			await held;
		});
		await begun;
		const result = during();
		await new Promise((resolve) => setTimeout(resolve, 150));
		release();
		await writer;
		return result;
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		for (const [id, code, name] of [
			[schoolId, CODE, 'De Linde'],
			[longerSchoolId, CODE_LONGER, 'De Beuk']
		] as const) {
			await t.db.insertInto('school').values({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Amersfoort', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
			await t.db
				.insertInto('school_contact')
				.values({ id: newId(), school_id: id, kind: 'aanspreekpunt', user_id: null, name: 'Meester Bram', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now })
				.execute();
		}
		coordinator = await account('coordinator@linde.nl', schoolId, 'aanspreekpunt', 'coordinator');
		longerAdmin = await account('admin@beuk.nl', longerSchoolId, 'school_admin');
		await setRetention(t.db, longerAdmin, CODE_LONGER, 3);

		// Last activity in school year 2025-2026: gone from 1 August 2028 with two school years.
		due.push(await report(CODE, { receivedOn: '2025-03-10', messageOn: '2026-05-01' }));
		due.push(await report(CODE, { receivedOn: '2025-09-01', messageOn: '2025-09-02', acknowledgedOn: '2026-07-31' }));
		due.push(await report(CODE, { receivedOn: '2025-08-01', messageOn: '2025-08-04' }));
		// Something happened in 2026-2027: kept a year longer.
		kept.messaged = await report(CODE, { receivedOn: '2025-03-10', messageOn: '2026-08-01' });
		kept.acknowledged = await report(CODE, { receivedOn: '2025-03-10', messageOn: '2025-03-11', acknowledgedOn: '2026-09-01' });
		kept.shared = await report(CODE, { receivedOn: '2025-03-10', messageOn: '2025-03-11' });
		await t.db
			.insertInto('report_item')
			.values({ id: newId(), report_id: kept.shared.id, position: 1, kind: 'incident', source_id: newId(), parent_item_id: null, content: null, shared_on: '2026-10-01', withdrawn_on: null })
			.execute();
		// Old, but in a case: it goes with its case (case-retention.service.ts), never by itself.
		kept.inCase = await report(CODE, { receivedOn: '2024-11-11', messageOn: '2024-11-12' });
		await openCase(t.db, coordinator, CODE, { reportIds: [kept.inCase.id] });
		// Old enough for two school years, not for this school's three.
		kept.longer = await report(CODE_LONGER, { receivedOn: '2025-03-10', messageOn: '2026-05-01' });
	});
	afterAll(async () => t?.dispose());

	it('keeps every report through the last day of its period', async () => {
		expect(await runReportRetention(t.db, DAY_BEFORE)).toBe(0);
		for (const r of [...due, ...Object.values(kept)]) expect(await exists(r.id)).toBe(true);
	});

	it('removes what is past its period with its messages and files, once on two servers at the same time, audited and journalled', async () => {
		const removed = await Promise.all([runReportRetention(t.db, NOW), runReportRetention(t.db, NOW)]);
		expect(removed[0]! + removed[1]!).toBe(due.length);
		for (const r of due) {
			expect(await exists(r.id)).toBe(false);
			expect(await t.db.selectFrom('report_message').select('id').where('report_id', '=', r.id).execute()).toEqual([]);
			expect(await t.db.selectFrom('report_attachment').select('id').where('report_id', '=', r.id).execute()).toEqual([]);
			await expect(readStoredFile(r.fileKey)).rejects.toThrow();
		}
		for (const r of Object.values(kept)) {
			expect(await exists(r.id)).toBe(true);
			await readStoredFile(r.fileKey);
		}
		expect(await t.db.selectFrom('case_report').select('report_id').execute()).toEqual([{ report_id: kept.inCase.id }]);

		const audit = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'report.retention.delete').execute();
		expect(audit.map((a) => a.subject_id).sort()).toEqual(due.map((r) => r.id).sort());
		for (const event of audit) {
			expect(event).toMatchObject({ actor_user_id: null, subject_type: 'report' });
			expect(JSON.parse(event.detail)).toEqual({ schoolId, files: 1, schoolYears: 2 });
		}
		expect(JSON.stringify(audit)).not.toContain(CANARY);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
		const journal = readErasureJournal(t.config.erasureJournal).filter((e) => e.kind === 'report');
		expect(journal.map((e) => e.id).sort()).toEqual(due.map((r) => r.id).sort());
		expect(journal.map((e) => e.on)).toEqual(due.map(() => '2028-08-01'));
		expect(fs.readFileSync(t.config.erasureJournal, 'utf8')).not.toContain(CANARY);

		// Idempotent: nothing more to do, on any server.
		expect(await runReportRetention(t.db, NOW)).toBe(0);
	});

	it('re-checks inside its claim: a report in a case, one with a newer message, one already gone stay as they are', async () => {
		expect(await removeIdleReport(t.db, { id: kept.inCase.id, schoolId }, 2, NOW)).toBe(false);
		expect(await removeIdleReport(t.db, { id: kept.messaged.id, schoolId }, 2, NOW)).toBe(false);
		expect(await removeIdleReport(t.db, { id: due[0]!.id, schoolId }, 2, NOW)).toBe(false);
		expect(await exists(kept.inCase.id)).toBe(true);
		expect(await exists(kept.messaged.id)).toBe(true);
	});

	it('lets a message or a new case that is being written while the job reaches the report win', async () => {
		// Due by its days (2025-2026) but for the writes below.
		const messaged = await report(CODE, { receivedOn: '2025-03-10', messageOn: '2025-03-11' });
		const later = whileHeld(
			async (trx) => {
				await trx.insertInto('report_message').values({ id: newId(), report_id: messaged.id, position: 2, author: 'reporter', body: 'verzegeld', written_on: '2028-08-01' }).execute();
			},
			() => removeIdleReport(t.db, { id: messaged.id, schoolId }, 2, NOW)
		);
		expect(await later).toBe(false);
		expect(await exists(messaged.id)).toBe(true);

		const opened = await report(CODE, { receivedOn: '2025-03-10', messageOn: '2025-03-11' });
		const caseId = newId();
		const whileOpening = whileHeld(
			async (trx) => {
				await trx
					.insertInto('case')
					.values(newCaseRow(caseId, schoolId, '2028-08-01'))
					.execute();
				await trx.insertInto('case_report').values({ case_id: caseId, report_id: opened.id }).execute();
			},
			() => removeIdleReport(t.db, { id: opened.id, schoolId }, 2, NOW)
		);
		expect(await whileOpening).toBe(false);
		expect(await t.db.selectFrom('case_report').select('report_id').where('case_id', '=', caseId).execute()).toEqual([{ report_id: opened.id }]);
	});

	it('removes them again at a restore from an older backup, and leaves no copy of the canary in the database file or WAL', async () => {
		// A restore replays the journal: the reports that still exist here stand in for those of an older backup.
		const remaining = (await t.db.selectFrom('report').select('id').execute()).map((r) => r.id);
		const entries = [
			...remaining.map((id) => ({ kind: 'report' as const, id, on: '2028-08-01' })),
			// Other kinds and reports that are gone already are passed over.
			{ kind: 'case' as const, id: newId(), on: '2028-08-01' },
			{ kind: 'report' as const, id: due[0]!.id, on: '2028-08-01' }
		];
		const replayed = await t.db.transaction().execute((trx) => replayReportErasures(trx, entries));
		expect(replayed.reports).toBe(remaining.length);
		expect(replayed.fileKeys).toHaveLength(remaining.length);
		await finishErasure(t.db, replayed.fileKeys);
		expect(await t.db.selectFrom('report').select('id').execute()).toEqual([]);
		for (const r of Object.values(kept)) await expect(readStoredFile(r.fileKey)).rejects.toThrow();
		expect(await t.db.transaction().execute((trx) => replayReportErasures(trx, entries))).toEqual({ fileKeys: [], reports: 0 });

		expect(await plainCopiesOf(t, CANARY, ['report', 'report_message', 'audit_event'])).toEqual([]);
	});
});
