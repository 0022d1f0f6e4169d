import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, the school's inbox (decision 0020).
 *
 * - report.acknowledged_on: the DAY staff acknowledged the report (Dutch calendar), never a time: the target is in
 *   school days, and a day is all the overdue rule needs.
 * - report.entered_by_user_id: who on the staff entered an oral or paper report. Never set for online reports (an
 *   anonymous online report stores nothing about anyone, decision 0019).
 * - report_link: a suggestion between two reports of one school that staff confirmed (linked) or dismissed, with
 *   who and the day. report_a < report_b, so each pair has one row and a dismissed pair is never suggested again.
 * - report_settings: the school's acknowledgement target in school days and the days it is closed, owned by the
 *   reports capability (the school profile is another capability's table).
 * - report_inbox: the inbox's order (new first, then newest) read from an index, for one school.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('report').addColumn('acknowledged_on', 'text').execute();
	await db.schema
		.alterTable('report')
		.addColumn('entered_by_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.execute();
	// Reports acknowledged by a reply before this migration got the status only; the day is unknown, so it stays null.
	await db.schema.createIndex('report_inbox').on('report').columns(['school_id', 'status', 'received_on', 'id']).execute();

	await db.schema
		.createTable('report_link')
		.addColumn('report_a', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('report_b', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('confirmed', 'dismissed')`))
		.addColumn('decided_by_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('decided_on', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('report_link_pair', ['report_a', 'report_b'])
		.addCheckConstraint('report_link_order', sql`report_a < report_b`)
		.execute();
	await db.schema.createIndex('report_link_b').on('report_link').column('report_b').execute();

	await db.schema
		.createTable('report_settings')
		.addColumn('school_id', 'text', (c) => c.primaryKey().references('school.id').onDelete('cascade'))
		.addColumn('acknowledgement_school_days', 'integer', (c) => c.notNull().defaultTo(2).check(sql`acknowledgement_school_days between 0 and 20`))
		.addColumn('no_school_days', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_settings').execute();
	await db.schema.dropTable('report_link').execute();
	await db.schema.dropIndex('report_inbox').execute();
	await db.schema.alterTable('report').dropColumn('entered_by_user_id').execute();
	await db.schema.alterTable('report').dropColumn('acknowledged_on').execute();
}
