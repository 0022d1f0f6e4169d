/**
 * The school search from the register in memory: the same schools in the same order as the SQL it replaced
 * (`lower(name|place) like '%…%' or code = …, order by place, name`), kept as the oracle here; and an edit or an
 * import is found by the very next search, because the copy follows the content version.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { newId, nowIso } from '../auth/tokens';
import { readDuoFile } from './duo-file';
import { importSchools } from './duo-import.service';
import { searchSchools } from './school-registry.service';
import { PUBLIC_COLUMNS } from './school-search-index';

/** 600 generated schools in 30 places, names that overlap ("Kompas", "Kompasroos") and repeat across places. */
function generatedDuoFile(): Uint8Array {
	const names = ['Het Kompas', 'De Kompasroos', 'De Regenboog', 'Basisschool Noord', 'OBS Zuid', 'De Vlinder'];
	const lines = ['VESTIGINGSCODE;INSTELLINGSCODE;VESTIGINGSNAAM;POSTCODE;PLAATSNAAM'];
	for (let i = 0; i < 600; i++) {
		const inst = `${String(i % 100).padStart(2, '0')}${'ABCDEFGHIJ'[Math.floor(i / 100)]}Q`;
		lines.push(`${inst}${String(Math.floor(i / 100) % 10).padStart(2, '0')};${inst};${names[i % names.length]} ${i};${1000 + (i % 37)} ${'AB'[i % 2]}C;Plaats ${i % 30}`);
	}
	return new TextEncoder().encode(lines.join('\n'));
}

describe.each(testDatabaseKinds())('the school search from memory on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
		await importSchools(t.db, readDuoFile(generatedDuoFile()).rows, 'po');
		await importSchools(t.db, readDuoFile(fs.readFileSync('fixtures/duo/vestigingenbo.csv')).rows, 'po');
	});
	afterAll(async () => t?.dispose());

	/** The query the search ran before, as the oracle. */
	async function inSql(text: string, limit: number) {
		const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		return t.db
			.selectFrom('school')
			.select(PUBLIC_COLUMNS)
			.where((eb) => eb.or([eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`), eb(sql`lower(place)`, 'like', sql`${pattern} escape '\\'`), eb('vestigingscode', '=', text.toUpperCase())]))
			.orderBy('place')
			.orderBy('name')
			.limit(limit)
			.execute();
	}

	it('finds what the SQL found, in its order, up to the limit', async () => {
		for (const text of ['kompas', 'KOMPASROOS', 'plaats 1', 'plaats 29', 'regenboog', 'Zwolle', 'oe', 'e', '07BQ01', '12zc00', 'noord 5', 'nergens', '%', '_', "' or 1=1 --"]) {
			for (const limit of [1, 10, 51]) expect(await searchSchools(t.db, text, limit), `${text}, ${limit}`).toEqual(await inSql(text, limit));
		}
		// 200 generated and the fixture's Basisschool Het Kompas.
		expect(await searchSchools(t.db, 'kompas', 600)).toHaveLength(201);
	});

	it('lists a school found in its name and its place once, and a code among the names in place order', async () => {
		const both = await searchSchools(t.db, 'plaats 3', 600);
		expect(new Set(both.map((s) => s.vestigingscode)).size).toBe(both.length);
		const byCode = await searchSchools(t.db, '10ZA01');
		expect(byCode.map((s) => s.vestigingscode)).toEqual(['10ZA01']);
	});

	it('finds by postcode as before', async () => {
		const prefix = await searchSchools(t.db, '1005', 600);
		expect(prefix.length).toBeGreaterThan(0);
		expect(prefix.every((s) => s.postcode?.startsWith('1005'))).toBe(true);
		expect((await searchSchools(t.db, '1005 bc', 600)).every((s) => s.postcode === '1005 BC')).toBe(true);
	});

	it('sees an added, a renamed and a removed school at the next search', async () => {
		expect(await searchSchools(t.db, 'Nieuwbouw')).toEqual([]);
		const now = nowIso();
		const id = newId();
		await t.db.insertInto('school').values({ id, vestigingscode: '99XY00', instellingscode: '99XY', name: 'De Nieuwbouw', place: 'Almere', postcode: '1300 AA', sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		expect((await searchSchools(t.db, 'nieuwbouw')).map((s) => s.vestigingscode)).toEqual(['99XY00']);
		await t.db.updateTable('school').set({ name: 'De Verbouwing' }).where('id', '=', id).execute();
		expect(await searchSchools(t.db, 'nieuwbouw')).toEqual([]);
		expect((await searchSchools(t.db, 'verbouwing')).map((s) => s.name)).toEqual(['De Verbouwing']);
		await t.db.deleteFrom('school').where('id', '=', id).execute();
		expect(await searchSchools(t.db, 'verbouwing')).toEqual([]);
	});

	it('answers searches that arrive together from one load', async () => {
		await t.db.updateTable('content_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
		const answers = await Promise.all(['kompas', 'regenboog', 'plaats 7'].map((text) => searchSchools(t.db, text, 51)));
		for (const [i, text] of ['kompas', 'regenboog', 'plaats 7'].entries()) expect(answers[i]).toEqual(await inSql(text, 51));
	});
});
