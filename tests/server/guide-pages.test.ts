/**
 * Every guide page and the help directory, in both languages, against the built app: they answer,
 * ship no JavaScript, stay within 14 KB of HTML and CSS (gzip), and shrug off hostile query strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { allGuidePages } from '../../src/lib/server/guide/guide-content';
import { englishPath, paths } from '../../src/lib/paths';
import { startApp, type AppServer } from './support/app-server';

let app: AppServer;
const cssCache = new Map<string, number>();

beforeAll(async () => {
	app = await startApp({ DATA_DIR: makeTempDir('pw-guide-') });
});
afterAll(async () => app?.stop());

/** A page at its address in the language (decision 0016); the cookie says the other language, and must not win. */
async function getPage(url: string, locale: 'nl' | 'en') {
	const address = locale === 'en' ? englishPath(url) : url;
	const response = await fetch(app.origin + address, { headers: { cookie: `PARAGLIDE_LOCALE=${locale === 'en' ? 'nl' : 'en'}` } });
	const html = await response.text();
	let css = 0;
	for (const match of html.matchAll(/<link href="(\/_app\/[^"]+\.css)" rel="stylesheet">/g)) {
		if (!cssCache.has(match[1]!)) cssCache.set(match[1]!, gzipSync(await (await fetch(app.origin + match[1])).text()).length);
		css += cssCache.get(match[1]!)!;
	}
	return { status: response.status, html, weight: gzipSync(html).length + css };
}

const guideUrls = [...new Set(allGuidePages().map((p) => `/gids/${p.slug}`))];

describe.each(['nl', 'en'] as const)('content pages in %s', (locale) => {
	it.each(['/', '/gids', '/hulp', '/privacy', '/toegankelijkheid', ...guideUrls])('%s: 200, no JavaScript, at most 14 KB gzip', async (url) => {
		const page = await getPage(url, locale);
		expect(page.status).toBe(200);
		expect(page.html).toContain(`<html lang="${locale}">`);
		expect(page.html).not.toMatch(/<script/i);
		expect(page.weight).toBeLessThanOrEqual(14 * 1024);
	});
});

describe('guide pages', () => {
	it('carry a title, description, canonical link and Open Graph tags', async () => {
		const { html } = await getPage('/gids/pesten-herkennen', 'nl');
		expect(html).toMatch(/<title>[^<]+ – Pestwijzer<\/title>/);
		expect(html).toMatch(/<meta name="description" content="[^"]{10,}"/);
		expect(html).toContain(`<link rel="canonical" href="${app.origin}/gids/pesten-herkennen"`);
		expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
	});

	it('show 113 and 112 on pages about distress', async () => {
		for (const url of ['/gids/hulp-voor-uw-kind', '/gids/voor-leerlingen', '/hulp']) {
			const { html } = await getPage(url, 'nl');
			expect(html, url).toContain('href="tel:113"');
			expect(html, url).toContain('href="tel:112"');
		}
	});

	it('show the step-by-step navigation on the step plan pages', async () => {
		const { html } = await getPage('/gids/stappenplan-buiten-school', 'nl');
		expect(html).toContain('aria-current="step"');
		expect(html).toContain('href="/gids/stappenplan-in-school"');
		expect(html).toContain('href="/gids/als-school-te-weinig-doet"');
	});

	it('list every programme of the catalogue with its sources, and the Week Tegen Pesten dates', async () => {
		const programmes: { name: string }[] = JSON.parse(fs.readFileSync(path.resolve('src/lib/server/reference-data/anti-bullying-programmes.json'), 'utf8'));
		const { html } = await getPage('/gids/anti-pestprogrammas', 'nl');
		for (const p of programmes) expect(html).toContain(p.name.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
		const week = await getPage('/gids/week-tegen-pesten', 'nl');
		const year = new Date().getUTCFullYear();
		expect(week.html).toContain(`Week Tegen Pesten ${year}:`);
		expect(week.html).toContain(`Week Tegen Pesten ${year + 1}:`);
	});

	it('answers 404 for a page that does not exist', async () => {
		expect((await getPage('/gids/bestaat-niet', 'nl')).status).toBe(404);
	});
});

describe('help directory filters', () => {
	it('filters by audience and topic with a plain GET form', async () => {
		const { html } = await getPage('/hulp?voor=child&onderwerp=suicidal_thoughts', 'nl');
		expect(html).toContain('113 Zelfmoordpreventie');
		expect(html).not.toContain('Landelijke Klachtencommissie');
		expect(html).toMatch(/value="child" checked/);
	});

	it.each([
		['markup', '<script>alert(1)</script>'],
		['SQL', "' OR 1=1 --"],
		['emoji', '😀'],
		['10 000 characters', 'x'.repeat(10_000)],
		['a path', '../../etc/passwd']
	])('treats %s as no filter, without reflecting it', async (_, bad) => {
		const { status, html } = await getPage(`/hulp?voor=${encodeURIComponent(bad)}&onderwerp=${encodeURIComponent(bad.slice(0, 100))}`, 'nl');
		expect(status).toBe(200);
		expect(html).not.toContain('<script>alert(1)');
		expect(html).not.toContain('OR 1=1');
		expect(html).toContain('De Kindertelefoon');
	});
});

describe('"Goed artikel?" feedback', () => {
	async function post(url: string, body: Record<string, string>, ip?: string) {
		return fetch(app.origin + url, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', origin: app.origin, 'content-type': 'application/x-www-form-urlencoded', ...(ip ? { 'x-forwarded-for': ip } : {}) },
			body: new URLSearchParams(body)
		});
	}

	it('thanks the reader, works without JavaScript', async () => {
		const response = await post('/gids/online-pesten', { helpful: 'ja', comment: 'Duidelijk.' });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Bedankt! Uw antwoord helpt ons de gids beter te maken.');
	});

	it('refuses a 100 KB comment with a clear message and keeps it', async () => {
		const comment = 'a'.repeat(100 * 1024);
		const response = await post('/gids/pesten-herkennen', { helpful: 'nee', comment });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Uw opmerking mag hoogstens 1000 tekens hebben.');
		expect(html).toContain(comment);
	});

	it('refuses a missing choice and an unknown page', async () => {
		const missing = await post('/gids/pesten-herkennen', { comment: 'x' });
		expect(missing.status).toBe(400);
		expect(await missing.text()).toContain('Kies Ja of Nee.');
		expect((await post('/gids/bestaat-niet', { helpful: 'ja' })).status).toBe(404);
	});

	it('refuses a repeat flood from one sender with a calm message', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await post('/gids/samen-opschrijven', { helpful: 'ja' })).status);
		expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
		expect(statuses[3]).toBe(429);
		const html = await (await post('/gids/samen-opschrijven', { helpful: 'ja' })).text();
		expect(html).toContain('U heeft het te vaak geprobeerd.');
	});
});

describe('sitemap and robots', () => {
	it('lists every guide page with its review date, and no personal page', async () => {
		const response = await fetch(`${app.origin}/sitemap.xml`);
		expect(response.headers.get('content-type')).toContain('application/xml');
		const xml = await response.text();
		for (const url of guideUrls) expect(xml).toContain(`<loc>${app.origin}${url}</loc><lastmod>`);
		expect(xml).toContain(`<loc>${app.origin}/hulp</loc>`);
		expect(xml).toContain(`<loc>${app.origin}/scholen</loc>`);
		expect(xml).toContain(`<loc>${app.origin}/en/schools</loc>`);
		// Every page in both languages, each naming both addresses as alternates (decision 0016).
		for (const url of guideUrls) {
			expect(xml).toContain(`<loc>${app.origin}${englishPath(url)}</loc><lastmod>`);
			expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${app.origin}${englishPath(url)}"/>`);
		}
		const urls = xml.match(/<url>/g)?.length ?? 0;
		expect(xml.match(/hreflang="nl"/g)?.length).toBe(urls);
		expect(xml.match(/hreflang="en"/g)?.length).toBe(urls);
		expect(urls % 2).toBe(0);
		expect(xml).not.toMatch(/account|beheer|inloggen|log-in|dossier/);
	});

	it('robots.txt keeps crawlers out of personal pages and names the sitemap', async () => {
		const text = await (await fetch(`${app.origin}/robots.txt`)).text();
		expect(text).toContain('Disallow: /account');
		expect(text).toContain('Disallow: /uitnodiging');
		// The staff pages under /school are out, the public school search /scholen (same first letters) is not.
		expect(text).toContain('Disallow: /school$\nDisallow: /school/\n');
		expect(text).not.toMatch(/Disallow: \/school\n|Disallow: \/scholen|Disallow: \/en\/schools/);
		expect(text).toContain('Disallow: /en/log-in');
		expect(text).toContain(`Sitemap: ${app.origin}/sitemap.xml`);
	});
});

describe('search', () => {
	/** `q` as typed; a query that starts with % is sent as it is (already percent-encoded). */
	async function searchFor(q: string, locale: 'nl' | 'en' = 'nl') {
		const encoded = q.startsWith('%') ? q : encodeURIComponent(q);
		const response = await fetch(`${app.origin}${locale === 'en' ? englishPath(paths.search) : paths.search}?q=${encoded}`);
		return { status: response.status, html: await response.text() };
	}
	const resultLinks = (html: string) => [...html.matchAll(/<h2><a href="([^"]+)"/g)].map((m) => m[1]);

	it('finds the same pages for gepest, pesten and pester', async () => {
		const [a, b, c] = await Promise.all(['gepest', 'pesten', 'pester'].map((q) => searchFor(q)));
		expect(resultLinks(a!.html).length).toBeGreaterThan(3);
		expect(resultLinks(a!.html).sort()).toEqual(resultLinks(b!.html).sort());
		expect(resultLinks(c!.html).sort()).toEqual(resultLinks(b!.html).sort());
	});

	it('searches the help directory and the guide in the reader’s language', async () => {
		const nl = await searchFor('zelfdoding');
		expect(resultLinks(nl.html)).toContain('/hulp#help-113-zelfmoordpreventie');
		const en = await searchFor('bullied', 'en');
		expect(en.html).toContain('<html lang="en">');
		// English results lead to the English guide pages, never to the Dutch ones.
		expect(resultLinks(en.html).some((l) => l!.startsWith('/en/guide/'))).toBe(true);
		expect(resultLinks(en.html).filter((l) => /^\/(gids|hulp)\b/.test(l!))).toEqual([]);
	});

	it.each([
		['an empty query', ''],
		['10 000 characters', 'pesten '.repeat(1500)],
		['SQL', "' OR 1=1; DROP TABLE app_user; --"],
		['HTML', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
		['emoji', '😀🔥 pesten'],
		// A lone surrogate as a browser may encode it: bytes that are not valid UTF-8.
		['a lone surrogate', '%70est%ED%A0%80en'],
		['a NUL byte', '%00pesten']
	])('answers %s with a normal page and no markup of the query', async (_, q) => {
		const { status, html } = await searchFor(q);
		expect(status).toBe(200);
		expect(html).not.toContain('<script>alert');
		expect(html).not.toContain('<img src=x');
		expect(html).toContain('<h1>Zoeken</h1>');
	});
});
