/**
 * Prepared statements kept for reuse on the SQLite connection. Kysely's SQLite driver prepares every query afresh;
 * a CPU profile of the dossier page (docs/decisions/0017) found 11 prepares per request, about 70 µs each, more than
 * most of the queries themselves took. A page runs the same few SQL texts over and over, so they are kept, up to a
 * bound: a list of ids `in (?, ?, …)` makes a new text per length, so past the bound the cache starts again (cheaper
 * per query than keeping an LRU order, and the app has far fewer distinct texts than the bound).
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

export function withStatementCache(sqlite: SQLite.Database, max = MAX_STATEMENTS): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		prepare(sql: string): SqliteStatement {
			const kept = statements.get(sql);
			// A statement still iterating (a streamed query) cannot run again until it is done: that one gets a new one.
			if (kept && !kept.busy) return kept;
			const statement = sqlite.prepare(sql);
			if (!kept) {
				if (statements.size >= max) statements.clear();
				statements.set(sql, statement);
			}
			return statement;
		},
		close(): void {
			statements.clear();
			sqlite.close();
		}
	};
}
