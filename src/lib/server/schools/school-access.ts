/**
 * The access check every school service starts with: may this actor act on this school with one of these roles?
 * A school where the actor has no such role answers NotFound, exactly like a school that does not exist
 * (SECURITY.md: another school's objects look absent).
 */
import type { Db } from '../db/connect';
import type { School } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { NotFoundError } from '../errors';
import type { Role } from '../../auth/roles';
import { normaliseSchoolCode } from './school-registry.service';

export function mayActOnSchool(actor: Actor, school: Pick<School, 'id' | 'board_id'>, roles: readonly Role[]): boolean {
	return actor.roles.some(
		(r) =>
			roles.includes(r.role) &&
			(r.role === 'platform_admin' || (r.school_id !== null && r.school_id === school.id) || (r.role === 'board_analyst' && r.board_id !== null && r.board_id === school.board_id))
	);
}

export async function requireSchool(db: Db, actor: Actor | undefined, code: string, roles: readonly Role[]): Promise<School> {
	requireRole(actor, roles);
	const normalised = normaliseSchoolCode(code);
	const school = normalised ? await db.selectFrom('school').selectAll().where('vestigingscode', '=', normalised).executeTakeFirst() : undefined;
	if (!school || !mayActOnSchool(actor, school, roles)) throw new NotFoundError();
	return school;
}
