/** Journey (g): a page that needs log-in sends an anonymous visitor to log in, and back again afterwards. */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { demoLogin } from './support/demo-accounts';
import { arrive } from './pages/common';
import { AccountPage, LoginPage } from './pages/account-pages';

for (const { path, heading } of [
	{ path: paths.account, heading: 'account_title' },
	{ path: paths.twoFactor, heading: 'twofa_title' }
]) {
	test(`an anonymous visit to ${path} goes to log-in and returns there`, async ({ page }) => {
		const parent = demoLogin('parent');
		const response = await page.goto(path);
		const redirect = await response?.request().redirectedFrom()?.response();
		expect(redirect?.status()).toBe(303);
		await expect(page).toHaveURL(`${paths.login}?terug=${encodeURIComponent(path)}`);
		const login = new LoginPage(page);
		await login.expectLoaded();

		expect((await login.logIn(parent.email, parent.password)).status()).toBe(303);
		await arrive(page, path, t(heading));
	});
}

test('a return address on another site is ignored', async ({ page }) => {
	const parent = demoLogin('parent');
	await page.goto(`${paths.login}?terug=${encodeURIComponent('//voorbeeld.test/account')}`);
	const login = new LoginPage(page);
	await login.expectLoaded();
	expect((await login.logIn(parent.email, parent.password)).status()).toBe(303);
	await new AccountPage(page).expectLoaded();
});
