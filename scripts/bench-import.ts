/**
 * Part of `npm run bench`: times a DUO import of 50 000 rows into a fresh SQLite database (issue 4: under 30 s).
 * Prints one JSON line for bench.js. Run alone: node --import tsx scripts/bench-import.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { readDuoFile } from '../src/lib/server/schools/duo-file';
import { importSchools } from '../src/lib/server/schools/duo-import.service';

const ROWS = 50_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pestwijzer-bench-import-'));
try {
	setConfigForTests(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	const lines = ['VESTIGINGSCODE;INSTELLINGSCODE;VESTIGINGSNAAM;POSTCODE;PLAATSNAAM'];
	for (let i = 0; i < ROWS; i++) {
		// 100 × 26 × 26 instellingscodes, 1–2 locations each: unique, valid codes.
		const n = Math.floor(i / 2);
		const inst = `${String(n % 100).padStart(2, '0')}${letters[Math.floor(n / 100) % 26]}${letters[Math.floor(n / 2600) % 26]}`;
		lines.push(`${inst}${String(i % 2).padStart(2, '0')};${inst};Basisschool Nummer ${i};${1000 + (i % 8999)} AB;Plaats ${i % 400}`);
	}
	const bytes = new TextEncoder().encode(lines.join('\n'));
	const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.db') });
	await migrateToLatest(handle.db);
	const start = performance.now();
	const parsed = readDuoFile(bytes);
	const parsedMs = performance.now() - start;
	const result = await importSchools(handle.db, parsed.rows, 'po');
	const totalMs = performance.now() - start;
	await handle.close();
	console.log(JSON.stringify({ rows: ROWS, parsedMs: Math.round(parsedMs), totalMs: Math.round(totalMs), inserted: result.inserted, problems: parsed.problems.length }));
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
