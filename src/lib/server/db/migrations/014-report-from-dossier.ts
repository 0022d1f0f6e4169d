import { sql, type Kysely } from 'kysely';

/**
 * Issue 11 item 7 (decision 0022): a parent reports to the school from the child's dossier, sharing chosen
 * incidents and files, and can withdraw each of them later.
 *
 * A report from the dossier names its parent (reporter_user_id) and the child's dossier (child_id), so the school's
 * answers appear there. Both are set null when the account or the dossier is erased: the school keeps its record.
 *
 * What is shared is COPIED, sealed under the school's data key (report_item.content; files re-stored), because the
 * school's record must not depend on the family's key, nor the family's erasure on the school. Consent is per item:
 * withdrawing one erases its copy and its files and keeps only the line "withdrawn on <day>" (withdrawn_on).
 * source_id is the dossier's own id of the item, for the parent's list; the school's pages never use it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('report').addColumn('child_id', 'text', (c) => c.references('child.id').onDelete('set null')).execute();
	await db.schema.alterTable('report').addColumn('reporter_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null')).execute();
	await db.schema.createIndex('report_child').on('report').column('child_id').execute();

	await db.schema
		.createTable('report_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('report_id', 'text', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('incident', 'attachment')`))
		.addColumn('source_id', 'text', (c) => c.notNull())
		/** For an attachment: the item of the incident it belongs to, withdrawn with it. */
		.addColumn('parent_item_id', 'text', (c) => c.references('report_item.id').onDelete('cascade'))
		.addColumn('content', 'text')
		.addColumn('shared_on', 'text', (c) => c.notNull())
		.addColumn('withdrawn_on', 'text')
		.addUniqueConstraint('report_item_position', ['report_id', 'position'])
		.execute();
	await db.schema.alterTable('report_attachment').addColumn('item_id', 'text', (c) => c.references('report_item.id').onDelete('cascade')).execute();
	await db.schema.createIndex('report_attachment_item').on('report_attachment').column('item_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('report_attachment_item').execute();
	await db.schema.alterTable('report_attachment').dropColumn('item_id').execute();
	await db.schema.dropTable('report_item').execute();
	await db.schema.dropIndex('report_child').execute();
	await db.schema.alterTable('report').dropColumn('reporter_user_id').execute();
	await db.schema.alterTable('report').dropColumn('child_id').execute();
}
