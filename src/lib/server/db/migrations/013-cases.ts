import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Issue 11, items 5, 6, 8 and 9 (decision 0021): the school's handling of reports as a case.
 *
 * Ids are random UUIDv4. Free text (pupils' names, classes and descriptions, the text of actions and notes, the
 * reason of a legal hold) is sealed: under the school's data key (scope "school:<id>"), except confidential notes of a
 * vertrouwenspersoon, which are sealed under a key of their own per author and school
 * ("school:<id>:confidential:<userId>"), so a code path that holds only the school key cannot read them.
 * What the overview counts and filters on stays plain: states, days, role and kind codes, hotspot codes.
 *
 * case_pupil.link_key is the school key's MAC of the school year and the normalised name and class: the same pupil
 * is found across the cases of one school year by equality, without unsealing any name.
 *
 * case_event is the chronology and is append-only: a trigger refuses every UPDATE on both databases. Rows go only
 * when their case goes (retention or erasure), by the cascade.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('case')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('school_id', 'text', (c) => c.notNull().references('school.id').onDelete('cascade'))
		.addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', ['new', 'intake', 'in_progress', 'monitoring', 'closed'])))
		.addColumn('school_year', 'text', (c) => c.notNull())
		.addColumn('opened_on', 'text', (c) => c.notNull())
		.addColumn('closed_on', 'text')
		.addColumn('place', 'text', (c) => c.check(sqlIn('place', ['class', 'playground', 'corridor', 'gym', 'way_to_school', 'online', 'elsewhere'], true)))
		.addColumn('time_of_day', 'text', (c) => c.check(sqlIn('time_of_day', ['before_school', 'lesson', 'break', 'after_school', 'evening_or_weekend'], true)))
		.addColumn('forms', 'text', (c) => c.notNull())
		.addColumn('motives', 'text', (c) => c.notNull())
		.addColumn('legal_hold', 'integer', (c) => c.notNull().check(sql`legal_hold in (0, 1)`))
		.addColumn('legal_hold_reason', 'text')
		.addColumn('evaluation_stopped', 'text', (c) => c.check(sqlIn('evaluation_stopped', ['yes', 'partly', 'no'], true)))
		.addColumn('evaluation_checked_after_weeks', 'integer')
		.addColumn('evaluation_checked_on', 'text')
		.addColumn('evaluation_target_asked', 'integer', (c) => c.check(sql`evaluation_target_asked is null or evaluation_target_asked in (0, 1)`))
		.execute();
	await db.schema.createIndex('case_school_state').on('case').columns(['school_id', 'state']).execute();
	await db.schema.createIndex('case_school_year').on('case').columns(['school_id', 'school_year']).execute();

	await db.schema
		.createTable('case_report')
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		// A report is handled in one case: linking it to a second one is refused by the database too.
		.addColumn('report_id', 'text', (c) => c.notNull().unique().references('report.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('case_report_pk', ['case_id', 'report_id'])
		.execute();

	await db.schema
		.createTable('case_handler')
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['aanspreekpunt', 'coordinator', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator'])))
		.addColumn('assigned_on', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('case_handler_pk', ['case_id', 'user_id', 'role'])
		.execute();
	await db.schema.createIndex('case_handler_user').on('case_handler').column('user_id').execute();

	await db.schema
		.createTable('case_pupil')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['target', 'pupil_who_bullies', 'bystander', 'defender', 'witness'])))
		.addColumn('name', 'text')
		.addColumn('class_name', 'text')
		.addColumn('description', 'text')
		.addColumn('link_key', 'text')
		.execute();
	await db.schema.createIndex('case_pupil_case').on('case_pupil').column('case_id').execute();
	await db.schema.createIndex('case_pupil_link').on('case_pupil').column('link_key').execute();

	await db.schema
		.createTable('case_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('from_state', 'text')
		.addColumn('to_state', 'text')
		.addColumn('reason', 'text')
		.addColumn('subject_user_id', 'text')
		.addColumn('role', 'text')
		.addColumn('actor_user_id', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addUniqueConstraint('case_event_position', ['case_id', 'position'])
		.execute();

	await db.schema
		.createTable('case_action')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['action', 'agreement', 'referral'])))
		.addColumn('referral_kind', 'text', (c) => c.check(sql`(kind = 'referral') = (referral_kind is not null) and (referral_kind is null or referral_kind in ('youthDoctor', 'leerplichtambtenaar', 'wijkteam', 'veiligThuis', 'police'))`))
		.addColumn('owner_user_id', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('done_on', 'text')
		.addColumn('text', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('case_action_case').on('case_action').column('case_id').execute();
	await db.schema.createIndex('case_action_open_due').on('case_action').columns(['done_on', 'due_on']).execute();

	await db.schema
		.createTable('case_note')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('case_id', 'text', (c) => c.notNull().references('case.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['internal_note', 'confidential_note'])))
		.addColumn('author_user_id', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('written_at', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('case_note_case').on('case_note').columns(['case_id', 'kind']).execute();

	// Step-up (decision 0021): the moment this session last gave the second factor again, for closed or old cases.
	await db.schema
		.createTable('case_step_up')
		.addColumn('session_id', 'text', (c) => c.primaryKey().references('session.id').onDelete('cascade'))
		.addColumn('verified_at', 'text', (c) => c.notNull())
		.execute();

	if (await isPostgres(db)) {
		await sql`create function case_event_append_only() returns trigger language plpgsql as $$
			begin raise exception 'case_event is append-only'; end $$`.execute(db);
		await sql`create trigger case_event_no_update before update on case_event for each row execute function case_event_append_only()`.execute(db);
	} else {
		await sql`create trigger case_event_no_update before update on case_event begin select raise(abort, 'case_event is append-only'); end`.execute(db);
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	if (await isPostgres(db)) {
		await sql`drop trigger case_event_no_update on case_event`.execute(db);
		await sql`drop function case_event_append_only()`.execute(db);
	} else {
		await sql`drop trigger case_event_no_update`.execute(db);
	}
	for (const table of ['case_step_up', 'case_note', 'case_action', 'case_event', 'case_pupil', 'case_handler', 'case_report', 'case']) await db.schema.dropTable(table).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function isPostgres(db: Kysely<any>): Promise<boolean> {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A CHECK that a column holds one of a fixed list of codes (both databases read the same SQL). */
function sqlIn(column: string, values: readonly string[], nullable = false) {
	const list = sql.join(values.map((value) => sql.lit(value)));
	return nullable ? sql`${sql.ref(column)} is null or ${sql.ref(column)} in (${list})` : sql`${sql.ref(column)} in (${list})`;
}
