/**
 * The version of what public pages show (migration 008: triggers bump it with every change to those tables).
 * Every cached page is keyed by it, so an edit on one app server is seen by the caches of all servers at their
 * next request. One primary-key read per request, on purpose not shared between requests nor remembered: a
 * request that arrives after an edit was committed must never get a version read before it.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';
import type { DatabaseHandle } from '../db/connect';

export async function currentContentVersion(db: Db): Promise<string> {
	const row = await db.selectFrom('content_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
	return String(row.version);
}

const statements = new WeakMap<object, Statement<[], unknown>>();

/**
 * The same read for the front door, where it is most of the work: on SQLite a prepared statement on the
 * connection (about a microsecond; Kysely's query building and connection queue cost 20 times that), on
 * PostgreSQL the query above (the network is the cost there).
 */
export function contentVersionOf(handle: DatabaseHandle): Promise<string> | string {
	const sqlite = handle.sqlite;
	if (!sqlite) return currentContentVersion(handle.db);
	let statement = statements.get(sqlite);
	if (!statement) {
		statement = sqlite.prepare<[], unknown>('select version from content_version where id = 1').pluck();
		statements.set(sqlite, statement);
	}
	return String(statement.get());
}
