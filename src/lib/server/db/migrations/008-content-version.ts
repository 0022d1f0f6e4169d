import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 10, item 2: the content version of the public pages. Anonymous public pages are served from a cache in
 * each app server's memory (src/lib/server/page-cache); every server asks this one row which version is current,
 * so an edit on one server is shown by all of them at once. Triggers bump it in the same transaction as any change
 * to a table a public page shows, so no write path can forget it: the services, the CLI's school import and a
 * hand-made fix in psql alike.
 */
export const CONTENT_TABLES = ['help_resource', 'board', 'school', 'school_profile', 'school_contact', 'school_document'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function isPostgres(db: Kysely<any>): Promise<boolean> {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('content_version')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.execute();
	await db.insertInto('content_version').values({ id: 1, version: 1 }).execute();

	if (await isPostgres(db)) {
		// Once per statement: importing 8 000 schools bumps the version once, and the one row is locked only briefly.
		await sql`create function bump_content_version() returns trigger language plpgsql as $$
			begin update content_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
		for (const table of CONTENT_TABLES) {
			await sql`create trigger ${sql.raw(`${table}_content_version`)} after insert or update or delete on ${sql.table(table)}
				for each statement execute function bump_content_version()`.execute(db);
		}
	} else {
		// SQLite has row triggers only; one writer at a time, so the extra update per row costs microseconds.
		for (const table of CONTENT_TABLES) {
			for (const event of ['insert', 'update', 'delete']) {
				await sql`create trigger ${sql.raw(`${table}_${event}_content_version`)} after ${sql.raw(event)} on ${sql.table(table)}
					begin update content_version set version = version + 1 where id = 1; end`.execute(db);
			}
		}
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	if (await isPostgres(db)) {
		for (const table of CONTENT_TABLES) await sql`drop trigger ${sql.raw(`${table}_content_version`)} on ${sql.table(table)}`.execute(db);
		await sql`drop function bump_content_version()`.execute(db);
	} else {
		for (const table of CONTENT_TABLES) for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`${table}_${event}_content_version`)}`.execute(db);
	}
	await db.schema.dropTable('content_version').execute();
}
