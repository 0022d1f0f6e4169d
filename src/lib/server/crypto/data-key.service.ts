/**
 * Data keys of the envelope (crypto/envelope.ts, decision 0015): made, opened, destroyed and re-wrapped here, and
 * nowhere else. A capability asks for the data key of its scope and seals and opens its own rows with it.
 */
import type { Db } from '../db/connect';
import { config } from '../config';
import { nowIso } from '../auth/tokens';
import { dataKey, newDataKeyBytes, unwrapDataKey, wrapDataKey, type DataKey } from './envelope';

export function dossierScope(childId: string): string {
	return `dossier:${childId}`;
}

export function schoolScope(schoolId: string): string {
	return `school:${schoolId}`;
}

/** Opens a wrapped data key read together with its rows (one query instead of two on every dossier page). */
export function openDataKey(wrapped: string, scope: string): DataKey {
	return dataKey(unwrapDataKey(wrapped, config().secretKey, scope), scope);
}

/** Makes the data key of a new scope; fails if the scope has one (a second key would orphan the first one's data). */
export async function createDataKey(db: Db, scope: string): Promise<DataKey> {
	const key = newDataKeyBytes();
	await db.insertInto('data_key').values({ scope, wrapped: wrapDataKey(key, config().secretKey, scope), created_at: nowIso() }).execute();
	return dataKey(key, scope);
}

/** The data key of a scope, made on first use; safe when two app servers ask at the same moment. */
export async function ensureDataKey(db: Db, scope: string): Promise<DataKey> {
	const wrapped = wrapDataKey(newDataKeyBytes(), config().secretKey, scope);
	await db.insertInto('data_key').values({ scope, wrapped, created_at: nowIso() }).onConflict((oc) => oc.column('scope').doNothing()).execute();
	return loadDataKey(db, scope);
}

export async function loadDataKey(db: Db, scope: string): Promise<DataKey> {
	const row = await db.selectFrom('data_key').select('wrapped').where('scope', '=', scope).executeTakeFirst();
	if (!row) throw new Error(`No data key for ${scope}`);
	return openDataKey(row.wrapped, scope);
}

/**
 * Destroys the data key of a scope: from here on nothing sealed under it can be read, wherever a copy of it lies.
 * Erasure calls this first, in the same transaction as the rows it deletes.
 */
export async function destroyDataKey(db: Db, scope: string): Promise<void> {
	await db.deleteFrom('data_key').where('scope', '=', scope).execute();
}

/**
 * Re-wraps every data key from one secret key to another, in the caller's transaction; the sealed data is not
 * touched. Fails without changing anything if a key does not open with the old secret key.
 */
export async function rewrapDataKeys(db: Db, oldSecret: Buffer, newSecret: Buffer): Promise<number> {
	const rows = await db.selectFrom('data_key').select(['scope', 'wrapped']).execute();
	for (const row of rows) {
		const key = unwrapDataKey(row.wrapped, oldSecret, row.scope);
		await db.updateTable('data_key').set({ wrapped: wrapDataKey(key, newSecret, row.scope) }).where('scope', '=', row.scope).execute();
	}
	return rows.length;
}
