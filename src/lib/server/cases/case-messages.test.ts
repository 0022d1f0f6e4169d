import { describe, expect, it } from 'vitest';

describe('case message keys', () => {
	it('has every error key the case services use, in both catalogues', async () => {
		const fs = await import('node:fs');
		const path = await import('node:path');
		const dir = __dirname;
		const used = new Set<string>();
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')))
			for (const match of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/'(case_error_[a-z_]+)'/g)) used.add(match[1]!);
		expect(used.size).toBeGreaterThan(10);
		for (const locale of ['nl', 'en']) {
			const catalogue = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../../messages/${locale}.json`), 'utf8')) as Record<string, string>;
			for (const key of used) expect(catalogue[key], `${key} in ${locale}`).toBeTruthy();
		}
	});
});
