/**
 * Journey (e): staff must turn on two-step log-in before they see anything of their school, and every
 * role sees only its own pages (403 elsewhere).
 */
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { demoLogin } from './support/demo-accounts';
import { arrive, Header } from './pages/common';
import { AccountPage, LoginPage } from './pages/account-pages';
import { enterSecondFactor, logIn, setUpTwoFactor } from './pages/flows';

// Each project uses its own staff account: setting up two-step log-in changes the account for good.
const STAFF_ROLE: Record<string, string> = { js: 'aanspreekpunt', nojs: 'coordinator' };

async function expectForbidden(page: Page, path: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), `status of ${path}`).toBe(403);
	await arrive(page, path, t('error_forbidden_title'));
	await expect(page.getByRole('main')).toContainText(t('error_forbidden_text'));
}

test('a staff member sets up two-step log-in first, then sees the school and nothing else', async ({ page }, testInfo) => {
	// A long journey with several password hashes (argon2id, deliberately slow) and mails to wait for.
	test.slow();
	const role = STAFF_ROLE[testInfo.project.name];
	if (!role) throw new Error(`No staff account assigned to project ${testInfo.project.name}.`);
	const staff = demoLogin(role);
	const account = new AccountPage(page);

	await logIn(page, staff.email, staff.password);
	await account.expectLoaded();
	await expect(page.getByRole('region', { name: t('account_2fa_required_title') })).toBeVisible();
	await expect(page.getByRole('link', { name: t('school_title') })).toHaveCount(0);

	// The school page sends them to the set-up first.
	const response = await page.goto(paths.school);
	expect(response?.request().redirectedFrom()?.url()).toMatch(/\/school$/);
	await expect(page).toHaveURL(paths.twoFactor);
	await expect(page.getByText(t('twofa_required_text'))).toBeVisible();
	const { recoveryCodes } = await setUpTwoFactor(page);
	await expect(page.getByRole('region', { name: t('account_2fa_required_title') })).toHaveCount(0);

	await page.getByRole('link', { name: t('school_title') }).click();
	await arrive(page, paths.school, t('school_title'));
	await expect(page.getByRole('heading', { level: 2, name: 'Demoschool De Regenboog' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(t(`role_${role}`));

	await expectForbidden(page, paths.admin);
	await expectForbidden(page, paths.adminOutbox);
	await expectForbidden(page, paths.board);

	// Later, without the phone: from the school page to log-in, a recovery code, and back to the school page.
	await new Header(page).logOut();
	await arrive(page, paths.logout, t('auth_logout_done_title'));
	await page.goto(paths.school);
	await expect(page).toHaveURL(`${paths.login}?terug=${encodeURIComponent(paths.school)}`);
	const login = new LoginPage(page);
	await login.expectLoaded();
	expect((await login.logIn(staff.email, staff.password)).status()).toBe(303);
	await enterSecondFactor(page, recoveryCodes[0] ?? '');
	await arrive(page, paths.school, t('school_title'));
});

test('a parent gets 403 on the pages of schools, boards and admins', async ({ page }) => {
	const parent = demoLogin('parent');
	await logIn(page, parent.email, parent.password);
	await new AccountPage(page).expectLoaded();
	await expect(page.getByRole('heading', { level: 2, name: t('account_work_title') })).toHaveCount(0);

	await expectForbidden(page, paths.school);
	await expectForbidden(page, paths.board);
	await expectForbidden(page, paths.admin);
	await expectForbidden(page, paths.adminOutbox);
});
