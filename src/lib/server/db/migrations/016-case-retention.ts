import type { Kysely } from 'kysely';

/**
 * Issue 11 item 10 (decision 0023): how many school years after closing a school keeps its closed cases (no row: two).
 * The job that removes them reads this; a case under a legal hold (013) is kept whatever it says.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('case_retention')
		.addColumn('school_id', 'text', (c) => c.primaryKey().references('school.id').onDelete('cascade'))
		.addColumn('school_years', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('case_retention').execute();
}
