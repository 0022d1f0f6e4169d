/**
 * The remaining pages, each visited (and checked with axe) at least once: the admin pages and the outbox,
 * the board page, changing the password, the two-step page when it is on (new recovery codes, turning it off),
 * the log-out page and the 404 page.
 */
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { demoLogin } from './support/demo-accounts';
import { createPlatformAdmin } from './support/cli';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { logIn, newParent, registerAndVerify, setUpTwoFactor } from './pages/flows';

const main = (page: Page) => page.getByRole('main');


test('a platform admin sets up two-step log-in, reads the outbox and chooses a new password', async ({ page }, testInfo) => {
	test.slow();
	const email = `beheer-${testInfo.project.name}-${Date.now().toString(36)}@voorbeeld.test`;
	const password = createPlatformAdmin(email);
	await logIn(page, email, password);
	await new AccountPage(page).expectLoaded();

	await page.goto(paths.admin);
	await expect(page).toHaveURL(paths.twoFactor);
	await setUpTwoFactor(page);

	await main(page).getByRole('link', { name: t('admin_title') }).click();
	await arrive(page, paths.admin, t('admin_title'));
	await main(page).getByRole('link', { name: t('admin_outbox_title') }).click();
	await arrive(page, paths.adminOutbox, t('admin_outbox_title'));
	await expect(main(page)).toContainText(t('admin_outbox_lead'));
	await page.goto(paths.adminFeedback);
	await arrive(page, paths.adminFeedback, t('admin_feedback_title'));

	await page.goto(paths.changePassword);
	await arrive(page, paths.changePassword, t('password_change_title'));
	const fill = async (current: string, next: string, confirm: string) => {
		await page.getByLabel(t('auth_field_current_password'), { exact: true }).fill(current);
		await page.getByLabel(t('auth_field_new_password'), { exact: true }).fill(next);
		await page.getByLabel(t('auth_field_password_confirm'), { exact: true }).fill(confirm);
		return submit(page, main(page).getByRole('button', { name: t('password_change_button') }));
	};
	expect((await fill('not the password', 'een eigen lang wachtwoord', 'een eigen lang wachtwoord')).status()).toBe(400);
	await arrive(page, paths.changePassword, t('password_change_title'));
	await new ErrorSummary(page).expectErrors({ currentPassword: t('auth_error_current_password_wrong') });
	expect((await fill(password, 'een eigen lang wachtwoord', 'een eigen lang wachtwoord')).status()).toBe(200);
	await arrive(page, paths.changePassword, t('password_change_title'));
	await expect(page.getByRole('alert').filter({ hasText: t('password_change_done_title') })).toBeVisible();
	// Still signed in on this browser with the fresh session.
	await page.goto(paths.adminOutbox);
	await arrive(page, paths.adminOutbox, t('admin_outbox_title'));
});

test('a board analyst sees the schools of the board', async ({ page }, testInfo) => {
	test.skip(testInfo.project.name !== 'js', 'The demo has one board analyst; setting up two-step log-in changes it for good.');
	const board = demoLogin('board_analyst');
	await logIn(page, board.email, board.password);
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.board);
	await setUpTwoFactor(page);
	await main(page).getByRole('link', { name: t('board_title') }).click();
	await arrive(page, paths.board, t('board_title'));
	await expect(page.getByRole('table', { name: t('board_schools_caption', { board: 'Stichting Demoscholen' }) })).toContainText('Demoschool De Regenboog');
});

test('a parent makes new recovery codes and turns two-step log-in off again', async ({ page }, testInfo) => {
	// A long journey with several password hashes (argon2id, deliberately slow) and mails to wait for.
	test.slow();
	const parent = newParent(testInfo, 'twofa-off');
	await registerAndVerify(page, parent);
	await logIn(page, parent.email, parent.password);
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.twoFactor);
	await setUpTwoFactor(page);

	await page.goto(paths.twoFactor);
	await arrive(page, paths.twoFactor, t('twofa_title'));
	await expect(main(page)).toContainText(t('twofa_on_text', { count: 10 }));
	await page.locator('#currentPassword').fill(parent.password);
	expect((await submit(page, main(page).getByRole('button', { name: t('twofa_regenerate_button') }))).status()).toBe(200);
	await arrive(page, paths.twoFactor, t('twofa_codes_title'));
	await expect(page.getByRole('list', { name: t('twofa_codes_title') }).getByRole('listitem')).toHaveCount(10);

	await page.goto(paths.twoFactor);
	await arrive(page, paths.twoFactor, t('twofa_title'));
	await page.locator('#currentPasswordDisable').fill(parent.password);
	expect((await submit(page, main(page).getByRole('button', { name: t('twofa_disable_button') }))).status()).toBe(200);
	await arrive(page, paths.twoFactor, t('twofa_title'));
	await expect(page.getByRole('alert').filter({ hasText: t('twofa_disabled_title') })).toBeVisible();
	await expect(page.getByTestId('totp-secret')).toBeVisible();
	await page.goto(paths.account);
	await expect(new AccountPage(page).value(t('account_2fa'))).toHaveText(t('account_2fa_off'));
	await new AccountPage(page).expectLoaded();
});

test('the log-out page and the 404 page', async ({ page }, testInfo) => {
	const parent = newParent(testInfo, 'logout');
	await registerAndVerify(page, parent);
	await logIn(page, parent.email, parent.password);
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.logout);
	await arrive(page, paths.logout, t('auth_logout_title'));
	await submit(page, main(page).getByRole('button', { name: t('header_logout') }));
	await arrive(page, paths.logout, t('auth_logout_done_title'));

	const missing = await page.goto('/bestaat-niet');
	expect(missing?.status()).toBe(404);
	await arrive(page, '/bestaat-niet', t('error_not_found_title'));
});

test('a platform admin adds a helpline, sees it on the help page, and retires it again', async ({ page }, testInfo) => {
	// Many pages, each through axe: more than the default 30 seconds on a busy 2-core machine.
	test.slow();
	const email = `hulp-${testInfo.project.name}-${Date.now().toString(36)}@voorbeeld.test`;
	await logIn(page, email, createPlatformAdmin(email));
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.adminHelp);
	await setUpTwoFactor(page);
	await page.goto(paths.adminHelp);
	await arrive(page, paths.adminHelp, t('admin_help_title'));
	await expect(main(page).getByRole('link', { name: 'De Kindertelefoon' })).toBeVisible();
	await main(page).getByRole('link', { name: t('admin_help_new') }).click();
	await arrive(page, paths.adminHelpNew, t('admin_help_new'));

	const name = `Testlijn ${testInfo.project.name} ${Date.now().toString(36)}`;
	await page.getByLabel(t('admin_help_field_name'), { exact: true }).fill(name);
	await page.getByLabel(t('admin_help_field_website'), { exact: true }).fill('http://niet-veilig.example');
	const bad = await submit(page, main(page).getByRole('button', { name: t('admin_help_save') }));
	expect(bad.status()).toBe(400);
	await arrive(page, paths.adminHelpNew, t('admin_help_new'));
	await expect(page.getByRole('alert').getByRole('link', { name: t('help_error_url') })).toBeVisible();
	await expect(page.getByLabel(t('admin_help_field_name'), { exact: true })).toHaveValue(name);

	await page.getByLabel(t('admin_help_field_description_nl'), { exact: true }).fill('Een hulplijn om mee te testen.');
	await page.getByLabel(t('admin_help_field_when_nl'), { exact: true }).fill('Alleen in tests.');
	await page.getByLabel(t('admin_help_field_phone'), { exact: true }).fill('0800-1234567');
	await page.getByRole('group', { name: t('admin_help_field_phone') }).getByLabel(t('admin_help_field_verified')).check();
	await page.getByLabel(t('admin_help_field_website'), { exact: true }).fill('https://voorbeeld.example');
	await page.getByRole('group', { name: t('admin_help_field_audiences') }).getByLabel(t('help_audience_parent')).check();
	await page.getByRole('group', { name: t('admin_help_field_topics') }).getByLabel(t('help_topic_bullying'), { exact: true }).check();
	await page.getByLabel(t('admin_help_field_source'), { exact: true }).fill('https://voorbeeld.example/bron');
	const created = await submit(page, main(page).getByRole('button', { name: t('admin_help_save') }));
	expect(created.status()).toBe(303);
	const editPath = new URL(page.url()).pathname;
	await arrive(page, editPath, `${t('admin_help_edit')}: ${name}`);
	await expect(page.getByRole('alert').filter({ hasText: t('admin_help_created') })).toBeVisible();
	await expect(main(page).getByText('help.create')).toBeVisible();

	await page.goto(`${paths.help}?voor=parent`);
	await arrive(page, paths.help, t('help_title'));
	await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	// Scoped to this test's card: the other project may have its own test helpline on the page at the same time.
	await expect(page.getByRole('article', { name }).getByRole('link', { name: '0800-1234567' })).toHaveAttribute('href', 'tel:08001234567');

	await page.goto(editPath);
	await arrive(page, editPath, `${t('admin_help_edit')}: ${name}`);
	await submit(page, main(page).getByRole('button', { name: t('admin_help_retire') }));
	await arrive(page, editPath, `${t('admin_help_edit')}: ${name}`);
	await expect(main(page).getByText('help.retire')).toBeVisible();
	await page.goto(`${paths.help}?voor=parent`);
	await arrive(page, paths.help, t('help_title'));
	await expect(page.getByRole('heading', { level: 2, name })).toHaveCount(0);
});
