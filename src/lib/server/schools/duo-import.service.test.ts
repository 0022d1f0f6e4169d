import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { readDuoFile } from './duo-file';
import { importSchools } from './duo-import.service';

describe.each(testDatabaseKinds())('DUO import on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	it('inserts the fixture schools, and a re-import updates instead of duplicating', async () => {
		const primary = readDuoFile(fs.readFileSync('fixtures/duo/vestigingenbo.csv'));
		const secondary = readDuoFile(fs.readFileSync('fixtures/duo/01.-hoofdvestigingen-vo.csv'));
		expect(await importSchools(t.db, primary.rows, 'po')).toEqual({ inserted: 20, updated: 0 });
		expect(await importSchools(t.db, secondary.rows, 'vo')).toEqual({ inserted: 12, updated: 0 });
		const renamed = primary.rows.map((r, i) => (i === 0 ? { ...r, name: 'RKBS De Nieuwe Regenboog' } : r));
		expect(await importSchools(t.db, renamed, 'po')).toEqual({ inserted: 0, updated: 20 });
		const count = await t.db.selectFrom('school').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(32);
		const school = await t.db.selectFrom('school').selectAll().where('vestigingscode', '=', primary.rows[0]!.vestigingscode).executeTakeFirstOrThrow();
		expect(school).toMatchObject({ name: 'RKBS De Nieuwe Regenboog', sector: 'po', place: 'Utrecht' });
	});
});
