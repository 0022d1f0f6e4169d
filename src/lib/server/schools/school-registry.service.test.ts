import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { readDuoFile } from './duo-file';
import { importSchools } from './duo-import.service';
import { findSchoolByCode, searchSchools } from './school-registry.service';

describe.each(testDatabaseKinds())('school registry on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
		await importSchools(t.db, readDuoFile(fs.readFileSync('fixtures/duo/vestigingenbo.csv')).rows, 'po');
		await importSchools(t.db, readDuoFile(fs.readFileSync('fixtures/duo/01.-hoofdvestigingen-vo.csv')).rows, 'vo');
	});
	afterAll(async () => t.dispose());

	it('finds schools by place, by part of the name in any case, by postcode and by code', async () => {
		const inZwolle = await searchSchools(t.db, 'zwolle');
		expect(inZwolle.length).toBeGreaterThan(0);
		expect(inZwolle.every((s) => s.place.toLowerCase() === 'zwolle')).toBe(true);
		expect((await searchSchools(t.db, 'REGENBOOG')).map((s) => s.name)).toContain('RKBS De Regenboog');
		expect((await searchSchools(t.db, '3511')).every((s) => s.postcode?.startsWith('3511'))).toBe(true);
		expect((await searchSchools(t.db, '3511 ab')).map((s) => s.postcode)).toEqual(['3511 AB']);
		expect((await searchSchools(t.db, '10za01')).map((s) => s.vestigingscode)).toEqual(['10ZA01']);
	});

	it('treats wildcards as characters and hostile input as text', async () => {
		expect(await searchSchools(t.db, '%')).toEqual([]);
		expect(await searchSchools(t.db, '_')).toEqual([]);
		expect(await searchSchools(t.db, "' OR 1=1 --")).toEqual([]);
		expect(await searchSchools(t.db, '')).toEqual([]);
		expect(await searchSchools(t.db, 'x'.repeat(10_000))).toEqual([]);
	});

	it('reads one school by its code, in any case', async () => {
		expect((await findSchoolByCode(t.db, '10za01'))?.name).toBe('RKBS De Regenboog');
		expect(await findSchoolByCode(t.db, '00XX00')).toBeUndefined();
		expect(await findSchoolByCode(t.db, '../../x')).toBeUndefined();
		expect(await findSchoolByCode(t.db, '10ZA01 OR 1=1')).toBeUndefined();
	});
});
