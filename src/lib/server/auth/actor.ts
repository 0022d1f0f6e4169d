/**
 * Who is asking: the signed-in user with their roles. Services take an Actor and check access first.
 */
import type { Role } from '../../auth/roles';
import { requiresSecondFactor } from '../../auth/roles';
import type { Locale } from '../../i18n/locale';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { RoleRow } from './user.repository';

export interface Actor {
	userId: string;
	email: string;
	displayName: string;
	locale: Locale;
	secondFactorEnabled: boolean;
	roles: readonly RoleRow[];
}

export function hasRole(actor: Actor, role: Role): boolean {
	return actor.roles.some((r) => r.role === role);
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
	return actor.roles.some((r) => roles.includes(r.role));
}

/** A staff role (school, board, platform) must have a second factor before it sees anything. */
export function mustSetUpSecondFactor(actor: Actor): boolean {
	return !actor.secondFactorEnabled && actor.roles.some((r) => requiresSecondFactor(r.role));
}

/** Guards a service function: the actor is signed in and holds one of the roles. */
export function requireRole(actor: Actor | undefined, roles: readonly Role[]): asserts actor is Actor {
	if (!actor) throw new UnauthenticatedError();
	if (!hasAnyRole(actor, roles)) throw new ForbiddenError();
	if (mustSetUpSecondFactor(actor)) throw new ForbiddenError();
}

/** The schools where the actor holds one of the roles. */
export function schoolIdsFor(actor: Actor, roles: readonly Role[]): string[] {
	return [...new Set(actor.roles.filter((r) => roles.includes(r.role) && r.school_id).map((r) => r.school_id as string))];
}

export function boardIdsFor(actor: Actor, roles: readonly Role[]): string[] {
	return [...new Set(actor.roles.filter((r) => roles.includes(r.role) && r.board_id).map((r) => r.board_id as string))];
}
