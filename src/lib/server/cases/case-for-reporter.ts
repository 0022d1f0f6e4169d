/**
 * What the reporter learns of the case that handles their report (issue 11 item 7): whether the school handles it and
 * since when, when it closed, and the agreements the school made with *them*. Nothing else of the case: no handlers,
 * no other pupils, no notes, no other agreements. The caller has already admitted the reporter to the report (the
 * receipt code, or the dossier of the child), so this takes a report id and checks nothing itself.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { listDossierReports, type DossierReportSummary } from '../reports/dossier-report.service';
import { caseKey } from './case-access';
import { schoolScope } from '../crypto/data-key.service';
import { todayInNetherlands } from '../../i18n/locale';

export interface ReporterAgreement {
	id: string;
	text: string;
	dueOn: string;
	doneOn: string | null;
	/** Past its day and not done. */
	overdue: boolean;
}

export interface ReporterCaseView {
	/** Open (in whichever state) or closed: the finer states are the school's working terms. */
	open: boolean;
	openedOn: string;
	closedOn: string | null;
	/** The school closed it while its own evaluation says the bullying did not (fully) stop: the step plan's cue. */
	closedWhileGoingOn: boolean;
	agreements: ReporterAgreement[];
}

/** The case of each of these reports (the reports of one child, say), for their reporter; reports in no case are absent. */
export async function casesForReporter(db: Db, reportIds: readonly string[], now = new Date()): Promise<Map<string, ReporterCaseView>> {
	if (reportIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('case_report')
		.innerJoin('case', 'case.id', 'case_report.case_id')
		.select(['case_report.report_id', 'case.id', 'case.school_id', 'case.state', 'case.opened_on', 'case.closed_on', 'case.evaluation_stopped'])
		.where('case_report.report_id', 'in', [...reportIds])
		.execute();
	const agreements =
		rows.length === 0
			? []
			: await db
					.selectFrom('case_action')
					.select(['id', 'case_id', 'reporter_report_id', 'text', 'due_on', 'done_on'])
					.where('kind', '=', 'agreement')
					.where('reporter_report_id', 'in', [...reportIds])
					.orderBy('due_on')
					.orderBy('id')
					.execute();
	const today = todayInNetherlands(now);
	const views = new Map<string, ReporterCaseView>();
	for (const row of rows) {
		const key = await caseKey(db, schoolScope(row.school_id));
		const closed = row.state === 'closed';
		views.set(row.report_id, {
			open: !closed,
			openedOn: row.opened_on,
			closedOn: closed ? row.closed_on : null,
			closedWhileGoingOn: closed && (row.evaluation_stopped === 'no' || row.evaluation_stopped === 'partly'),
			// An agreement of this case with this reporter; one of a case the report has left is not theirs to see.
			agreements: agreements
				.filter((a) => a.reporter_report_id === row.report_id && a.case_id === row.id)
				.map((a) => ({ id: a.id, text: key.open(a.text), dueOn: a.due_on, doneOn: a.done_on, overdue: a.done_on === null && a.due_on < today }))
		});
	}
	return views;
}

export interface DossierReportHandling extends DossierReportSummary {
	/** Absent while the report is in no case. */
	handling?: ReporterCaseView;
}

/**
 * The reports of a child's dossier with what their school does with them, for the child's guardians (the reports
 * service admits them, and only them). Feeds the dossier page, its agreements from school and the step plan.
 */
export async function schoolHandlingOfChild(db: Db, actor: Actor | undefined, childId: string, now = new Date()): Promise<DossierReportHandling[]> {
	const reports = await listDossierReports(db, actor, childId);
	const cases = await casesForReporter(
		db,
		reports.map((r) => r.id),
		now
	);
	return reports.map((report) => {
		const handling = cases.get(report.id);
		return handling ? { ...report, handling } : report;
	});
}
