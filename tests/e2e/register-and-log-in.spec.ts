/**
 * Journey (a), on a phone: a parent makes an account, confirms the address with the link from the mail,
 * logs in, turns on two-step log-in, logs out, and logs in again with password and code.
 */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { waitForMail } from './support/database';
import { arrive, Header } from './pages/common';
import { AccountPage, LoginPage, RegisterPage } from './pages/account-pages';
import { expectNoSidewaysScroll, logInWithCode, newParent, register, setUpTwoFactor, verifyAddress } from './pages/flows';

// Most parents will use a phone.
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('a parent registers, confirms the address, turns on two-step log-in and logs in with a code', async ({ page }, testInfo) => {
	// A long journey with several password hashes (argon2id, deliberately slow) and mails to wait for.
	test.slow();
	const parent = newParent(testInfo, 'journey');

	await page.goto(paths.home);
	await arrive(page, paths.home, t('home_title'));
	await expectNoSidewaysScroll(page);
	await page.getByRole('link', { name: t('home_parent_register') }).click();
	await arrive(page, paths.register, t('auth_register_title'));
	await expectNoSidewaysScroll(page);
	// The mail language starts as the language of the page.
	await expect(new RegisterPage(page).localeChoice('nl')).toBeChecked();

	await register(page, parent);

	const mail = await waitForMail(parent.email, t('mail_verify_subject'));
	expect(mail.locale).toBe('nl');
	expect(mail.text_body).toContain(t('mail_greeting_named', { name: parent.displayName }));
	await verifyAddress(page, parent.email);

	await page.getByRole('main').getByRole('link', { name: t('header_login') }).click();
	const login = new LoginPage(page);
	await login.expectLoaded();
	expect((await login.logIn(parent.email, parent.password)).status()).toBe(303);
	const account = new AccountPage(page);
	await account.expectLoaded();
	await expectNoSidewaysScroll(page);
	await expect(account.value(t('account_2fa'))).toHaveText(t('account_2fa_off'));
	await expect(page.getByRole('main')).toContainText(parent.email);

	await page.getByRole('link', { name: `${t('account_change')} ${t('account_2fa')}` }).click();
	await expect(page.getByText(t('twofa_optional_text'))).toBeVisible();
	await expectNoSidewaysScroll(page);
	const { app, recoveryCodes } = await setUpTwoFactor(page);
	expect(new Set(recoveryCodes).size).toBe(10);
	await expect(account.value(t('account_2fa'))).toHaveText(t('account_2fa_on', { count: 10 }));

	expect((await new Header(page).logOut()).status()).toBe(303);
	await arrive(page, paths.logout, t('auth_logout_done_title'));
	// Logged out for real: the account page asks to log in again.
	await page.goto(paths.account);
	await login.expectLoaded();

	// The next code of the app: the one used for the set-up cannot be used twice.
	await logInWithCode(page, parent.email, parent.password, () => app.nextCode());
	await account.expectLoaded();
	await expect(account.value(t('account_2fa'))).toHaveText(t('account_2fa_on', { count: 10 }));
});
