/**
 * Opens the one database of the app: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
 * Everything above this file sees only `Kysely<Database>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Dialect } from 'kysely';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';
import { logger } from '../log';

export type Db = Kysely<Database>;

export type DatabaseTarget =
	| { kind: 'sqlite'; file: string }
	| { kind: 'postgres'; url: string; /** tests give each run its own schema */ schema?: string };

export interface DatabaseHandle {
	db: Db;
	kind: DatabaseTarget['kind'];
	/** SQLite only: the connection itself, for a read that must cost microseconds, not Kysely's tens (page cache). */
	sqlite?: SQLite.Database;
	close(): Promise<void>;
}

/**
 * Transactions on SQLite start with BEGIN IMMEDIATE. A deferred transaction that reads and then writes fails at
 * once with "database is locked" when another process (the CLI beside the app) wrote in between: SQLite cannot
 * wait for a lock upgrade in WAL mode. IMMEDIATE takes the write lock first and waits up to busy_timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

function sqliteDialect(sqlite: SQLite.Database): Dialect {
	const base = new SqliteDialect({ database: sqlite });
	return {
		createAdapter: () => base.createAdapter(),
		createQueryCompiler: () => base.createQueryCompiler(),
		createIntrospector: (db) => base.createIntrospector(db),
		createDriver: () => new ImmediateSqliteDriver({ database: withStatementCache(sqlite) })
	};
}

function openSqlite(file: string): DatabaseHandle {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	// Decision 0013: WAL + synchronous=FULL, so a commit answered as saved survives a power loss, not only a crash
	// of the process (SECURITY.md: NORMAL lost acknowledged rows under simulated power loss). secure_delete makes
	// erasure real.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('secure_delete = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({ dialect: sqliteDialect(sqlite) });
	return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		connectionTimeoutMillis: 3000,
		idleTimeoutMillis: 30000,
		...(schema ? { options: `-c search_path=${schema}` } : {})
	});
	// SECURITY.md: without this handler a PostgreSQL restart kills the process; with it the pool recovers.
	pool.on('error', (err) => logger.warn({ err: { message: err.message } }, 'idle database connection lost'));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return { db, kind: 'postgres', close: () => db.destroy() };
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
	return target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, target.schema);
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Db): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch {
		return false;
	}
}

const UNAVAILABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now
	'53300', // too_many_connections
	'SQLITE_BUSY',
	'SQLITE_CANTOPEN',
	'SQLITE_IOERR',
	'SQLITE_FULL'
]);

/** True for errors that mean "the database is not there right now" rather than "this query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	if (error.cause !== undefined && isDatabaseUnavailable(error.cause)) return true;
	const code = (error as Error & { code?: unknown }).code;
	if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
	return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
		error.message
	);
}

/** Runs the work in a transaction: the caller's own when it is in one already (Kysely cannot nest them), else a new one. */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
