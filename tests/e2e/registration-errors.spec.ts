/**
 * Journey (c): bad input on the registration form. The answer is 400 with an error summary that links
 * to each field, what was typed is kept (never the passwords), and nothing is stored or mailed.
 */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { pageTitle, t } from './support/messages';
import { accountExists, mailsTo } from './support/database';
import { arrive, ErrorSummary } from './pages/common';
import { RegisterPage } from './pages/account-pages';
import { newParent } from './pages/flows';

test('bad input gets 400, an error summary with links to the fields, and the typed values back', async ({ page }, testInfo) => {
	const form = new RegisterPage(page);
	const summary = new ErrorSummary(page);
	const name = 'Anouk 😀';
	const badEmail = `anouk-${testInfo.project.name}-at-voorbeeld.test`;
	await form.goto();
	await expect(summary.root).toHaveCount(0);

	await form.fill({ displayName: name, email: badEmail, password: 'kort', locale: 'en' });
	const response = await form.submit();
	expect(response.status()).toBe(400);
	await arrive(page, paths.register, t('auth_register_title'));
	await expect(page).toHaveTitle(pageTitle('auth_register_title', { error: true }));
	await summary.expectErrors({
		displayName: t('auth_error_name_invalid'),
		email: t('auth_error_email_invalid'),
		password: t('auth_error_password_too_short')
	});
	// The summary takes focus, so a screen reader reads the problems first.
	await expect(summary.root).toBeFocused();

	// Kept: name, address and language. Passwords are never sent back.
	await expect(form.displayName).toHaveValue(name);
	await expect(form.email).toHaveValue(badEmail);
	await expect(form.password).toHaveValue('');
	await expect(form.passwordConfirm).toHaveValue('');
	await expect(form.localeChoice('en')).toBeChecked();

	// Each link leads to its field.
	for (const [field, message] of [
		['displayName', t('auth_error_name_invalid')],
		['email', t('auth_error_email_invalid')],
		['password', t('auth_error_password_too_short')]
	] as const) {
		await summary.root.getByRole('link', { name: message }).click();
		await expect(page).toHaveURL((url) => url.hash === `#${field}`);
		await expect(page.locator(':target')).toHaveAttribute('id', field);
		await expect(page.locator(`[id="${field}"]`)).toBeFocused();
	}
	expect(mailsTo(badEmail)).toEqual([]);

	// A good address and password, but a name with an emoji and two different passwords.
	const parent = newParent(testInfo, 'refused');
	await form.displayName.fill(name);
	await form.email.fill(parent.email);
	await form.password.fill(parent.password);
	await form.passwordConfirm.fill(`${parent.password}!`);
	const second = await form.submit();
	expect(second.status()).toBe(400);
	await arrive(page, paths.register, t('auth_register_title'));
	await summary.expectErrors({
		displayName: t('auth_error_name_invalid'),
		passwordConfirm: t('auth_error_password_mismatch')
	});
	await expect(form.email).toHaveValue(parent.email);
	await expect(form.password).toHaveValue('');
	await expect(form.passwordConfirm).toHaveValue('');

	// Nothing was written: no account, no mail.
	expect(accountExists(parent.email)).toBe(false);
	expect(mailsTo(parent.email)).toEqual([]);
});
