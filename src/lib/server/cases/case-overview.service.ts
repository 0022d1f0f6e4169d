/**
 * The coordinator's overview (issue 11, item 9): open cases, overdue actions, the median days to acknowledge a report
 * and to close a case, and hotspots over the school year by place, time of day, form and motive. Aggregates only:
 * no names, no text, no case ids, and no hotspot count under the threshold (hotspots.ts, at least 5) — with
 * complementary suppression, so a hidden count cannot be worked out from the totals.
 *
 * Hotspots count cases, not reports: three reports of one fight are one situation at one place, and counting them
 * three times would make a hotspot out of one event. The place and time of day are the case's codes (reports hold
 * place as sealed free text and no time of day); forms and motives are the union of its reports' and the handler's.
 */
import { inTransaction, type Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import { reportFactsOfSchool } from '../reports/report.service';
import { requireCaseSchool } from './case-access';
import { countBy, crossTab, type CrossTable, type OneWayTable, type ReportCategories } from '../../cases/hotspots';
import { PLACES, TIMES_OF_DAY } from '../../cases/case-categories';
import { CASE_STATES, type CaseState } from '../../cases/case-state';
import { BULLYING_FORMS } from '../../dossier/dossier';
import { MOTIVES } from '../../reports/report-form';
import { schoolYearOf } from '../../schools/legal-duties';
import { todayInNetherlands } from '../../i18n/locale';

export interface CaseOverview {
	schoolYear: string;
	/** Cases not closed, per state (all school years: an open case from last year is still open). */
	openCases: Record<Exclude<CaseState, 'closed'>, number>;
	overdueActions: number;
	/** Calendar days from receipt to the school's first reply, over the school year's reports; null without any. */
	daysToAcknowledge: { median: number | null; reports: number };
	/** Calendar days from opening to closing, over the cases closed in the school year. */
	daysToClose: { median: number | null; cases: number };
	hotspots: {
		place: OneWayTable;
		timeOfDay: OneWayTable;
		form: OneWayTable;
		motive: OneWayTable;
		placeByTimeOfDay: CrossTable;
	};
}

const DIMENSIONS = {
	place: { dimension: 'place', categories: PLACES },
	timeOfDay: { dimension: 'timeOfDay', categories: TIMES_OF_DAY },
	form: { dimension: 'form', categories: BULLYING_FORMS },
	motive: { dimension: 'motive', categories: MOTIVES }
} as const;

function days(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The overview of the school year of `today` (or of the year given, '2025-2026'); the school's coordinator only. */
export async function getCaseOverview(db: Db, actor: Actor | undefined, code: string, options: { schoolYear?: string; threshold?: number } = {}, now = new Date()): Promise<CaseOverview> {
	const { actor: a, school } = await requireCaseSchool(db, actor, code, ['coordinator']);
	const today = todayInNetherlands(now);
	const year = options.schoolYear && /^\d{4}-\d{4}$/.test(options.schoolYear) ? schoolYearOf(`${options.schoolYear.slice(0, 4)}-08-01`) : schoolYearOf(today);

	const open = await db.selectFrom('case').select(['state']).select((eb) => eb.fn.countAll<number | string>().as('n')).where('school_id', '=', school.id).where('state', '!=', 'closed').groupBy('state').execute();
	const openCases = Object.fromEntries(CASE_STATES.filter((s) => s !== 'closed').map((s) => [s, 0])) as CaseOverview['openCases'];
	for (const row of open) if (row.state !== 'closed') openCases[row.state] = Number(row.n);

	const overdue = await db
		.selectFrom('case_action')
		.innerJoin('case', 'case.id', 'case_action.case_id')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('case.school_id', '=', school.id)
		.where('case.state', '!=', 'closed')
		.where('case_action.done_on', 'is', null)
		.where('case_action.due_on', '<', today)
		.executeTakeFirst();

	const reports = await reportFactsOfSchool(db, school.id, { receivedFrom: year.start, receivedTo: year.end });
	const acknowledged = reports.filter((r) => r.acknowledgedOn !== null).map((r) => days(r.receivedOn, r.acknowledgedOn!));

	const cases = await db.selectFrom('case').select(['opened_on', 'closed_on', 'place', 'time_of_day', 'forms', 'motives']).where('school_id', '=', school.id).where('school_year', '=', year.label).execute();
	const closedInYear = await db
		.selectFrom('case')
		.select(['opened_on', 'closed_on'])
		.where('school_id', '=', school.id)
		.where('state', '=', 'closed')
		.where('closed_on', '>=', year.start)
		.where('closed_on', '<=', year.end)
		.execute();
	const categories: ReportCategories[] = cases.map((c) => ({
		place: c.place ? [c.place] : [],
		timeOfDay: c.time_of_day ? [c.time_of_day] : [],
		form: JSON.parse(c.forms) as string[],
		motive: JSON.parse(c.motives) as string[]
	}));
	const suppression = { threshold: options.threshold };

	const overview: CaseOverview = {
		schoolYear: year.label,
		openCases,
		overdueActions: Number(overdue?.n ?? 0),
		daysToAcknowledge: { median: median(acknowledged), reports: acknowledged.length },
		daysToClose: { median: median(closedInYear.map((c) => days(c.opened_on, c.closed_on!))), cases: closedInYear.length },
		hotspots: {
			place: countBy(categories, DIMENSIONS.place, suppression),
			timeOfDay: countBy(categories, DIMENSIONS.timeOfDay, suppression),
			form: countBy(categories, DIMENSIONS.form, suppression),
			motive: countBy(categories, DIMENSIONS.motive, suppression),
			placeByTimeOfDay: crossTab(categories, DIMENSIONS.place, DIMENSIONS.timeOfDay, suppression)
		}
	};
	await inTransaction(db, (trx) => recordAudit(trx, { actorUserId: a.userId, action: 'case.overview.view', subjectType: 'school', subjectId: school.id, detail: { schoolYear: year.label } }));
	return overview;
}
