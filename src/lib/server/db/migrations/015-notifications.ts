import { sql, type Kysely } from 'kysely';

/**
 * Issue 11 item 11 (decision 0023): e-mails that say only that there is something new, with a link.
 *
 * notification_setting: per account, instant or a daily digest (no row: instant).
 * notification_pending: what waits for the next digest — a kind code, the link path and the DAY it happened, never a
 *   time, never content. Events caused by someone without an account (an anonymous pupil) always wait here, whatever
 *   the setting: an instant mail's time would date their report to the minute.
 * notification_digest: one row per account and day once that day's digest is claimed, so with several app servers it
 *   is sent once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notification_setting')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
		.addColumn('mode', 'text', (c) => c.notNull().check(sqlIn(['instant', 'daily'])))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('notification_pending')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('link', 'text', (c) => c.notNull())
		.addColumn('happened_on', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('notification_pending_user').on('notification_pending').column('user_id').execute();
	await db.schema
		.createTable('notification_digest')
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('day', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_digest_pk', ['user_id', 'day'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('notification_digest').execute();
	await db.schema.dropTable('notification_pending').execute();
	await db.schema.dropTable('notification_setting').execute();
}

function sqlIn(values: readonly string[]) {
	return sql`mode in (${sql.join(values.map((value) => sql.lit(value)))})`;
}
