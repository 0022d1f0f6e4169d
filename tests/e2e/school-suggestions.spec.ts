/**
 * Issue 4: the school search. With JavaScript on, /js/school-suggestions.js suggests schools while typing
 * (an ARIA combobox, used here by keyboard, and once by mouse on the English page); with JavaScript off the
 * same page is a plain GET form. The schools are the fictional DUO fixtures that `cli demo` loads
 * (fixtures/duo): "Basisschool Het Kompas" (12ZC00) is the only school in Zwolle.
 */
import type { Page } from '@playwright/test';
import { paths, englishPath } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { checkA11y, javaScriptEnabled } from './support/a11y';
import { t, type Locale } from './support/messages';
import { arrive } from './pages/common';
import { WITHOUT_JS } from './support/scripted-pages';

const KOMPAS = { code: '12ZC00', name: 'Basisschool Het Kompas' };

function suggestions(page: Page, locale: Locale = 'nl') {
	const field = page.getByRole('combobox', { name: t('schools_label', {}, locale) });
	const list = page.getByRole('listbox', { name: t('schools_suggest_label', {}, locale) });
	return { field, list, options: list.getByRole('option') };
}

test.describe('with JavaScript', () => {
	test.beforeEach(() => test.skip(!javaScriptEnabled(), 'The suggestions are made by a script; the nojs project checks the plain form below.'));

	test('typing a place suggests its schools, and the keyboard opens the chosen school', async ({ page }) => {
		const apiRequests: string[] = [];
		page.on('request', (request) => {
			if (new URL(request.url()).pathname === paths.apiSchools) apiRequests.push(request.url());
		});
		await page.goto(paths.schools);
		await arrive(page, paths.schools, t('schools_title'));
		const { field, list, options } = suggestions(page);
		await expect(field).toHaveAttribute('aria-expanded', 'false');
		await expect(list).toBeHidden();

		// One character is not enough to ask.
		await field.pressSequentially('Z');
		await page.waitForTimeout(400);
		expect(apiRequests).toEqual([]);

		await field.pressSequentially('wol');
		await expect(options).toHaveCount(1);
		await expect(options.first()).toContainText(KOMPAS.name);
		await expect(options.first()).toContainText('Zwolle');
		await expect(field).toHaveAttribute('aria-expanded', 'true');
		await expect(page.getByRole('status').filter({ hasText: t('schools_suggest_count_one') })).toHaveCount(1);
		// Typed within the 200 ms pause: one question to the API, not one per letter.
		expect(apiRequests).toHaveLength(1);
		expect(new URL(apiRequests[0]!).searchParams.get('q')).toBe('Zwol');
		// axe on the page with the list open.
		await checkA11y(page);

		await field.press('ArrowDown');
		await expect(options.first()).toHaveAttribute('aria-selected', 'true');
		await expect(field).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
		await expect(field).toBeFocused();

		await field.press('Enter');
		await arrive(page, paths.schoolPage(KOMPAS.code), KOMPAS.name);
	});

	test('Escape closes the list, and Enter without a choice searches as before', async ({ page }) => {
		await page.goto(paths.schools);
		await arrive(page, paths.schools, t('schools_title'));
		const { field, list, options } = suggestions(page);

		await field.pressSequentially('Utrecht');
		await expect(options.first()).toBeVisible();
		const count = await options.count();
		expect(count).toBeGreaterThan(1);
		expect(count).toBeLessThanOrEqual(8);
		await expect(page.getByRole('status').filter({ hasText: t('schools_suggest_count', { count }) })).toHaveCount(1);

		// Down twice, up once: back on the first; up from the first wraps to the last.
		await field.press('ArrowDown');
		await field.press('ArrowDown');
		await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
		await field.press('ArrowUp');
		await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
		await expect(options.nth(1)).toHaveAttribute('aria-selected', 'false');
		await field.press('ArrowUp');
		await expect(options.nth(count - 1)).toHaveAttribute('aria-selected', 'true');

		// Escape closes the list and keeps what was typed (a search field would otherwise clear itself).
		await field.press('Escape');
		await expect(list).toBeHidden();
		await expect(field).toHaveAttribute('aria-expanded', 'false');
		await expect(field).not.toHaveAttribute('aria-activedescendant');
		await expect(field).toHaveValue('Utrecht');

		// Typing fewer than two characters empties the list, and says nothing.
		await field.fill('');
		await field.pressSequentially('U');
		await expect(list).toBeHidden();
		await field.fill('Utrecht');
		await expect(options.first()).toBeVisible();

		// No suggestion chosen: Enter sends the form, as without JavaScript.
		await field.press('Enter');
		await expect(page).toHaveURL(`${paths.schools}?q=Utrecht`);
		await arrive(page, paths.schools, t('schools_title'));
		await expect(page.getByRole('main').getByRole('link', { name: 'RKBS De Regenboog' })).toHaveAttribute('href', paths.schoolPage('10ZA01'));
	});

	test('a place nobody has: the list stays closed and the live region says so', async ({ page }) => {
		await page.goto(paths.schools);
		await arrive(page, paths.schools, t('schools_title'));
		const { field, list } = suggestions(page);
		await field.pressSequentially('Xyzzy');
		await expect(page.getByRole('status').filter({ hasText: t('schools_suggest_none') })).toHaveCount(1);
		await expect(list).toBeHidden();
		await expect(field).toHaveAttribute('aria-expanded', 'false');
	});

	test('on the English page the suggestions are English and lead to the English school page', async ({ page }) => {
		await page.goto(englishPath(paths.schools));
		await arrive(page, englishPath(paths.schools), t('schools_title', {}, 'en'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		const { field, options } = suggestions(page, 'en');
		await field.pressSequentially('Zwol');
		await expect(options).toHaveCount(1);
		await expect(page.getByRole('status').filter({ hasText: t('schools_suggest_count_one', {}, 'en') })).toHaveCount(1);
		await checkA11y(page);

		// By mouse (or finger) this time.
		await options.first().click();
		await arrive(page, englishPath(paths.schoolPage(KOMPAS.code)), KOMPAS.name);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});

test.describe('without JavaScript', { tag: WITHOUT_JS }, () => {
	test.beforeEach(() => test.skip(javaScriptEnabled(), 'The js project checks the same form with suggestions above.'));

	test('the school search is a plain form that finds schools by place', async ({ page }) => {
		await page.goto(paths.schools);
		await arrive(page, paths.schools, t('schools_title'));
		// No script ran: a plain search field, no suggestion list.
		const field = page.getByRole('searchbox', { name: t('schools_label') });
		await expect(page.getByRole('combobox')).toHaveCount(0);
		await field.fill('Zwolle');
		await page.getByRole('button', { name: t('schools_button') }).click();
		await expect(page).toHaveURL(`${paths.schools}?q=Zwolle`);
		await arrive(page, paths.schools, t('schools_title'));
		await expect(page.getByRole('status')).toHaveText(t('schools_results_one'));
		await expect(page.getByRole('listbox')).toHaveCount(0);

		await page.getByRole('main').getByRole('link', { name: KOMPAS.name }).click();
		await arrive(page, paths.schoolPage(KOMPAS.code), KOMPAS.name);
	});

	test('the English school search works the same and stays English', async ({ page }) => {
		await page.goto(`${englishPath(paths.schools)}?q=Zwolle`);
		await arrive(page, englishPath(paths.schools), t('schools_title', {}, 'en'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('main').getByRole('link', { name: KOMPAS.name }).click();
		await arrive(page, englishPath(paths.schoolPage(KOMPAS.code)), KOMPAS.name);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
