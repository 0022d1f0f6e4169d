import type { Kysely } from 'kysely';

/**
 * The help directory (seeded from ../shared/data/help-directory.json, edited by platform admins)
 * and the append-only, hash-chained audit log.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('help_resource')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('description_nl', 'text', (c) => c.notNull())
		.addColumn('description_en', 'text')
		.addColumn('when_to_use_nl', 'text', (c) => c.notNull())
		.addColumn('when_to_use_en', 'text')
		.addColumn('phone', 'text')
		.addColumn('phone_verified', 'integer', (c) => c.notNull())
		.addColumn('website', 'text')
		.addColumn('website_verified', 'integer', (c) => c.notNull())
		.addColumn('hours', 'text')
		.addColumn('hours_verified', 'integer', (c) => c.notNull())
		// 1 when the service answers day and night; only then (and verified) does the page say "open now".
		.addColumn('always_open', 'integer', (c) => c.notNull())
		.addColumn('ages', 'text')
		// JSON arrays of identifiers (help-directory.ts).
		.addColumn('channels', 'text', (c) => c.notNull())
		.addColumn('audiences', 'text', (c) => c.notNull())
		.addColumn('topics', 'text', (c) => c.notNull())
		.addColumn('source_url', 'text', (c) => c.notNull())
		.addColumn('caveats', 'text')
		.addColumn('last_checked', 'text', (c) => c.notNull())
		.addColumn('retired_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('seq', 'integer', (c) => c.notNull().unique())
		.addColumn('actor_user_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text', (c) => c.notNull())
		.addColumn('subject_id', 'text', (c) => c.notNull())
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('audit_event_subject').on('audit_event').columns(['subject_type', 'subject_id']).execute();

	// One row that every append locks and moves on: the chain never forks, also with several app servers.
	await db.schema
		.createTable('audit_chain_head')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
	await db.insertInto('audit_chain_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_chain_head').execute();
	await db.schema.dropTable('audit_event').execute();
	await db.schema.dropTable('help_resource').execute();
}
