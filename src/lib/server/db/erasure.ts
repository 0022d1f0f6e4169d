/**
 * What an erasure must do after its rows are deleted, so the text is gone from the disk too (AVG art. 17).
 *
 * SQLite: secure_delete zeroes the freed pages of the database file, but in WAL mode the deleted rows' old pages
 * still sit in the `-wal` file until a checkpoint, where anyone with the file can read them (issue 10, item 10:
 * a canary text was found there). A TRUNCATE checkpoint copies the current pages into the database file and
 * empties the WAL. A reader in another process (the CLI) can hold the checkpoint back; then we wait a moment and
 * try again, and say so in the log if it still could not finish (the next erasure or start-up checkpoint does).
 *
 * PostgreSQL: deleted tuples stay in the data files until VACUUM reuses their space, and in the WAL archive if one is
 * kept; nothing a client can do here removes them at once. Operators run autovacuum (on by default) and keep WAL
 * archives under the same retention as backups (README: Backup and restore).
 */
import { SqliteAdapter, sql } from 'kysely';
import type { Db } from './connect';
import { logger } from '../log';

const ATTEMPTS = 5;
const WAIT_MS = 50;

export function isSqlite(db: Db): boolean {
	return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Empties the SQLite WAL after an erasure; true when nothing of the erased rows is left in it. Outside a transaction. */
export async function checkpointAfterErasure(db: Db): Promise<boolean> {
	if (!isSqlite(db)) return true;
	for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
		const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(db);
		if (rows[0]?.busy === 0) return true;
		await new Promise((resolve) => setTimeout(resolve, WAIT_MS * attempt));
	}
	logger.warn('the WAL could not be emptied after an erasure: a reader held it; the next checkpoint will');
	return false;
}
