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
