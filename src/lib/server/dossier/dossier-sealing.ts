/**
 * The upgrade of dossiers written before decision 0015, run at every start (and a no-op once done): a dossier
 * without a data key gets one, and all its text is sealed under it in one transaction; then its evidence files are
 * re-encrypted from the old format (under a key derived from the secret key) to the data key. The files come after
 * the commit, so a crash in between is finished by the next start: the scope stays in sealing_pending until every
 * file is done, and the file store still reads the old format meanwhile.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { createDataKey, dossierScope, loadDataKey } from '../crypto/data-key.service';
import { upgradeLegacyFile } from '../files/file-store';
import { SEALED_COLUMNS, sealColumns, type SealedTable } from './sealed-columns';
import { logger } from '../log';

const PREFIX = dossierScope('');

async function sealRows(trx: Db, childId: string): Promise<void> {
	const key = await createDataKey(trx, dossierScope(childId));
	for (const table of Object.keys(SEALED_COLUMNS) as SealedTable[]) {
		const columns = SEALED_COLUMNS[table];
		const idColumn = table === 'child' ? 'id' : 'child_id';
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one loop over five tables of different shapes
		const rows: Record<string, string | null>[] = await (trx as any).selectFrom(table).select(['id', ...columns]).where(idColumn, '=', childId).execute();
		for (const { id, ...values } of rows) {
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			await (trx as any).updateTable(table).set(sealColumns(key, table, values)).where('id', '=', id).execute();
		}
	}
	await trx.insertInto('sealing_pending').values({ scope: dossierScope(childId) }).execute();
}

/** Seals every dossier that has no data key yet; returns how many dossiers and files it upgraded. */
export async function sealOlderDossiers(db: Db): Promise<{ dossiers: number; files: number }> {
	const unsealed = await db
		.selectFrom('child')
		.leftJoin('data_key', (join) => join.on('data_key.scope', '=', sql<string>`${sql.lit(PREFIX)} || child.id`))
		.select('child.id')
		.where('data_key.scope', 'is', null)
		.execute();
	for (const { id } of unsealed) {
		try {
			await db.transaction().execute((trx) => sealRows(trx, id));
		} catch (error) {
			// Another app server starting at the same moment sealed this dossier first (its key's insert won).
			const sealedMeanwhile = await db.selectFrom('data_key').select('scope').where('scope', '=', dossierScope(id)).executeTakeFirst();
			if (!sealedMeanwhile) throw error;
		}
	}

	let files = 0;
	const pending = await db.selectFrom('sealing_pending').select('scope').where('scope', 'like', `${PREFIX}%`).execute();
	for (const { scope } of pending) {
		const key = await loadDataKey(db, scope);
		const attachments = await db.selectFrom('attachment').select('file_key').where('child_id', '=', scope.slice(PREFIX.length)).execute();
		for (const { file_key } of attachments) if (await upgradeLegacyFile(file_key, key)) files++;
		await db.deleteFrom('sealing_pending').where('scope', '=', scope).execute();
	}
	if (unsealed.length || files) logger.info({ dossiers: unsealed.length, files }, 'dossiers of before the envelope sealed under their own data key');
	return { dossiers: unsealed.length, files };
}
