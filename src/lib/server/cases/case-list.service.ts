/**
 * The reads the case pages need beside getCase (issue 11, items 5 and 8): the list of cases a person may read, the
 * school's staff who can be assigned or own an action, the same pupils in other cases of the school year for a whole
 * case at once, and the outcome message's preview. Each starts with the need-to-know check of case-access.ts, like
 * case.service.ts, and is written for one page view: a fixed number of queries, whatever the number of cases,
 * pupils or events (no query per row).
 */
import { inTransaction, type Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import { RuleError } from '../errors';
import { reportFactsOfSchool } from '../reports/report.service';
import { teamOf } from '../schools/invitation.service';
import { requireCase, requireCaseSchool } from './case-access';
import { stepUpNeed } from './case-step-up';
import type { LinkedCase } from './case.service';
import { HANDLER_ROLES, type HandlerRole, type PupilRole } from '../../cases/case-roles';
import type { CaseState } from '../../cases/case-state';
import { isGeneralMeasure, outcomeMessage, type OutcomeAudience } from '../../cases/outcome-message';
import type { SchoolRole } from '../../auth/roles';
import { todayInNetherlands, type Locale } from '../../i18n/locale';

/** Cases a page of the list shows. */
export const CASES_PER_PAGE = 25;

export interface CaseListItem {
	id: string;
	state: CaseState;
	openedOn: string;
	closedOn: string | null;
	/** Calendar days since opening (to closing, for a closed case). */
	ageDays: number;
	overdueActions: number;
	/** The reader's own roles on the case; empty when the coordinator reads a case they do not handle. */
	myRoles: HandlerRole[];
}

export interface CaseList {
	cases: CaseListItem[];
	page: number;
	pages: number;
	total: number;
}

function days(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The cases this person may read: the coordinator all of the school's, everyone else the cases they handle (need to
 * know: a mentor sees no count of other cases either). Open cases first, the newest first within each group. The
 * school admin and the board analyst get NotFound, like on every case page. Audited as a view of the list.
 */
export async function listCases(db: Db, actor: Actor | undefined, code: string, options: { page?: number } = {}, now = new Date()): Promise<CaseList> {
	const { actor: a, school, roles } = await requireCaseSchool(db, actor, code, HANDLER_ROLES);
	const coordinator = roles.includes('coordinator');
	const mine = db.selectFrom('case_handler').select('case_id').where('user_id', '=', a.userId);
	let base = db.selectFrom('case').where('case.school_id', '=', school.id);
	if (!coordinator) base = base.where('case.id', 'in', mine);
	const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
	const total = Number(counted?.n ?? 0);
	const pages = Math.max(1, Math.ceil(total / CASES_PER_PAGE));
	const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
	const today = todayInNetherlands(now);
	const rows = await base
		.select(['case.id', 'case.state', 'case.opened_on', 'case.closed_on'])
		// Open first: a closed case is history, an open one is work.
		.orderBy((eb) => eb.case().when('case.state', '=', 'closed').then(1).else(0).end())
		.orderBy('case.opened_on', 'desc')
		.orderBy('case.id')
		.limit(CASES_PER_PAGE)
		.offset((page - 1) * CASES_PER_PAGE)
		.execute();
	const ids = rows.map((r) => r.id);
	const [overdue, handled] =
		ids.length === 0
			? [[], []]
			: await Promise.all([
					db
						.selectFrom('case_action')
						.select(['case_id'])
						.select((eb) => eb.fn.countAll<number | string>().as('n'))
						.where('case_id', 'in', ids)
						.where('done_on', 'is', null)
						.where('due_on', '<', today)
						.groupBy('case_id')
						.execute(),
					db.selectFrom('case_handler').select(['case_id', 'role']).where('user_id', '=', a.userId).where('case_id', 'in', ids).execute()
				]);
	const overdueOf = new Map(overdue.map((o) => [o.case_id, Number(o.n)]));
	const cases = rows.map((r) => ({
		id: r.id,
		state: r.state,
		openedOn: r.opened_on,
		closedOn: r.closed_on,
		ageDays: days(r.opened_on, r.closed_on ?? today),
		// Overdue counts only while the case is open, as on the inbox and the overview.
		overdueActions: r.state === 'closed' ? 0 : (overdueOf.get(r.id) ?? 0),
		myRoles: HANDLER_ROLES.filter((role) => handled.some((h) => h.case_id === r.id && h.role === role))
	}));
	await inTransaction(db, (trx) => recordAudit(trx, { actorUserId: a.userId, action: 'case.list.view', subjectType: 'school', subjectId: school.id, detail: { page, count: cases.length } }));
	return { cases, page, pages, total };
}

export interface CaseStaffMember {
	userId: string;
	name: string;
	/** The member's roles at the school that can handle a case. */
	roles: HandlerRole[];
}

/**
 * The school's staff who can handle a case or own an action (for the assignment and owner choices), for a person who
 * handles cases. Names and roles only; the school admin's own list (team page) has more.
 */
export async function listCaseStaff(db: Db, actor: Actor | undefined, code: string): Promise<CaseStaffMember[]> {
	const { school } = await requireCaseSchool(db, actor, code, HANDLER_ROLES);
	const team = await teamOf(db, school.id);
	return team
		.map((member) => ({ userId: member.userId, name: member.name, roles: HANDLER_ROLES.filter((role) => (member.roles as readonly SchoolRole[]).includes(role)) }))
		.filter((member) => member.roles.length > 0);
}

export interface PupilLinks {
	cases: LinkedCase[];
	notReadable: number;
}

/**
 * For every pupil of the case at once: the same pupil's other cases in the school year (by link key, as
 * findSamePupilCases), the ones this reader may read, and how many others there are. One audit event for the page.
 */
export async function samePupilLinksOfCase(db: Db, actor: Actor | undefined, code: string, caseId: string): Promise<Record<string, PupilLinks>> {
	const context = await requireCase(db, actor, code, caseId);
	const pupils = await db.selectFrom('case_pupil').select(['id', 'link_key']).where('case_id', '=', caseId).execute();
	const keys = [...new Set(pupils.map((p) => p.link_key).filter((k): k is string => k !== null))];
	const result: Record<string, PupilLinks> = Object.fromEntries(pupils.map((p) => [p.id, { cases: [], notReadable: 0 }]));
	if (keys.length === 0) return result;
	const rows = await db
		.selectFrom('case_pupil')
		.innerJoin('case', 'case.id', 'case_pupil.case_id')
		.select(['case.id', 'case.state', 'case.opened_on', 'case_pupil.role', 'case_pupil.link_key'])
		.where('case_pupil.link_key', 'in', keys)
		.where('case.school_id', '=', context.school.id)
		.where('case.id', '!=', caseId)
		.orderBy('case.opened_on')
		.orderBy('case.id')
		.execute();
	const otherIds = [...new Set(rows.map((r) => r.id))];
	const handled = new Set(
		otherIds.length === 0 ? [] : (await db.selectFrom('case_handler').select('case_id').where('user_id', '=', context.actor.userId).where('case_id', 'in', otherIds).execute()).map((h) => h.case_id)
	);
	const coordinator = context.roles.includes('coordinator');
	for (const pupil of pupils) {
		if (!pupil.link_key) continue;
		const same = rows.filter((r) => r.link_key === pupil.link_key);
		const readable = same.filter((r) => coordinator || handled.has(r.id));
		result[pupil.id] = {
			cases: readable.map((r) => ({ caseId: r.id, state: r.state, openedOn: r.opened_on, role: r.role as PupilRole })),
			notReadable: same.length - readable.length
		};
	}
	await inTransaction(db, (trx) =>
		recordAudit(trx, { actorUserId: context.actor.userId, action: 'case.pupil.links.view', subjectType: 'case', subjectId: caseId, detail: { pupils: pupils.length } })
	);
	return result;
}

/**
 * The outcome message as each reporter of the case would read it ("je" for a pupil, "u" for a parent), before it is
 * sent. Unknown measures, or none, are refused with the field's message; a case without reports has nobody to write to.
 */
export async function previewOutcome(db: Db, actor: Actor | undefined, code: string, caseId: string, measures: readonly string[], locale: Locale): Promise<{ audience: OutcomeAudience; text: string }[]> {
	const context = await requireCase(db, actor, code, caseId);
	if (measures.length === 0 || !measures.every(isGeneralMeasure)) throw new RuleError('measures', 'case_error_measures');
	const reportIds = (await db.selectFrom('case_report').select('report_id').where('case_id', '=', caseId).execute()).map((r) => r.report_id);
	if (reportIds.length === 0) throw new RuleError('measures', 'case_error_no_reporter');
	const facts = await reportFactsOfSchool(db, context.school.id, { ids: reportIds });
	const audiences = [...new Set(facts.map((f): OutcomeAudience => (f.reporterKind === 'pupil' ? 'pupil' : 'parent')))].sort();
	return audiences.map((audience) => ({ audience, text: outcomeMessage(measures, audience, locale) }));
}

/** Whether the actor may open cases at the school (the aanspreekpunt and the coordinator); NotFound otherwise. */
export async function requireCaseOpener(db: Db, actor: Actor | undefined, code: string): Promise<void> {
	await requireCaseSchool(db, actor, code, ['aanspreekpunt', 'coordinator']);
}

/**
 * Whether a change to this case must wait for the second factor again (a closed or old case, decision 0021). The
 * case page asks before every change, not only before showing the case: a session taken over must not be able to
 * write into an old file it cannot read. NotFound for anyone without need to know, as everywhere.
 */
export async function caseChangeNeedsStepUp(db: Db, actor: Actor | undefined, code: string, caseId: string, sessionId: string, now = new Date()): Promise<boolean> {
	const context = await requireCase(db, actor, code, caseId);
	return (await stepUpNeed(db, context.row, sessionId, now)).required;
}
