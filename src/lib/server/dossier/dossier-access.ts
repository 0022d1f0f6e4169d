/**
 * The access check every dossier service starts with: only the child's own guardians (parent accounts linked in
 * child_guardian) reach the child and everything under it. For anyone else a child, incident or attachment
 * answers NotFound, exactly like one that does not exist (SECURITY.md: another family's objects look absent).
 */
import type { Db } from '../db/connect';
import type { ChildRow, IncidentRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { NotFoundError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: string): boolean {
	return UUID.test(value);
}

export async function requireChild(db: Db, actor: Actor | undefined, childId: string): Promise<ChildRow> {
	requireRole(actor, ['parent']);
	if (!isId(childId)) throw new NotFoundError();
	const child = await db
		.selectFrom('child')
		.innerJoin('child_guardian', 'child_guardian.child_id', 'child.id')
		.selectAll('child')
		.where('child.id', '=', childId)
		.where('child_guardian.user_id', '=', actor.userId)
		.executeTakeFirst();
	if (!child) throw new NotFoundError();
	return { ...child, birth_year: Number(child.birth_year) };
}

export async function requireIncident(db: Db, actor: Actor | undefined, childId: string, incidentId: string): Promise<{ child: ChildRow; incident: IncidentRow }> {
	const child = await requireChild(db, actor, childId);
	if (!isId(incidentId)) throw new NotFoundError();
	const incident = await db.selectFrom('incident').selectAll().where('id', '=', incidentId).where('child_id', '=', child.id).executeTakeFirst();
	if (!incident) throw new NotFoundError();
	return { child, incident };
}
