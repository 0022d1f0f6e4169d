/**
 * The repository carries copies of ../shared/data (the fact base and the hostile-input lists), so a clone with
 * nothing beside it builds and tests. Where ../shared exists (the project's own machines and CI), the copies must
 * equal it; elsewhere this file says so in one line and skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const shared = path.resolve('../shared/data');
const hasShared = fs.existsSync(shared);

const COPIES: readonly { copy: string; original: string }[] = [
	...['anti-bullying-programmes.json', 'week-tegen-pesten.json', 'help-directory.json', 'legal-framework.md'].map((file) => ({
		copy: path.join('src/lib/server/reference-data', file),
		original: file
	})),
	...(hasShared ? fs.readdirSync(path.join(shared, 'bad-input')) : []).map((file) => ({
		copy: path.join('tests/fixtures/bad-input', file),
		original: path.join('bad-input', file)
	}))
];

const NOT_BESIDE = '../shared/data is not beside this checkout (a clone on its own): the copies cannot be compared with it';
if (!hasShared) console.log(`reference data: ${NOT_BESIDE} (skipped).`);

// The reason for the skip is in the suite's name, so the test report says why as well as the console.
describe.skipIf(!hasShared)(hasShared ? 'copies of ../shared/data' : `copies of ../shared/data, skipped: ${NOT_BESIDE}`, () => {
	it.each(COPIES)('$copy is the same as ../shared/data/$original', ({ copy, original }) => {
		expect(fs.existsSync(copy), `${copy} is missing: copy it from ../shared/data`).toBe(true);
		expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(path.join(shared, original)));
	});
});

describe('urgent numbers', () => {
	it('come from the help directory: 112 from the police, the Kindertelefoon with its website', async () => {
		const { URGENT_NUMBERS } = await import('./reference-data');
		const directory = JSON.parse(fs.readFileSync('src/lib/server/reference-data/help-directory.json', 'utf8')) as { id: string; phone: string; website: string }[];
		const byId = new Map(directory.map((e) => [e.id, e]));
		expect(URGENT_NUMBERS.emergency).toBe('112');
		expect(byId.get('politie')!.phone.startsWith(URGENT_NUMBERS.emergency)).toBe(true);
		expect(URGENT_NUMBERS.kindertelefoon).toEqual({ phone: byId.get('kindertelefoon')!.phone, website: byId.get('kindertelefoon')!.website });
	});
});
