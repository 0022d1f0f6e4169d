import type { Kysely } from 'kysely';

/**
 * Issue 10, item 4 (decision 0015): data keys of the envelope. One row per scope ("dossier:<child id>", later
 * "school:<school id>"), holding that scope's data key wrapped by the secret key. No foreign key: the services
 * destroy a key explicitly and first, before the rows sealed under it, so that a crash in between leaves
 * unreadable rows rather than a readable dossier that should be gone.
 *
 * sealing_pending lists scopes whose rows were sealed but whose files still wait for re-encryption under the data
 * key (the upgrade of dossiers written before this migration; see dossier-sealing.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('data_key')
		.addColumn('scope', 'text', (c) => c.primaryKey())
		.addColumn('wrapped', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createTable('sealing_pending').addColumn('scope', 'text', (c) => c.primaryKey()).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sealing_pending').execute();
	await db.schema.dropTable('data_key').execute();
}
