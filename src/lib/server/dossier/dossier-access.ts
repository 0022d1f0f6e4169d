/**
 * The access check every dossier service starts with: only the child's own guardians (parent accounts linked in
 * child_guardian) reach the child and everything under it. For anyone else a child, incident or attachment
 * answers NotFound, exactly like one that does not exist (SECURITY.md: another family's objects look absent).
 *
 * The same query reads the dossier's data key (decision 0015): a service gets the child with its name opened and
 * the key to seal and open everything else it writes or reads for this dossier.
 */
import type { Db } from '../db/connect';
import type { ChildRow, IncidentRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { NotFoundError } from '../errors';
import { isId } from '../auth/tokens';
import type { DataKey } from '../crypto/envelope';
import { dossierScope, openDataKey } from '../crypto/data-key.service';

// The dossier's services check ids from the address with the same rule as every other service.
export { isId };

/** A child row with its text opened, and the dossier's data key. */
export interface DossierChild extends ChildRow {
	key: DataKey;
}

/** Opens a child row read together with its wrapped data key. */
export function openChild(row: ChildRow & { wrapped: string | null }): DossierChild {
	const { wrapped, ...child } = row;
	// Every dossier has a key from the moment it is made (or from the upgrade at start-up): none is a fault.
	if (!wrapped) throw new Error(`The dossier ${child.id} has no data key`);
	const key = openDataKey(wrapped, dossierScope(child.id));
	return { ...child, birth_year: Number(child.birth_year), name: key.open(child.name), school_name: key.openOrNull(child.school_name), key };
}

export async function requireChild(db: Db, actor: Actor | undefined, childId: string): Promise<DossierChild> {
	requireRole(actor, ['parent']);
	if (!isId(childId)) throw new NotFoundError();
	const child = await db
		.selectFrom('child')
		.innerJoin('child_guardian', 'child_guardian.child_id', 'child.id')
		.leftJoin('data_key', (join) => join.on('data_key.scope', '=', dossierScope(childId)))
		.selectAll('child')
		.select('data_key.wrapped')
		.where('child.id', '=', childId)
		.where('child_guardian.user_id', '=', actor.userId)
		.executeTakeFirst();
	if (!child) throw new NotFoundError();
	return openChild(child);
}

export async function requireIncident(db: Db, actor: Actor | undefined, childId: string, incidentId: string): Promise<{ child: DossierChild; incident: IncidentRow }> {
	const child = await requireChild(db, actor, childId);
	if (!isId(incidentId)) throw new NotFoundError();
	const incident = await db.selectFrom('incident').selectAll().where('id', '=', incidentId).where('child_id', '=', child.id).executeTakeFirst();
	if (!incident) throw new NotFoundError();
	return { child, incident };
}
