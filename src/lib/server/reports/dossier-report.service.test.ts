/**
 * A parent's report from the dossier (issue 11 item 7) on SQLite and PostgreSQL: only the child's guardians send and
 * read it, the chosen incidents and files reach the school as copies under its key, the school's answer comes back,
 * and a withdrawn item is gone from the school's side at once (copy, file and all), leaving only its date.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import * as v from 'valibot';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { ruleKey } from '../testing/rule-error';
import { readStoredFile } from '../testing/stored-file';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema, incidentQuickSchema } from '../../dossier/dossier';
import type { Role } from '../../auth/roles';
import { addChild } from '../dossier/child.service';
import { recordIncident } from '../dossier/incident.service';
import { addAttachments } from '../dossier/attachment.service';
import { replyToReporter } from './report.service';
import { addParentMessage, getDossierReport, listDossierReports, replayWithdrawals, reportFromDossier, reportableSchoolOfChild, sharedItemsOf, withdrawSharedItem, type DossierReportInput } from './dossier-report.service';
import { readErasureJournal } from '../db/erasure-journal';

const CANARY = 'kanarie-dossiermelding-91b4';
const CODE_OPEN = '41AA00';
const CODE_CLOSED = '42BB00';
const year = Number(todayInNetherlands().slice(0, 4)) - 1;

describe.each(testDatabaseKinds())('reports from the dossier on %s', (kind) => {
	let t: TestDatabase;
	const schoolOpen = newId();
	const schoolClosed = newId();
	let parent: Actor;
	let otherParent: Actor;
	let aanspreekpunt: Actor;
	let child: string;
	let otherChild: string;
	let childAtClosedSchool: string;
	let incidentA: string;
	let incidentB: string;
	let attachmentA: string;
	let foreignIncident: string;

	async function account(email: string, roles: { role: Role; school: string | null }[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: `Ouder ${email}`, locale: 'nl' });
		if (roles.some((r) => r.role !== 'parent')) await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}
	const newChild = (actor: Actor, name: string, schoolCode: string) => addChild(t.db, actor, v.parse(childSchema, { name, birthYear: String(year - 9), schoolCode }));
	const incident = (actor: Actor, childId: string, day: string, what: string) =>
		t.db.transaction().execute((trx) =>
			recordIncident(trx, actor, childId, v.parse(incidentQuickSchema, { 'occurredOn-day': day, 'occurredOn-month': '3', 'occurredOn-year': String(year), forms: ['verbal'], whatHappened: what, physicalViolence: 'no' }))
		);
	const png = async () => new Uint8Array(await sharp({ create: { width: 30, height: 20, channels: 3, background: '#a33' } }).png().toBuffer());
	const input = (fields: Partial<DossierReportInput> = {}): DossierReportInput => ({
		whatHappened: `Wij maken ons zorgen om Noor. ${CANARY}`,
		ongoing: 'yes',
		motives: [],
		incidentIds: [incidentA, incidentB],
		attachments: [`${incidentA}/${attachmentA}`],
		...fields
	});

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		const school = (id: string, code: string, name: string) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Delft', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolOpen, CODE_OPEN, 'OBS De Linde'), school(schoolClosed, CODE_CLOSED, 'Het Anker')]).execute();
		await t.db
			.insertInto('school_contact')
			.values({ id: newId(), school_id: schoolOpen, kind: 'aanspreekpunt', user_id: null, name: 'Meester Bram', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now })
			.execute();
		parent = await account('ouder@example.nl', [{ role: 'parent', school: null }]);
		otherParent = await account('ander@example.nl', [{ role: 'parent', school: null }]);
		aanspreekpunt = await account('bram@linde.nl', [{ role: 'aanspreekpunt', school: schoolOpen }]);
		child = await newChild(parent, 'Noor', CODE_OPEN);
		otherChild = await newChild(otherParent, 'Sem', CODE_OPEN);
		childAtClosedSchool = await newChild(parent, 'Lotte', CODE_CLOSED);
		incidentA = await incident(parent, child, '3', `Uitgescholden in de gang. ${CANARY}`);
		incidentB = await incident(parent, child, '10', 'Niet mee mogen doen met voetbal.');
		foreignIncident = await incident(otherParent, otherChild, '4', 'Iets anders.');
		const added = await addAttachments(t.db, parent, child, incidentA, [{ name: 'chat.png', bytes: await png() }]);
		attachmentA = added.added[0]!.id;
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('knows which school of a child takes reports', async () => {
		expect((await reportableSchoolOfChild(t.db, parent, child)).school?.vestigingscode).toBe(CODE_OPEN);
		expect((await reportableSchoolOfChild(t.db, parent, childAtClosedSchool)).reason).toBe('not_reportable');
		await expect(reportableSchoolOfChild(t.db, otherParent, child)).rejects.toBeInstanceOf(NotFoundError);
	});

	let reportId: string;

	it('sends a named report with copies of the chosen incidents and files, under the school’s key', async () => {
		reportId = await reportFromDossier(t.db, parent, child, input());
		const row = await t.db.selectFrom('report').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ school_id: schoolOpen, reporter_kind: 'parent', anonymous: 0, child_id: child, reporter_user_id: parent.userId, receipt_lookup: null, occurred_on: `${year}-03-03` });
		expect(JSON.parse(row.forms)).toEqual(['verbal']);
		const items = await t.db.selectFrom('report_item').selectAll().where('report_id', '=', reportId).orderBy('position').execute();
		expect(items.map((i) => [i.kind, i.source_id])).toEqual([
			['incident', incidentA],
			['incident', incidentB],
			['attachment', attachmentA]
		]);
		for (const item of items) expect(item.content).toMatch(/^pw1\./);
		const files = await t.db.selectFrom('report_attachment').selectAll().where('report_id', '=', reportId).execute();
		expect(files).toHaveLength(1);
		expect(files[0]!.item_id).toBe(items[2]!.id);
		// A copy of its own, sealed under the school's key: not the dossier's file.
		expect((await readStoredFile(files[0]!.file_key)).subarray(1, 4).toString()).not.toBe('PNG');
		const school = await sharedItemsOf(t.db, reportId, schoolOpen);
		expect(school[0]!.incident?.whatHappened).toBe(`Uitgescholden in de gang. ${CANARY}`);
		expect(school[2]!.file).toEqual({ name: 'chat.png', contentType: 'image/png' });
		const audit = await t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', reportId).execute();
		expect(audit.map((a) => a.action)).toEqual(['report.from_dossier']);
		expect(JSON.stringify(audit)).not.toContain(CANARY);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});

	it('refuses what is not this child’s, a file of an incident not shared, and a school that takes no reports', async () => {
		await expect(reportFromDossier(t.db, parent, child, input({ incidentIds: [foreignIncident], attachments: [] }))).rejects.toBeInstanceOf(NotFoundError);
		expect(await ruleKey(reportFromDossier(t.db, parent, child, input({ incidentIds: [incidentB] })))).toBe('report_error_file_without_incident');
		expect(await ruleKey(reportFromDossier(t.db, parent, childAtClosedSchool, input({ incidentIds: [], attachments: [] })))).toBe('report_error_school_closed');
		await expect(reportFromDossier(t.db, otherParent, child, input())).rejects.toBeInstanceOf(NotFoundError);
		expect(await t.db.selectFrom('report').select('id').execute()).toHaveLength(1);
	});

	it('lists and opens the report for the child’s guardians only', async () => {
		expect((await listDossierReports(t.db, parent, child)).map((r) => [r.id, r.schoolName, r.status])).toEqual([[reportId, 'OBS De Linde', 'new']]);
		expect(await listDossierReports(t.db, otherParent, otherChild)).toEqual([]);
		await expect(listDossierReports(t.db, otherParent, child)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getDossierReport(t.db, otherParent, otherChild, reportId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getDossierReport(t.db, parent, childAtClosedSchool, reportId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getDossierReport(t.db, parent, child, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('brings the school’s answer into the dossier and takes the parent’s', async () => {
		await replyToReporter(t.db, aanspreekpunt, CODE_OPEN, reportId, 'Dank u. Wij bellen u morgen.');
		await addParentMessage(t.db, parent, child, reportId, 'Graag, na drie uur.');
		const view = await getDossierReport(t.db, parent, child, reportId);
		expect(view.messages.map((m) => [m.author, m.body])).toEqual([
			['school', 'Dank u. Wij bellen u morgen.'],
			['reporter', 'Graag, na drie uur.']
		]);
		expect((await listDossierReports(t.db, parent, child))[0]).toMatchObject({ status: 'acknowledged', messagesFromSchool: 1 });
		// The parent hears that there is an answer, with a link, and nothing of what it says.
		const mails = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'ouder@example.nl').execute();
		expect(mails).toHaveLength(1);
		expect(mails[0]!.text_body).toContain(`/dossier/${child}/meldingen/${reportId}`);
		expect(mails[0]!.text_body).not.toContain('bellen');
		expect(await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'ander@example.nl').execute()).toEqual([]);
		await expect(addParentMessage(t.db, otherParent, otherChild, reportId, 'x')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('withdraws an incident with its files at once: the school keeps only the date of the withdrawal', async () => {
		const before = await getDossierReport(t.db, parent, child, reportId);
		const [itemA, itemB] = before.items;
		const fileKey = (await t.db.selectFrom('report_attachment').select('file_key').where('report_id', '=', reportId).executeTakeFirstOrThrow()).file_key;
		await expect(withdrawSharedItem(t.db, otherParent, otherChild, reportId, itemA!.id)).rejects.toBeInstanceOf(NotFoundError);
		await withdrawSharedItem(t.db, parent, child, reportId, itemA!.id);
		const school = await sharedItemsOf(t.db, reportId, schoolOpen);
		expect(school.map((i) => [i.kind, i.withdrawnOn !== null, i.incident === undefined && i.file === undefined])).toEqual([
			['incident', true, true],
			['incident', false, false],
			['attachment', true, true]
		]);
		expect(school[0]!.withdrawnOn).toBe(todayInNetherlands());
		expect(school[1]!.id).toBe(itemB!.id);
		expect(await t.db.selectFrom('report_attachment').select('id').where('report_id', '=', reportId).execute()).toEqual([]);
		await expect(readStoredFile(fileKey)).rejects.toThrow();
		// Twice is the same as once.
		await withdrawSharedItem(t.db, parent, child, reportId, itemA!.id);
		await expect(withdrawSharedItem(t.db, parent, child, reportId, newId())).rejects.toBeInstanceOf(NotFoundError);
		const audit = await t.db.selectFrom('audit_event').select('action').where('subject_id', '=', reportId).orderBy('seq').execute();
		expect(audit.map((a) => a.action)).toEqual(['report.from_dossier', 'report.reply', 'report.item.withdraw']);
	});

	it('journals a withdrawal, so a restored backup withdraws the item again', async () => {
		const journal = readErasureJournal(t.config.erasureJournal).filter((e) => e.kind === 'report_item');
		expect(journal).toHaveLength(2);
		// As after a restore of a backup made before the withdrawal: a new report shares incident B, then the
		// journal is replayed with a line for that item.
		const again = await reportFromDossier(t.db, parent, child, input({ incidentIds: [incidentB], attachments: [] }));
		const [item] = await sharedItemsOf(t.db, again, schoolOpen);
		const result = await t.db.transaction().execute((trx) => replayWithdrawals(trx, [{ kind: 'report_item', id: item!.id, on: '2026-01-05' }, ...journal]));
		expect(result.items).toBe(1);
		const [after] = await sharedItemsOf(t.db, again, schoolOpen);
		expect(after).toMatchObject({ withdrawnOn: '2026-01-05' });
		expect(after!.incident).toBeUndefined();
	});

	it('leaves the withdrawn text nowhere in the database', async () => {
		if (kind !== 'sqlite') {
			const dump = await sql<{ t: string }>`select string_agg(r::text, ' ') as t from report_item r`.execute(t.db);
			expect(dump.rows[0]?.t ?? '').not.toContain(CANARY);
			return;
		}
		await sql`pragma wal_checkpoint(truncate)`.execute(t.db);
		for (const file of fs.readdirSync(t.config.dataDir).filter((f) => f.startsWith('test.db'))) {
			expect(fs.readFileSync(path.join(t.config.dataDir, file)).includes(Buffer.from(CANARY))).toBe(false);
		}
	});
});
