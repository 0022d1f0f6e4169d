/**
 * The guide and the help directory, in Dutch and English: every guide page is reached from the guide's
 * index by its link and checked (axe with JavaScript on, content with it off); the help filters work as a
 * plain GET form.
 */
import { localePath, paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t, type Locale } from './support/messages';
import { arrive, Header } from './pages/common';

for (const locale of ['nl', 'en'] as const satisfies readonly Locale[]) {
	test(`every guide page in ${locale === 'nl' ? 'Dutch' : 'English'} is reachable from the guide and accessible`, async ({ page }) => {
		// Eleven pages, each through axe: more than the default 30 seconds on a busy 2-core machine.
		test.slow();
		await page.goto(paths.home);
		await arrive(page, paths.home, t('home_title'));
		if (locale === 'en') {
			await new Header(page).switchLanguage('en');
			await arrive(page, localePath(paths.home, 'en'), t('home_title', {}, 'en'));
		}
		await page.getByRole('link', { name: t('home_guide_link', {}, locale) }).click();
		await arrive(page, localePath(paths.guide, locale), t('guide_title', {}, locale));

		const links = page.getByRole('main').locator('.guide-list a');
		const targets = await links.evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
		expect(targets.length).toBeGreaterThanOrEqual(11);
		for (const target of targets) {
			await page.goto(target.href);
			await arrive(page, target.href, target.text);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('navigation', { name: t('breadcrumb_label', {}, locale) })).toBeVisible();
			await expect(page.getByText(t('guide_last_reviewed', { date: '' }, locale).replace(/\s*\.$/, '').trim())).toBeVisible();
		}
	});
}

test('the step plan pages lead from one step to the next', async ({ page }) => {
	await page.goto(paths.guidePage('stappenplan-in-school'));
	const nav = page.getByRole('navigation', { name: t('step_nav_label') });
	await arrive(page, paths.guidePage('stappenplan-in-school'), await page.locator('h1').innerText());
	await expect(nav.locator('[aria-current="step"]')).toHaveCount(1);
	const next = nav.locator('a.step-nav__name').first();
	const href = (await next.getAttribute('href')) ?? '';
	await next.click();
	await arrive(page, href, await page.locator('h1').innerText());
});

test('the help directory filters by who and what, without JavaScript too', async ({ page }) => {
	await page.goto(paths.help);
	await arrive(page, paths.help, t('help_title'));
	await expect(page.locator('a[href="tel:113"]').first()).toBeVisible();
	await page.getByRole('group', { name: t('help_filter_audience') }).getByLabel(t('help_audience_young_person')).check();
	await page.getByRole('group', { name: t('help_filter_topic') }).getByLabel(t('help_topic_suicidal_thoughts')).check();
	await page.getByRole('button', { name: t('help_filter_button') }).click();
	await expect(page).toHaveURL(/voor=young_person/);
	await arrive(page, paths.help, t('help_title'));
	await expect(page.getByRole('heading', { level: 2, name: '113 Zelfmoordpreventie' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'De Kindertelefoon' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: '0800-0113' }).last()).toHaveAttribute('href', 'tel:08000113');
});

test('search finds guide pages for every form of a word, and leads to them', async ({ page }) => {
	await page.goto(paths.home);
	await arrive(page, paths.home, t('home_title'));
	await page.getByRole('search').getByLabel(t('search_label')).fill('gepest');
	await page.getByRole('search').getByRole('button', { name: t('search_button') }).click();
	await expect(page).toHaveURL(/\/zoeken\?q=gepest/);
	await arrive(page, paths.search, t('search_title'));
	const results = page.locator('.search-results h2 a');
	expect(await results.count()).toBeGreaterThan(2);
	const first = results.first();
	const href = (await first.getAttribute('href')) ?? '';
	const title = (await first.innerText()).trim();
	await first.click();
	await arrive(page, href, title);
});

test('a search without results says so and points to the guide', async ({ page }) => {
	await page.goto(`${paths.search}?q=${encodeURIComponent('xyzzy plugh')}`);
	await arrive(page, paths.search, t('search_title'));
	await expect(page.getByRole('status')).toHaveText(t('search_none', { query: 'xyzzy plugh' }));
	await expect(page.getByRole('main').getByRole('link', { name: t('guide_title') })).toBeVisible();
});

test('a reader says whether a guide page helped, with a comment', async ({ page }) => {
	const path = paths.guidePage('week-tegen-pesten');
	await page.goto(path);
	const title = await page.locator('h1').innerText();
	await arrive(page, path, title);
	const feedback = page.getByRole('region', { name: t('feedback_title') });
	await feedback.getByLabel(t('feedback_comment_label')).fill('Handig om de data te zien.');
	await feedback.getByRole('button', { name: t('feedback_yes'), exact: true }).click();
	await arrive(page, path, title);
	await expect(page.getByRole('region', { name: t('feedback_title') }).getByRole('status')).toHaveText(t('feedback_thanks'));
});

test('a parent finds the school of their child by place and sees its page', async ({ page }) => {
	await page.goto(paths.home);
	await arrive(page, paths.home, t('home_title'));
	await page.getByRole('link', { name: t('home_schools_link') }).click();
	await arrive(page, paths.schools, t('schools_title'));
	await page.getByLabel(t('schools_label')).fill('Utrecht');
	await page.getByRole('button', { name: t('schools_button') }).click();
	await arrive(page, paths.schools, t('schools_title'));
	const school = page.getByRole('main').getByRole('link', { name: 'RKBS De Regenboog' });
	const href = (await school.getAttribute('href')) ?? '';
	await school.click();
	await arrive(page, href, 'RKBS De Regenboog');
	await expect(page.getByRole('heading', { level: 2, name: t('school_page_who_title') })).toBeVisible();
});
