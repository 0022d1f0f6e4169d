/**
 * The chronology of a case (case_event): append-only. There is no function here that changes or removes an event,
 * and the database refuses any UPDATE (migration 013). Events hold codes, people and times, never text.
 */
import type { Db } from '../db/connect';
import { newId, nowIso } from '../auth/tokens';

export const CASE_EVENT_KINDS = [
	'opened',
	'reports_linked',
	'classified',
	'state_changed',
	'handler_assigned',
	'handler_unassigned',
	'pupil_added',
	'action_added',
	'action_done',
	'internal_note_added',
	'outcome_sent',
	'legal_hold_set',
	'legal_hold_lifted'
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface CaseEventInput {
	kind: CaseEventKind;
	actorUserId: string;
	fromState?: string;
	toState?: string;
	/** A code (a reopen reason, an action kind), never free text. */
	reason?: string;
	subjectUserId?: string;
	role?: string;
}

/** Appends one event; call inside the transaction of the change it records. */
export async function appendCaseEvent(db: Db, caseId: string, event: CaseEventInput, now = new Date()): Promise<void> {
	const last = await db.selectFrom('case_event').select((eb) => eb.fn.max<number | string | null>('position').as('p')).where('case_id', '=', caseId).executeTakeFirst();
	// The unique (case_id, position) refuses a second event racing for the same place: that transaction fails whole.
	await db
		.insertInto('case_event')
		.values({
			id: newId(),
			case_id: caseId,
			position: Number(last?.p ?? 0) + 1,
			kind: event.kind,
			from_state: event.fromState ?? null,
			to_state: event.toState ?? null,
			reason: event.reason ?? null,
			subject_user_id: event.subjectUserId ?? null,
			role: event.role ?? null,
			actor_user_id: event.actorUserId,
			at: nowIso(now)
		})
		.execute();
}
