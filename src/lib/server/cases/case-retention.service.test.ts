/**
 * Retention of closed cases (issue 11 item 10) on SQLite and PostgreSQL: a case closed long enough ago goes with its
 * reports and their files, once, on any number of app servers, audited and journalled; a held case, a reopened one and
 * one still in its period stay; and a canary text of the removed case is found nowhere afterwards.
 */
import { plainCopiesOf } from '../testing/plain-copies';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { readErasureJournal } from '../db/erasure-journal';
import { ruleKey } from '../testing/rule-error';
import { readStoredFile } from '../testing/stored-file';
import { todayInNetherlands } from '../../i18n/locale';
import type { Role } from '../../auth/roles';
import { submitReport } from '../reports/report.service';
import { openCase, setLegalHold, transitionCase } from './case.service';
import { addNote } from './case-notes';
import { getRetention, replayCaseErasures, runCaseRetention, setRetention } from './case-retention.service';

const CODE = '61AA00';
const CANARY = 'kanarie-bewaartermijn-0c7e';

describe.each(testDatabaseKinds())('case retention on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	let aanspreekpunt: Actor;
	let schoolAdmin: Actor;
	let mentor: Actor;

	async function account(email: string, ...roles: Role[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const role of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: schoolId, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** A closed case with one report (with a photo) and a note, all carrying the canary; closed on `closedOn`. */
	async function closedCase(closedOn: string): Promise<{ caseId: string; reportId: string; fileKey: string }> {
		const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#393' } }).png().toBuffer();
		const result = await submitReport(
			t.db,
			CODE,
			{ reporterKind: 'pupil', whatHappened: `Ze duwen me van de trap. ${CANARY}`, occurredOn: null, occurredAround: 'this_week', place: null, peopleInvolved: null, forms: ['physical'], motives: [], ongoing: 'yes', anonymous: true, reporterName: null, contact: null },
			[{ name: 'foto.png', bytes: png }]
		);
		if (!result.ok) throw new Error('report refused');
		const reports = await t.db.selectFrom('report').select('id').where('school_id', '=', schoolId).execute();
		const inCases = new Set((await t.db.selectFrom('case_report').select('report_id').execute()).map((r) => r.report_id));
		// The one report of this school not in a case yet: the one just sent (ids tell no order).
		const reportId = reports.map((r) => r.id).find((id) => !inCases.has(id))!;
		// Opened three weeks ago, so the closing evaluation can say it was checked after two.
		const { id: caseId } = await openCase(t.db, aanspreekpunt, CODE, { reportIds: [reportId] }, new Date(Date.now() - 21 * 86_400_000));
		await addNote(t.db, aanspreekpunt, CODE, caseId, 'internal_note', `Gesproken met de ouders. ${CANARY}`);
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, aanspreekpunt, CODE, caseId, { to });
		await transitionCase(t.db, aanspreekpunt, CODE, caseId, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: false } });
		await t.db.updateTable('case').set({ closed_on: closedOn }).where('id', '=', caseId).execute();
		const fileKey = (await t.db.selectFrom('report_attachment').select('file_key').where('report_id', '=', reportId).executeTakeFirstOrThrow()).file_key;
		return { caseId, reportId, fileKey };
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('school').values({ id: schoolId, vestigingscode: CODE, instellingscode: '61AA', name: 'De Eik', place: 'Zeist', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		await t.db
			.insertInto('school_contact')
			.values({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Juf Eva', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now })
			.execute();
		// By law one person may hold both tasks; the legal hold is the coordinator's.
		aanspreekpunt = await account('eva@eik.nl', 'aanspreekpunt', 'coordinator');
		schoolAdmin = await account('admin@eik.nl', 'school_admin');
		mentor = await account('mentor@eik.nl', 'mentor');
	});
	afterAll(async () => t?.dispose());

	it('lets the school admin set the period, 1 to 10 school years, default two; any other role finds no school', async () => {
		expect(await getRetention(t.db, schoolAdmin, CODE)).toEqual({ school: { name: 'De Eik', code: CODE }, schoolYears: 2 });
		expect(await ruleKey(setRetention(t.db, schoolAdmin, CODE, 0))).toBe('case_error_retention_years');
		expect(await ruleKey(setRetention(t.db, schoolAdmin, CODE, 11))).toBe('case_error_retention_years');
		// The same NotFound as for a school that does not exist: the page tells a mentor nothing (decision 0026).
		await expect(setRetention(t.db, mentor, CODE, 3)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getRetention(t.db, mentor, CODE)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getRetention(t.db, schoolAdmin, '00XX00')).rejects.toBeInstanceOf(NotFoundError);
		await setRetention(t.db, schoolAdmin, CODE, 3);
		expect((await getRetention(t.db, schoolAdmin, CODE)).schoolYears).toBe(3);
		const audit = await t.db.selectFrom('audit_event').select(['action', 'actor_user_id', 'detail']).where('action', '=', 'case.retention.set').execute();
		expect(audit.map((a) => [a.actor_user_id, JSON.parse(a.detail) as unknown])).toEqual([[schoolAdmin.userId, { schoolYears: 3 }]]);
		await setRetention(t.db, schoolAdmin, CODE, 2);
	});

	it('removes a case past its period with its reports and files, once, and keeps held, reopened and recent ones', async () => {
		const old = await closedCase('2022-03-10');
		const held = await closedCase('2022-03-10');
		await setLegalHold(t.db, aanspreekpunt, CODE, held.caseId, 'Aangifte bij de politie loopt.');
		const reopened = await closedCase('2022-03-10');
		await transitionCase(t.db, aanspreekpunt, CODE, reopened.caseId, { to: 'in_progress', reopenReason: 'started_again' });
		const recent = await closedCase(todayInNetherlands());

		// Two app servers at the same time.
		const removed = await Promise.all([runCaseRetention(t.db), runCaseRetention(t.db)]);
		expect(removed[0]! + removed[1]!).toBe(1);
		const remaining = (await t.db.selectFrom('case').select('id').execute()).map((c) => c.id).sort();
		expect(remaining).toEqual([held.caseId, reopened.caseId, recent.caseId].sort());
		expect(await t.db.selectFrom('report').select('id').where('id', '=', old.reportId).execute()).toEqual([]);
		expect(await t.db.selectFrom('case_note').select('id').where('case_id', '=', old.caseId).execute()).toEqual([]);
		await expect(readStoredFile(old.fileKey)).rejects.toThrow();
		await readStoredFile(held.fileKey);

		const audit = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'case.retention.delete').execute();
		expect(audit.map((a) => [a.subject_id, a.actor_user_id])).toEqual([[old.caseId, null]]);
		expect(JSON.stringify(audit)).not.toContain(CANARY);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
		expect(readErasureJournal(t.config.erasureJournal).filter((e) => e.kind === 'case').map((e) => e.id)).toEqual([old.caseId]);
		// Idempotent: nothing more to do.
		expect(await runCaseRetention(t.db)).toBe(0);
	});

	it('leaves no copy of the canary in the database file or WAL once the cases are gone (the rows are sealed; this catches plain copies: audit, logs in tables)', async () => {
		// The held, reopened and recent cases still carry the canary, sealed: remove them the way a restore replays.
		const others = (await t.db.selectFrom('case').select('id').execute()).map((c) => ({ kind: 'case' as const, id: c.id, on: todayInNetherlands() }));
		await t.db.transaction().execute((trx) => replayCaseErasures(trx, others));
		expect(await t.db.selectFrom('case').select('id').execute()).toEqual([]);
		expect(await plainCopiesOf(t, CANARY, ['report', 'case_note', 'audit_event'])).toEqual([]);
	});
});
