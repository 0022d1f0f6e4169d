/** The public school search and school page against the built app, with the fictional DUO fixtures loaded. */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { localePath } from '../../src/lib/paths';
import { startApp, type AppServer } from './support/app-server';

let app: AppServer;

beforeAll(async () => {
	const DATA_DIR = makeTempDir('pw-schools-');
	app = await startApp({ DATA_DIR });
	for (const file of ['fixtures/duo/vestigingenbo.csv', 'fixtures/duo/01.-hoofdvestigingen-vo.csv']) {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import-schools', file], { env: { PATH: process.env.PATH ?? '', DATA_DIR, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
		expect(result.status, result.stderr).toBe(0);
	}
});
afterAll(async () => app?.stop());

/** The page at its address in the language (decision 0016). */
const get = async (url: string, locale: 'nl' | 'en' = 'nl') => {
	const response = await fetch(app.origin + localePath(url, locale));
	return { status: response.status, html: await response.text() };
};

describe('school search', () => {
	it('finds schools by place and links to their pages, without JavaScript', async () => {
		const { status, html } = await get('/scholen?q=Zwolle');
		expect(status).toBe(200);
		// The only script is the optional suggestions file (school-pages-english.test.ts checks it); the search needs none.
		expect(html.replace('<script src="/js/school-suggestions.js" defer=""></script>', '')).not.toMatch(/<script/i);
		expect(html).toMatch(/<a href="\/scholen\/[0-9A-Z]{6}">[^<]+<\/a>/);
		expect(html).toContain('Zwolle');
	});

	it.each([
		['an empty query', ''],
		['10 000 characters', 'x'.repeat(10_000)],
		['SQL', "' OR 1=1 --"],
		['wildcards', '%_%'],
		['HTML', '<script>alert(1)</script>']
	])('answers %s with a normal page', async (_, q) => {
		const { status, html } = await get(`/scholen?q=${encodeURIComponent(q)}`);
		expect(status).toBe(200);
		expect(html).not.toContain('<script>alert');
		expect(html).not.toMatch(/<a href="\/scholen\/[0-9A-Z]{6}">/);
	});
});

describe('public school page', () => {
	it('shows the school and, while it published nothing, what every school must have', async () => {
		const { status, html } = await get('/scholen/10za01');
		expect(status).toBe(200);
		expect(html).toContain('<h1>RKBS De Regenboog</h1>');
		expect(html).toContain('Deze school heeft in Pestwijzer nog niets gepubliceerd.');
		expect(html).toContain('href="/gids/wat-moet-de-school-doen"');
		expect(html).not.toMatch(/<script/i);
		const english = await get('/scholen/10ZA01', 'en');
		expect(english.html).toContain('This school has not published anything in Pestwijzer yet.');
	});

	it.each(['/scholen/00XX00', '/scholen/..%2f..', '/scholen/%3Cscript%3E'])('answers 404 for %s', async (url) => {
		expect((await get(url)).status).toBe(404);
	});
});
