import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const shared = path.resolve('../shared/data');
const here = path.resolve('src/lib/server/reference-data');

describe.skipIf(!fs.existsSync(shared))('reference data', () => {
	it.each(['anti-bullying-programmes.json', 'week-tegen-pesten.json', 'help-directory.json'])('%s is the same as in ../shared/data', (file) => {
		expect(fs.readFileSync(path.join(here, file), 'utf8')).toBe(fs.readFileSync(path.join(shared, file), 'utf8'));
	});
});
