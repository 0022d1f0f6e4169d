/** Journey (b): the language switch in the header, without JavaScript a plain form. */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { en, t } from './support/messages';
import { arrive, Header } from './pages/common';

test('the English button switches the site to English, the choice stays, and switching back works', async ({ page }) => {
	const html = page.locator('html');
	await page.goto(paths.home);
	await arrive(page, paths.home, t('home_title'));
	await expect(html).toHaveAttribute('lang', 'nl');

	const response = await new Header(page).switchLanguage('en');
	expect(response.status()).toBe(303);
	await arrive(page, paths.home, en('home_title'));
	await expect(html).toHaveAttribute('lang', 'en');
	await expect(page).toHaveTitle(`${en('home_title')} – ${en('service_name')}`);

	// Remembered: by following a link, and by typing an address.
	await page.getByRole('contentinfo').getByRole('link', { name: en('footer_privacy') }).click();
	await arrive(page, paths.privacy, en('privacy_title'));
	await expect(html).toHaveAttribute('lang', 'en');
	await page.goto(paths.login);
	await arrive(page, paths.login, en('auth_login_title'));
	await expect(page.getByLabel(en('auth_field_email'), { exact: true })).toBeVisible();

	// Back to Dutch, on the same page.
	await new Header(page, 'en').switchLanguage('nl');
	await arrive(page, paths.login, t('auth_login_title'));
	await expect(html).toHaveAttribute('lang', 'nl');
	await page.goto(paths.home);
	await arrive(page, paths.home, t('home_title'));
	await expect(html).toHaveAttribute('lang', 'nl');
});

test.describe('a browser set to English', () => {
	test.use({ locale: 'en-GB' });

	// docs/decisions/0005-languages.md: the site does not follow Accept-Language; the switch decides.
	test('still gets Dutch until the English button is pressed', async ({ page }) => {
		await page.goto(paths.home);
		await arrive(page, paths.home, t('home_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

		await new Header(page).switchLanguage('en');
		await arrive(page, paths.home, en('home_title'));
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
