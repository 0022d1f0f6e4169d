import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError, RuleError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import type { Role } from '../../auth/roles';
import type { ReportInput } from '../../reports/report-form';
import { submitReport } from '../reports/report.service';
import { addAction, addPupil, assignHandler, openCase, transitionCase } from './case.service';
import { CASES_PER_PAGE, caseChangeNeedsStepUp, listCaseStaff, listCases, previewOutcome, samePupilLinksOfCase } from './case-list.service';
import { todayInNetherlands } from '../../i18n/locale';
import { addDays } from '../../cases/school-days';

const CODE_A = '44DD00';
const CODE_B = '55EE00';
const DAY_MS = 24 * 60 * 60 * 1000;

async function rejectsWith<T>(promise: Promise<T>, type: new (...args: never[]) => Error): Promise<Error> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(type);
	return error as Error;
}

describe.each(testDatabaseKinds())('case pages reads on %s', (kind) => {
	let t: TestDatabase;
	const schoolA = newId();
	const schoolB = newId();
	const boardA = newId();
	const who: Record<string, Actor> = {};

	async function account(name: string, roles: { role: Role; school?: string; board?: string }[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email: `${name}@example.nl`, password: 'paarse olifant danst', displayName: name, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: r.board ?? null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardA, code: 'BD', name: 'Stichting D', created_at: now }).execute();
		const school = (id: string, code: string, board: string | null) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name: `School ${code}`, place: 'Delft', postcode: null, sector: 'po', board_id: board, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolA, CODE_A, boardA), school(schoolB, CODE_B, null)]).execute();
		await t.db
			.insertInto('school_contact')
			.values({ id: newId(), school_id: schoolA, kind: 'aanspreekpunt', user_id: null, name: 'Mevrouw Jansen', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now })
			.execute();
		who.aanspreekpunt = await account('l-aanspreekpunt', [{ role: 'aanspreekpunt', school: schoolA }]);
		who.coordinator = await account('l-coordinator', [{ role: 'coordinator', school: schoolA }]);
		who.mentor = await account('l-mentor', [{ role: 'mentor', school: schoolA }]);
		who.mentorOther = await account('l-mentor-other', [{ role: 'mentor', school: schoolA }]);
		who.schoolAdmin = await account('l-school-admin', [{ role: 'school_admin', school: schoolA }]);
		who.boardAnalyst = await account('l-board', [{ role: 'board_analyst', board: boardA }]);
		who.coordinatorB = await account('l-coordinator-b', [{ role: 'coordinator', school: schoolB }]);
		who.parent = await account('l-parent', [{ role: 'parent' }]);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('lists the cases a person may read: the coordinator all, a handler theirs; open first, with age and overdue actions', async () => {
		const today = todayInNetherlands();
		const old = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] }, new Date(Date.now() - 10 * DAY_MS))).id;
		await assignHandler(t.db, who.aanspreekpunt, CODE_A, old, who.mentor!.userId, 'mentor');
		await addAction(t.db, who.aanspreekpunt, CODE_A, old, { kind: 'action', ownerUserId: who.mentor!.userId, dueOn: addDays(today, -2), text: 'Gesprek voeren' });
		await addAction(t.db, who.aanspreekpunt, CODE_A, old, { kind: 'agreement', ownerUserId: who.mentor!.userId, dueOn: addDays(today, 3), text: 'Pauzetoezicht' });
		const closed = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, new Date(Date.now() - 60 * DAY_MS))).id;
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, who.coordinator, CODE_A, closed, { to });
		await transitionCase(t.db, who.coordinator, CODE_A, closed, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 4, checkedOn: today, targetAsked: true } });
		const fresh = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] })).id;

		const all = await listCases(t.db, who.coordinator, CODE_A);
		expect(all.total).toBe(3);
		expect(all.cases.map((c) => c.id)).toEqual([fresh, old, closed]);
		expect(all.cases.find((c) => c.id === old)).toMatchObject({ state: 'new', ageDays: 10, overdueActions: 1, myRoles: [] });
		expect(all.cases.find((c) => c.id === fresh)).toMatchObject({ ageDays: 0, overdueActions: 0, myRoles: ['coordinator'] });
		expect(all.cases.find((c) => c.id === closed)?.state).toBe('closed');

		const mentor = await listCases(t.db, who.mentor, CODE_A);
		expect(mentor).toMatchObject({ total: 1, page: 1, pages: 1 });
		expect(mentor.cases.map((c) => [c.id, c.myRoles])).toEqual([[old, ['mentor']]]);
		expect(await listCases(t.db, who.mentorOther, CODE_A)).toEqual({ cases: [], page: 1, pages: 1, total: 0 });

		const audits = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('actor_user_id', '=', who.mentor!.userId).where('action', '=', 'case.list.view').execute();
		expect(audits).toHaveLength(1);
	});

	it('the list is NotFound for the school admin, the board analyst, a parent and another school; log-in first without an account', async () => {
		for (const actor of [who.schoolAdmin, who.boardAnalyst, who.parent, who.coordinatorB]) await rejectsWith(listCases(t.db, actor, CODE_A), NotFoundError);
		await rejectsWith(listCases(t.db, undefined, CODE_A), UnauthenticatedError);
		for (const actor of [who.schoolAdmin, who.boardAnalyst, who.parent, who.coordinatorB]) await rejectsWith(listCaseStaff(t.db, actor, CODE_A), NotFoundError);
	});

	it('pages by 25, the last page when asked past the end', async () => {
		for (let i = 0; i < CASES_PER_PAGE; i++) await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] });
		const first = await listCases(t.db, who.coordinator, CODE_A, { page: 1 });
		expect(first.cases).toHaveLength(CASES_PER_PAGE);
		expect(first.pages).toBe(2);
		const second = await listCases(t.db, who.coordinator, CODE_A, { page: 9 });
		expect(second.page).toBe(2);
		expect(second.cases).toHaveLength(first.total - CASES_PER_PAGE);
		expect(new Set([...first.cases, ...second.cases].map((c) => c.id)).size).toBe(first.total);
		// The closed case comes last of all.
		expect(second.cases.at(-1)?.state).toBe('closed');
	});

	it('names the staff who can handle a case, with their handler roles only', async () => {
		const staff = await listCaseStaff(t.db, who.mentor, CODE_A);
		expect(staff.map((s) => s.userId).sort()).toEqual([who.aanspreekpunt, who.coordinator, who.mentor, who.mentorOther].map((a) => a!.userId).sort());
		expect(staff.find((s) => s.userId === who.coordinator!.userId)?.roles).toEqual(['coordinator']);
	});

	it('finds the same pupils in other cases for the whole case at once; a handler sees how many others there are', async () => {
		const first = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] })).id;
		const second = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] })).id;
		await assignHandler(t.db, who.aanspreekpunt, CODE_A, first, who.mentor!.userId, 'mentor');
		const sam = await addPupil(t.db, who.aanspreekpunt, CODE_A, first, { role: 'target', name: 'Sam de Vries', className: '7b' });
		const noName = await addPupil(t.db, who.aanspreekpunt, CODE_A, first, { role: 'witness', description: 'meisje met een gele jas' });
		await addPupil(t.db, who.coordinator, CODE_A, second, { role: 'pupil_who_bullies', name: 'sam de vries', className: '7B' });

		const forMentor = await samePupilLinksOfCase(t.db, who.mentor, CODE_A, first);
		expect(forMentor[sam.id]).toEqual({ cases: [], notReadable: 1 });
		expect(forMentor[noName.id]).toEqual({ cases: [], notReadable: 0 });
		const forCoordinator = await samePupilLinksOfCase(t.db, who.coordinator, CODE_A, first);
		expect(forCoordinator[sam.id]?.cases.map((c) => [c.caseId, c.role])).toEqual([[second, 'pupil_who_bullies']]);
		await rejectsWith(samePupilLinksOfCase(t.db, who.mentorOther, CODE_A, first), NotFoundError);
		await rejectsWith(samePupilLinksOfCase(t.db, who.coordinatorB, CODE_B, first), NotFoundError);
	});

	it('previews the outcome per audience of the reports; refuses no measures, unknown ones and a case without reports', async () => {
		const result = await submitReport(t.db, CODE_A, {
			reporterKind: 'pupil',
			whatHappened: 'Ze lachen me uit.',
			occurredOn: null,
			occurredAround: 'this_week',
			place: 'Gang',
			peopleInvolved: null,
			forms: ['verbal'],
			motives: [],
			ongoing: 'yes',
			anonymous: true,
			reporterName: null,
			contact: null
		} satisfies ReportInput);
		if (!result.ok) throw new Error('report refused');
		const linked = new Set((await t.db.selectFrom('case_report').select('report_id').execute()).map((r) => r.report_id));
		const reportId = (await t.db.selectFrom('report').select('id').where('school_id', '=', schoolA).execute()).map((r) => r.id).find((id) => !linked.has(id))!;
		const withReport = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [reportId] })).id;
		const preview = await previewOutcome(t.db, who.aanspreekpunt, CODE_A, withReport, ['talked_with_pupils', 'keeps_watching'], 'nl');
		expect(preview.map((p) => p.audience)).toEqual(['pupil']);
		expect(preview[0]!.text).toContain('Bedankt dat je het aan ons hebt verteld.');
		expect(((await rejectsWith(previewOutcome(t.db, who.aanspreekpunt, CODE_A, withReport, [], 'nl'), RuleError)) as RuleError).messageKey).toBe('case_error_measures');
		await rejectsWith(previewOutcome(t.db, who.aanspreekpunt, CODE_A, withReport, ['<b>'], 'nl'), RuleError);
		const direct = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] })).id;
		expect(((await rejectsWith(previewOutcome(t.db, who.aanspreekpunt, CODE_A, direct, ['keeps_watching'], 'nl'), RuleError)) as RuleError).messageKey).toBe('case_error_no_reporter');
	});

	it('says a change to an old case waits for the second factor, after the access check', async () => {
		const old = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, new Date(Date.now() - 31 * DAY_MS))).id;
		const recent = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] })).id;
		expect(await caseChangeNeedsStepUp(t.db, who.coordinator, CODE_A, old, 'some-session')).toBe(true);
		expect(await caseChangeNeedsStepUp(t.db, who.coordinator, CODE_A, recent, 'some-session')).toBe(false);
		await rejectsWith(caseChangeNeedsStepUp(t.db, who.mentorOther, CODE_A, old, 'some-session'), NotFoundError);
	});
});
