/**
 * Retention of reports that never became a case (issue 11 item 10, decision 0026): such a report goes, with its
 * messages, shared items and files, once its school's period (the one for closed cases, case-retention.service.ts) is
 * over after the last day something happened to it (reportLastActivity, src/lib/cases/retention.ts). A report in a
 * case goes with its case instead. Like the cases' job it runs in housekeeping on every app server, and each report is
 * claimed by the delete itself inside its own transaction, so it is removed, journalled and audited once.
 */
import type { Db } from '../db/connect';
import { recordAudit } from '../audit/audit.service';
import { recordErasure } from '../db/erasure-journal';
import { finishErasure } from '../dossier/data-rights.service';
import { eraseIdleReport, lockReport, reportsIdleBefore } from '../reports/report.service';
import { todayInNetherlands } from '../../i18n/locale';
import { DEFAULT_RETENTION_SCHOOL_YEARS, isRemovable, keptSince, MIN_RETENTION_SCHOOL_YEARS, reportLastActivity } from '../../cases/retention';

/** Each school's period, for the schools that set one (the others keep the default). */
async function periodsOfSchools(db: Db): Promise<Map<string, number>> {
	const rows = await db.selectFrom('case_retention').select(['school_id', 'school_years']).execute();
	return new Map(rows.map((r) => [r.school_id, Number(r.school_years)]));
}

/** Which of these reports a case took in (read in slices, well under any database's limit on parameters). */
async function reportsInCases(db: Db, reportIds: readonly string[]): Promise<Set<string>> {
	const inCases = new Set<string>();
	for (let start = 0; start < reportIds.length; start += 500) {
		const slice = reportIds.slice(start, start + 500);
		for (const row of await db.selectFrom('case_report').select('report_id').where('report_id', 'in', slice).execute()) inCases.add(row.report_id);
	}
	return inCases;
}

/**
 * Removes one report outside any case whose period is over, if it still is when its transaction holds it: the
 * report's row is locked first, then it must be in no case, and the delete itself re-checks that nothing happened to
 * it since `keptSince` (a case, a message, a share or an acknowledgement since the list was read wins). Of two app
 * servers only one delete finds the row, and only that one journals and audits. True when this call removed it.
 */
export async function removeIdleReport(db: Db, report: { id: string; schoolId: string }, schoolYears: number, now = new Date()): Promise<boolean> {
	const since = keptSince(todayInNetherlands(now), schoolYears);
	const fileKeys = await db.transaction().execute(async (trx) => {
		if (!(await lockReport(trx, report.id))) return undefined;
		if (await trx.selectFrom('case_report').select('case_id').where('report_id', '=', report.id).executeTakeFirst()) return undefined;
		const keys = await eraseIdleReport(trx, report.id, since);
		if (!keys) return undefined;
		recordErasure('report', report.id, undefined, now);
		// No day of the report in the event: its time is the removal's, which says only that the period was over.
		await recordAudit(trx, { actorUserId: null, action: 'report.retention.delete', subjectType: 'report', subjectId: report.id, detail: { schoolId: report.schoolId, files: keys.length, schoolYears } }, now);
		return keys;
	});
	if (!fileKeys) return false;
	await finishErasure(db, fileKeys);
	return true;
}

/**
 * Removes every report that is in no case and to which nothing has happened for the school's period (decision 0026);
 * returns how many this call removed. A report in a case goes with its case (runCaseRetention).
 */
export async function runReportRetention(db: Db, now = new Date()): Promise<number> {
	const today = todayInNetherlands(now);
	// The shortest period reaches back least: a report active since then is within every school's period.
	const idle = await reportsIdleBefore(db, keptSince(today, MIN_RETENTION_SCHOOL_YEARS));
	if (idle.length === 0) return 0;
	const [periods, inCases] = await Promise.all([periodsOfSchools(db), reportsInCases(db, idle.map((r) => r.id))]);
	let removed = 0;
	for (const report of idle) {
		if (inCases.has(report.id)) continue;
		const schoolYears = periods.get(report.schoolId) ?? DEFAULT_RETENTION_SCHOOL_YEARS;
		if (!isRemovable(reportLastActivity(report), schoolYears, today)) continue;
		if (await removeIdleReport(db, report, schoolYears, now)) removed++;
	}
	return removed;
}
