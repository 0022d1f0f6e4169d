/**
 * Journey (b): the language switch in the header, without JavaScript a plain form. Every public page has an
 * address per language (decision 0016): the switch leads to the counterpart, the page names both in hreflang
 * links and the sitemap, and an English page links to English pages only.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { englishPath, paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { en, t } from './support/messages';
import { arrive, Header } from './pages/common';

/** Dutch addresses of pages that have an English one: an English page must not link to them. */
const DUTCH_PUBLIC = /^\/(gids|hulp|scholen|zoeken|privacy|toegankelijkheid|inloggen|registreren|wachtwoord-vergeten)(\/|\?|#|$)/;
const GUIDE_SLUG = 'pesten-herkennen';
const DEMO_SCHOOL = { code: '99ZZ00', name: 'Demoschool De Regenboog' };

function guideTitle(locale: 'nl' | 'en'): string {
	const source = fs.readFileSync(`content/guide/${GUIDE_SLUG}/${locale}.md`, 'utf8');
	const title = /^title: "(.+)"$/m.exec(source)?.[1];
	if (!title) throw new Error(`No title in content/guide/${GUIDE_SLUG}/${locale}.md`);
	return title;
}

/** One page of every public page type, with its heading in both languages. */
const PAGE_TYPES: { name: string; nl: string; heading: { nl: string; en: string } }[] = [
	{ name: 'home', nl: paths.home, heading: { nl: t('home_title'), en: en('home_title') } },
	{ name: 'guide', nl: paths.guide, heading: { nl: t('guide_title'), en: en('guide_title') } },
	{ name: 'guide page', nl: paths.guidePage(GUIDE_SLUG), heading: { nl: guideTitle('nl'), en: guideTitle('en') } },
	{ name: 'help directory', nl: paths.help, heading: { nl: t('help_title'), en: en('help_title') } },
	{ name: 'school search', nl: paths.schools, heading: { nl: t('schools_title'), en: en('schools_title') } },
	{ name: 'school page', nl: paths.schoolPage(DEMO_SCHOOL.code), heading: { nl: DEMO_SCHOOL.name, en: DEMO_SCHOOL.name } },
	{ name: 'search', nl: paths.search, heading: { nl: t('search_title'), en: en('search_title') } },
	{ name: 'privacy', nl: paths.privacy, heading: { nl: t('privacy_title'), en: en('privacy_title') } },
	{ name: 'accessibility', nl: paths.accessibility, heading: { nl: t('a11y_title'), en: en('a11y_title') } },
	{ name: 'log-in', nl: paths.login, heading: { nl: t('auth_login_title'), en: en('auth_login_title') } },
	{ name: 'register', nl: paths.register, heading: { nl: t('auth_register_title'), en: en('auth_register_title') } }
];

async function hreflang(page: Page, lang: string): Promise<string | null> {
	const href = await page.locator(`head link[rel="alternate"][hreflang="${lang}"]`).getAttribute('href');
	return href === null ? null : new URL(href).pathname + new URL(href).search;
}

async function links(page: Page): Promise<string[]> {
	return (await page.locator('body a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))).filter((href) => href.startsWith('/'));
}

for (const type of PAGE_TYPES) {
	test(`the language switch on the ${type.name} leads to its English address and back`, async ({ page }) => {
		const english = englishPath(type.nl);
		await page.goto(type.nl);
		await arrive(page, type.nl, type.heading.nl);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		expect(await hreflang(page, 'nl')).toBe(type.nl);
		expect(await hreflang(page, 'en')).toBe(english);
		// A control for the check below: the Dutch page does link to Dutch addresses.
		expect((await links(page)).some((href) => DUTCH_PUBLIC.test(href))).toBe(true);

		expect((await new Header(page).switchLanguage('en')).status()).toBe(303);
		await arrive(page, english, type.heading.en);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		expect(await hreflang(page, 'nl')).toBe(type.nl);
		expect(await hreflang(page, 'en')).toBe(english);
		expect((await links(page)).filter((href) => DUTCH_PUBLIC.test(href))).toEqual([]);

		expect((await new Header(page, 'en').switchLanguage('nl')).status()).toBe(303);
		await arrive(page, type.nl, type.heading.nl);
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	});
}

test('the sitemap names both addresses of every public page type', async ({ request }) => {
	const xml = await (await request.get('/sitemap.xml')).text();
	const locs = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname));
	for (const type of PAGE_TYPES.filter((p) => p.name !== 'search' && p.name !== 'log-in' && p.name !== 'register')) {
		expect(locs, type.nl).toContain(type.nl);
		expect(locs, englishPath(type.nl)).toContain(englishPath(type.nl));
	}
});

test('English pages stay English by following links, and a Dutch address stays Dutch', async ({ page }) => {
	await page.goto(englishPath(paths.home));
	await arrive(page, englishPath(paths.home), en('home_title'));
	await page.getByRole('contentinfo').getByRole('link', { name: en('footer_privacy') }).click();
	await arrive(page, englishPath(paths.privacy), en('privacy_title'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	// The Dutch address is Dutch whatever was chosen before: the address decides (decision 0016).
	await page.goto(paths.privacy);
	await arrive(page, paths.privacy, t('privacy_title'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test.describe('a browser set to English', () => {
	test.use({ locale: 'en-GB' });

	// docs/decisions/0005-languages.md: the site does not follow Accept-Language; the switch decides.
	test('still gets Dutch until the English button is pressed', async ({ page }) => {
		await page.goto(paths.home);
		await arrive(page, paths.home, t('home_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

		await new Header(page).switchLanguage('en');
		await arrive(page, englishPath(paths.home), en('home_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
