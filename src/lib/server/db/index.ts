/**
 * The app's one database handle, opened from the configuration at start-up (hooks.server.ts init, CLI).
 */
import { config } from '../config';
import { openDatabase, type DatabaseHandle, type Db } from './connect';
import { migrateToLatest } from './migrate';
import { seedReferenceData } from '../reference-data/seed';

let handle: DatabaseHandle | undefined;

export async function startDatabase(): Promise<DatabaseHandle> {
	if (handle) return handle;
	handle = openDatabase(config().database);
	await migrateToLatest(handle.db);
	await seedReferenceData(handle.db);
	return handle;
}

/** The database of this process; start-up must have opened it. */
export function database(): Db {
	if (!handle) throw new Error('The database was not started: call startDatabase() at start-up.');
	return handle.db;
}

/** The handle of this process's database, for what needs more than the query builder. */
export function databaseHandle(): DatabaseHandle {
	if (!handle) throw new Error('The database was not started: call startDatabase() at start-up.');
	return handle;
}

export async function stopDatabase(): Promise<void> {
	await handle?.close();
	handle = undefined;
}

export type { Db };
