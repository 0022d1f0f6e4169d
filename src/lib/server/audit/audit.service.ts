/**
 * The audit log: append-only and hash-chained, so a changed or removed event breaks the chain (SECURITY.md).
 * Call recordAudit inside the transaction of the change it describes, so both land or neither does.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/connect';
import type { AuditEvent } from '../db/schema';
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
