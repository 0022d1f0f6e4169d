/**
 * A signed-up account with roles, as an Actor, for service tests: verified, with the second factor set up (staff
 * need it), and a password nobody types. One helper instead of one per test file.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { newId, nowIso } from '../auth/tokens';
import type { Role } from '../../auth/roles';

export interface TestRole {
	role: Role;
	school?: string | null;
	board?: string | null;
}

export async function createTestAccount(db: Db, email: string, roles: readonly TestRole[], options: { name?: string; secondFactor?: boolean } = {}): Promise<Actor> {
	const user = await createVerifiedUser(db, { email, password: 'paarse olifant danst', displayName: options.name ?? email.split('@')[0]!, locale: 'nl' });
	if (options.secondFactor ?? true) await updateUser(db, user.id, { totp_enabled_at: nowIso() });
	for (const r of roles) await insertRole(db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: r.board ?? null, created_at: nowIso() });
	return loadActor(db, (await findUserById(db, user.id))!);
}
