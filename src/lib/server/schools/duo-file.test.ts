import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DuoFileError, parseCsv, readDuoFile } from './duo-file';
import { sectorFromFileName } from './duo-import.service';

const bytes = (text: string, encoding: 'utf-8' | 'cp1252' = 'utf-8') =>
	encoding === 'utf-8' ? new TextEncoder().encode(text) : Uint8Array.from([...text].map((c) => (c === 'ë' ? 0xeb : c === 'é' ? 0xe9 : c === 'ï' ? 0xef : c.charCodeAt(0))));

describe('DUO school files', () => {
	it('reads the primary fixture: new column names, commas, quotes, UTF-8', () => {
		const file = readDuoFile(fs.readFileSync('fixtures/duo/vestigingenbo.csv'));
		expect(file).toMatchObject({ delimiter: ',', encoding: 'utf-8', problems: [] });
		expect(file.rows).toHaveLength(20);
		expect(file.rows[0]).toMatchObject({ line: 2, vestigingscode: '10ZA01', instellingscode: '10ZA', name: 'RKBS De Regenboog', place: 'Utrecht', postcode: '3511 AB' });
		expect(file.rows.some((r) => r.name.endsWith('Het Mozaïek'))).toBe(true);
	});

	it('reads the secondary fixture: old column names, semicolons, Windows-1252, no location number', () => {
		const file = readDuoFile(fs.readFileSync('fixtures/duo/01.-hoofdvestigingen-vo.csv'));
		expect(file).toMatchObject({ delimiter: ';', encoding: 'windows-1252', problems: [] });
		expect(file.rows).toHaveLength(12);
		const row = file.rows.find((r) => r.name.startsWith('Geïntegreerde'))!;
		expect(row.vestigingscode).toBe(`${row.instellingscode}00`);
		expect(row.place).toMatch(/^[A-Z ]+$/);
	});

	it('maps headers without regard to case or spacing, in any order', () => {
		const file = readDuoFile(bytes('plaatsnaam;Vestigingsnaam;brin nummer;vestigingsnummer\nZwolle;De Linde;12AB;01\n'));
		expect(file.rows[0]).toMatchObject({ vestigingscode: '12AB01', name: 'De Linde', place: 'Zwolle' });
	});

	it('reports bad rows with their line numbers and keeps the good ones', () => {
		const text = [
			'INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM',
			'12AB;12AB00;School Een;Delft',
			'XYZ;XYZ00;School Twee;Delft',
			'12AB;12AB00;School Een Dubbel;Delft',
			'13CD;13CD00;;Gouda',
			'14EF;14EF00;School "Vier";Ede',
			'15GH;15GH00;Afgekapt'
		].join('\n');
		const file = readDuoFile(bytes(text));
		expect(file.rows.map((r) => r.vestigingscode)).toEqual(['12AB00', '14EF00']);
		expect(file.problems.map((p) => p.line)).toEqual([3, 4, 5, 7]);
		expect(file.problems[1]!.reason).toContain('already on line 2');
		expect(file.problems[3]!.reason).toContain('cut-off');
	});

	it('reads Windows-1252 names correctly', () => {
		const file = readDuoFile(bytes('BRIN NUMMER;INSTELLINGSNAAM;PLAATSNAAM\n12AB;Daltonschool Ëlckerlyc;Utrecht\n', 'cp1252'));
		expect(file.encoding).toBe('windows-1252');
		expect(file.rows[0]!.name).toBe('Daltonschool Ëlckerlyc');
	});

	it('stops with one clear sentence for missing columns or an unknown delimiter', () => {
		expect(() => readDuoFile(bytes('VESTIGINGSCODE;POSTCODE\n12AB00;1234 AB\n'))).toThrow(DuoFileError);
		expect(() => readDuoFile(bytes('VESTIGINGSCODE;POSTCODE\n'))).toThrow(/Columns are missing: INSTELLINGSCODE or BRIN NUMMER/);
		expect(() => readDuoFile(bytes('BRIN\tNAAM\tPLAATS\n'))).toThrow(/no ";" or ","/);
		expect(() => readDuoFile(bytes(''))).toThrow(DuoFileError);
	});

	it('parses quoted fields with delimiters, quotes and newlines', () => {
		expect(parseCsv('a;"b;c";"d ""e"""\n"f\ng";h\n', ';')).toEqual([
			{ fields: ['a', 'b;c', 'd "e"'], line: 1 },
			{ fields: ['f\ng', 'h'], line: 2 }
		]);
	});

	it('tells the sector from DUO file names', () => {
		expect(sectorFromFileName('vestigingenbo.csv')).toBe('po');
		expect(sectorFromFileName('/x/instellingenvo.csv')).toBe('vo');
		expect(sectorFromFileName('02.-alle-vestigingen-vo.csv')).toBe('vo');
		expect(sectorFromFileName('vestigingenso.csv')).toBe('so');
		expect(sectorFromFileName('instellingenmbo.csv')).toBe('mbo');
		expect(sectorFromFileName('scholen.csv')).toBe('onbekend');
	});
});
