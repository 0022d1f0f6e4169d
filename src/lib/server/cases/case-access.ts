/**
 * The access check every case service function starts with (issue 11, item 8; decision 0021): need to know. Only the
 * case's handlers and the school's coordinator reach a case. Everyone else — the school admin, the board analyst,
 * staff of the school who do not handle this case, staff of another school — gets NotFound, exactly like a case that
 * does not exist, so no answer tells whether a case is there.
 */
import type { Db } from '../db/connect';
import type { CaseRow, School } from '../db/schema';
import type { Actor } from '../auth/actor';
import { mustSetUpSecondFactor } from '../auth/actor';
import { isId } from '../auth/tokens';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { normaliseSchoolCode } from '../schools/school-registry.service';
import { ensureDataKey, openDataKey, schoolScope } from '../crypto/data-key.service';
import type { DataKey } from '../crypto/envelope';
import { mayReadCase, type HandlerRole, type Reader } from '../../cases/case-roles';
import { isSchoolRole, type SchoolRole } from '../../auth/roles';

/** The school, the actor's roles there, and the school's data key. */
export interface CaseSchool {
	school: School;
	roles: SchoolRole[];
	key: DataKey;
}

export interface CaseContext extends CaseSchool {
	row: CaseRow;
	handlers: { userId: string; role: HandlerRole }[];
	reader: Extract<Reader, { kind: 'staff' }>;
}

/**
 * The school of the address, for an actor with one of `roles` there (any school role when omitted). A school where the
 * actor holds none answers NotFound, like one that does not exist; a board or platform role gives nothing here.
 */
export async function requireCaseSchool(db: Db, actor: Actor | undefined, code: string, roles?: readonly SchoolRole[]): Promise<CaseSchool & { actor: Actor }> {
	if (!actor) throw new UnauthenticatedError();
	if (mustSetUpSecondFactor(actor)) throw new ForbiddenError();
	const normalised = normaliseSchoolCode(code);
	const school = normalised ? await db.selectFrom('school').selectAll().where('vestigingscode', '=', normalised).executeTakeFirst() : undefined;
	if (!school) throw new NotFoundError();
	const held = schoolRolesOf(actor, school.id);
	if (held.length === 0 || (roles && !held.some((role) => roles.includes(role)))) throw new NotFoundError();
	return { actor, school, roles: held, key: await caseKey(db, schoolScope(school.id)) };
}

export function schoolRolesOf(actor: Actor, schoolId: string): SchoolRole[] {
	return [...new Set(actor.roles.filter((r) => r.school_id === schoolId && isSchoolRole(r.role)).map((r) => r.role as SchoolRole))];
}

/** The case, for a reader with need to know; NotFound for anyone else and for a case of another school. */
export async function requireCase(db: Db, actor: Actor | undefined, code: string, caseId: string): Promise<CaseContext & { actor: Actor }> {
	const context = await requireCaseSchool(db, actor, code);
	if (!isId(caseId)) throw new NotFoundError();
	const row = await db.selectFrom('case').selectAll().where('id', '=', caseId).where('school_id', '=', context.school.id).executeTakeFirst();
	if (!row) throw new NotFoundError();
	const handlers = (await db.selectFrom('case_handler').select(['user_id', 'role']).where('case_id', '=', row.id).orderBy('assigned_on').orderBy('role').execute()).map((h) => ({
		userId: h.user_id,
		role: h.role
	}));
	const reader = { kind: 'staff' as const, userId: context.actor.userId, roles: context.roles, isCaseHandler: handlers.some((h) => h.userId === context.actor.userId) };
	if (!mayReadCase(reader)) throw new NotFoundError();
	return { ...context, row, handlers, reader };
}

/** The scope of a vertrouwenspersoon's own key for confidential notes at one school (decision 0021). */
export function confidentialScope(schoolId: string, userId: string): string {
	return `${schoolScope(schoolId)}:confidential:${userId}`;
}

/**
 * The data key of a scope, made on first use. Reading first: ensureDataKey always writes (an insert that does
 * nothing when the key exists), which on every case page would be one more commit, and with synchronous=FULL one more
 * fsync, before the view's audit event.
 */
export async function caseKey(db: Db, scope: string): Promise<DataKey> {
	const row = await db.selectFrom('data_key').select('wrapped').where('scope', '=', scope).executeTakeFirst();
	return row ? openDataKey(row.wrapped, scope) : ensureDataKey(db, scope);
}
