/**
 * Cases (issue 11, items 5, 6 and 8; decision 0021): the school's handling of one or more reports. Every function
 * starts with the need-to-know check of case-access.ts, writes its change, the chronology (case_event) and the audit
 * event in one transaction, and seals every free text under the school's data key. Notes are in case-notes.ts, the
 * coordinator's overview in case-overview.service.ts, the second factor for old and closed cases in case-step-up.ts.
 */
import { inTransaction, type Db } from '../db/connect';
import { notifyAccounts } from '../notifications/notification.service';
import { paths } from '../../paths';
import type { Actor } from '../auth/actor';
import { newId } from '../auth/tokens';
import { findRoles } from '../auth/user.repository';
import { recordAudit } from '../audit/audit.service';
import { NotFoundError, RuleError } from '../errors';
import { notifyReporter, reportFactsOfSchool, replyToReporter, type ReportFacts } from '../reports/report.service';
import { appendCaseEvent } from './case-events';
import { checkCaseText } from './case-text';
import { requireCase, requireCaseSchool, type CaseContext } from './case-access';
import { listReadableNotes, type CaseNoteView } from './case-notes';
import { stepUpNeed, type StepUpNeed } from './case-step-up';
import { assertTransition, isCaseState, nextStates, type CaseState, type ClosingEvaluation, type ReopenReason } from '../../cases/case-state';
import { HANDLER_ROLES, isHandlerRole, isPupilRole, isReferralKind, mayWrite, type HandlerRole, type PupilRole, type ReferralKind } from '../../cases/case-roles';
import { isCasePlace, isTimeOfDay, pupilLinkInput, type CasePlace, type TimeOfDay } from '../../cases/case-categories';
import { isDay, schoolYearLabelOf } from '../../cases/school-days';
import { outcomeMessage, type GeneralMeasure } from '../../cases/outcome-message';
import { BULLYING_FORMS, type BullyingForm } from '../../dossier/dossier';
import { MOTIVES, type Motive } from '../../reports/report-form';
import { todayInNetherlands, type Locale } from '../../i18n/locale';
import type { CaseActionView, CaseEventView } from '../../cases/case-view';

export type { CaseActionView, CaseEventView };

/** Who receives reports, and so opens cases: the aanspreekpunt and the coordinator (decision 0019). */
const OPENERS = ['aanspreekpunt', 'coordinator'] as const;

function audit(db: Db, actor: Actor, action: string, caseId: string, detail: Record<string, unknown> = {}) {
	return recordAudit(db, { actorUserId: actor.userId, action, subjectType: 'case', subjectId: caseId, detail });
}
export interface OpenCaseInput {
	/** The reports the case handles: all of the actor's school, none in another case yet. Empty for a case staff open directly. */
	reportIds: readonly string[];
	place?: CasePlace | null;
	timeOfDay?: TimeOfDay | null;
	/** Added to the forms and motives of the reports. */
	forms?: readonly BullyingForm[];
	motives?: readonly Motive[];
}

/** Opens a case from reports of the school (or directly); the opener becomes its first handler in their role. */
export async function openCase(db: Db, actor: Actor | undefined, code: string, input: OpenCaseInput, now = new Date()): Promise<{ id: string }> {
	const { actor: a, school, roles } = await requireCaseSchool(db, actor, code, OPENERS);
	if (input.place && !isCasePlace(input.place)) throw new RuleError('place', 'case_error_choose');
	if (input.timeOfDay && !isTimeOfDay(input.timeOfDay)) throw new RuleError('timeOfDay', 'case_error_choose');
	const ids = [...new Set(input.reportIds)];
	const facts = await reportFactsOfSchool(db, school.id, { ids });
	// A report of another school (or none at all) is not there for this actor: the same NotFound as any absent object.
	if (facts.length !== ids.length) throw new NotFoundError();
	const forms = new Set<string>(input.forms ?? []);
	const motives = new Set<string>(input.motives ?? []);
	for (const fact of facts) {
		fact.forms.forEach((f) => forms.add(f));
		fact.motives.forEach((m) => motives.add(m));
	}
	if ([...forms].some((f) => !(BULLYING_FORMS as readonly string[]).includes(f))) throw new RuleError('forms', 'case_error_choose');
	if ([...motives].some((m) => !(MOTIVES as readonly string[]).includes(m))) throw new RuleError('motives', 'case_error_choose');
	const today = todayInNetherlands(now);
	const id = newId();
	const role: HandlerRole = roles.includes('aanspreekpunt') ? 'aanspreekpunt' : 'coordinator';
	await inTransaction(db, async (trx) => {
		if (ids.length > 0) {
			const taken = await trx.selectFrom('case_report').select('report_id').where('report_id', 'in', ids).executeTakeFirst();
			if (taken) throw new RuleError('reportIds', 'case_error_report_in_case');
		}
		await trx
			.insertInto('case')
			.values({
				id,
				school_id: school.id,
				state: 'new',
				school_year: schoolYearLabelOf(today),
				opened_on: today,
				closed_on: null,
				place: input.place ?? null,
				time_of_day: input.timeOfDay ?? null,
				forms: JSON.stringify(BULLYING_FORMS.filter((f) => forms.has(f))),
				motives: JSON.stringify(MOTIVES.filter((m) => motives.has(m))),
				legal_hold: 0,
				legal_hold_reason: null,
				evaluation_stopped: null,
				evaluation_checked_after_weeks: null,
				evaluation_checked_on: null,
				evaluation_target_asked: null
			})
			.execute();
		for (const reportId of ids) await trx.insertInto('case_report').values({ case_id: id, report_id: reportId }).execute();
		await trx.insertInto('case_handler').values({ case_id: id, user_id: a.userId, role, assigned_on: today }).execute();
		await appendCaseEvent(trx, id, { kind: 'opened', actorUserId: a.userId, toState: 'new' }, now);
		await appendCaseEvent(trx, id, { kind: 'handler_assigned', actorUserId: a.userId, subjectUserId: a.userId, role }, now);
		await audit(trx, a, 'case.open', id, { reports: ids.length });
	});
	return { id };
}

/**
 * Links more reports of the school to an open case (a duplicate the inbox suggested and staff confirmed). A report of
 * another school is NotFound; one already in a case is refused. Forms and motives of the reports join the case's.
 */
export async function linkReports(db: Db, actor: Actor | undefined, code: string, caseId: string, reportIds: readonly string[], now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (context.row.state === 'closed') throw new RuleError('reportIds', 'case_error_closed');
	const ids = [...new Set(reportIds)];
	if (ids.length === 0) return;
	const facts = await reportFactsOfSchool(db, context.school.id, { ids });
	if (facts.length !== ids.length) throw new NotFoundError();
	const forms = new Set<string>(JSON.parse(context.row.forms) as string[]);
	const motives = new Set<string>(JSON.parse(context.row.motives) as string[]);
	for (const fact of facts) {
		fact.forms.forEach((f) => forms.add(f));
		fact.motives.forEach((m) => motives.add(m));
	}
	await inTransaction(db, async (trx) => {
		const taken = await trx.selectFrom('case_report').select('report_id').where('report_id', 'in', ids).executeTakeFirst();
		if (taken) throw new RuleError('reportIds', 'case_error_report_in_case');
		for (const reportId of ids) await trx.insertInto('case_report').values({ case_id: caseId, report_id: reportId }).execute();
		await trx
			.updateTable('case')
			.set({ forms: JSON.stringify(BULLYING_FORMS.filter((f) => forms.has(f))), motives: JSON.stringify(MOTIVES.filter((m) => motives.has(m))) })
			.where('id', '=', caseId)
			.execute();
		await appendCaseEvent(trx, caseId, { kind: 'reports_linked', actorUserId: context.actor.userId }, now);
		await audit(trx, context.actor, 'case.reports.link', caseId, { reports: ids.length });
	});
}

export interface ClassifyInput {
	place: string | null;
	timeOfDay: string | null;
	forms: readonly string[];
	motives: readonly string[];
}

/** Sets the codes the overview counts the case by (place, time of day, forms, motives), e.g. after the intake. */
export async function classifyCase(db: Db, actor: Actor | undefined, code: string, caseId: string, input: ClassifyInput, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (input.place !== null && !isCasePlace(input.place)) throw new RuleError('place', 'case_error_choose');
	if (input.timeOfDay !== null && !isTimeOfDay(input.timeOfDay)) throw new RuleError('timeOfDay', 'case_error_choose');
	if (input.forms.some((f) => !(BULLYING_FORMS as readonly string[]).includes(f))) throw new RuleError('forms', 'case_error_choose');
	if (input.motives.some((m) => !(MOTIVES as readonly string[]).includes(m))) throw new RuleError('motives', 'case_error_choose');
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('case')
			.set({
				place: input.place as CasePlace | null,
				time_of_day: input.timeOfDay as TimeOfDay | null,
				forms: JSON.stringify(BULLYING_FORMS.filter((f) => input.forms.includes(f))),
				motives: JSON.stringify(MOTIVES.filter((m) => input.motives.includes(m)))
			})
			.where('id', '=', caseId)
			.execute();
		await appendCaseEvent(trx, caseId, { kind: 'classified', actorUserId: context.actor.userId }, now);
		await audit(trx, context.actor, 'case.classify', caseId);
	});
}

export interface CasePupilView {
	id: string;
	role: PupilRole;
	name: string | null;
	className: string | null;
	description: string | null;
	/** Whether the pupil can be looked for in other cases of the school year (has a name). */
	linkable: boolean;
}

export interface CaseView {
	id: string;
	state: CaseState;
	nextStates: CaseState[];
	schoolYear: string;
	openedOn: string;
	closedOn: string | null;
	place: CasePlace | null;
	timeOfDay: TimeOfDay | null;
	forms: BullyingForm[];
	motives: Motive[];
	legalHold: boolean;
	evaluation: ClosingEvaluation | null;
	reportIds: string[];
	/** The reports whose reporter reads what the school writes back, for agreements made with them. */
	reporters: { reportId: string; reporterKind: ReportFacts['reporterKind']; receivedOn: string }[];
	handlers: { userId: string; role: HandlerRole }[];
	pupils: CasePupilView[];
	actions: CaseActionView[];
	events: CaseEventView[];
	/** Internal notes, and the reader's own confidential notes; nobody else's confidential note, not even a count. */
	notes: CaseNoteView[];
	/** What the reader may write (for the case page's forms). */
	mayWriteConfidential: boolean;
}

export type GetCaseResult = { ok: true; case: CaseView } | { ok: false; stepUp: StepUpNeed };

/**
 * The case page's one read, audited as a view. A closed or old case first asks for the second factor again
 * (decision 0021): then only the need comes back, nothing of the case, and nothing is audited as seen.
 */
export async function getCase(db: Db, actor: Actor | undefined, code: string, caseId: string, session: { sessionId: string }, now = new Date()): Promise<GetCaseResult> {
	const context = await requireCase(db, actor, code, caseId);
	const need = await stepUpNeed(db, context.row, session.sessionId, now);
	if (need.required) return { ok: false, stepUp: need };
	return inTransaction(db, async (trx) => {
		const view = await caseViewOf(trx, context, now);
		await audit(trx, context.actor, 'case.view', context.row.id);
		return { ok: true as const, case: view };
	});
}

/** The case as getCase shows it to this reader; also the case PDF's one read (case-pdf.service.ts). */
export async function caseViewOf(db: Db, context: CaseContext & { actor: Actor }, now: Date): Promise<CaseView> {
	const { row, key } = context;
	const today = todayInNetherlands(now);
	const [reports, pupils, actions, events, notes] = await Promise.all([
		db.selectFrom('case_report').select('report_id').where('case_id', '=', row.id).orderBy('report_id').execute(),
		db.selectFrom('case_pupil').selectAll().where('case_id', '=', row.id).orderBy('id').execute(),
		db.selectFrom('case_action').selectAll().where('case_id', '=', row.id).orderBy('due_on').orderBy('id').execute(),
		db.selectFrom('case_event').selectAll().where('case_id', '=', row.id).orderBy('position').execute(),
		listReadableNotes(db, context)
	]);
	const reportFacts = await reportFactsOfSchool(
		db,
		context.school.id,
		{ ids: reports.map((r) => r.report_id) }
	);
	const state = row.state;
	return {
		id: row.id,
		state,
		nextStates: nextStates(state),
		schoolYear: row.school_year,
		openedOn: row.opened_on,
		closedOn: row.closed_on,
		place: row.place,
		timeOfDay: row.time_of_day,
		forms: JSON.parse(row.forms) as BullyingForm[],
		motives: JSON.parse(row.motives) as Motive[],
		legalHold: Number(row.legal_hold) === 1,
		evaluation:
			row.evaluation_stopped && row.evaluation_checked_on
				? { stopped: row.evaluation_stopped, checkedAfterWeeks: Number(row.evaluation_checked_after_weeks), checkedOn: row.evaluation_checked_on, targetAsked: Number(row.evaluation_target_asked) === 1 }
				: null,
		reportIds: reports.map((r) => r.report_id),
		reporters: reportFacts
			.filter((f) => f.canHearBack)
			.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.id < b.id ? -1 : 1))
			.map((f) => ({ reportId: f.id, reporterKind: f.reporterKind, receivedOn: f.receivedOn })),
		handlers: context.handlers,
		pupils: pupils.map((p) => ({ id: p.id, role: p.role, name: key.openOrNull(p.name), className: key.openOrNull(p.class_name), description: key.openOrNull(p.description), linkable: p.link_key !== null })),
		actions: actions.map((x) => ({
			id: x.id,
			kind: x.kind,
			referralKind: x.referral_kind,
			ownerUserId: x.owner_user_id,
			dueOn: x.due_on,
			doneOn: x.done_on,
			text: key.open(x.text),
			overdue: x.done_on === null && x.due_on < today,
			reporterReportId: x.reporter_report_id
		})),
		events: events.map((e) => ({
			position: Number(e.position),
			kind: e.kind,
			fromState: e.from_state,
			toState: e.to_state,
			reason: e.reason,
			subjectUserId: e.subject_user_id,
			role: e.role,
			actorUserId: e.actor_user_id,
			at: e.at
		})),
		notes,
		mayWriteConfidential: mayWrite('confidential_note', context.reader)
	};
}

export interface TransitionInput {
	to: string;
	evaluation?: Partial<ClosingEvaluation>;
	reopenReason?: ReopenReason | string;
}

/**
 * Moves a case to another state, only along the allowed moves (case-state.ts). Closing records the evaluation and the
 * day; reopening needs a reason, which the chronology keeps. Throws CaseTransitionError with every problem at once.
 */
export async function transitionCase(db: Db, actor: Actor | undefined, code: string, caseId: string, input: TransitionInput, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (!isCaseState(input.to)) throw new RuleError('to', 'case_error_choose');
	const to = input.to;
	const today = todayInNetherlands(now);
	await inTransaction(db, async (trx) => {
		// Read again inside the transaction: two handlers moving the same case at once must not both succeed from one state.
		const current = await trx.selectFrom('case').select('state').where('id', '=', caseId).executeTakeFirstOrThrow();
		const from = current.state;
		assertTransition(from, to, { handlerCount: context.handlers.length, evaluation: input.evaluation, reopenReason: input.reopenReason, openedOn: context.row.opened_on, today });
		const evaluation = to === 'closed' ? (input.evaluation as ClosingEvaluation) : undefined;
		const result = await trx
			.updateTable('case')
			.set({
				state: to,
				closed_on: to === 'closed' ? today : null,
				...(evaluation
					? {
							evaluation_stopped: evaluation.stopped,
							evaluation_checked_after_weeks: evaluation.checkedAfterWeeks,
							evaluation_checked_on: evaluation.checkedOn,
							evaluation_target_asked: evaluation.targetAsked ? 1 : 0
						}
					: {})
			})
			.where('id', '=', caseId)
			.where('state', '=', from)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) throw new RuleError('to', 'case_error_changed_meanwhile');
		await appendCaseEvent(trx, caseId, { kind: 'state_changed', actorUserId: context.actor.userId, fromState: from, toState: to, reason: from === 'closed' ? input.reopenReason : undefined }, now);
		await audit(trx, context.actor, 'case.transition', caseId, { from, to });
	});
}

/** Assigns a handler in a role; the assignee must hold that role at the case's school. */
export async function assignHandler(db: Db, actor: Actor | undefined, code: string, caseId: string, userId: string, role: string, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (!isHandlerRole(role)) throw new RuleError('role', 'case_error_choose');
	const held = await findRoles(db, userId);
	if (!held.some((r) => r.role === role && r.school_id === context.school.id)) throw new RuleError('userId', 'case_error_assignee_role');
	if (context.handlers.some((h) => h.userId === userId && h.role === role)) return;
	await inTransaction(db, async (trx) => {
		await trx.insertInto('case_handler').values({ case_id: caseId, user_id: userId, role, assigned_on: todayInNetherlands(now) }).execute();
		await appendCaseEvent(trx, caseId, { kind: 'handler_assigned', actorUserId: context.actor.userId, subjectUserId: userId, role }, now);
		await audit(trx, context.actor, 'case.handler.assign', caseId, { user: userId, role });
	});
	// The new handler hears that there is a case for them (never which pupils or what happened).
	if (userId !== context.actor.userId) await notifyAccounts(db, [userId], { kind: 'case_assigned', link: paths.schoolCase(context.school.vestigingscode, caseId) }, now);
}

/** Removes a handler's role on the case. A case keeps at least one handler: nobody would hold it otherwise. */
export async function unassignHandler(db: Db, actor: Actor | undefined, code: string, caseId: string, userId: string, role: string, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (!context.handlers.some((h) => h.userId === userId && h.role === role)) throw new NotFoundError();
	if (context.handlers.length === 1) throw new RuleError('userId', 'case_error_last_handler');
	await inTransaction(db, async (trx) => {
		await trx.deleteFrom('case_handler').where('case_id', '=', caseId).where('user_id', '=', userId).where('role', '=', role as HandlerRole).execute();
		await appendCaseEvent(trx, caseId, { kind: 'handler_unassigned', actorUserId: context.actor.userId, subjectUserId: userId, role }, now);
		await audit(trx, context.actor, 'case.handler.unassign', caseId, { user: userId, role });
	});
}

export interface PupilInput {
	role: string;
	name?: string;
	className?: string;
	/** When the name is not known: "a tall boy from group 8 with a red coat". */
	description?: string;
}

/** Adds a pupil in a role, by name and class or by description; the link key finds the same pupil in other cases. */
export async function addPupil(db: Db, actor: Actor | undefined, code: string, caseId: string, input: PupilInput, now = new Date()): Promise<{ id: string }> {
	const context = await requireCase(db, actor, code, caseId);
	if (!isPupilRole(input.role)) throw new RuleError('role', 'case_error_choose');
	const name = checkCaseText('name', input.name ?? '', false);
	const className = checkCaseText('className', input.className ?? '', false);
	const description = checkCaseText('description', input.description ?? '', false);
	if (!name && !description) throw new RuleError('name', 'case_error_pupil_name_or_description');
	const { key, row } = context;
	const linkInput = pupilLinkInput(row.school_year, name, className);
	const id = newId();
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('case_pupil')
			.values({ id, case_id: caseId, role: input.role as PupilRole, name: key.sealOrNull(name), class_name: key.sealOrNull(className), description: key.sealOrNull(description), link_key: linkInput ? key.mac(linkInput) : null })
			.execute();
		await appendCaseEvent(trx, caseId, { kind: 'pupil_added', actorUserId: context.actor.userId, reason: input.role }, now);
		await audit(trx, context.actor, 'case.pupil.add', caseId, { pupil: id, role: input.role });
	});
	return { id };
}

export interface LinkedCase {
	caseId: string;
	state: CaseState;
	openedOn: string;
	role: PupilRole;
}

/**
 * The same pupil's other cases in the school year, found by the link key (no name is unsealed to look). The reader
 * sees the cases they may read; of the others only how many there are, so a mentor learns that the coordinator has
 * more on this pupil without reading cases they do not handle.
 */
export async function findSamePupilCases(db: Db, actor: Actor | undefined, code: string, caseId: string, pupilId: string): Promise<{ cases: LinkedCase[]; notReadable: number }> {
	const context = await requireCase(db, actor, code, caseId);
	const pupil = await db.selectFrom('case_pupil').select('link_key').where('id', '=', pupilId).where('case_id', '=', caseId).executeTakeFirst();
	if (!pupil) throw new NotFoundError();
	if (!pupil.link_key) return { cases: [], notReadable: 0 };
	const rows = await db
		.selectFrom('case_pupil')
		.innerJoin('case', 'case.id', 'case_pupil.case_id')
		.select(['case.id', 'case.state', 'case.opened_on', 'case_pupil.role'])
		.where('case_pupil.link_key', '=', pupil.link_key)
		.where('case.school_id', '=', context.school.id)
		.where('case.id', '!=', caseId)
		.orderBy('case.opened_on')
		.orderBy('case.id')
		.execute();
	const handled = new Set(
		rows.length === 0
			? []
			: (await db.selectFrom('case_handler').select('case_id').where('user_id', '=', context.actor.userId).where('case_id', 'in', rows.map((r) => r.id)).execute()).map((h) => h.case_id)
	);
	const coordinator = context.roles.includes('coordinator');
	const cases = rows.filter((r) => coordinator || handled.has(r.id)).map((r) => ({ caseId: r.id, state: r.state, openedOn: r.opened_on, role: r.role }));
	await inTransaction(db, (trx) => audit(trx, context.actor, 'case.pupil.links.view', caseId, { pupil: pupilId }));
	return { cases, notReadable: rows.length - cases.length };
}

export interface ActionInput {
	kind: 'action' | 'agreement' | 'referral';
	referralKind?: string;
	ownerUserId: string;
	dueOn: string;
	text: string;
	/** For an agreement made with the reporter of this report of the case: they will see its text and day. */
	reporterReportId?: string | null;
}

/** Adds an action, an agreement or a referral outside school, with an owner at the school and a due day. */
export async function addAction(db: Db, actor: Actor | undefined, code: string, caseId: string, input: ActionInput, now = new Date()): Promise<{ id: string }> {
	const context = await requireCase(db, actor, code, caseId);
	if (!['action', 'agreement', 'referral'].includes(input.kind)) throw new RuleError('kind', 'case_error_choose');
	const referralKind = input.kind === 'referral' ? input.referralKind : undefined;
	if (input.kind === 'referral' && !(referralKind && isReferralKind(referralKind))) throw new RuleError('referralKind', 'case_error_choose');
	if (!isDay(input.dueOn)) throw new RuleError('dueOn', 'case_error_date');
	if (input.dueOn < context.row.opened_on) throw new RuleError('dueOn', 'case_error_due_before_opened');
	const text = checkCaseText('text', input.text)!;
	const owner = await findRoles(db, input.ownerUserId);
	// The owner is someone of this school: a stranger's id would be a way to put work (and reminders) on them.
	if (!owner.some((r) => r.school_id === context.school.id)) throw new RuleError('ownerUserId', 'case_error_owner');
	const reporterReportId = input.reporterReportId || null;
	if (reporterReportId) {
		// Only an agreement is made with someone, and only with a reporter of this case who can read it.
		if (input.kind !== 'agreement') throw new RuleError('reporterReportId', 'case_error_reporter_agreement_only');
		const inCase = await db.selectFrom('case_report').select('report_id').where('case_id', '=', caseId).where('report_id', '=', reporterReportId).executeTakeFirst();
		const [facts] = inCase ? await reportFactsOfSchool(db, context.school.id, { ids: [reporterReportId] }) : [];
		if (!facts?.canHearBack) throw new RuleError('reporterReportId', 'case_error_choose');
	}
	const id = newId();
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('case_action')
			.values({
				id,
				case_id: caseId,
				kind: input.kind,
				referral_kind: (referralKind as ReferralKind | undefined) ?? null,
				owner_user_id: input.ownerUserId,
				due_on: input.dueOn,
				done_on: null,
				text: context.key.seal(text),
				reporter_report_id: reporterReportId,
				reminded_on: null
			})
			.execute();
		await appendCaseEvent(trx, caseId, { kind: 'action_added', actorUserId: context.actor.userId, reason: input.kind, subjectUserId: input.ownerUserId }, now);
		await audit(trx, context.actor, 'case.action.add', caseId, { action: id, kind: input.kind, withReporter: reporterReportId !== null });
	});
	// The reporter hears that the school wrote something down with them (never what).
	if (reporterReportId) await notifyReporter(db, reporterReportId);
	return { id };
}

/** Marks an action, agreement or referral done (today, or the day given: work done on Friday entered on Monday). */
export async function completeAction(db: Db, actor: Actor | undefined, code: string, caseId: string, actionId: string, doneOn?: string, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	const today = todayInNetherlands(now);
	const day = doneOn ?? today;
	if (!isDay(day) || day > today) throw new RuleError('doneOn', 'case_error_date');
	await inTransaction(db, async (trx) => {
		const result = await trx.updateTable('case_action').set({ done_on: day }).where('id', '=', actionId).where('case_id', '=', caseId).where('done_on', 'is', null).executeTakeFirst();
		if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError();
		await appendCaseEvent(trx, caseId, { kind: 'action_done', actorUserId: context.actor.userId }, now);
		await audit(trx, context.actor, 'case.action.complete', caseId, { action: actionId });
	});
}

export interface OverdueAction {
	caseId: string;
	actionId: string;
	kind: 'action' | 'agreement' | 'referral';
	referralKind: ReferralKind | null;
	ownerUserId: string;
	dueOn: string;
}

/**
 * Overdue actions of open cases for the inbox: for the coordinator all of the school, for others those of the cases
 * they handle. No text: the inbox says what is late and where, the case page says what it is.
 */
export async function listOverdueActions(db: Db, actor: Actor | undefined, code: string, now = new Date()): Promise<OverdueAction[]> {
	// Handlers' roles only: the school admin handles no case, so for them this list is NotFound like every case page.
	const { actor: a, school, roles } = await requireCaseSchool(db, actor, code, HANDLER_ROLES);
	let query = db
		.selectFrom('case_action')
		.innerJoin('case', 'case.id', 'case_action.case_id')
		.select(['case_action.id', 'case_action.case_id', 'case_action.kind', 'case_action.referral_kind', 'case_action.owner_user_id', 'case_action.due_on'])
		.where('case.school_id', '=', school.id)
		.where('case.state', '!=', 'closed')
		.where('case_action.done_on', 'is', null)
		.where('case_action.due_on', '<', todayInNetherlands(now));
	if (!roles.includes('coordinator')) query = query.where('case.id', 'in', db.selectFrom('case_handler').select('case_id').where('user_id', '=', a.userId));
	const rows = await query.orderBy('case_action.due_on').orderBy('case_action.id').execute();
	await inTransaction(db, (trx) => recordAudit(trx, { actorUserId: a.userId, action: 'case.overdue.view', subjectType: 'school', subjectId: school.id, detail: { count: rows.length } }));
	return rows.map((r) => ({ caseId: r.case_id, actionId: r.id, kind: r.kind, referralKind: r.referral_kind, ownerUserId: r.owner_user_id, dueOn: r.due_on }));
}

/**
 * Sends the outcome message (outcome-message.ts) to the reporter of every report of the case, in words that name no
 * other pupil. The school speaks to reporters through its aanspreekpunt or coordinator (report.service's
 * replyToReporter checks that), so another handler asks one of them. Give the database, not a transaction: each
 * reply is its own transaction in the report service.
 */
export async function sendOutcome(db: Db, actor: Actor | undefined, code: string, caseId: string, input: { measures: readonly GeneralMeasure[]; locale: Locale }, now = new Date()): Promise<{ sent: number }> {
	const context = await requireCase(db, actor, code, caseId);
	if (!context.roles.some((role) => (OPENERS as readonly string[]).includes(role))) throw new RuleError('measures', 'case_error_outcome_by_aanspreekpunt');
	const reportIds = (await db.selectFrom('case_report').select('report_id').where('case_id', '=', caseId).execute()).map((r) => r.report_id);
	if (reportIds.length === 0) throw new RuleError('measures', 'case_error_no_reporter');
	const facts = await reportFactsOfSchool(db, context.school.id, { ids: reportIds });
	const texts = facts.map((fact) => ({ id: fact.id, text: outcomeMessage(input.measures, fact.reporterKind === 'pupil' ? 'pupil' : 'parent', input.locale) }));
	for (const { id, text } of texts) await replyToReporter(db, context.actor, code, id, text);
	await inTransaction(db, async (trx) => {
		await appendCaseEvent(trx, caseId, { kind: 'outcome_sent', actorUserId: context.actor.userId }, now);
		await audit(trx, context.actor, 'case.outcome.send', caseId, { reports: texts.length, measures: [...input.measures] });
	});
	return { sent: texts.length };
}

/** Puts a case under a legal hold with a reason (kept past retention), or lifts it; the coordinator only. */
export async function setLegalHold(db: Db, actor: Actor | undefined, code: string, caseId: string, reason: string | null, now = new Date()): Promise<void> {
	const context = await requireCase(db, actor, code, caseId);
	if (!context.roles.includes('coordinator')) throw new NotFoundError();
	const text = reason === null ? null : checkCaseText('reason', reason);
	await inTransaction(db, async (trx) => {
		await trx.updateTable('case').set({ legal_hold: text ? 1 : 0, legal_hold_reason: context.key.sealOrNull(text) }).where('id', '=', caseId).execute();
		await appendCaseEvent(trx, caseId, { kind: text ? 'legal_hold_set' : 'legal_hold_lifted', actorUserId: context.actor.userId }, now);
		await audit(trx, context.actor, text ? 'case.legal_hold.set' : 'case.legal_hold.lift', caseId);
	});
}

/** The legal hold's reason, for the coordinator; audited as a view. */
export async function getLegalHoldReason(db: Db, actor: Actor | undefined, code: string, caseId: string): Promise<string | null> {
	const context = await requireCase(db, actor, code, caseId);
	if (!context.roles.includes('coordinator')) throw new NotFoundError();
	await inTransaction(db, (trx) => audit(trx, context.actor, 'case.legal_hold.view', caseId));
	return context.key.openOrNull(context.row.legal_hold_reason);
}

/** The case a report is handled in, if any (for the report's page in the inbox). */
export async function caseOfReport(db: Db, reportId: string): Promise<string | undefined> {
	return (await db.selectFrom('case_report').select('case_id').where('report_id', '=', reportId).executeTakeFirst())?.case_id;
}

/** The ids of a school's cases, for its audit log (the caller has checked the reader may see the log). */
export async function caseIdsOfSchool(db: Db, schoolId: string): Promise<string[]> {
	return (await db.selectFrom('case').select('id').where('school_id', '=', schoolId).execute()).map((row) => row.id);
}
