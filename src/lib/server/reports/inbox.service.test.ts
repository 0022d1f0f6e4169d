import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError, RuleError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import type { Role } from '../../auth/roles';
import { todayInNetherlands } from '../../i18n/locale';
import type { ReportInput } from '../../reports/report-form';
import { openReceipt, replyToReporter, storeReport, submitReport } from './report.service';
import { acknowledgeReport, countNewReports, decideSuggestion, enterReport, exportInbox, getReportAttachment, getReportForStaff, listInbox, setAcknowledgementTarget } from './inbox.service';
import { INBOX_PAGE_SIZE } from '../../reports/inbox';

const CODE_A = '41AA00';
const CODE_B = '42BB00';
const CANARY = 'kanarie-inbox-91c2';

function input(fields: Partial<ReportInput> = {}): ReportInput {
	return {
		reporterKind: 'pupil',
		whatHappened: `Ze schelden me uit in de gang. ${CANARY}`,
		occurredOn: null,
		occurredAround: 'this_week',
		place: null,
		peopleInvolved: null,
		forms: ['verbal'],
		motives: [],
		ongoing: 'yes',
		anonymous: true,
		reporterName: null,
		contact: null,
		...fields
	};
}

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).png().toBuffer();

describe.each(testDatabaseKinds())('report inbox on %s', (kind) => {
	let t: TestDatabase;
	const schoolA = newId();
	const schoolB = newId();
	const actors = {} as Record<'aanspreekpunt' | 'coordinator' | 'mentor' | 'school_admin' | 'vertrouwenspersoon' | 'zorgcoordinator' | 'platform_admin' | 'parent' | 'otherAanspreekpunt', Actor>;

	async function account(email: string, role: Role, school: string | null): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: school, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** A report straight through storeReport, on a chosen day (the inbox's order and overdue depend on it). */
	async function report(schoolId: string, receivedOn: string, fields: Partial<ReportInput> = {}, channel: 'online' | 'phone' = 'online'): Promise<string> {
		const { reportId } = await storeReport(t.db, schoolId, input(fields), [], { channel, receivedOn, enteredBy: null, withReceipt: false });
		return reportId;
	}

	async function auditDetails(): Promise<string> {
		const events = await t.db.selectFrom('audit_event').select(['action', 'detail']).execute();
		return JSON.stringify(events);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		const school = (id: string, code: string, name: string) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Gouda', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolA, CODE_A, 'De Wilg'), school(schoolB, CODE_B, 'De Eik')]).execute();
		const contact = (schoolId: string) => ({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Meneer Bos', job_title: null, email: null, phone: null, hours: null, public: 1 as const, updated_at: now });
		await t.db.insertInto('school_contact').values([contact(schoolA), contact(schoolB)]).execute();
		for (const role of ['aanspreekpunt', 'coordinator', 'mentor', 'school_admin', 'vertrouwenspersoon', 'zorgcoordinator'] as const) actors[role] = await account(`${role}@wilg.nl`, role, schoolA);
		actors.platform_admin = await account('admin@pestwijzer.nl', 'platform_admin', null);
		actors.parent = await account('ouder@example.nl', 'parent', null);
		actors.otherAanspreekpunt = await account('a@eik.nl', 'aanspreekpunt', schoolB);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('lists new reports first, then the newest, with overdue counted in school days', async () => {
		// Monday 2026-12-07 is "today". Target: two school days, so a report of Wednesday 2 December is due on Friday 4
		// December and overdue today; one of Thursday 3 December is due today (Monday) and not yet overdue.
		const today = '2026-12-07';
		const wed = await report(schoolA, '2026-12-02');
		const thu = await report(schoolA, '2026-12-03');
		const fri = await report(schoolA, '2026-12-04', {}, 'phone');
		const older = await report(schoolA, '2026-11-20');
		await acknowledgeReport(t.db, actors.aanspreekpunt, CODE_A, older, '2026-11-23');
		const lateAck = await report(schoolA, '2026-11-16');
		await acknowledgeReport(t.db, actors.coordinator, CODE_A, lateAck, '2026-11-25');
		await report(schoolB, '2026-12-01');

		const inbox = await listInbox(t.db, actors.aanspreekpunt, CODE_A, {}, today);
		expect(inbox.rows.map((r) => r.id)).toEqual([fri, thu, wed, older, lateAck]);
		expect(inbox.total).toBe(5);
		expect(inbox.newCount).toBe(3);
		expect(inbox.overdueCount).toBe(1);
		const byId = Object.fromEntries(inbox.rows.map((r) => [r.id, r]));
		expect(byId[wed]).toMatchObject({ overdue: true, acknowledged: false, ageInDays: 5, dueOn: '2026-12-04', channel: 'online', anonymous: true });
		expect(byId[thu]).toMatchObject({ overdue: false, dueOn: '2026-12-07' });
		expect(byId[fri]).toMatchObject({ overdue: false, channel: 'phone' });
		expect(byId[older]).toMatchObject({ overdue: false, acknowledged: true, acknowledgedOn: '2026-11-23' });
		// Acknowledged, but after its due day (18 November): it stays marked late, though it no longer counts as open.
		expect(byId[lateAck]).toMatchObject({ overdue: true, acknowledged: true });

		const onlyNew = await listInbox(t.db, actors.coordinator, CODE_A, { filter: 'new' }, today);
		expect(onlyNew.rows.map((r) => r.id)).toEqual([fri, thu, wed]);

		// The school closes on Thursday and Friday (a study day and a holiday): Wednesday's report is now due on Tuesday.
		await setAcknowledgementTarget(t.db, actors.coordinator, CODE_A, { schoolDays: 2, noSchoolDays: ['2026-12-03', '2026-12-04'] });
		const closed = await listInbox(t.db, actors.aanspreekpunt, CODE_A, {}, today);
		expect(closed.overdueCount).toBe(0);
		expect(closed.rows.find((r) => r.id === wed)).toMatchObject({ overdue: false, dueOn: '2026-12-08' });
		await expect(setAcknowledgementTarget(t.db, actors.coordinator, CODE_A, { schoolDays: 99, noSchoolDays: [] })).rejects.toBeInstanceOf(RuleError);
		await setAcknowledgementTarget(t.db, actors.coordinator, CODE_A, { schoolDays: 2, noSchoolDays: [] });

		expect(await countNewReports(t.db, actors.aanspreekpunt, schoolA)).toBe(3);
		expect(await countNewReports(t.db, actors.mentor, schoolA)).toBeUndefined();
		expect(await countNewReports(t.db, actors.otherAanspreekpunt, schoolA)).toBeUndefined();
	});

	it('pages by 25 and keeps a page number in range', async () => {
		const schoolC = newId();
		const now = nowIso();
		await t.db.insertInto('school').values({ id: schoolC, vestigingscode: '43CC00', instellingscode: '43CC', name: 'De Beuk', place: 'Gouda', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		const aanspreekpuntC = await account('a@beuk.nl', 'aanspreekpunt', schoolC);
		for (let i = 0; i < INBOX_PAGE_SIZE + 3; i++) await report(schoolC, `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`);
		const first = await listInbox(t.db, aanspreekpuntC, '43CC00', { page: 1 });
		const second = await listInbox(t.db, aanspreekpuntC, '43CC00', { page: 2 });
		expect(first.rows).toHaveLength(INBOX_PAGE_SIZE);
		expect(second.rows).toHaveLength(3);
		expect(first.pages).toBe(2);
		expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(INBOX_PAGE_SIZE + 3);
		const days = [...first.rows, ...second.rows].map((r) => r.receivedOn);
		expect(days).toEqual([...days].sort().reverse());
		expect((await listInbox(t.db, aanspreekpuntC, '43CC00', { page: 99 })).page).toBe(2);
	});

	it('shows a report to staff with its text, photo and thread; the view is audited without content', async () => {
		const sent = await submitReport(t.db, CODE_A, input({ anonymous: false, reporterName: 'Lotte', contact: 'lotte@example.nl' }), [{ name: 'chat.png', bytes: await png() }]);
		if (!sent.ok) throw new Error('not sent');
		const opened = await openReceipt(t.db, sent.receipt.code, sent.receipt.passphrase, '192.0.2.77');
		if (!opened.ok) throw new Error('not opened');
		const id = opened.report.id;
		await replyToReporter(t.db, actors.aanspreekpunt, CODE_A, id, `Dank je, Lotte. ${CANARY}`);
		const view = await getReportForStaff(t.db, actors.coordinator, CODE_A, id);
		expect(view).toMatchObject({ reporterName: 'Lotte', contact: 'lotte@example.nl', status: 'acknowledged', acknowledgedOn: todayInNetherlands(), hasReceipt: true, enteredByName: null });
		expect(view.whatHappened).toContain(CANARY);
		expect(view.messages.map((m) => m.author)).toEqual(['school']);
		expect(view.attachments).toHaveLength(1);
		const file = await getReportAttachment(t.db, actors.aanspreekpunt, CODE_A, id, view.attachments[0]!.id);
		expect(file.contentType).toBe('image/png');
		expect(file.bytes.subarray(1, 4).toString()).toBe('PNG');
		const events = await t.db.selectFrom('audit_event').select(['action', 'actor_user_id']).where('subject_id', '=', id).orderBy('seq').execute();
		expect(events.map((e) => e.action)).toEqual(['report.reply', 'report.view', 'report.attachment.view']);
		expect(events[1]!.actor_user_id).toBe(actors.coordinator.userId);
		const details = await auditDetails();
		expect(details).not.toContain(CANARY);
		expect(details).not.toContain('Lotte');
	});

	it('acknowledges once, on the day, audited', async () => {
		const id = await report(schoolA, '2026-12-01');
		await acknowledgeReport(t.db, actors.aanspreekpunt, CODE_A, id, '2026-12-02');
		await acknowledgeReport(t.db, actors.coordinator, CODE_A, id, '2026-12-03');
		const row = await t.db.selectFrom('report').select(['status', 'acknowledged_on']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'acknowledged', acknowledged_on: '2026-12-02' });
		const events = await t.db.selectFrom('audit_event').select('action').where('subject_id', '=', id).execute();
		expect(events.map((e) => e.action)).toEqual(['report.acknowledge']);
	});

	it('suggests a similar report, and never again once confirmed or dismissed; links show on both reports', async () => {
		const people = 'Sem de Vries, Noor Bakker';
		const first = await report(schoolA, '2026-11-02', { peopleInvolved: people, place: 'Het fietsenhok', occurredOn: '2026-11-02', occurredAround: null });
		const second = await report(schoolA, '2026-11-04', { peopleInvolved: 'sem de fries en iemand uit groep 7', occurredOn: '2026-11-03', occurredAround: null, place: 'fietsenhok' });
		const third = await report(schoolA, '2026-11-05', { peopleInvolved: 'Sem de Vries' });
		const unrelated = await report(schoolA, '2026-11-05', { peopleInvolved: 'Ayoub El Amrani' });
		// Another school year: never compared.
		const lastYear = await report(schoolA, '2026-06-01', { peopleInvolved: people });

		const view = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, first);
		const suggested = view.suggestions.map((s) => s.id);
		expect(suggested).toContain(second);
		expect(suggested).toContain(third);
		expect(suggested).not.toContain(unrelated);
		expect(suggested).not.toContain(lastYear);
		const withSecond = view.suggestions.find((s) => s.id === second)!;
		expect(withSecond.reasons.map((r) => r.kind)).toEqual(['same_pupil', 'same_place_and_week']);
		expect(withSecond.reasons[0]).toMatchObject({ match: 'close', names: ['Sem de Vries', 'sem de fries'] });

		await decideSuggestion(t.db, actors.aanspreekpunt, CODE_A, first, second, 'confirmed');
		await decideSuggestion(t.db, actors.coordinator, CODE_A, third, first, 'dismissed');
		// A second decision on a decided pair changes nothing.
		await decideSuggestion(t.db, actors.coordinator, CODE_A, second, first, 'dismissed');
		const decisions = await t.db.selectFrom('audit_event').select(['action', 'subject_id']).where('action', 'like', 'report.link%').orderBy('seq').execute();
		expect(decisions).toEqual([
			{ action: 'report.link', subject_id: first },
			{ action: 'report.link.dismiss', subject_id: third }
		]);
		const after = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, first);
		expect(after.suggestions.map((s) => s.id)).not.toContain(second);
		expect(after.suggestions.map((s) => s.id)).not.toContain(third);
		expect(after.links.map((l) => l.id)).toEqual([second]);
		const other = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, second);
		expect(other.links.map((l) => l.id)).toEqual([first]);
		const fromThird = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, third);
		expect(fromThird.suggestions.map((s) => s.id)).not.toContain(first);
		expect(fromThird.links).toEqual([]);

		// Another school's report cannot be linked, and the same evidence photo is a reason too.
		const elsewhere = await report(schoolB, '2026-11-04', { peopleInvolved: people });
		await expect(decideSuggestion(t.db, actors.aanspreekpunt, CODE_A, first, elsewhere, 'confirmed')).rejects.toBeInstanceOf(NotFoundError);
		const photo = await png();
		const p1 = await storeReport(t.db, schoolA, input(), [{ contentType: 'image/png', bytes: photo }], { channel: 'online', receivedOn: '2026-11-10', enteredBy: null, withReceipt: false });
		const p2 = await storeReport(t.db, schoolA, input(), [{ contentType: 'image/png', bytes: photo }], { channel: 'online', receivedOn: '2026-11-11', enteredBy: null, withReceipt: false });
		const byPhoto = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, p2.reportId);
		expect(byPhoto.suggestions.find((s) => s.id === p1.reportId)?.reasons[0]).toEqual({ kind: 'same_evidence', hashes: 1 });
		expect(await auditDetails()).not.toContain('Vries');
	});

	it('enters an oral report with a receipt the reporter can use, and one without', async () => {
		const today = todayInNetherlands();
		const entered1 = await enterReport(t.db, actors.aanspreekpunt, CODE_A, { report: input({ reporterKind: 'parent', anonymous: false, reporterName: 'Mevrouw Yilmaz', contact: '06-12345678' }), channel: 'phone', receivedOn: '', withReceipt: true });
		if (!entered1.ok) throw new Error('not entered');
		const withReceipt = entered1;
		expect(withReceipt.receipt).toBeDefined();
		const opened = await openReceipt(t.db, withReceipt.receipt!.code, withReceipt.receipt!.passphrase, '192.0.2.78');
		expect(opened.ok && opened.report.id).toBe(withReceipt.reportId);
		const row = await t.db.selectFrom('report').selectAll().where('id', '=', withReceipt.reportId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ channel: 'phone', received_on: today, entered_by_user_id: actors.aanspreekpunt.userId, reporter_kind: 'parent', anonymous: 0, status: 'new' });
		expect(row.reporter_name).toMatch(/^pw1\./);

		const entered2 = await enterReport(t.db, actors.coordinator, CODE_A, { report: input(), channel: 'paper', receivedOn: '2026-11-30', withReceipt: false }, [{ name: 'brief.png', bytes: await png() }]);
		if (!entered2.ok) throw new Error('not entered');
		const without = entered2;
		expect(without.receipt).toBeUndefined();
		const paper = await t.db.selectFrom('report').selectAll().where('id', '=', without.reportId).executeTakeFirstOrThrow();
		expect(paper).toMatchObject({ channel: 'paper', received_on: '2026-11-30', receipt_lookup: null, passphrase_hash: null });
		const view = await getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, without.reportId);
		expect(view.enteredByName).toBe('coordinator@wilg.nl');
		// The paper report's scan went through the evidence check like an online photo.
		expect(view.attachments.map((a) => a.contentType)).toEqual(['image/png']);
		const before = await t.db.selectFrom('report').select('id').execute();
		const refused = await enterReport(t.db, actors.aanspreekpunt, CODE_A, { report: input(), channel: 'email', receivedOn: '', withReceipt: true }, [{ name: 'mail.html', bytes: new TextEncoder().encode('<html>x</html>') }]);
		expect(refused).toEqual({ ok: false, refused: [{ name: 'mail.html', reasonKey: 'evidence_refused_type' }] });
		expect(await t.db.selectFrom('report').select('id').execute()).toHaveLength(before.length);

		await expect(enterReport(t.db, actors.aanspreekpunt, CODE_A, { report: input(), channel: 'phone', receivedOn: '2999-01-01', withReceipt: false })).rejects.toBeInstanceOf(RuleError);
		const entered = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', withReceipt.reportId).execute();
		expect(entered).toEqual([{ action: 'report.enter', detail: JSON.stringify({ schoolId: schoolA, channel: 'phone', receipt: true, photos: 0 }) }]);
		expect(await auditDetails()).not.toContain('Yilmaz');
	});

	it('exports the inbox as rows, audited', async () => {
		const exported = await exportInbox(t.db, actors.coordinator, CODE_A);
		const total = (await listInbox(t.db, actors.coordinator, CODE_A)).total;
		expect(exported.rows).toHaveLength(total);
		const event = await t.db.selectFrom('audit_event').select(['action', 'detail', 'subject_id']).where('action', '=', 'report.inbox.export').executeTakeFirstOrThrow();
		expect(event).toEqual({ action: 'report.inbox.export', subject_id: schoolA, detail: JSON.stringify({ rows: total }) });
	});

	it('answers NotFound to every other role and school, and to nobody signed in asks for log-in', async () => {
		const id = await report(schoolA, '2026-12-01', { peopleInvolved: 'Sem de Vries' });
		const other = await report(schoolA, '2026-12-01', { peopleInvolved: 'Sem de Vries' });
		const before = await t.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
		for (const who of ['mentor', 'school_admin', 'vertrouwenspersoon', 'zorgcoordinator', 'platform_admin', 'parent', 'otherAanspreekpunt'] as const) {
			const actor = actors[who];
			const calls: (() => Promise<unknown>)[] = [
				() => listInbox(t.db, actor, CODE_A),
				() => exportInbox(t.db, actor, CODE_A),
				() => getReportForStaff(t.db, actor, CODE_A, id),
				() => acknowledgeReport(t.db, actor, CODE_A, id),
				() => decideSuggestion(t.db, actor, CODE_A, id, other, 'confirmed'),
				() => getReportAttachment(t.db, actor, CODE_A, id, newId()),
				() => enterReport(t.db, actor, CODE_A, { report: input(), channel: 'phone', receivedOn: '', withReceipt: false }),
				() => setAcknowledgementTarget(t.db, actor, CODE_A, { schoolDays: 3, noSchoolDays: [] })
			];
			for (const call of calls) await expect(call(), who).rejects.toBeInstanceOf(NotFoundError);
		}
		// Another school's aanspreekpunt at their own school's address still cannot reach school A's report.
		await expect(getReportForStaff(t.db, actors.otherAanspreekpunt, CODE_B, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getReportForStaff(t.db, actors.aanspreekpunt, CODE_A, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		await expect(listInbox(t.db, undefined, CODE_A)).rejects.toBeInstanceOf(UnauthenticatedError);
		const after = await t.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
		const row = await t.db.selectFrom('report').select('status').where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.status).toBe('new');
	});
});
