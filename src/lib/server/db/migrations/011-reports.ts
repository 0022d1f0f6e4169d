import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, slice 1 (decision 0019): a pupil or parent reports to a school and comes back with a receipt code.
 *
 * What an anonymous report must not hold: no user id, session, IP, user agent or time of day. So the report has a
 * random UUIDv4 (no time order), the DAY it arrived (Dutch calendar) and nothing else about its sender. Free text
 * is sealed under the school's data key (scope "school:<id>"); the codes the inbox will filter on stay plain.
 * Messages are ordered by a per-report position, never by a global sequence or a time.
 *
 * channel and reporter_kind already allow what staff will enter in a later slice (in person, phone, e-mail, paper).
 * receipt_lookup is an HMAC of the normalised receipt code under a key derived from the secret key (unique: the
 * row is found by equality, never by scanning); passphrase_hash is argon2id.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('channel', 'text', (c) => c.notNull().check(sqlIn('channel', ['online', 'in_person', 'phone', 'email', 'paper'])))
		.addColumn('reporter_kind', 'text', (c) => c.notNull().check(sqlIn('reporter_kind', ['pupil', 'parent', 'other'])))
		.addColumn('anonymous', 'integer', (c) => c.notNull().check(sql`anonymous in (0, 1)`))
		.addColumn('received_on', 'text', (c) => c.notNull())
		.addColumn('what_happened', 'text', (c) => c.notNull())
		.addColumn('place', 'text')
		.addColumn('people_involved', 'text')
		.addColumn('reporter_name', 'text')
		.addColumn('contact', 'text')
		.addColumn('occurred_on', 'text')
		.addColumn('occurred_around', 'text', (c) => c.check(sqlIn('occurred_around', ['this_week', 'last_week', 'this_month', 'longer_ago'], true)))
		.addColumn('forms', 'text', (c) => c.notNull())
		.addColumn('motives', 'text', (c) => c.notNull())
		.addColumn('ongoing', 'text', (c) => c.notNull().check(sqlIn('ongoing', ['yes', 'no', 'unknown'])))
		.addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['new', 'acknowledged'])))
		.addColumn('receipt_lookup', 'text', (c) => c.unique())
		.addColumn('passphrase_hash', 'text')
		.execute();
	await db.schema.createIndex('report_school_status').on('report').columns(['school_id', 'status', 'received_on']).execute();

	await db.schema
		.createTable('report_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull().check(sqlIn('author', ['reporter', 'school'])))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('written_on', 'text', (c) => c.notNull())
		.addUniqueConstraint('report_message_position', ['report_id', 'position'])
		.execute();

	await db.schema
		.createTable('report_attachment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('file_key', 'text', (c) => c.notNull().unique())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content_mac', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('report_attachment_report').on('report_attachment').column('report_id').execute();
	await db.schema.createIndex('report_attachment_mac').on('report_attachment').column('content_mac').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_attachment').execute();
	await db.schema.dropTable('report_message').execute();
	await db.schema.dropTable('report').execute();
}


/** A CHECK that a column holds one of a fixed list of codes (both databases read the same SQL). */
function sqlIn(column: string, values: readonly string[], nullable = false) {
	const list = sql.join(values.map((value) => sql.lit(value)));
	return nullable ? sql`${sql.ref(column)} is null or ${sql.ref(column)} in (${list})` : sql`${sql.ref(column)} in (${list})`;
}
