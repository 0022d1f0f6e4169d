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
	await migrateToLatest(handle.db, schema);
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
