/**
 * Part of `npm run bench`, run through tsx (it uses our TypeScript). Two jobs, one generator of DUO rows:
 *  - no arguments: times a DUO import of 50 000 rows into a fresh SQLite database (issue 4: under 30 s)
 *    and prints one JSON line for bench.js. Run alone: node --import tsx scripts/bench-import.ts
 *  - `--seed <DATA_DIR> <rows>`: fills the benchmark app's database with that many generated schools plus
 *    the fictional fixtures (fixtures/duo), so the school search is measured on a registry as large as
 *    DUO's (about 8 000 locations). Prints one JSON line with the counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { readDuoFile } from '../src/lib/server/schools/duo-file';
import { importSchools, sectorFromFileName } from '../src/lib/server/schools/duo-import.service';

const IMPORT_ROWS = 50_000;
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'duo');

/** A DUO file (`;`, UTF-8) with `rows` schools: unique, valid codes; 400 places of about equal size. */
function generateDuoFile(rows: number): Uint8Array {
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	const lines = ['VESTIGINGSCODE;INSTELLINGSCODE;VESTIGINGSNAAM;POSTCODE;PLAATSNAAM'];
	for (let i = 0; i < rows; i++) {
		// 100 × 26 × 26 instellingscodes, 1–2 locations each: unique, valid codes.
		const n = Math.floor(i / 2);
		const inst = `${String(n % 100).padStart(2, '0')}${letters[Math.floor(n / 100) % 26]}${letters[Math.floor(n / 2600) % 26]}`;
		lines.push(`${inst}${String(i % 2).padStart(2, '0')};${inst};Basisschool Nummer ${i};${1000 + (i % 8999)} AB;Plaats ${i % 400}`);
	}
	return new TextEncoder().encode(lines.join('\n'));
}

async function timeImport(): Promise<void> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pestwijzer-bench-import-'));
	try {
		setConfigForTests(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }));
		const bytes = generateDuoFile(IMPORT_ROWS);
		const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.db') });
		await migrateToLatest(handle.db);
		const start = performance.now();
		const parsed = readDuoFile(bytes);
		const parsedMs = performance.now() - start;
		const result = await importSchools(handle.db, parsed.rows, 'po');
		const totalMs = performance.now() - start;
		await handle.close();
		console.log(JSON.stringify({ rows: IMPORT_ROWS, parsedMs: Math.round(parsedMs), totalMs: Math.round(totalMs), inserted: result.inserted, problems: parsed.problems.length }));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function seed(dataDir: string, rows: number): Promise<void> {
	// The app's own database file in that folder, as the app finds it (SQLite; the benchmark never uses PostgreSQL).
	const cfg = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	setConfigForTests(cfg);
	if (cfg.database.kind !== 'sqlite') throw new Error('The benchmark seeds SQLite only.');
	const handle = openDatabase(cfg.database);
	try {
		await migrateToLatest(handle.db);
		const generated = await importSchools(handle.db, readDuoFile(generateDuoFile(rows)).rows, 'po');
		// The fixtures last: a generated code that happens to equal a fixture's gets the fixture's name and place.
		let fixtures = 0;
		for (const name of ['vestigingenbo.csv', '01.-hoofdvestigingen-vo.csv']) {
			const parsed = readDuoFile(fs.readFileSync(path.join(FIXTURES, name)));
			const result = await importSchools(handle.db, parsed.rows, sectorFromFileName(name));
			fixtures += result.inserted + result.updated;
		}
		const { count } = await handle.db.selectFrom('school').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
		console.log(JSON.stringify({ generated: generated.inserted, fixtures, schools: Number(count) }));
	} finally {
		await handle.close();
	}
}

const args = process.argv.slice(2);
if (args[0] === '--seed') {
	const rows = Number(args[2]);
	if (!args[1] || !Number.isInteger(rows) || rows < 0) {
		console.error('Usage: node --import tsx scripts/bench-import.ts --seed <DATA_DIR> <rows>');
		process.exit(2);
	}
	await seed(args[1], rows);
} else {
	await timeImport();
}
