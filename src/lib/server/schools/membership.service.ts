/**
 * The schools and boards a staff account works for, with its roles there.
 * Issue 4 adds the registry, profiles and invitations on top of these tables.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { boardIdsFor, requireRole, schoolIdsFor } from '../auth/actor';
import { SCHOOL_ROLES, isSchoolRole, type SchoolRole } from '../../auth/roles';
import { requireSchool } from './school-access';

export interface MySchool {
	id: string;
	name: string;
	place: string;
	vestigingscode: string;
	roles: SchoolRole[];
}

export async function listMySchools(db: Db, actor: Actor | undefined): Promise<MySchool[]> {
	requireRole(actor, SCHOOL_ROLES);
	const ids = schoolIdsFor(actor, SCHOOL_ROLES);
	if (ids.length === 0) return [];
	const schools = await db.selectFrom('school').select(['id', 'name', 'place', 'vestigingscode']).where('id', 'in', ids).orderBy('name').execute();
	return schools.map((s) => ({
		...s,
		roles: actor.roles.filter((r) => r.school_id === s.id && isSchoolRole(r.role)).map((r) => r.role as SchoolRole)
	}));
}

export interface MyBoard {
	id: string;
	name: string;
	schools: { id: string; name: string; place: string; vestigingscode: string }[];
}

export async function listMyBoards(db: Db, actor: Actor | undefined): Promise<MyBoard[]> {
	requireRole(actor, ['board_analyst']);
	const ids = boardIdsFor(actor, ['board_analyst']);
	if (ids.length === 0) return [];
	const boards = await db.selectFrom('board').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
	const schools = await db
		.selectFrom('school')
		.select(['id', 'name', 'place', 'vestigingscode', 'board_id'])
		.where('board_id', 'in', ids)
		.orderBy('name')
		.execute();
	return boards.map((b) => ({ ...b, schools: schools.filter((s) => s.board_id === b.id).map(({ board_id: _, ...s }) => s) }));
}

export interface RoleDescription {
	role: string;
	place: string | undefined;
}

/** The account's roles with the name of the school or board they belong to, for the account page. */
export async function describeRoles(db: Db, actor: Actor): Promise<RoleDescription[]> {
	const schoolIds = actor.roles.map((r) => r.school_id).filter((id): id is string => id !== null);
	const boardIds = actor.roles.map((r) => r.board_id).filter((id): id is string => id !== null);
	const schools = schoolIds.length ? await db.selectFrom('school').select(['id', 'name']).where('id', 'in', schoolIds).execute() : [];
	const boards = boardIds.length ? await db.selectFrom('board').select(['id', 'name']).where('id', 'in', boardIds).execute() : [];
	return actor.roles.map((r) => ({
		role: r.role,
		place: schools.find((s) => s.id === r.school_id)?.name ?? boards.find((b) => b.id === r.board_id)?.name
	}));
}

/** One school as a staff member or its board sees it: the school and the actor's roles there. */
export async function getMySchool(db: Db, actor: Actor | undefined, code: string): Promise<MySchool & { isAdmin: boolean }> {
	const school = await requireSchool(db, actor, code, [...SCHOOL_ROLES, 'board_analyst']);
	const roles = actor!.roles.filter((r) => r.school_id === school.id && isSchoolRole(r.role)).map((r) => r.role as SchoolRole);
	return { id: school.id, name: school.name, place: school.place, vestigingscode: school.vestigingscode, roles, isAdmin: roles.includes('school_admin') };
}
