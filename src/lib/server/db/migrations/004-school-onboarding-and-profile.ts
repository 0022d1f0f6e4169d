import type { Kysely } from 'kysely';

/**
 * Issue 4: invitations for staff and boards, and what a school publishes about itself:
 * its people (one row per kind), its routes and facts (one row per school) and its documents (one row per kind).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		// SHA-256 of the token in the link, like sessions: a copy of the database cannot be used to accept.
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('school_id', 'text', (c) => c.references('school.id').onDelete('cascade'))
		.addColumn('board_id', 'text', (c) => c.references('board.id').onDelete('cascade'))
		.addColumn('invited_by_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('accepted_at', 'text')
		.addColumn('accepted_user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema.createIndex('invitation_school').on('invitation').column('school_id').execute();
	await db.schema.createIndex('invitation_board').on('invitation').column('board_id').execute();

	await db.schema
		.createTable('school_profile')
		.addColumn('school_id', 'text', (c) => c.primaryKey().references('school.id').onDelete('cascade'))
		// 'yes' | 'no' | null: does the aanspreekpunt also coordinate the anti-bullying policy?
		.addColumn('coordinator_is_aanspreekpunt', 'text')
		.addColumn('mentor_text', 'text')
		// 'lkc' | 'other' | null
		.addColumn('complaints_commission', 'text')
		.addColumn('complaints_commission_name', 'text')
		.addColumn('complaints_commission_url', 'text')
		.addColumn('complaints_text', 'text')
		// 'yes' | 'no' | null, and the day the MR gave consent
		.addColumn('mr_consent_safety_policy', 'text')
		.addColumn('mr_consent_on', 'text')
		// 'catalogue' | 'other' | 'none' | null
		.addColumn('programme_choice', 'text')
		.addColumn('programme_name', 'text')
		.addColumn('programme_since_year', 'integer')
		.addColumn('monitor_on', 'text')
		.addColumn('monitor_instrument', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('school_contact')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		// The staff account this person is, when the school chose one from its team.
		.addColumn('user_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('job_title', 'text')
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('hours', 'text')
		.addColumn('public', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('school_contact_kind', ['school_id', 'kind'])
		.execute();

	await db.schema
		.createTable('school_document')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		// 'file' | 'link' | 'absent'
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('file_key', 'text')
		.addColumn('file_size', 'integer')
		.addColumn('file_sha256', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('school_document_kind', ['school_id', 'kind'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['school_document', 'school_contact', 'school_profile', 'invitation']) await db.schema.dropTable(table).execute();
}
