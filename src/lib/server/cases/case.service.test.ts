import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError, RuleError, UnauthenticatedError } from '../errors';
import { hashToken, newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { createSession } from '../auth/session.service';
import { regenerateRecoveryCodes } from '../auth/two-factor.service';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import type { Role } from '../../auth/roles';
import { CaseTransitionError } from '../../cases/case-state';
import { SUPPRESSED, type CrossTable, type OneWayTable } from '../../cases/hotspots';
import { addDays } from '../../cases/school-days';
import { todayInNetherlands } from '../../i18n/locale';
import type { ReportInput } from '../../reports/report-form';
import { openReportById, submitReport } from '../reports/report.service';
import { confidentialScope } from './case-access';
import { addNote } from './case-notes';
import { getCaseOverview } from './case-overview.service';
import { confirmStepUp } from './case-step-up';
import {
	addAction,
	addPupil,
	assignHandler,
	completeAction,
	findSamePupilCases,
	classifyCase,
	getCase,
	linkReports,
	listOverdueActions,
	openCase,
	sendOutcome,
	setLegalHold,
	transitionCase,
	unassignHandler,
	type CaseView
} from './case.service';

const CODE_A = '11AA00';
const CODE_B = '22BB00';
const CODE_C = '33CC00';
const CANARY = {
	pupil: 'kanarie-leerling-4b1e',
	action: 'kanarie-actie-91c2',
	internal: 'kanarie-intern-77d0',
	confidential: 'kanarie-vertrouwelijk-5e3a',
	hold: 'kanarie-bewaren-0f19'
};
const SESSION = { sessionId: 'no-step-up-needed' };
const DAY_MS = 24 * 60 * 60 * 1000;

function reportInput(fields: Partial<ReportInput> = {}): ReportInput {
	return {
		reporterKind: 'pupil',
		whatHappened: 'In de pauze pakken ze mijn tas af.',
		occurredOn: null,
		occurredAround: 'this_week',
		place: 'Het schoolplein',
		peopleInvolved: null,
		forms: ['belongings', 'verbal'],
		motives: ['appearance'],
		ongoing: 'yes',
		anonymous: true,
		reporterName: null,
		contact: null,
		...fields
	};
}

async function rejectsWith<T>(promise: Promise<T>, type: new (...args: never[]) => Error): Promise<Error> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(type);
	return error as Error;
}

describe.each(testDatabaseKinds())('cases on %s', (kind) => {
	let t: TestDatabase;
	const schoolA = newId();
	const schoolB = newId();
	const schoolC = newId();
	const boardA = newId();
	const who: Record<string, Actor> = {};

	async function account(name: string, roles: { role: Role; school?: string; board?: string }[]): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email: `${name}@example.nl`, password: 'paarse olifant danst', displayName: name, locale: 'nl' });
		await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: r.board ?? null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	async function report(code: string, fields: Partial<ReportInput> = {}): Promise<string> {
		const result = await submitReport(t.db, code, reportInput(fields));
		if (!result.ok) throw new Error('report refused');
		const school = code === CODE_A ? schoolA : code === CODE_B ? schoolB : schoolC;
		const rows = await t.db.selectFrom('report').select('id').where('school_id', '=', school).execute();
		const linked = new Set((await t.db.selectFrom('case_report').select('report_id').execute()).map((r) => r.report_id));
		const known = new Set(reportsSeen);
		const fresh = rows.map((r) => r.id).filter((id) => !known.has(id) && !linked.has(id));
		reportsSeen.push(...fresh);
		return fresh[0]!;
	}
	const reportsSeen: string[] = [];

	async function read(actor: Actor, caseId: string, code = CODE_A): Promise<CaseView> {
		const result = await getCase(t.db, actor, code, caseId, SESSION);
		if (!result.ok) throw new Error('step-up asked');
		return result.case;
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardA, code: 'BA', name: 'Stichting A', created_at: now }).execute();
		const school = (id: string, code: string, name: string, board: string | null) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Delft', postcode: null, sector: 'po', board_id: board, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolA, CODE_A, 'OBS De Regenboog', boardA), school(schoolB, CODE_B, 'Het Baken', null), school(schoolC, CODE_C, 'De Klimop', null)]).execute();
		const contact = (schoolId: string) => ({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Mevrouw Jansen', job_title: null, email: null, phone: null, hours: null, public: 1 as const, updated_at: now });
		await t.db.insertInto('school_contact').values([contact(schoolA), contact(schoolB), contact(schoolC)]).execute();
		who.aanspreekpunt = await account('aanspreekpunt', [{ role: 'aanspreekpunt', school: schoolA }]);
		who.coordinator = await account('coordinator', [{ role: 'coordinator', school: schoolA }]);
		who.mentorAssigned = await account('mentor-assigned', [{ role: 'mentor', school: schoolA }]);
		who.mentorOther = await account('mentor-other', [{ role: 'mentor', school: schoolA }]);
		who.vpAuthor = await account('vp-author', [{ role: 'vertrouwenspersoon', school: schoolA }]);
		who.vpOther = await account('vp-other', [{ role: 'vertrouwenspersoon', school: schoolA }]);
		who.schoolAdmin = await account('school-admin', [{ role: 'school_admin', school: schoolA }]);
		who.boardAnalyst = await account('board-analyst', [{ role: 'board_analyst', board: boardA }]);
		who.coordinatorB = await account('coordinator-b', [{ role: 'coordinator', school: schoolB }, { role: 'aanspreekpunt', school: schoolB }]);
		who.coordinatorC = await account('coordinator-c', [{ role: 'coordinator', school: schoolC }, { role: 'aanspreekpunt', school: schoolC }]);
		who.platformAdmin = await account('platform-admin', [{ role: 'platform_admin' }]);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	describe('opening', () => {
		it('opens a case from reports of the school; the opener is its first handler and the chronology says so', async () => {
			const r1 = await report(CODE_A);
			const r2 = await report(CODE_A, { forms: ['online_threats'], motives: ['religion'] });
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [r1, r2], place: 'playground', timeOfDay: 'break' });
			const view = await read(who.aanspreekpunt!, id);
			expect(view.state).toBe('new');
			expect(view.reportIds.sort()).toEqual([r1, r2].sort());
			expect(view.handlers).toEqual([{ userId: who.aanspreekpunt!.userId, role: 'aanspreekpunt' }]);
			expect(view.forms.sort()).toEqual(['belongings', 'online_threats', 'verbal']);
			expect(view.motives.sort()).toEqual(['appearance', 'religion']);
			expect(view.schoolYear).toMatch(/^\d{4}-\d{4}$/);
			expect(view.events.map((e) => [e.kind, e.actorUserId])).toEqual([
				['opened', who.aanspreekpunt!.userId],
				['handler_assigned', who.aanspreekpunt!.userId]
			]);
			const audits = await t.db.selectFrom('audit_event').select(['action', 'actor_user_id']).where('subject_id', '=', id).orderBy('seq').execute();
			expect(audits.map((a) => a.action)).toEqual(['case.open', 'case.view']);
		});

		it('opens a case directly, without reports', async () => {
			const { id } = await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] });
			expect((await read(who.coordinator!, id)).handlers).toEqual([{ userId: who.coordinator!.userId, role: 'coordinator' }]);
		});

		it("refuses another school's report, an unknown id, a report already in a case, and openers without the role", async () => {
			const foreign = await report(CODE_B);
			await rejectsWith(openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [foreign] }), NotFoundError);
			await rejectsWith(openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [newId()] }), NotFoundError);
			await rejectsWith(openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: ['not-an-id'] }), NotFoundError);
			const mine = await report(CODE_A);
			await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [mine] });
			const error = await rejectsWith(openCase(t.db, who.coordinator, CODE_A, { reportIds: [mine] }), RuleError);
			expect((error as RuleError).messageKey).toBe('case_error_report_in_case');
			for (const actor of [who.mentorOther, who.vpAuthor, who.schoolAdmin, who.boardAnalyst, who.coordinatorB, who.platformAdmin])
				await rejectsWith(openCase(t.db, actor, CODE_A, { reportIds: [] }), NotFoundError);
			await rejectsWith(openCase(t.db, undefined, CODE_A, { reportIds: [] }), UnauthenticatedError);
		});
	});

	describe('linking and classifying', () => {
		it('links a confirmed duplicate report, joins its codes, and refuses foreign, taken and closed', async () => {
			const first = await report(CODE_A, { forms: ['verbal'], motives: [] });
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [first] });
			const duplicate = await report(CODE_A, { forms: ['physical'], motives: ['disability'] });
			await linkReports(t.db, who.aanspreekpunt, CODE_A, id, [duplicate]);
			const view = await read(who.aanspreekpunt!, id);
			expect(view.reportIds.sort()).toEqual([first, duplicate].sort());
			expect(view.forms).toEqual(['verbal', 'physical']);
			expect(view.motives).toEqual(['disability']);
			expect(view.events.map((e) => e.kind)).toContain('reports_linked');
			await rejectsWith(linkReports(t.db, who.aanspreekpunt, CODE_A, id, [await report(CODE_B)]), NotFoundError);
			const other = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] })).id;
			expect((await rejectsWith(linkReports(t.db, who.aanspreekpunt, CODE_A, other, [duplicate]), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_report_in_case' });
			await rejectsWith(linkReports(t.db, who.mentorOther, CODE_A, id, [await report(CODE_A)]), NotFoundError);
			const closed = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] }, new Date(Date.now() - 14 * DAY_MS))).id;
			for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, who.aanspreekpunt, CODE_A, closed, { to });
			await transitionCase(t.db, who.aanspreekpunt, CODE_A, closed, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: false } });
			expect((await rejectsWith(linkReports(t.db, who.aanspreekpunt, CODE_A, closed, [await report(CODE_A)]), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_closed' });
		});

		it('sets the hotspot codes, refusing unknown ones', async () => {
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] });
			await classifyCase(t.db, who.aanspreekpunt, CODE_A, id, { place: 'gym', timeOfDay: 'lesson', forms: ['exclusion', 'verbal'], motives: ['other'] });
			const view = await read(who.aanspreekpunt!, id);
			expect([view.place, view.timeOfDay, view.forms, view.motives]).toEqual(['gym', 'lesson', ['verbal', 'exclusion'], ['other']]);
			await rejectsWith(classifyCase(t.db, who.aanspreekpunt, CODE_A, id, { place: 'toilet', timeOfDay: null, forms: [], motives: [] }), RuleError);
			await rejectsWith(classifyCase(t.db, who.aanspreekpunt, CODE_A, id, { place: null, timeOfDay: null, forms: ['shouting'], motives: [] }), RuleError);
			await rejectsWith(classifyCase(t.db, who.schoolAdmin, CODE_A, id, { place: null, timeOfDay: null, forms: [], motives: [] }), NotFoundError);
		});
	});

	describe('transitions', () => {
		const sixtyDaysAgo = () => new Date(Date.now() - 60 * DAY_MS);

		it('moves only along the allowed moves, closes with an evaluation, reopens with a reason, each in the chronology', async () => {
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] }, sixtyDaysAgo());
			const move = (to: string, extra: object = {}) => transitionCase(t.db, who.aanspreekpunt, CODE_A, id, { to, ...extra });
			const refused = async (to: string, extra: object = {}) => (await rejectsWith(move(to, extra), CaseTransitionError)) as CaseTransitionError;

			expect((await refused('closed')).problems).toEqual(['not_allowed']);
			expect((await refused('monitoring')).problems).toEqual(['not_allowed']);
			await rejectsWith(move('finished'), RuleError);
			await move('intake');
			await move('in_progress');
			await move('monitoring');
			const noEvaluation = await refused('closed');
			expect(noEvaluation.problems).toEqual(expect.arrayContaining(['stopped_required', 'checked_on_invalid', 'weeks_invalid']));
			const today = todayInNetherlands();
			expect((await refused('closed', { evaluation: { stopped: 'yes', checkedAfterWeeks: 20, checkedOn: today, targetAsked: true } })).problems).toEqual(['weeks_longer_than_case']);
			expect((await refused('closed', { evaluation: { stopped: 'yes', checkedAfterWeeks: 4, checkedOn: addDays(today, 1), targetAsked: true } })).problems).toEqual(['checked_on_future']);
			await move('closed', { evaluation: { stopped: 'partly', checkedAfterWeeks: 6, checkedOn: today, targetAsked: true } });

			const closed = await t.db.selectFrom('case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
			expect(closed.state).toBe('closed');
			expect(closed.closed_on).toBe(today);
			expect(closed.evaluation_stopped).toBe('partly');
			expect(Number(closed.evaluation_checked_after_weeks)).toBe(6);

			expect((await refused('in_progress')).problems).toEqual(['reopen_reason_required']);
			expect((await refused('in_progress', { reopenReason: 'because I say so' })).problems).toEqual(['reopen_reason_required']);
			expect((await refused('intake', { reopenReason: 'started_again' })).problems).toEqual(['not_allowed']);
			await move('in_progress', { reopenReason: 'started_again' });

			const events = await t.db.selectFrom('case_event').selectAll().where('case_id', '=', id).where('kind', '=', 'state_changed').orderBy('position').execute();
			expect(events.map((e) => [e.from_state, e.to_state, e.reason, e.actor_user_id])).toEqual([
				['new', 'intake', null, who.aanspreekpunt!.userId],
				['intake', 'in_progress', null, who.aanspreekpunt!.userId],
				['in_progress', 'monitoring', null, who.aanspreekpunt!.userId],
				['monitoring', 'closed', null, who.aanspreekpunt!.userId],
				['closed', 'in_progress', 'started_again', who.aanspreekpunt!.userId]
			]);
			for (const e of events) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
			expect((await t.db.selectFrom('case').select('closed_on').where('id', '=', id).executeTakeFirstOrThrow()).closed_on).toBeNull();
			const audits = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', id).where('action', '=', 'case.transition').execute();
			expect(audits).toHaveLength(5);
		});

		it('keeps the chronology append-only: the database refuses to change an event', async () => {
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] });
			await expect(t.db.updateTable('case_event').set({ actor_user_id: who.coordinator!.userId }).where('case_id', '=', id).execute()).rejects.toThrow(/append-only/);
		});

		it('refuses a move by someone without need to know', async () => {
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] });
			for (const actor of [who.mentorOther, who.schoolAdmin, who.boardAnalyst, who.coordinatorB]) await rejectsWith(transitionCase(t.db, actor, CODE_A, id, { to: 'intake' }), NotFoundError);
			await rejectsWith(transitionCase(t.db, who.coordinatorB, CODE_B, id, { to: 'intake' }), NotFoundError);
		});
	});

	describe('handlers', () => {
		it('assigns by role only someone holding that role at the school, and keeps at least one handler', async () => {
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] });
			await assignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.mentorAssigned!.userId, 'mentor');
			expect((await rejectsWith(assignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.mentorAssigned!.userId, 'vertrouwenspersoon'), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_assignee_role' });
			await rejectsWith(assignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.coordinatorB!.userId, 'coordinator'), RuleError);
			await rejectsWith(assignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.schoolAdmin!.userId, 'school_admin'), RuleError);
			// Now a handler, the mentor reads the case.
			expect((await read(who.mentorAssigned!, id)).handlers).toHaveLength(2);
			await unassignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.mentorAssigned!.userId, 'mentor');
			await rejectsWith(getCase(t.db, who.mentorAssigned, CODE_A, id, SESSION), NotFoundError);
			expect((await rejectsWith(unassignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.aanspreekpunt!.userId, 'aanspreekpunt'), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_last_handler' });
			const kinds = (await t.db.selectFrom('case_event').select(['kind', 'subject_user_id', 'role']).where('case_id', '=', id).orderBy('position').execute()).map((e) => e.kind);
			expect(kinds).toEqual(['opened', 'handler_assigned', 'handler_assigned', 'handler_unassigned']);
		});
	});

	describe('who reads what (role × object)', () => {
		let caseId: string;
		let otherCaseId: string;

		beforeAll(async () => {
			caseId = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [await report(CODE_A)] })).id;
			for (const [actor, role] of [
				[who.mentorAssigned, 'mentor'],
				[who.vpAuthor, 'vertrouwenspersoon'],
				[who.vpOther, 'vertrouwenspersoon']
			] as const)
				await assignHandler(t.db, who.aanspreekpunt, CODE_A, caseId, actor!.userId, role);
			await addPupil(t.db, who.aanspreekpunt, CODE_A, caseId, { role: 'target', name: `Sanne ${CANARY.pupil}`, className: '7b' });
			await addAction(t.db, who.aanspreekpunt, CODE_A, caseId, { kind: 'agreement', ownerUserId: who.mentorAssigned!.userId, dueOn: addDays(todayInNetherlands(), 14), text: `Gesprek ${CANARY.action}` });
			await addNote(t.db, who.aanspreekpunt, CODE_A, caseId, 'internal_note', `Intern ${CANARY.internal}`);
			await addNote(t.db, who.vpAuthor, CODE_A, caseId, 'confidential_note', `Vertrouwelijk ${CANARY.confidential}`);
			await setLegalHold(t.db, who.coordinator, CODE_A, caseId, `Klacht bij de LKC ${CANARY.hold}`);
			otherCaseId = (await openCase(t.db, who.coordinatorB, CODE_B, { reportIds: [] })).id;
		});

		const matrix: { actor: string; readsCase: boolean; readsConfidential: boolean; mayWriteConfidential: boolean }[] = [
			{ actor: 'aanspreekpunt', readsCase: true, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'coordinator', readsCase: true, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'mentorAssigned', readsCase: true, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'mentorOther', readsCase: false, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'vpAuthor', readsCase: true, readsConfidential: true, mayWriteConfidential: true },
			{ actor: 'vpOther', readsCase: true, readsConfidential: false, mayWriteConfidential: true },
			{ actor: 'schoolAdmin', readsCase: false, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'boardAnalyst', readsCase: false, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'coordinatorB', readsCase: false, readsConfidential: false, mayWriteConfidential: false },
			{ actor: 'platformAdmin', readsCase: false, readsConfidential: false, mayWriteConfidential: false }
		];

		it.each(matrix)('$actor: case $readsCase, confidential note $readsConfidential', async ({ actor, readsCase, readsConfidential, mayWriteConfidential }) => {
			const a = who[actor]!;
			if (!readsCase) {
				await rejectsWith(getCase(t.db, a, CODE_A, caseId, SESSION), NotFoundError);
				// The same answer as for a case that does not exist, and for the case under another school's code.
				await rejectsWith(getCase(t.db, a, CODE_A, newId(), SESSION), NotFoundError);
				await rejectsWith(getCase(t.db, a, CODE_B, caseId, SESSION), NotFoundError);
				await rejectsWith(addNote(t.db, a, CODE_A, caseId, 'internal_note', 'x'), NotFoundError);
				await rejectsWith(addPupil(t.db, a, CODE_A, caseId, { role: 'witness', name: 'x' }), NotFoundError);
				return;
			}
			const view = await read(a, caseId);
			expect(view.pupils[0]!.name).toContain(CANARY.pupil);
			expect(view.actions[0]!.text).toContain(CANARY.action);
			const kinds = view.notes.map((n) => n.kind);
			expect(kinds).toContain('internal_note');
			expect(view.notes.find((n) => n.kind === 'internal_note')!.body).toContain(CANARY.internal);
			expect(kinds.includes('confidential_note')).toBe(readsConfidential);
			expect(JSON.stringify(view).includes(CANARY.confidential)).toBe(readsConfidential);
			expect(view.mayWriteConfidential).toBe(mayWriteConfidential);
			// Nobody reads another school's case, whatever their roles here.
			await rejectsWith(getCase(t.db, a, CODE_A, otherCaseId, SESSION), NotFoundError);
		});

		it('lets only a vertrouwenspersoon handling the case write a confidential note', async () => {
			for (const actor of [who.aanspreekpunt, who.coordinator, who.mentorAssigned]) await rejectsWith(addNote(t.db, actor, CODE_A, caseId, 'confidential_note', 'x'), NotFoundError);
			const { id } = await addNote(t.db, who.vpOther, CODE_A, caseId, 'confidential_note', 'van de andere vp');
			const own = (await read(who.vpOther!, caseId)).notes.filter((n) => n.kind === 'confidential_note');
			expect(own.map((n) => n.id)).toEqual([id]);
			expect((await read(who.vpAuthor!, caseId)).notes.filter((n) => n.kind === 'confidential_note').map((n) => n.body)).toEqual([`Vertrouwelijk ${CANARY.confidential}`]);
		});

		it('keeps the confidential note out of the audit log, the chronology, and out of reach of the school key', async () => {
			const audit = await t.db.selectFrom('audit_event').selectAll().execute();
			const auditText = JSON.stringify(audit);
			for (const canary of Object.values(CANARY)) expect(auditText).not.toContain(canary);
			expect(audit.filter((e) => e.subject_id === caseId && e.action === 'case.note.add').map((e) => JSON.parse(e.detail).kind)).toEqual(expect.arrayContaining(['confidential_note', 'internal_note']));
			const events = await t.db.selectFrom('case_event').select('kind').where('case_id', '=', caseId).execute();
			expect(events.map((e) => e.kind)).not.toContain('confidential_note_added');

			const note = await t.db.selectFrom('case_note').selectAll().where('case_id', '=', caseId).where('kind', '=', 'confidential_note').where('author_user_id', '=', who.vpAuthor!.userId).executeTakeFirstOrThrow();
			const schoolKey = await ensureDataKey(t.db, schoolScope(schoolA));
			expect(() => schoolKey.open(note.body)).toThrow();
			expect((await ensureDataKey(t.db, confidentialScope(schoolA, who.vpOther!.userId))).open.bind(null, note.body)).toThrow();
			expect((await ensureDataKey(t.db, confidentialScope(schoolA, who.vpAuthor!.userId))).open(note.body)).toContain(CANARY.confidential);
		});

		it('audits every view of the case', async () => {
			const before = await t.db.selectFrom('audit_event').select('id').where('subject_id', '=', caseId).where('action', '=', 'case.view').execute();
			await read(who.coordinator!, caseId);
			const after = await t.db.selectFrom('audit_event').select(['actor_user_id', 'detail']).where('subject_id', '=', caseId).where('action', '=', 'case.view').orderBy('seq', 'desc').execute();
			expect(after.length).toBe(before.length + 1);
			expect(after[0]).toEqual({ actor_user_id: who.coordinator!.userId, detail: '{}' });
		});

		it('stores no free text plain: the canaries are in no database row or file', async () => {
			if (kind !== 'sqlite') {
				const dump = await sql<{ t: string | null }>`select string_agg(x.t, ' ') as t from (
					select row_to_json(c)::text as t from "case" c union all select row_to_json(p)::text from case_pupil p
					union all select row_to_json(a)::text from case_action a union all select row_to_json(n)::text from case_note n
					union all select row_to_json(e)::text from case_event e union all select row_to_json(au)::text from audit_event au) x`.execute(t.db);
				for (const canary of Object.values(CANARY)) expect(dump.rows[0]?.t ?? '').not.toContain(canary);
				return;
			}
			await sql`pragma wal_checkpoint(truncate)`.execute(t.db);
			const files = fs.readdirSync(t.config.dataDir).filter((f) => f.startsWith('test.db'));
			expect(files.length).toBeGreaterThan(0);
			for (const file of files) {
				const bytes = fs.readFileSync(path.join(t.config.dataDir, file));
				for (const canary of Object.values(CANARY)) expect(bytes.includes(Buffer.from(canary))).toBe(false);
			}
		});
	});

	describe('pupils across cases', () => {
		it('finds the same pupil in the school year by name and class, tolerant of case, accents and spacing', async () => {
			const first = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] })).id;
			await addPupil(t.db, who.coordinator, CODE_A, first, { role: 'target', name: 'Zoë van der Berg', className: 'Groep 7B' });
			const second = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] })).id;
			await assignHandler(t.db, who.aanspreekpunt, CODE_A, second, who.mentorAssigned!.userId, 'mentor');
			const { id: pupil } = await addPupil(t.db, who.aanspreekpunt, CODE_A, second, { role: 'witness', name: '  zoe VAN-DER  berg ', className: 'groep 7b' });
			await addPupil(t.db, who.aanspreekpunt, CODE_A, second, { role: 'pupil_who_bullies', name: 'Zoë van der Berg', className: '8a' });
			const { id: unknown } = await addPupil(t.db, who.aanspreekpunt, CODE_A, second, { role: 'pupil_who_bullies', description: 'lange jongen met een rode jas' });

			const forCoordinator = await findSamePupilCases(t.db, who.coordinator, CODE_A, second, pupil);
			expect(forCoordinator).toEqual({ cases: [{ caseId: first, state: 'new', openedOn: todayInNetherlands(), role: 'target' }], notReadable: 0 });
			// The mentor handles only the second case: told that there is more, not what.
			expect(await findSamePupilCases(t.db, who.mentorAssigned, CODE_A, second, pupil)).toEqual({ cases: [], notReadable: 1 });
			expect(await findSamePupilCases(t.db, who.coordinator, CODE_A, second, unknown)).toEqual({ cases: [], notReadable: 0 });
			expect((await read(who.coordinator!, second)).pupils.find((p) => p.id === unknown)!.linkable).toBe(false);
			await rejectsWith(findSamePupilCases(t.db, who.mentorOther, CODE_A, second, pupil), NotFoundError);
			await rejectsWith(findSamePupilCases(t.db, who.coordinator, CODE_A, first, pupil), NotFoundError);

			// The same name at another school is another child: the key is the other school's.
			const foreign = (await openCase(t.db, who.coordinatorB, CODE_B, { reportIds: [] })).id;
			const { id: foreignPupil } = await addPupil(t.db, who.coordinatorB, CODE_B, foreign, { role: 'target', name: 'Zoë van der Berg', className: 'Groep 7B' });
			expect(await findSamePupilCases(t.db, who.coordinatorB, CODE_B, foreign, foreignPupil)).toEqual({ cases: [], notReadable: 0 });
			const keys = await t.db.selectFrom('case_pupil').select(['case_id', 'link_key']).where('case_id', 'in', [first, foreign]).execute();
			expect(new Set(keys.map((k) => k.link_key)).size).toBe(2);
		});

		it('refuses a pupil with neither name nor description, an unknown role, and control characters', async () => {
			const { id } = await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] });
			expect((await rejectsWith(addPupil(t.db, who.coordinator, CODE_A, id, { role: 'target', className: '7b' }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_pupil_name_or_description' });
			await rejectsWith(addPupil(t.db, who.coordinator, CODE_A, id, { role: 'bully', name: 'x' }), RuleError);
			expect((await rejectsWith(addPupil(t.db, who.coordinator, CODE_A, id, { role: 'target', name: 'a\u0000b' }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_text_invalid' });
			expect((await rejectsWith(addPupil(t.db, who.coordinator, CODE_A, id, { role: 'target', name: 'a\uD800b' }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_text_invalid' });
			expect((await rejectsWith(addNote(t.db, who.coordinator, CODE_A, id, 'internal_note', 'x'.repeat(1_000_000)), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_text_too_long' });
		});
	});

	describe('actions and overdue', () => {
		it('lists overdue actions of open cases: the coordinator all, a handler those of their cases, no text', async () => {
			const today = todayInNetherlands();
			const opened = new Date(Date.now() - 20 * DAY_MS);
			const mine = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, opened)).id;
			await assignHandler(t.db, who.coordinator, CODE_A, mine, who.mentorAssigned!.userId, 'mentor');
			const late = await addAction(t.db, who.coordinator, CODE_A, mine, { kind: 'referral', referralKind: 'youthDoctor', ownerUserId: who.mentorAssigned!.userId, dueOn: addDays(today, -3), text: 'Doorverwijzen naar de jeugdarts' });
			const done = await addAction(t.db, who.coordinator, CODE_A, mine, { kind: 'action', ownerUserId: who.coordinator!.userId, dueOn: addDays(today, -2), text: 'Klassengesprek' });
			await addAction(t.db, who.coordinator, CODE_A, mine, { kind: 'agreement', ownerUserId: who.coordinator!.userId, dueOn: today, text: 'Afspraak met ouders' });
			await completeAction(t.db, who.mentorAssigned, CODE_A, mine, done.id);
			const elsewhere = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, opened)).id;
			const hidden = await addAction(t.db, who.coordinator, CODE_A, elsewhere, { kind: 'action', ownerUserId: who.coordinator!.userId, dueOn: addDays(today, -1), text: 'Iets' });

			const forCoordinator = await listOverdueActions(t.db, who.coordinator, CODE_A);
			expect(forCoordinator.map((a) => a.actionId)).toEqual(expect.arrayContaining([late.id, hidden.id]));
			expect(forCoordinator.map((a) => a.actionId)).not.toContain(done.id);
			expect(forCoordinator.find((a) => a.actionId === late.id)).toEqual({ caseId: mine, actionId: late.id, kind: 'referral', referralKind: 'youthDoctor', ownerUserId: who.mentorAssigned!.userId, dueOn: addDays(today, -3) });
			expect(JSON.stringify(forCoordinator)).not.toContain('jeugdarts');
			const forMentor = await listOverdueActions(t.db, who.mentorAssigned, CODE_A);
			expect(forMentor.map((a) => a.actionId)).toContain(late.id);
			expect(forMentor.map((a) => a.actionId)).not.toContain(hidden.id);
			expect(await listOverdueActions(t.db, who.coordinatorB, CODE_B)).not.toEqual(expect.arrayContaining([expect.objectContaining({ caseId: mine })]));
			await rejectsWith(listOverdueActions(t.db, who.coordinatorB, CODE_A), NotFoundError);
			await rejectsWith(listOverdueActions(t.db, who.boardAnalyst, CODE_A), NotFoundError);
			await rejectsWith(listOverdueActions(t.db, who.schoolAdmin, CODE_A), NotFoundError);

			const view = await read(who.coordinator!, mine);
			expect(view.actions.find((a) => a.id === late.id)!.overdue).toBe(true);
			expect(view.actions.find((a) => a.id === done.id)!.doneOn).toBe(today);
			await rejectsWith(completeAction(t.db, who.coordinator, CODE_A, mine, done.id), NotFoundError);
			await rejectsWith(completeAction(t.db, who.coordinator, CODE_A, mine, hidden.id), NotFoundError);
		});

		it('refuses a referral without a known kind, a due day before opening, an owner of another school', async () => {
			const { id } = await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] });
			const base = { kind: 'referral' as const, ownerUserId: who.coordinator!.userId, dueOn: addDays(todayInNetherlands(), 7), text: 'x' };
			await rejectsWith(addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: 'psychiatrist' }), RuleError);
			await rejectsWith(addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: undefined }), RuleError);
			expect((await rejectsWith(addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: 'police', dueOn: addDays(todayInNetherlands(), -1) }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_due_before_opened' });
			await rejectsWith(addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: 'police', dueOn: '2026-02-30' }), RuleError);
			expect((await rejectsWith(addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: 'police', ownerUserId: who.coordinatorB!.userId }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_owner' });
			await addAction(t.db, who.coordinator, CODE_A, id, { ...base, referralKind: 'veiligThuis' });
		});
	});

	describe('outcome message', () => {
		it('sends the guided text to the reporter of each report, naming nobody, by the aanspreekpunt or coordinator', async () => {
			const pupilReport = await report(CODE_A);
			const parentReport = await report(CODE_A, { reporterKind: 'parent', anonymous: false, reporterName: 'Mevrouw Bakker', contact: 'bakker@example.nl' });
			const { id } = await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [pupilReport, parentReport] });
			await addPupil(t.db, who.aanspreekpunt, CODE_A, id, { role: 'pupil_who_bullies', name: 'Daan Pietersen', className: '8a' });
			await assignHandler(t.db, who.aanspreekpunt, CODE_A, id, who.mentorAssigned!.userId, 'mentor');
			expect((await rejectsWith(sendOutcome(t.db, who.mentorAssigned, CODE_A, id, { measures: ['talked_with_pupils'], locale: 'nl' }), RuleError)) as RuleError).toMatchObject({ messageKey: 'case_error_outcome_by_aanspreekpunt' });
			expect(await sendOutcome(t.db, who.aanspreekpunt, CODE_A, id, { measures: ['keeps_watching', 'talked_with_pupils'], locale: 'nl' })).toEqual({ sent: 2 });

			const toPupil = (await openReportById(t.db, pupilReport)).messages;
			const toParent = (await openReportById(t.db, parentReport)).messages;
			expect(toPupil).toHaveLength(1);
			expect(toPupil[0]!.author).toBe('school');
			expect(toPupil[0]!.body).toContain('Vertel het ons dan meteen');
			expect(toParent[0]!.body).toContain('Laat het ons dan meteen weten');
			for (const message of [...toPupil, ...toParent]) expect(message.body).not.toMatch(/Daan|Pietersen/);
			expect((await read(who.aanspreekpunt!, id)).events.map((e) => e.kind)).toContain('outcome_sent');

			const direct = (await openCase(t.db, who.aanspreekpunt, CODE_A, { reportIds: [] })).id;
			await rejectsWith(sendOutcome(t.db, who.aanspreekpunt, CODE_A, direct, { measures: ['keeps_watching'], locale: 'nl' }), RuleError);
		});
	});

	describe('step-up', () => {
		it('asks for the second factor again for a case opened over 30 days ago and for a closed case, then opens it', async () => {
			const old = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, new Date(Date.now() - 31 * DAY_MS))).id;
			const recent = (await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, new Date(Date.now() - 29 * DAY_MS))).id;
			const { token } = await createSession(t.db, who.coordinator!.userId, { pendingSecondFactor: false, policy: t.config.session });
			const sessionId = hashToken(token);
			const viewsBefore = (await t.db.selectFrom('audit_event').select('id').where('subject_id', '=', old).where('action', '=', 'case.view').execute()).length;

			expect(await getCase(t.db, who.coordinator, CODE_A, old, { sessionId })).toEqual({ ok: false, stepUp: { required: true, reason: 'older_than_30_days', validMinutes: 15 } });
			expect((await getCase(t.db, who.coordinator, CODE_A, recent, { sessionId })).ok).toBe(true);
			expect((await t.db.selectFrom('audit_event').select('id').where('subject_id', '=', old).where('action', '=', 'case.view').execute()).length).toBe(viewsBefore);
			// Access comes first: someone without need to know learns nothing, not even that a step-up would be asked.
			await rejectsWith(getCase(t.db, who.mentorOther, CODE_A, old, { sessionId }), NotFoundError);

			expect(await confirmStepUp(t.db, who.coordinator, sessionId, '000000')).toEqual({ ok: false });
			const [recoveryCode] = await regenerateRecoveryCodes(t.db, who.coordinator!.userId);
			const stepped = await confirmStepUp(t.db, who.coordinator, sessionId, recoveryCode!);
			if (!stepped.ok) throw new Error('step-up refused');
			expect(await t.db.selectFrom('session').select('id').where('id', '=', sessionId).executeTakeFirst()).toBeUndefined();
			const newSession = { sessionId: hashToken(stepped.token) };
			expect((await getCase(t.db, who.coordinator, CODE_A, old, newSession)).ok).toBe(true);
			// Fifteen minutes later the confirmation no longer holds.
			expect((await getCase(t.db, who.coordinator, CODE_A, old, newSession, new Date(Date.now() + 16 * 60_000))).ok).toBe(false);
		});

		it('asks for a closed case too', async () => {
			const { id } = await openCase(t.db, who.coordinator, CODE_A, { reportIds: [] }, new Date(Date.now() - 20 * DAY_MS));
			for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, who.coordinator, CODE_A, id, { to });
			await transitionCase(t.db, who.coordinator, CODE_A, id, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: true } });
			expect(await getCase(t.db, who.coordinator, CODE_A, id, SESSION)).toEqual({ ok: false, stepUp: { required: true, reason: 'closed', validMinutes: 15 } });
		});
	});

	describe('overview', () => {
		const shownCounts = (table: OneWayTable | CrossTable): number[] =>
			('counts' in table ? [...table.counts, table.total] : [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]).filter((c): c is number => c !== SUPPRESSED);

		it('gives the coordinator aggregates with no count under 5, and nobody else anything', async () => {
			const c = who.coordinatorC!;
			for (let i = 0; i < 6; i++) await openCase(t.db, c, CODE_C, { reportIds: [await report(CODE_C, { forms: ['verbal'], motives: [] })], place: 'playground', timeOfDay: 'break' });
			for (let i = 0; i < 2; i++) await openCase(t.db, c, CODE_C, { reportIds: [await report(CODE_C, { forms: ['online_threats'], motives: ['religion'] })], place: 'online', timeOfDay: 'evening_or_weekend' });
			const closing = (await openCase(t.db, c, CODE_C, { reportIds: [] }, new Date(Date.now() - 21 * DAY_MS))).id;
			for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, c, CODE_C, closing, { to });
			await transitionCase(t.db, c, CODE_C, closing, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 3, checkedOn: todayInNetherlands(), targetAsked: true } });
			const late = await openCase(t.db, c, CODE_C, { reportIds: [] }, new Date(Date.now() - 10 * DAY_MS));
			await addAction(t.db, c, CODE_C, late.id, { kind: 'action', ownerUserId: c.userId, dueOn: addDays(todayInNetherlands(), -1), text: 'x' });

			const overview = await getCaseOverview(t.db, c, CODE_C);
			expect(overview.openCases).toEqual({ new: 9, intake: 0, in_progress: 0, monitoring: 0 });
			expect(overview.overdueActions).toBe(1);
			expect(overview.daysToClose).toEqual({ median: 21, cases: 1 });
			expect(overview.daysToAcknowledge).toEqual({ median: null, reports: 0 });
			const { place, timeOfDay, form, motive, placeByTimeOfDay } = overview.hotspots;
			expect(place.counts[place.categories.indexOf('playground')]).toBe(6);
			expect(place.counts[place.categories.indexOf('online')]).toBe(SUPPRESSED);
			expect(timeOfDay.counts[timeOfDay.categories.indexOf('break')]).toBe(6);
			expect(form.counts[form.categories.indexOf('verbal')]).toBe(6);
			expect(motive.counts[motive.categories.indexOf('religion')]).toBe(SUPPRESSED);
			for (const table of [place, timeOfDay, form, motive, placeByTimeOfDay]) for (const count of shownCounts(table)) expect(count).toBeGreaterThanOrEqual(5);
			// Two cases online: with the total shown and only that count hidden, total − 6 would give it away.
			for (const table of [place, timeOfDay, form, motive]) {
				const hidden = table.counts.filter((n) => n === SUPPRESSED).length;
				if (table.total !== SUPPRESSED) expect(hidden === 0 || hidden >= 2).toBe(true);
			}
			expect(JSON.stringify(overview)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

			for (const actor of [who.coordinator, who.aanspreekpunt, who.schoolAdmin, who.boardAnalyst, who.platformAdmin]) await rejectsWith(getCaseOverview(t.db, actor, CODE_C), NotFoundError);
			expect((await t.db.selectFrom('audit_event').select('action').where('subject_id', '=', schoolC).where('action', '=', 'case.overview.view').execute()).length).toBe(1);
		});

		it('counts the days to acknowledge from the first reply of the school', async () => {
			const before = await getCaseOverview(t.db, who.coordinatorC, CODE_C);
			const r = await report(CODE_C);
			const { id } = await openCase(t.db, who.coordinatorC, CODE_C, { reportIds: [r] });
			await sendOutcome(t.db, who.coordinatorC, CODE_C, id, { measures: ['keeps_watching'], locale: 'en' });
			const after = await getCaseOverview(t.db, who.coordinatorC, CODE_C);
			expect(after.daysToAcknowledge).toEqual({ median: 0, reports: before.daysToAcknowledge.reports + 1 });
		});
	});
});
