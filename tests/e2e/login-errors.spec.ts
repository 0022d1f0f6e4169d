/** Journey (d): a log-in never tells whether an address has an account (SECURITY.md: no enumeration). */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { demoLogin } from './support/demo-accounts';
import { arrive, ErrorSummary } from './pages/common';
import { LoginPage } from './pages/account-pages';

test('an unknown address and a wrong password get the same message', async ({ page }, testInfo) => {
	const known = demoLogin('mentor');
	const unknown = `niemand-${testInfo.project.name}@voorbeeld.test`;
	const wrongPassword = 'dit wachtwoord klopt niet';
	const login = new LoginPage(page);
	const summary = new ErrorSummary(page);
	const main = page.getByRole('main');

	await login.goto();
	const first = await login.logIn(unknown, wrongPassword);
	expect(first.status()).toBe(400);
	await arrive(page, paths.login, t('auth_login_title'));
	await summary.expectErrors({ email: t('auth_error_login_failed') });
	await expect(login.email).toHaveValue(unknown);
	await expect(login.password).toHaveValue('');
	const unknownAnswer = await main.innerText();

	const second = await login.logIn(known.email, wrongPassword);
	expect(second.status()).toBe(400);
	await arrive(page, paths.login, t('auth_login_title'));
	await summary.expectErrors({ email: t('auth_error_login_failed') });
	await expect(login.email).toHaveValue(known.email);
	await expect(login.password).toHaveValue('');
	expect(await main.innerText(), 'the whole answer, word for word').toBe(unknownAnswer);
});
