/**
 * A school's audit log for its coordinator (issue 11 item 8): every view, export and change of the school's reports
 * and cases and of the school itself — who, what, when, never content — and a check of the whole hash chain.
 * Reading the log is itself on the log.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { requireSchool } from '../schools/school-access';
import { caseIdsOfSchool } from '../cases/case.service';
import { reportIdsOfSchool } from '../reports/report.service';
import { listAuditEventsOfSubjects, recordAudit, verifyAuditChain, type AuditPage } from './audit.service';

const READERS = ['coordinator'] as const;

export interface SchoolLogEntry {
	seq: number;
	at: string;
	actorName: string | null;
	action: string;
	subjectType: string;
}

export async function getSchoolLog(db: Db, actor: Actor | undefined, code: string, page = 1): Promise<{ school: { name: string; code: string }; entries: SchoolLogEntry[]; page: number; pages: number }> {
	const school = await requireSchool(db, actor, code, READERS);
	const [cases, reports] = await Promise.all([caseIdsOfSchool(db, school.id), reportIdsOfSchool(db, school.id)]);
	const result: AuditPage = await listAuditEventsOfSubjects(
		db,
		[
			{ type: 'school', ids: [school.id] },
			{ type: 'case', ids: cases },
			{ type: 'report', ids: reports }
		],
		page
	);
	await recordAudit(db, { actorUserId: actor!.userId, action: 'audit.view', subjectType: 'school', subjectId: school.id, detail: { page: result.page } });
	return {
		school: { name: school.name, code: school.vestigingscode },
		entries: result.events.map((e) => ({ seq: Number(e.seq), at: e.created_at, actorName: e.actor_name, action: e.action, subjectType: e.subject_type })),
		page: result.page,
		pages: result.pages
	};
}

/** Walks the whole chain (every school's events: one chain); true when nothing was changed, removed or reordered. */
export async function checkAuditChain(db: Db, actor: Actor | undefined, code: string): Promise<{ ok: true } | { ok: false; brokenAt: number }> {
	const school = await requireSchool(db, actor, code, READERS);
	const result = await verifyAuditChain(db);
	await recordAudit(db, { actorUserId: actor!.userId, action: 'audit.verify', subjectType: 'school', subjectId: school.id, detail: { ok: result.ok } });
	return result;
}
