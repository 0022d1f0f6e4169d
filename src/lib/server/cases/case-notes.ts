/**
 * Notes in a case (issue 11, item 6; decision 0021). Internal notes are for the case's handlers and the coordinator,
 * sealed under the school's key. Confidential notes of a vertrouwenspersoon are for their author alone and sealed
 * under a key of the author's own (scope `school:<id>:confidential:<userId>`): code that holds the school key —
 * search, exports, the overview, a future bug in a list — cannot open them, and they are never read for anyone but
 * their author, not even counted. Their chronology is not the case's either: no case_event, and the audit event says
 * only that the author wrote a note, never what.
 */
import { inTransaction, type Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { NotFoundError } from '../errors';
import { ensureDataKey } from '../crypto/data-key.service';
import { appendCaseEvent } from './case-events';
import { caseKey, confidentialScope, requireCase, type CaseContext } from './case-access';
import { checkCaseText } from './case-text';
import { mayRead, mayWrite } from '../../cases/case-roles';

export type NoteKind = 'internal_note' | 'confidential_note';

export interface CaseNoteView {
	id: string;
	kind: NoteKind;
	authorUserId: string;
	writtenAt: string;
	body: string;
}

/** Writes a note. A confidential note needs a vertrouwenspersoon handling the case; others get NotFound. */
export async function addNote(db: Db, actor: Actor | undefined, code: string, caseId: string, kind: NoteKind, body: string, now = new Date()): Promise<{ id: string }> {
	const context = await requireCase(db, actor, code, caseId);
	if (kind !== 'internal_note' && kind !== 'confidential_note') throw new NotFoundError();
	if (!mayWrite(kind, context.reader)) throw new NotFoundError();
	const text = checkCaseText('body', body)!;
	const key = kind === 'confidential_note' ? await ensureDataKey(db, confidentialScope(context.school.id, context.actor.userId)) : context.key;
	const id = newId();
	await inTransaction(db, async (trx) => {
		await trx.insertInto('case_note').values({ id, case_id: caseId, kind, author_user_id: context.actor.userId, written_at: nowIso(now), body: key.seal(text) }).execute();
		if (kind === 'internal_note') await appendCaseEvent(trx, caseId, { kind: 'internal_note_added', actorUserId: context.actor.userId }, now);
		await recordAudit(trx, { actorUserId: context.actor.userId, action: 'case.note.add', subjectType: 'case', subjectId: caseId, detail: { kind } });
	});
	return { id };
}

/**
 * The notes this reader may read: internal notes, and confidential notes the reader wrote. The query itself leaves
 * other people's confidential notes out, so their bodies are never read into memory for anyone else.
 */
export async function listReadableNotes(db: Db, context: CaseContext): Promise<CaseNoteView[]> {
	const { reader, row } = context;
	const rows = await db
		.selectFrom('case_note')
		.selectAll()
		.where('case_id', '=', row.id)
		.where((eb) => eb.or([eb('kind', '=', 'internal_note'), eb.and([eb('kind', '=', 'confidential_note'), eb('author_user_id', '=', reader.userId)])]))
		.orderBy('written_at')
		.orderBy('id')
		.execute();
	const own = rows.some((n) => n.kind === 'confidential_note') ? await caseKey(db, confidentialScope(row.school_id, reader.userId)) : undefined;
	return rows
		.filter((n) => mayRead({ kind: n.kind, authorId: n.author_user_id }, reader))
		.map((n) => ({ id: n.id, kind: n.kind, authorUserId: n.author_user_id, writtenAt: n.written_at, body: (n.kind === 'confidential_note' ? own! : context.key).open(n.body) }));
}
