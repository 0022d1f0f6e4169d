/**
 * Where a text stands in plain in a test database: for checks that sealed text leaves no readable copy behind. On
 * SQLite, the database file and its WAL after a checkpoint; on PostgreSQL, the rows of the tables named (its files
 * are not ours to read).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestDatabase } from './test-database';

export async function plainCopiesOf(t: TestDatabase, text: string, tables: readonly string[]): Promise<string[]> {
	if (t.kind !== 'sqlite') {
		const found: string[] = [];
		for (const table of tables) {
			const dump = await sql<{ t: string | null }>`select string_agg(x::text, ' ') as t from ${sql.table(table)} x`.execute(t.db);
			if ((dump.rows[0]?.t ?? '').includes(text)) found.push(table);
		}
		return found;
	}
	await sql`pragma wal_checkpoint(truncate)`.execute(t.db);
	const needle = Buffer.from(text);
	return fs
		.readdirSync(t.config.dataDir)
		.filter((f) => f.startsWith('test.db'))
		.filter((f) => fs.readFileSync(path.join(t.config.dataDir, f)).includes(needle));
}
