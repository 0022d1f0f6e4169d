/**
 * Issue 4: the English addresses of the school search and school page (/schools, /schools/<code>) against the
 * built app. They are English whatever the language cookie says; the Dutch ones follow the cookie as before;
 * each links to the other (hreflang) and to itself (canonical); and the language switch leaves /schools for
 * the Dutch address when someone chooses Dutch there.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserHeaders, form, startApp, type AppServer } from './support/app-server';

let app: AppServer;

beforeAll(async () => {
	const DATA_DIR = makeTempDir('pw-schools-en-');
	app = await startApp({ DATA_DIR });
	for (const file of ['fixtures/duo/vestigingenbo.csv', 'fixtures/duo/01.-hoofdvestigingen-vo.csv']) {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import-schools', file], { env: { PATH: process.env.PATH ?? '', DATA_DIR, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
		expect(result.status, result.stderr).toBe(0);
	}
});
afterAll(async () => app?.stop());

const get = async (url: string, cookie?: string) => {
	const response = await fetch(app.origin + url, { headers: cookie ? { cookie } : {} });
	return { status: response.status, html: await response.text() };
};

const lang = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];
const links = (html: string) => ({
	canonical: [...html.matchAll(/<link rel="canonical" href="([^"]+)"/g)].map((m) => m[1]!.replace(app.origin, '')),
	nl: [...html.matchAll(/<link rel="alternate" hreflang="nl" href="([^"]+)"/g)].map((m) => m[1]!.replace(app.origin, '')),
	en: [...html.matchAll(/<link rel="alternate" hreflang="en" href="([^"]+)"/g)].map((m) => m[1]!.replace(app.origin, ''))
});

describe('the English school page /schools/<code>', () => {
	it('is English even with a Dutch cookie, and links to its Dutch twin', async () => {
		const { status, html } = await get('/schools/12ZC00', 'PARAGLIDE_LOCALE=nl');
		expect(status).toBe(200);
		expect(lang(html)).toBe('en');
		expect(html).toContain('<h1>Basisschool Het Kompas</h1>');
		expect(html).toContain('This school has not published anything in Pestwijzer yet.');
		expect(links(html)).toEqual({ canonical: ['/schools/12ZC00'], nl: ['/scholen/12ZC00'], en: ['/schools/12ZC00'] });
		// The links are absolute: search engines ignore relative hreflang addresses.
		expect(html).toContain(`<link rel="alternate" hreflang="nl" href="${app.origin}/scholen/12ZC00"`);
	});

	it('spells the code as DUO does in its links, whatever was typed', async () => {
		const { html } = await get('/schools/12zc00');
		expect(links(html)).toEqual({ canonical: ['/schools/12ZC00'], nl: ['/scholen/12ZC00'], en: ['/schools/12ZC00'] });
	});

	it('answers 404 in English for a school that does not exist', async () => {
		const { status, html } = await get('/schools/00XX00', 'PARAGLIDE_LOCALE=nl');
		expect(status).toBe(404);
		expect(lang(html)).toBe('en');
	});
});

describe('the Dutch school page /scholen/<code>', () => {
	it('stays Dutch without a cookie, and links to its English twin', async () => {
		const { status, html } = await get('/scholen/12ZC00');
		expect(status).toBe(200);
		expect(lang(html)).toBe('nl');
		expect(html).toContain('Deze school heeft in Pestwijzer nog niets gepubliceerd.');
		expect(links(html)).toEqual({ canonical: ['/scholen/12ZC00'], nl: ['/scholen/12ZC00'], en: ['/schools/12ZC00'] });
	});

	it('still follows the cookie', async () => {
		expect(lang((await get('/scholen/12ZC00', 'PARAGLIDE_LOCALE=en')).html)).toBe('en');
	});
});

describe('the school search in both languages', () => {
	it('/schools is English, searches on /schools and links to the English school pages', async () => {
		const { status, html } = await get('/schools?q=Zwolle', 'PARAGLIDE_LOCALE=nl');
		expect(status).toBe(200);
		expect(lang(html)).toBe('en');
		expect(html).toContain('1 school found');
		expect(html).toMatch(/<form method="get" action="\/schools" class="search-form"/);
		expect(html).toContain('<a href="/schools/12ZC00">Basisschool Het Kompas</a>');
		expect(html).toContain('data-suggest-href="/schools/{code}"');
		expect(links(html)).toEqual({ canonical: ['/schools?q=Zwolle'], nl: ['/scholen?q=Zwolle'], en: ['/schools?q=Zwolle'] });
	});

	it('/scholen is Dutch and links to /schools', async () => {
		const { html } = await get('/scholen?q=Zwolle');
		expect(lang(html)).toBe('nl');
		expect(html).toMatch(/<form method="get" action="\/scholen" class="search-form"/);
		expect(html).toContain('data-suggest-href="/scholen/{code}"');
		expect(links(html)).toEqual({ canonical: ['/scholen?q=Zwolle'], nl: ['/scholen?q=Zwolle'], en: ['/schools?q=Zwolle'] });
		expect(links((await get('/scholen')).html)).toEqual({ canonical: ['/scholen'], nl: ['/scholen'], en: ['/schools'] });
	});

	it('loads only our own suggestion script, which the CSP allows, and no inline script', async () => {
		const response = await fetch(`${app.origin}/scholen`);
		const html = await response.text();
		expect([...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])).toEqual(['<script src="/js/school-suggestions.js" defer="">']);
		expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
		const script = await fetch(`${app.origin}/js/school-suggestions.js`);
		expect(script.status).toBe(200);
		expect(script.headers.get('content-type')).toMatch(/javascript/);
		const source = await script.text();
		// Data from the API is only ever set as text.
		expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
	});
});

describe('the language switch on the school pages', () => {
	const switchTo = async (locale: string, back: string) => {
		const response = await fetch(`${app.origin}/taal`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ locale, terug: back })
		});
		return { status: response.status, location: response.headers.get('location'), cookie: response.headers.get('set-cookie') ?? '' };
	};

	it.each([
		['/schools/12ZC00', '/scholen/12ZC00'],
		['/schools?q=Zwolle', '/scholen?q=Zwolle'],
		['/schools', '/scholen']
	])('choosing Dutch on %s goes to %s', async (back, expected) => {
		const answer = await switchTo('nl', back);
		expect(answer.status).toBe(303);
		expect(answer.location).toBe(expected);
		expect(answer.cookie).toContain('PARAGLIDE_LOCALE=nl');
	});

	it('choosing English on /scholen/<code> stays there, in English by the cookie', async () => {
		const answer = await switchTo('en', '/scholen/12ZC00');
		expect(answer.status).toBe(303);
		expect(answer.location).toBe('/scholen/12ZC00');
		expect(answer.cookie).toContain('PARAGLIDE_LOCALE=en');
		expect(lang((await get(answer.location!, 'PARAGLIDE_LOCALE=en')).html)).toBe('en');
	});

	it('other pages are left alone', async () => {
		expect((await switchTo('nl', '/schoolsx')).location).toBe('/schoolsx');
		expect((await switchTo('nl', '/gids')).location).toBe('/gids');
		expect((await switchTo('en', '/schools/12ZC00')).location).toBe('/schools/12ZC00');
	});
});
