/**
 * The guide's content: every page in both languages, valid front matter, links that lead somewhere,
 * Dutch at B1 (short sentences), and no phone number that is not in the reference data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dutchPath, localePath } from '$lib/paths';
import { allGuidePages, parseGuideFile } from './guide-content';
import { STEP_PLAN, DISTRESS_PAGES } from '../../guide/guide';

const pages = allGuidePages();
const slugs = [...new Set(pages.map((p) => p.slug))];

/** Sentences as a reader meets them: split on . ! ? and on line breaks (headings and list items count). */
export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+|\n+/)
		.map((s) => s.trim())
		.filter((s) => /\p{L}/u.test(s));
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Every phone number the reference data knows, as digits only. */
function knownPhoneNumbers(): Set<string> {
	const data = fs.readFileSync(path.resolve('src/lib/server/reference-data/help-directory.json'), 'utf8');
	const legal = fs.readFileSync(path.resolve('src/lib/server/reference-data/legal-framework.md'), 'utf8');
	return new Set([...`${data}\n${legal}`.matchAll(PHONE)].map((m) => m[0].replace(/\D/g, '')));
}
// Dutch phone numbers: 0 followed by digits in groups, or the short numbers 112 and 113.
const PHONE = /(?<![\d-])(?:0\d[\d -]{6,12}\d|11[23])(?![\d-])/g;

describe('guide content', () => {
	it('has the pages the issue asks for, each in Dutch and English', () => {
		const expected = [
			'pesten-herkennen',
			'online-pesten',
			'samen-opschrijven',
			'hulp-voor-uw-kind',
			'wat-moet-de-school-doen',
			...STEP_PLAN,
			'anti-pestprogrammas',
			'week-tegen-pesten',
			'voor-leerlingen'
		];
		for (const slug of expected) {
			expect(pages.some((p) => p.slug === slug && p.locale === 'nl'), `${slug} (nl)`).toBe(true);
			expect(pages.some((p) => p.slug === slug && p.locale === 'en'), `${slug} (en)`).toBe(true);
		}
		for (const slug of slugs) expect(pages.filter((p) => p.slug === slug).map((p) => p.locale).sort(), slug).toEqual(['en', 'nl']);
		for (const slug of DISTRESS_PAGES) expect(slugs).toContain(slug);
	});

	it.each(pages.filter((p) => p.locale === 'nl').map((p) => [p.slug, p] as const))('%s: Dutch sentences average at most 15 words', (_, page) => {
		const list = sentences(page.text);
		const average = list.reduce((sum, s) => sum + words(s), 0) / list.length;
		expect(average).toBeLessThanOrEqual(15);
		expect(list.filter((s) => words(s) > 25), 'sentences over 25 words').toEqual([]);
	});

	it('links only to guide pages that exist, in the page’s own language', () => {
		for (const page of pages) {
			for (const match of page.html.matchAll(/href="([^"]+)"/g)) {
				const href = match[1]!;
				expect(href, `${page.slug}.${page.locale}`).toMatch(/^(\/|#|https:\/\/|tel:|mailto:)/);
				if (!href.startsWith('/')) continue;
				// An English page links to English addresses (decision 0016), a Dutch page to Dutch ones.
				expect(href, `${page.slug}.${page.locale} links to ${href}`).toBe(localePath(dutchPath(href) ?? href, page.locale));
				const dutch = (dutchPath(href) ?? href).split('#')[0]!;
				if (dutch.startsWith('/gids/')) expect(slugs.map((s) => `/gids/${s}`), `${page.slug}.${page.locale} links to ${href}`).toContain(dutch);
				// Other pages of the app that guide pages may link to.
				else expect(['/hulp', '/gids', '/scholen'], `${page.slug}.${page.locale}`).toContain(dutch);
			}
		}
		// A control: English pages do link to other guide pages, so the checks above see them.
		expect(pages.some((p) => p.locale === 'en' && p.html.includes('href="/en/guide/'))).toBe(true);
	});

	it('states no phone number that is not in the reference data', () => {
		const known = knownPhoneNumbers();
		expect(known.has('08000432')).toBe(true);
		for (const page of pages) {
			for (const match of `${page.text}\n${page.summary}`.matchAll(PHONE)) {
				expect(known.has(match[0].replace(/\D/g, '')), `${page.slug}.${page.locale}: ${match[0]}`).toBe(true);
			}
		}
	});

	it('speaks to pupils with "je", to parents with "u"', () => {
		const pupil = pages.find((p) => p.slug === 'voor-leerlingen' && p.locale === 'nl')!;
		expect(pupil.text).toMatch(/\bje\b/i);
		expect(pupil.text).not.toMatch(/\b(u|uw)\b/);
		for (const page of pages.filter((p) => p.locale === 'nl' && p.audience === 'parent')) {
			expect(page.text, page.slug).toMatch(/\b(u|uw)\b/);
		}
	});

	it('shows raw HTML in Markdown as text, never as markup', () => {
		const page = parseGuideFile(
			'/content/guide/test/nl.md',
			'---\ntitle: Test\nsummary: Een test van de opmaak.\nlastReviewed: 2026-11-26\naudience: parent\norder: 1\nsources: []\n---\n## Kop\n\n<script>alert(1)</script>\n\nTekst met <img src=x onerror=alert(1)> en [link](javascript:alert(1)).\n'
		);
		expect(page.html).not.toContain('<script');
		expect(page.html).not.toContain('<img');
		expect(page.html).toContain('&lt;script&gt;');
		expect(page.html).not.toContain('javascript:');
		expect(page.html).toContain('en link.');
		expect(page.headings).toEqual([{ id: 'kop', text: 'Kop' }]);
	});

	it('refuses a file with broken front matter', () => {
		expect(() => parseGuideFile('/content/guide/x/nl.md', '---\ntitle: X\n---\nbody')).toThrow(/content\/guide\/x\/nl\.md/);
		expect(() => parseGuideFile('/content/guide/x/nl.md', 'no front matter')).toThrow(/front matter/);
	});
});
