import type { Db } from '../db/connect';
import type { NewUser, User } from '../db/schema';
import type { Role } from '../../auth/roles';

export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<User | undefined> {
	return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<void> {
	await db.insertInto('app_user').values(user).execute();
}

export async function updateUser(db: Db, id: string, changes: Partial<Omit<User, 'id' | 'created_at'>>): Promise<void> {
	await db.updateTable('app_user').set(changes).where('id', '=', id).execute();
}

export interface RoleRow {
	role: Role;
	school_id: string | null;
	board_id: string | null;
}

export async function findRoles(db: Db, userId: string): Promise<RoleRow[]> {
	const rows = await db
		.selectFrom('role_assignment')
		.select(['role', 'school_id', 'board_id'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return rows as RoleRow[];
}

export async function insertRole(db: Db, row: { id: string; user_id: string; role: Role; school_id: string | null; board_id: string | null; created_at: string }): Promise<void> {
	await db.insertInto('role_assignment').values(row).execute();
}

/** Someone to write to: an account's address, name and language. */
export interface MailRecipient {
	userId: string;
	email: string;
	name: string;
	locale: string;
}

/** The accounts holding one of these roles at a school (for notifications; never for access decisions). */
export async function findRecipientsWithRoleAt(db: Db, schoolId: string, roles: readonly Role[]): Promise<MailRecipient[]> {
	const rows = await db
		.selectFrom('role_assignment')
		.innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
		.select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.locale'])
		.distinct()
		.where('role_assignment.school_id', '=', schoolId)
		.where('role_assignment.role', 'in', roles)
		.orderBy('app_user.id')
		.execute();
	return rows.map((row) => ({ userId: row.id, email: row.email, name: row.display_name, locale: row.locale }));
}

/** Accounts by id, for notifications. */
export async function findRecipients(db: Db, userIds: readonly string[]): Promise<MailRecipient[]> {
	if (userIds.length === 0) return [];
	const rows = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'locale']).where('id', 'in', [...new Set(userIds)]).orderBy('id').execute();
	return rows.map((row) => ({ userId: row.id, email: row.email, name: row.display_name, locale: row.locale }));
}
