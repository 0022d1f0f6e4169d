/** Journey (f): a parent forgot the password, gets a link by mail and chooses a new one. */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { en, t } from './support/messages';
import { linkIn, mailsTo, waitForMail } from './support/database';
import { arrive, ErrorSummary } from './pages/common';
import { AccountPage, ForgotPasswordPage, LoginPage, ResetPasswordPage } from './pages/account-pages';
import { newParent, registerAndVerify } from './pages/flows';

const RESET_PATH = new URL(paths.resetPassword('x'), 'http://localhost').pathname;

test('forgotten password: ask for a link, choose a new password, log in with it', async ({ page }, testInfo) => {
	// A long journey with several password hashes (argon2id, deliberately slow) and mails to wait for.
	test.slow();
	// This parent reads mail in English, while the site stays Dutch.
	const parent = { ...newParent(testInfo, 'reset'), locale: 'en' as const };
	const newPassword = 'zeven groene kikkers op een rij';
	await registerAndVerify(page, parent);

	const forgot = new ForgotPasswordPage(page);
	await forgot.goto();
	const asked = await forgot.request(parent.email);
	expect(asked.status()).toBe(200);
	await arrive(page, paths.forgotPassword, t('auth_forgot_title'));
	await expect(page.getByRole('alert').filter({ hasText: t('auth_forgot_sent_title') })).toBeVisible();

	const mail = await waitForMail(parent.email, en('mail_reset_subject'));
	expect(mail.locale).toBe('en');
	const link = linkIn(mail, RESET_PATH);

	const reset = new ResetPasswordPage(page);
	await reset.open(link);
	const saved = await reset.setPassword(newPassword);
	expect(saved.status()).toBe(303);
	const login = new LoginPage(page);
	await login.expectLoaded();
	await expect(page.getByRole('alert').filter({ hasText: t('auth_reset_done_title') })).toBeVisible();

	// The old password stopped working; the new one works.
	expect((await login.logIn(parent.email, parent.password)).status()).toBe(400);
	await login.expectLoaded();
	await new ErrorSummary(page).expectErrors({ email: t('auth_error_login_failed') });
	expect((await login.logIn(parent.email, newPassword)).status()).toBe(303);
	// The site follows the language of the account after log-in (docs/decisions/0005-languages.md).
	await new AccountPage(page).expectLoaded('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	// The link works once.
	await page.goto(link);
	await arrive(page, RESET_PATH, en('auth_reset_title'));
	await expect(page.getByRole('alert')).toHaveText(en('auth_error_link_invalid'));
	await expect(page.getByRole('link', { name: en('auth_reset_ask_new') })).toBeVisible();
});

test('asking for a link for an unknown address looks the same, and sends nothing', async ({ page }, testInfo) => {
	const unknown = `onbekend-${testInfo.project.name}@voorbeeld.test`;
	const forgot = new ForgotPasswordPage(page);
	await forgot.goto();
	expect((await forgot.request(unknown)).status()).toBe(200);
	await arrive(page, paths.forgotPassword, t('auth_forgot_title'));
	await expect(page.getByRole('alert').filter({ hasText: t('auth_forgot_sent_title') })).toBeVisible();
	expect(mailsTo(unknown)).toEqual([]);
});
