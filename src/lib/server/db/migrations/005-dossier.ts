import type { Kysely } from 'kysely';

/**
 * Issue 5: the parent's private dossier. A child belongs to one or more guardians (parent accounts); incidents and
 * their evidence belong to the child. Deleting a child deletes everything under it (ON DELETE CASCADE), and the
 * files are deleted by the service that deletes the rows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('child')
		.addColumn('id', 'text', (c) => c.primaryKey())
		// First name or nickname only (DESIGN.md: collect the minimum).
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('birth_year', 'integer', (c) => c.notNull())
		.addColumn('year_group', 'text')
		.addColumn('school_id', 'text', (c) => c.references('school.id').onDelete('set null'))
		// The school's name as the parent typed it, when it is not in the registry.
		.addColumn('school_name', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('child_guardian')
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('child_guardian_pk', ['child_id', 'user_id'])
		.execute();
	await db.schema.createIndex('child_guardian_user').on('child_guardian').column('user_id').execute();

	await db.schema
		.createTable('incident')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		// yyyy-mm-dd; the time (HH:MM) when known; approximate = "around this date".
		.addColumn('occurred_on', 'text', (c) => c.notNull())
		.addColumn('occurred_time', 'text')
		.addColumn('approximate', 'integer', (c) => c.notNull())
		.addColumn('place', 'text')
		.addColumn('place_detail', 'text')
		.addColumn('online_platform', 'text')
		// JSON array of BullyingForm identifiers.
		.addColumn('forms', 'text', (c) => c.notNull())
		.addColumn('perpetrators', 'text')
		.addColumn('witnesses', 'text')
		.addColumn('what_happened', 'text')
		.addColumn('child_response', 'text')
		.addColumn('adults_knew', 'text')
		.addColumn('impact_emotional', 'text')
		.addColumn('impact_physical', 'text')
		.addColumn('absence_days', 'integer')
		.addColumn('physical_violence', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('incident_child_date').on('incident').columns(['child_id', 'occurred_on']).execute();

	await db.schema
		.createTable('attachment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id').onDelete('cascade'))
		// The child too, so the dossier's total size is one query and deleting a child finds every file.
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		// The type as decoded and stored: image/jpeg, image/png, image/webp or application/pdf.
		.addColumn('content_type', 'text', (c) => c.notNull())
		// A display name made from the upload's name (never used as a storage key).
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		// SHA-256 of the stored bytes (after re-encoding for images), shown to the parent as evidence.
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('file_key', 'text', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('attachment_incident').on('attachment').column('incident_id').execute();
	await db.schema.createIndex('attachment_child').on('attachment').column('child_id').execute();

	// GLOSSARY "contact": a talk, call or e-mail with someone at or around school ("school_contact" is the school's own list of people).
	await db.schema
		.createTable('dossier_contact')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		.addColumn('contacted_on', 'text', (c) => c.notNull())
		.addColumn('person_name', 'text')
		// A LadderStep identifier: leerkracht, aanspreekpunt, mentor, vertrouwenspersoon, zorgcoordinator, directie, bestuur, outside.
		.addColumn('rung', 'text', (c) => c.notNull())
		// talk | phone | email
		.addColumn('channel', 'text', (c) => c.notNull())
		.addColumn('summary', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('dossier_contact_child').on('dossier_contact').columns(['child_id', 'contacted_on']).execute();

	await db.schema
		.createTable('agreement')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contact_id', 'text', (c) => c.notNull().references('dossier_contact.id').onDelete('cascade'))
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		// The agreement's place in its contact (1, 2, …): the order the parent wrote them in.
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		// yyyy-mm-dd; the day to check whether it was kept.
		.addColumn('follow_up_on', 'text')
		// open | kept | broken
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('reminded_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('agreement_child').on('agreement').column('child_id').execute();
	await db.schema.createIndex('agreement_follow_up').on('agreement').columns(['status', 'follow_up_on']).execute();

	// A parent can invite a second parent or guardian to the same child's dossier.
	await db.schema.alterTable('invitation').addColumn('child_id', 'text', (c) => c.references('child.id').onDelete('cascade')).execute();

	// Steps of the step plan the parent marked "not for us".
	await db.schema
		.createTable('step_skip')
		.addColumn('child_id', 'text', (c) => c.notNull().references('child.id').onDelete('cascade'))
		.addColumn('step', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('step_skip_pk', ['child_id', 'step'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('invitation').dropColumn('child_id').execute();
	for (const table of ['step_skip', 'agreement', 'dossier_contact', 'attachment', 'incident', 'child_guardian', 'child']) await db.schema.dropTable(table).execute();
}
