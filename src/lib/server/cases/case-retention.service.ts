/**
 * Retention of closed cases (issue 11 item 10, decision 0023): a closed case goes, with its reports and their files,
 * once the school's period after closing is over (default two school years, src/lib/cases/retention.ts), unless it is
 * under a legal hold. The school's period, set here, is also that of its reports outside any case
 * (report-retention.service.ts, decision 0026). The job runs in housekeeping on every app server: each case is claimed
 * inside its own transaction by deleting it only while it is still closed and not held, so it is removed, journalled
 * and audited once.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { recordErasure, type ErasureEntry } from '../db/erasure-journal';
import { finishErasure } from '../dossier/data-rights.service';
import { ForbiddenError, NotFoundError, RuleError } from '../errors';
import { requireSchool } from '../schools/school-access';
import type { School } from '../db/schema';
import { eraseReportRows } from '../reports/report.service';
import { todayInNetherlands } from '../../i18n/locale';
import { DEFAULT_RETENTION_SCHOOL_YEARS, isRemovable, MAX_RETENTION_SCHOOL_YEARS, MIN_RETENTION_SCHOOL_YEARS } from '../../cases/retention';

/** Who sets the period: the coordinator of the policy and the school admin (no case content involved). */
const SETTERS = ['coordinator', 'school_admin'] as const;

/**
 * The access check of the retention page: any other role, at this school or another, answers NotFound like a school
 * that does not exist (the route admits every role, route-access.ts), so the page tells nobody else it is there.
 */
async function requireSetter(db: Db, actor: Actor | undefined, code: string): Promise<School> {
	try {
		return await requireSchool(db, actor, code, SETTERS);
	} catch (error) {
		if (error instanceof ForbiddenError) throw new NotFoundError();
		throw error;
	}
}

export interface RetentionSetting {
	school: { name: string; code: string };
	/** The school's period, or the default when it never set one. */
	schoolYears: number;
}

export async function getRetention(db: Db, actor: Actor | undefined, code: string): Promise<RetentionSetting> {
	const school = await requireSetter(db, actor, code);
	const row = await db.selectFrom('case_retention').select('school_years').where('school_id', '=', school.id).executeTakeFirst();
	return { school: { name: school.name, code: school.vestigingscode }, schoolYears: row ? Number(row.school_years) : DEFAULT_RETENTION_SCHOOL_YEARS };
}

export async function setRetention(db: Db, actor: Actor | undefined, code: string, schoolYears: number): Promise<void> {
	const school = await requireSetter(db, actor, code);
	if (!Number.isInteger(schoolYears) || schoolYears < MIN_RETENTION_SCHOOL_YEARS || schoolYears > MAX_RETENTION_SCHOOL_YEARS) throw new RuleError('schoolYears', 'case_error_retention_years');
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('case_retention')
			.values({ school_id: school.id, school_years: schoolYears, updated_at: nowIso() })
			.onConflict((oc) => oc.column('school_id').doUpdateSet({ school_years: schoolYears, updated_at: nowIso() }))
			.execute();
		await recordAudit(trx, { actorUserId: actor!.userId, action: 'case.retention.set', subjectType: 'school', subjectId: school.id, detail: { schoolYears } });
	});
}

/** Deletes a case with its reports (and all below them by the cascade); returns the reports' file keys. */
async function eraseCaseRows(db: Db, caseId: string): Promise<string[]> {
	const reports = await db.selectFrom('case_report').select('report_id').where('case_id', '=', caseId).execute();
	const fileKeys = await eraseReportRows(
		db,
		reports.map((r) => r.report_id)
	);
	await db.deleteFrom('case').where('id', '=', caseId).execute();
	return fileKeys;
}

/** Removes every closed case whose period is over; returns how many this call removed. */
export async function runCaseRetention(db: Db, now = new Date()): Promise<number> {
	const today = todayInNetherlands(now);
	const candidates = await db
		.selectFrom('case')
		.leftJoin('case_retention', 'case_retention.school_id', 'case.school_id')
		.select(['case.id', 'case.closed_on', 'case_retention.school_years'])
		.where('case.state', '=', 'closed')
		.where('case.legal_hold', '=', 0)
		.where('case.closed_on', 'is not', null)
		.execute();
	let removed = 0;
	for (const candidate of candidates) {
		const years = candidate.school_years === null ? DEFAULT_RETENTION_SCHOOL_YEARS : Number(candidate.school_years);
		if (!isRemovable(candidate.closed_on!, years, today)) continue;
		const fileKeys = await db.transaction().execute(async (trx) => {
			const reports = (await trx.selectFrom('case_report').select('report_id').where('case_id', '=', candidate.id).execute()).map((r) => r.report_id);
			// The claim is the delete itself: only while still closed and not held (a reopening or a hold since the
			// list was read wins), and only one app server's delete finds the row.
			const claimed = await trx.deleteFrom('case').where('id', '=', candidate.id).where('state', '=', 'closed').where('legal_hold', '=', 0).executeTakeFirst();
			if (Number(claimed.numDeletedRows) !== 1) return undefined;
			recordErasure('case', candidate.id, undefined, now);
			const keys = await eraseReportRows(trx, reports);
			await recordAudit(trx, { actorUserId: null, action: 'case.retention.delete', subjectType: 'case', subjectId: candidate.id, detail: { reports: reports.length, files: keys.length, schoolYears: years } }, now);
			return keys;
		});
		if (!fileKeys) continue;
		await finishErasure(db, fileKeys);
		removed++;
	}
	return removed;
}

/** At restore: cases removed after the backup was made are removed again (decision 0014). Returns the file keys. */
export async function replayCaseErasures(db: Db, entries: readonly ErasureEntry[]): Promise<{ fileKeys: string[]; cases: number }> {
	const fileKeys: string[] = [];
	let cases = 0;
	for (const entry of entries) {
		if (entry.kind !== 'case') continue;
		if (!(await db.selectFrom('case').select('id').where('id', '=', entry.id).executeTakeFirst())) continue;
		fileKeys.push(...(await eraseCaseRows(db, entry.id)));
		cases++;
	}
	return { fileKeys, cases };
}
