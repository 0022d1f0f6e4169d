/**
 * Issue 10.3 (decision 0016): every public page has an English address under /en, chosen by the path and not
 * the cookie. Tested against the built app: the language of each address whatever the cookie says, canonical
 * and hreflang links, links inside an English page that stay English, the language switch to the counterpart,
 * the old /schools addresses moved for good, and 404 in English for an English path that names no page.
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
	const response = await fetch(app.origin + url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
	return { status: response.status, html: await response.text(), location: response.headers.get('location') };
};

const lang = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];
const strip = (url: string) => url.replace(app.origin, '').replaceAll('&amp;', '&');
const links = (html: string) => ({
	canonical: [...html.matchAll(/<link rel="canonical" href="([^"]+)"/g)].map((m) => strip(m[1]!)),
	nl: [...html.matchAll(/<link rel="alternate" hreflang="nl" href="([^"]+)"/g)].map((m) => strip(m[1]!)),
	en: [...html.matchAll(/<link rel="alternate" hreflang="en" href="([^"]+)"/g)].map((m) => strip(m[1]!)),
	default: [...html.matchAll(/<link rel="alternate" hreflang="x-default" href="([^"]+)"/g)].map((m) => strip(m[1]!))
});
/** The links in the page's main content and navigation (not the hreflang links in the head). */
const hrefs = (html: string) => [...html.replace(/<head>[\s\S]*<\/head>/, '').matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
/** Dutch addresses of pages that have an English one: an English page must not link to them. */
const DUTCH_PUBLIC = /^\/(gids|hulp|scholen|zoeken|privacy|toegankelijkheid|inloggen|registreren|wachtwoord-vergeten)(\/|\?|#|$)/;

const pairs: [string, string, string][] = [
	['/', '/en', '<h1'],
	['/gids', '/en/guide', '<h1'],
	['/gids/pesten-herkennen', '/en/guide/pesten-herkennen', '<h1'],
	['/gids/anti-pestprogrammas', '/en/guide/anti-pestprogrammas', '<h1'],
	['/hulp', '/en/help', '<h1'],
	['/scholen', '/en/schools', '<h1'],
	['/scholen/12ZC00', '/en/schools/12ZC00', '<h1>Basisschool Het Kompas</h1>'],
	['/zoeken?q=pesten', '/en/search?q=pesten', '<h1'],
	['/privacy', '/en/privacy', '<h1'],
	['/toegankelijkheid', '/en/accessibility', '<h1'],
	['/inloggen', '/en/log-in', '<h1'],
	['/registreren', '/en/register', '<h1']
];

describe.each(pairs)('%s and %s', (nl, en, marker) => {
	it('the Dutch address is Dutch, even with an English cookie', async () => {
		const page = await get(nl, 'PARAGLIDE_LOCALE=en');
		expect(page.status).toBe(200);
		expect(lang(page.html)).toBe('nl');
		expect(page.html).toContain(marker);
		expect(links(page.html)).toEqual({ canonical: [nl], nl: [nl], en: [en], default: [nl] });
	});

	it('the English address is English, even with a Dutch cookie, and links only to English pages', async () => {
		const page = await get(en, 'PARAGLIDE_LOCALE=nl');
		expect(page.status).toBe(200);
		expect(lang(page.html)).toBe('en');
		expect(page.html).toContain(marker);
		expect(links(page.html)).toEqual({ canonical: [en], nl: [nl], en: [en], default: [nl] });
		const dutch = hrefs(page.html).filter((href) => DUTCH_PUBLIC.test(href));
		expect(dutch).toEqual([]);
		// A control: the Dutch page does have such links, so the filter would find them.
		expect(hrefs((await get(nl)).html).some((href) => DUTCH_PUBLIC.test(href))).toBe(true);
	});
});

describe('the English school pages', () => {
	it('link to each other in English, also in the search form and the suggestions', async () => {
		const { html } = await get('/en/schools?q=Zwolle');
		expect(html).toContain('1 school found');
		expect(html).toMatch(/<form method="get" action="\/en\/schools" class="search-form"/);
		expect(html).toContain('<a href="/en/schools/12ZC00">Basisschool Het Kompas</a>');
		expect(html).toContain('data-suggest-href="/en/schools/{code}"');
		expect(links(html).canonical).toEqual(['/en/schools?q=Zwolle']);
		expect(links(html).nl).toEqual(['/scholen?q=Zwolle']);
	});

	it('spell the code as DUO does in their links, whatever was typed', async () => {
		const { html } = await get('/en/schools/12zc00');
		expect(links(html)).toEqual({ canonical: ['/en/schools/12ZC00'], nl: ['/scholen/12ZC00'], en: ['/en/schools/12ZC00'], default: ['/scholen/12ZC00'] });
	});

	it('answer 404 in English for a school that does not exist', async () => {
		const page = await get('/en/schools/00XX00', 'PARAGLIDE_LOCALE=nl');
		expect(page.status).toBe(404);
		expect(lang(page.html)).toBe('en');
	});

	it('the old English addresses /schools… move for good to /en/schools…', async () => {
		for (const [old, moved] of [['/schools', '/en/schools'], ['/schools/12ZC00', '/en/schools/12ZC00'], ['/schools?q=Zwolle', '/en/schools?q=Zwolle']]) {
			const page = await get(old!);
			expect(page.status, old).toBe(308);
			expect(page.location, old).toBe(moved);
		}
	});

	it('load only our own suggestion script, which the CSP allows, and no inline script', async () => {
		const response = await fetch(`${app.origin}/en/schools`);
		const html = await response.text();
		expect([...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])).toEqual(['<script src="/js/school-suggestions.js" defer="">']);
		expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
		const source = await (await fetch(`${app.origin}/js/school-suggestions.js`)).text();
		// Data from the API is only ever set as text.
		expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
	});
});

describe('English paths that name no page', () => {
	it.each(['/en/nope', '/en/dossier', '/en/gids', '/en/schools/12ZC00/x'])('%s is a 404 in English', async (url) => {
		const page = await get(url, 'PARAGLIDE_LOCALE=nl');
		expect(page.status).toBe(404);
		expect(lang(page.html)).toBe('en');
	});
});

describe('the language switch', () => {
	const switchTo = async (locale: string, back: string) => {
		const response = await fetch(`${app.origin}/taal`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ locale, terug: back })
		});
		return { status: response.status, location: response.headers.get('location'), cookie: response.headers.get('set-cookie') ?? '' };
	};

	it.each(pairs.map(([nl, en]) => [nl, en]))('leads from %s to %s and back', async (nl, en) => {
		const toEnglish = await switchTo('en', nl);
		expect(toEnglish.status).toBe(303);
		expect(toEnglish.location).toBe(en);
		expect(toEnglish.cookie).toContain('PARAGLIDE_LOCALE=en');
		const toDutch = await switchTo('nl', en);
		expect(toDutch.location).toBe(nl);
		expect(toDutch.cookie).toContain('PARAGLIDE_LOCALE=nl');
	});

	it('keeps pages with one address where they are (the cookie decides there)', async () => {
		expect((await switchTo('en', '/account')).location).toBe('/account');
		expect((await switchTo('nl', '/schoolsx')).location).toBe('/schoolsx');
		expect((await switchTo('en', '/en/nope')).location).toBe('/en/nope');
	});
});
