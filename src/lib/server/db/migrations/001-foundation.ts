import type { Kysely } from 'kysely';

/**
 * Accounts, sessions, roles, schools, mail outbox and rate limits.
 * Column types are the same on SQLite and PostgreSQL (docs/decisions/0003-one-schema-for-two-databases.md).
 */
// Migrations run against any schema version, so they see the database untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('app_user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('email_verified_at', 'text')
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('totp_secret', 'text')
		.addColumn('totp_enabled_at', 'text')
		// The last accepted TOTP time step: a code seen once is never accepted again.
		.addColumn('totp_last_step', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('recovery_code')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('recovery_code_user').on('recovery_code').column('user_id').execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('pending_second_factor', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user').on('session').column('user_id').execute();

	await db.schema
		.createTable('email_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('email_token_user').on('email_token').column('user_id').execute();

	await db.schema
		.createTable('board')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('school')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('vestigingscode', 'text', (c) => c.notNull().unique())
		.addColumn('instellingscode', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('postcode', 'text')
		.addColumn('sector', 'text', (c) => c.notNull())
		.addColumn('board_id', 'text', (c) => c.references('board.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('role_assignment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('school_id', 'text', (c) => c.references('school.id').onDelete('cascade'))
		.addColumn('board_id', 'text', (c) => c.references('board.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('role_assignment_user').on('role_assignment').column('user_id').execute();

	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('mail_outbox_created').on('mail_outbox').column('created_at').execute();

	await db.schema
		.createTable('rate_limit')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('window_started_at', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'rate_limit',
		'mail_outbox',
		'role_assignment',
		'school',
		'board',
		'email_token',
		'session',
		'recovery_code',
		'app_user'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
