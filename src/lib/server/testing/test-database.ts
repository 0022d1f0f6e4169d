/**
 * The databases integration tests run against: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * (or DATABASE_URL) names one. Each test file gets a fresh database (a temporary SQLite file, or its own
 * PostgreSQL schema that is dropped afterwards), so files can run in parallel.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, setConfigForTests, type Config } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/connect';
import { migrateToLatest } from '../db/migrate';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export function postgresTestUrl(): string | undefined {
	return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** The kinds to run the suite on here. */
export function testDatabaseKinds(): TestDatabaseKind[] {
	return postgresTestUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends DatabaseHandle {
	config: Config;
	/** Closes and removes the database. */
	dispose(): Promise<void>;
}

export function makeTempDir(prefix = 'pestwijzer-test-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A test configuration: a temporary DATA_DIR and the cheapest allowed password hashing. */
export function testConfig(overrides: Record<string, string> = {}): Config {
	return loadConfig({ DATA_DIR: makeTempDir(), ORIGIN: 'http://localhost:3000', LOG_LEVEL: 'silent', ...overrides });
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
	const config = testConfig();
	setConfigForTests(config);
	if (kind === 'sqlite') {
		const handle = openDatabase({ kind: 'sqlite', file: path.join(config.dataDir, 'test.db') });
		await migrateToLatest(handle.db);
		return {
			...handle,
			config,
			dispose: async () => {
				await handle.close();
				fs.rmSync(config.dataDir, { recursive: true, force: true });
			}
		};
	}
	const url = postgresTestUrl();
	if (!url) throw new Error('No PostgreSQL test database: set TEST_DATABASE_URL.');
	const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const handle = openDatabase({ kind: 'postgres', url, schema });
	await migrateAlongsideOthers(handle.db, schema);
	return {
		...handle,
		config,
		dispose: async () => {
			await handle.close();
			const cleanup = new pg.Client({ connectionString: url });
			await cleanup.connect();
			await cleanup.query(`drop schema ${schema} cascade`);
			await cleanup.end();
			fs.rmSync(config.dataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Kysely's migrator looks for its tables with a query over every schema. Tests in other workers drop their own
 * schemas at the same time, and PostgreSQL then answers 3F000 for *their* schema (seen in 2 of 3 full runs with
 * three workers on 2 cores). That says nothing about ours: try again. Any other error, or one about ours, is real.
 */
async function migrateAlongsideOthers(db: Parameters<typeof migrateToLatest>[0], schema: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await migrateToLatest(db, schema);
			return;
		} catch (error) {
			const cause = (error as { cause?: { code?: string; message?: string } }).cause;
			const otherSchemaGone = cause?.code === '3F000' && !String(cause.message).includes(schema);
			if (!otherSchemaGone || attempt >= 5) throw error;
			await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
		}
	}
}
