import type { Kysely } from 'kysely';

/** "Goed artikel?": yes or no per guide page, with an optional comment. No user, no IP address, no cookie. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('feedback')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('page', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('helpful', 'integer', (c) => c.notNull())
		.addColumn('comment', 'text')
		// The day only: a precise time could be matched with server logs.
		.addColumn('created_on', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('feedback_page').on('feedback').columns(['page', 'locale']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('feedback').execute();
}
