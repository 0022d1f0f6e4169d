/**
 * The app's one database handle, opened from the configuration at start-up (hooks.server.ts init, CLI).
 */
import { config } from '../config';
import { openDatabase, type DatabaseHandle, type Db } from './connect';
import { migrateToLatest } from './migrate';
import { seedReferenceData } from '../reference-data/seed';
import { sealOlderDossiers } from '../dossier/dossier-sealing';
import { sealOlderSchoolDocuments } from '../schools/document-sealing';

let handle: DatabaseHandle | undefined;

export async function startDatabase(): Promise<DatabaseHandle> {
	if (handle) return handle;
	handle = openDatabase(config().database);
	await prepareDatabase(handle.db);
	return handle;
}

/** What every process does before it uses the database: the app at start-up and every CLI command. */
export async function prepareDatabase(db: Db): Promise<void> {
	await migrateToLatest(db);
	await seedReferenceData(db);
	// Data written before the envelope (decision 0015) is sealed before the first request can read it.
	await sealOlderDossiers(db);
	await sealOlderSchoolDocuments(db);
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
