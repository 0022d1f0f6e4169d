/**
 * The audit log: append-only and hash-chained, so a changed or removed event breaks the chain (SECURITY.md).
 * Call recordAudit inside the transaction of the change it describes, so both land or neither does.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/connect';
import type { ExpressionBuilder } from 'kysely';
import type { AuditEvent, Database } from '../db/schema';
import { newId, nowIso } from '../auth/tokens';

export interface AuditInput {
	actorUserId: string | null;
	action: string;
	subjectType: string;
	subjectId: string;
	/** What changed. Never names of children, report text or other personal content. */
	detail: Record<string, unknown>;
}

function eventHash(prevHash: string, event: Omit<AuditEvent, 'hash' | 'prev_hash'>): string {
	const canonical = JSON.stringify([event.seq, event.id, event.actor_user_id, event.action, event.subject_type, event.subject_id, event.detail, event.created_at]);
	return crypto.createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

export async function recordAudit(db: Db, input: AuditInput, now = new Date()): Promise<AuditEvent> {
	// Moving the head first takes its row lock (PostgreSQL) or the write lock (SQLite): appends queue up in order.
	const head = await db
		.updateTable('audit_chain_head')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where('id', '=', 1)
		.returning(['seq', 'hash'])
		.executeTakeFirstOrThrow();
	const base = {
		id: newId(),
		seq: Number(head.seq),
		actor_user_id: input.actorUserId,
		action: input.action,
		subject_type: input.subjectType,
		subject_id: input.subjectId,
		detail: JSON.stringify(input.detail),
		created_at: nowIso(now)
	};
	const event: AuditEvent = { ...base, prev_hash: head.hash, hash: eventHash(head.hash, base) };
	await db.insertInto('audit_event').values(event).execute();
	await db.updateTable('audit_chain_head').set({ hash: event.hash }).where('id', '=', 1).execute();
	return event;
}

/** Walks the whole chain; returns the first sequence number whose event was changed, removed or reordered. */
export async function verifyAuditChain(db: Db): Promise<{ ok: true } | { ok: false; brokenAt: number }> {
	const events = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
	let prev = '0'.repeat(64);
	let expectedSeq = 1;
	for (const event of events) {
		const { hash, prev_hash, ...rest } = event;
		if (Number(event.seq) !== expectedSeq || prev_hash !== prev || eventHash(prev, { ...rest, seq: Number(rest.seq) }) !== hash) {
			return { ok: false, brokenAt: expectedSeq };
		}
		prev = hash;
		expectedSeq++;
	}
	const head = await db.selectFrom('audit_chain_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
	if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prev) return { ok: false, brokenAt: expectedSeq };
	return { ok: true };
}

export function listAuditEventsFor(db: Db, subjectType: string, subjectId: string): Promise<AuditEvent[]> {
	return db.selectFrom('audit_event').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('seq', 'desc').execute();
}

export interface AuditPage {
	events: (AuditEvent & { actor_name: string | null })[];
	page: number;
	pages: number;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The events about these subjects, newest first, a page at a time, with the actor's name (for a school's log: its
 * reports, cases and the school itself). The caller decides which subjects a reader may see.
 */
export async function listAuditEventsOfSubjects(db: Db, subjects: readonly { type: string; ids: readonly string[] }[], page = 1): Promise<AuditPage> {
	const wanted = subjects.filter((s) => s.ids.length > 0);
	if (wanted.length === 0) return { events: [], page: 1, pages: 1 };
	const where = (eb: ExpressionBuilder<Database, 'audit_event'>) =>
		eb.or(wanted.map((s) => eb.and([eb('audit_event.subject_type', '=', s.type), eb('audit_event.subject_id', 'in', [...s.ids])])));
	const total = Number((await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number | string>().as('n')).where(where).executeTakeFirstOrThrow()).n);
	const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
	const current = Math.min(Math.max(1, Math.floor(page)), pages);
	const events = await db
		.selectFrom('audit_event')
		.leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
		.selectAll('audit_event')
		.select('app_user.display_name as actor_name')
		.where((eb) => where(eb as unknown as ExpressionBuilder<Database, 'audit_event'>))
		.orderBy('audit_event.seq', 'desc')
		.limit(AUDIT_PAGE_SIZE)
		.offset((current - 1) * AUDIT_PAGE_SIZE)
		.execute();
	return { events: events as AuditPage['events'], page: current, pages };
}
