import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 10: the dossier page reads one page of a long timeline and the summary of all of it. With only
 * (child_id, occurred_on) the database sorted every incident of the child for each page and read each full row
 * (sealed text included) for the summary: 97 µs and 141 µs of a request on a dossier of 200 incidents. An index in
 * the timeline's own order lets it read just the page's 25 rows; a covering index holds what the summary adds up,
 * so it never touches the rows (58 µs and 60 µs). "nulls last" is SQLite's default for a descending column and
 * must be said for PostgreSQL, whose default there is nulls first (SQLite refuses the words in an index).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const nullsLast = db.getExecutor().adapter instanceof PostgresAdapter ? sql` nulls last` : sql``;
	await sql`create index incident_timeline on incident (child_id, occurred_on desc, occurred_time desc${nullsLast}, created_at desc, id)`.execute(db);
	await db.schema.createIndex('incident_summary').on('incident').columns(['child_id', 'forms', 'occurred_on', 'absence_days', 'physical_violence']).execute();
	// The timeline index starts with (child_id, occurred_on): the old index is covered by it.
	await db.schema.dropIndex('incident_child_date').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('incident_child_date').on('incident').columns(['child_id', 'occurred_on']).execute();
	await db.schema.dropIndex('incident_summary').execute();
	await db.schema.dropIndex('incident_timeline').execute();
}
