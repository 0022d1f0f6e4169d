/**
 * Issue 11 items 5 and 7: an agreement made with the reporter is theirs to see (and no other action of the case is),
 * what the reporter sees of the case, and the reminder for actions that reach their day — once, also when two app
 * servers run housekeeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { createTestAccount } from '../testing/accounts';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { NotFoundError, RuleError } from '../errors';
import { addDays } from '../../cases/school-days';
import { todayInNetherlands } from '../../i18n/locale';
import type { ReportInput } from '../../reports/report-form';
import { storeReport } from '../reports/report.service';
import { addAction, completeAction, getCase, openCase, transitionCase } from './case.service';
import { casesForReporter } from './case-for-reporter';
import { sendActionReminders } from './action-reminders';

const CODE = '44DD00';
const SESSION = { sessionId: 'no-step-up-needed' };
const CANARY = 'kanarie-afspraak-8d21';
/** Cases that close are opened two weeks ago: the evaluation checks after at least a week. */
const TWO_WEEKS_AGO = () => new Date(Date.now() - 14 * 24 * 60 * 60 * 1000);

const input: ReportInput = {
	reporterKind: 'pupil',
	whatHappened: 'Ze lachen me uit in de gymles.',
	occurredOn: null,
	occurredAround: 'this_week',
	place: null,
	peopleInvolved: null,
	forms: ['verbal'],
	motives: [],
	ongoing: 'yes',
	anonymous: true,
	reporterName: null,
	contact: null
};

describe.each(testDatabaseKinds())('agreements with reporters and action reminders on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	let aanspreekpunt: Actor;
	let mentor: Actor;
	let coordinator: Actor;

	const report = async (withReceipt: boolean) =>
		(await storeReport(t.db, schoolId, input, [], { channel: withReceipt ? 'online' : 'in_person', receivedOn: todayInNetherlands(), enteredBy: null, withReceipt })).reportId;
	const outbox = async (to: string) => (await t.db.selectFrom('mail_outbox').select(['to_address', 'text_body']).where('to_address', '=', to).execute());

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('school').values({ id: schoolId, vestigingscode: CODE, instellingscode: '44DD', name: 'De Vlinder', place: 'Zwolle', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		await t.db.insertInto('school_contact').values({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Meester Bos', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now }).execute();
		aanspreekpunt = await createTestAccount(t.db, 'ap@vlinder.test', [{ role: 'aanspreekpunt', school: schoolId }]);
		mentor = await createTestAccount(t.db, 'mentor@vlinder.test', [{ role: 'mentor', school: schoolId }]);
		coordinator = await createTestAccount(t.db, 'co@vlinder.test', [{ role: 'coordinator', school: schoolId }]);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('an agreement with a reporter who can hear back is shown to them, with nothing else of the case', async () => {
		const reported = await report(true);
		const { id } = await openCase(t.db, aanspreekpunt, CODE, { reportIds: [reported] }, TWO_WEEKS_AGO());
		const due = addDays(todayInNetherlands(), 10);
		await addAction(t.db, aanspreekpunt, CODE, id, { kind: 'agreement', ownerUserId: aanspreekpunt.userId, dueOn: due, text: `Je mag in de pauze binnen blijven ${CANARY}`, reporterReportId: reported });
		await addAction(t.db, aanspreekpunt, CODE, id, { kind: 'action', ownerUserId: mentor.userId, dueOn: due, text: 'Gesprek met de klas' });
		await addAction(t.db, aanspreekpunt, CODE, id, { kind: 'agreement', ownerUserId: mentor.userId, dueOn: due, text: 'Afspraak met de ouders van de ander' });

		const view = (await casesForReporter(t.db, [reported])).get(reported)!;
		expect(view).toMatchObject({ open: true, closedOn: null, closedWhileGoingOn: false });
		expect(view.agreements.map((a) => [a.text, a.dueOn, a.doneOn, a.overdue])).toEqual([[`Je mag in de pauze binnen blijven ${CANARY}`, due, null, false]]);
		// Sealed at rest like every case text.
		const stored = await t.db.selectFrom('case_action').select('text').where('reporter_report_id', '=', reported).execute();
		expect(JSON.stringify(stored)).not.toContain(CANARY);

		// The staff see which one the reporter sees.
		const result = await getCase(t.db, aanspreekpunt, CODE, id, SESSION);
		if (!result.ok) throw new Error('step-up asked');
		expect(result.case.reporters).toEqual([{ reportId: reported, reporterKind: 'pupil', receivedOn: todayInNetherlands() }]);
		expect(result.case.actions.filter((a) => a.reporterReportId === reported)).toHaveLength(1);

		// Done, then closed while the school's own evaluation says it did not stop.
		const [shared] = view.agreements;
		await completeAction(t.db, aanspreekpunt, CODE, id, shared!.id);
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, aanspreekpunt, CODE, id, { to });
		await transitionCase(t.db, aanspreekpunt, CODE, id, { to: 'closed', evaluation: { stopped: 'partly', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: true } });
		const after = (await casesForReporter(t.db, [reported])).get(reported)!;
		expect(after).toMatchObject({ open: false, closedOn: todayInNetherlands(), closedWhileGoingOn: true });
		expect(after.agreements[0]!.doneOn).toBe(todayInNetherlands());
	});

	it('a report in no case has no view', async () => {
		const alone = await report(true);
		expect((await casesForReporter(t.db, [alone])).has(alone)).toBe(false);
		expect((await casesForReporter(t.db, [])).size).toBe(0);
	});

	it('refuses an agreement with a reporter who cannot read it, of another case, or as another kind', async () => {
		const oral = await report(false);
		const reachable = await report(true);
		const elsewhere = await report(true);
		const { id } = await openCase(t.db, aanspreekpunt, CODE, { reportIds: [oral, reachable] });
		await openCase(t.db, aanspreekpunt, CODE, { reportIds: [elsewhere] });
		const base = { kind: 'agreement' as const, ownerUserId: aanspreekpunt.userId, dueOn: addDays(todayInNetherlands(), 3), text: 'Afspraak' };
		const refusal = async (extra: Partial<typeof base> & { reporterReportId: string }) => {
			const error = await addAction(t.db, aanspreekpunt, CODE, id, { ...base, ...extra }).then(
				() => undefined,
				(e: unknown) => e
			);
			expect(error).toBeInstanceOf(RuleError);
			return (error as RuleError).messageKey;
		};
		// An oral report without a receipt: that reporter would never see it.
		expect(await refusal({ reporterReportId: oral })).toBe('case_error_choose');
		expect(await refusal({ reporterReportId: elsewhere })).toBe('case_error_choose');
		expect(await refusal({ reporterReportId: newId() })).toBe('case_error_choose');
		expect(await refusal({ kind: 'action' as never, reporterReportId: reachable })).toBe('case_error_reporter_agreement_only');
		expect((await casesForReporter(t.db, [reachable])).get(reachable)!.agreements).toEqual([]);
	});

	describe('reminders for actions that reach their day', () => {
		it('mails the owner once, with a link and no text, also when two servers run at the same time', async () => {
			const { id } = await openCase(t.db, coordinator, CODE, { reportIds: [] });
			const today = todayInNetherlands();
			await addAction(t.db, coordinator, CODE, id, { kind: 'action', ownerUserId: mentor.userId, dueOn: today, text: `Bellen met ouders ${CANARY}` });
			await addAction(t.db, coordinator, CODE, id, { kind: 'action', ownerUserId: mentor.userId, dueOn: addDays(today, 1), text: 'Morgen' });
			const before = (await outbox('mentor@vlinder.test')).length;
			const [first, second] = await Promise.all([sendActionReminders(t.db), sendActionReminders(t.db)]);
			expect(first! + second!).toBeGreaterThanOrEqual(1);
			const mails = (await outbox('mentor@vlinder.test')).slice(before);
			// One mail for the one due action: the earlier tests' actions are not due yet or done.
			expect(mails).toHaveLength(1);
			expect(mails[0]!.text_body).toContain(`/school/${CODE}/zaken/${id}`);
			expect(mails[0]!.text_body).not.toContain(CANARY);
			expect(await sendActionReminders(t.db)).toBe(0);
			// Tomorrow the next one is due, and only that one.
			const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
			expect(await sendActionReminders(t.db, tomorrow)).toBe(1);
			expect(await sendActionReminders(t.db, tomorrow)).toBe(0);
		});

		it('skips done actions and closed cases, and reminds the handlers when the owner has left the school', async () => {
			const today = todayInNetherlands();
			const leaver = await createTestAccount(t.db, 'vertrekt@vlinder.test', [{ role: 'mentor', school: schoolId }]);
			const { id } = await openCase(t.db, coordinator, CODE, { reportIds: [] });
			const gone = await addAction(t.db, coordinator, CODE, id, { kind: 'action', ownerUserId: leaver.userId, dueOn: addDays(today, 2), text: 'Klassengesprek' });
			const done = await addAction(t.db, coordinator, CODE, id, { kind: 'action', ownerUserId: coordinator.userId, dueOn: addDays(today, 2), text: 'Al gedaan' });
			await completeAction(t.db, coordinator, CODE, id, done.id);
			const closed = await openCase(t.db, coordinator, CODE, { reportIds: [] }, TWO_WEEKS_AGO());
			await addAction(t.db, coordinator, CODE, closed.id, { kind: 'action', ownerUserId: coordinator.userId, dueOn: addDays(today, 2), text: 'Na sluiten' });
			for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, coordinator, CODE, closed.id, { to });
			await transitionCase(t.db, coordinator, CODE, closed.id, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: today, targetAsked: false } });
			// The mentor leaves the school: the team page takes the role away.
			await t.db.deleteFrom('role_assignment').where('user_id', '=', leaver.userId).execute();

			const coordinatorBefore = (await outbox('co@vlinder.test')).length;
			const inTwoDays = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
			expect(await sendActionReminders(t.db, inTwoDays)).toBe(1);
			expect(await outbox('vertrekt@vlinder.test')).toHaveLength(0);
			const toCoordinator = (await outbox('co@vlinder.test')).slice(coordinatorBefore);
			expect(toCoordinator.map((m) => m.text_body.includes(`/zaken/${id}`))).toEqual([true]);
			const reminded = await t.db.selectFrom('case_action').select(['id', 'reminded_on']).where('id', 'in', [gone.id, done.id]).execute();
			expect(Object.fromEntries(reminded.map((r) => [r.id, r.reminded_on]))).toEqual({ [gone.id]: todayInNetherlands(inTwoDays), [done.id]: null });
		});
	});

	it('another school cannot make an agreement on this case', async () => {
		const elsewhere = newId();
		const now = nowIso();
		await t.db.insertInto('school').values({ id: elsewhere, vestigingscode: '55EE00', instellingscode: '55EE', name: 'Elders', place: 'Ede', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		const other = await createTestAccount(t.db, 'ap@elders.test', [{ role: 'aanspreekpunt', school: elsewhere }]);
		const { id } = await openCase(t.db, aanspreekpunt, CODE, { reportIds: [] });
		await expect(addAction(t.db, other, CODE, id, { kind: 'agreement', ownerUserId: other.userId, dueOn: todayInNetherlands(), text: 'x' })).rejects.toBeInstanceOf(NotFoundError);
	});
});
