import type { Kysely } from 'kysely';

/**
 * Issue 11 items 5 and 7:
 * - `reporter_report_id`: an agreement the school made with the reporter of that report (a parent from the dossier,
 *   or a pupil or parent with a receipt code), who then sees its text and day. Null for the school's own actions.
 *   Removing the report (retention) leaves the school's agreement in place, no longer shared.
 * - `reminded_on`: the day the owner was reminded that the action is due, so that the reminder goes once, even with
 *   several app servers running housekeeping (the update that sets it is the claim).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('case_action').addColumn('reporter_report_id', 'text', (c) => c.references('report.id').onDelete('set null')).execute();
	await db.schema.alterTable('case_action').addColumn('reminded_on', 'text').execute();
	await db.schema.createIndex('case_action_reporter_report').on('case_action').column('reporter_report_id').execute();
	await db.schema.createIndex('case_action_due_open').on('case_action').columns(['done_on', 'due_on']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('case_action_due_open').execute();
	await db.schema.dropIndex('case_action_reporter_report').execute();
	await db.schema.alterTable('case_action').dropColumn('reminded_on').execute();
	await db.schema.alterTable('case_action').dropColumn('reporter_report_id').execute();
}
