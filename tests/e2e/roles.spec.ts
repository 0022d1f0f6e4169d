/**
 * Journey (e): staff must turn on two-step log-in before they see anything of their school, and every
 * role sees only its own pages (403 elsewhere).
 */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { demoLogin } from './support/demo-accounts';
import { arrive, Header } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { enterSecondFactor, logIn, setUpTwoFactor } from './pages/flows';
import type { Page } from '@playwright/test';

// Each project uses its own staff account: setting up two-step log-in changes the account for good.
const STAFF_ROLE: Record<string, string> = { js: 'aanspreekpunt', nojs: 'coordinator' };

async function expectForbidden(page: Page, path: string): Promise<void> {
	const response = await page.goto(path);
	expect(response?.status(), `status of ${path}`).toBe(403);
	await arrive(page, path, t('error_forbidden_title'));
	await expect(page.getByRole('main')).toContainText(t('error_forbidden_text'));
}

test('a staff member sets up two-step log-in first, then sees the school and nothing else', async ({ page }, testInfo) => {
	const role = STAFF_ROLE[testInfo.project.name];
	test.skip(!role, `no staff account assigned to project ${testInfo.project.name}`);
	const staff = demoLogin(role as string);
	const account = new AccountPage(page);

	await logIn(page, staff.email, staff.password);
	await account.expectLoaded();
	await expect(page.getByRole('region', { name: t('account_2fa_required_title') })).toBeVisible();
	await expect(page.getByRole('link', { name: t('school_title') })).toHaveCount(0);

	// Every staff page sends them to the set-up first.
	const response = await page.goto(paths.school);
	expect(response?.request().redirectedFrom()?.url()).toMatch(/\/school$/);
	await setUpTwoFactorFrom(page);

	await page.getByRole('link', { name: t('school_title') }).click();
	await arrive(page, paths.school, t('school_title'));
	await expect(page.getByRole('heading', { level: 2, name: 'Demoschool De Regenboog' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText(t(`role_${role}`));

	await expectForbidden(page, paths.admin);
	await expectForbidden(page, paths.adminOutbox);
	await expectForbidden(page, paths.board);

	// Later, without the phone: log in with a recovery code, straight back to the school page.
	await new Header(page).logOut();
	await arrive(page, paths.logout, t('auth_logout_done_title'));
	await page.goto(paths.school);
	await expect(page).toHaveURL(`${paths.login}?terug=${encodeURIComponent(paths.school)}`);
	await arrive(page, paths.login, t('auth_login_title'));
	await page.getByLabel(t('auth_field_email'), { exact: true }).fill(staff.email);
	await page.getByLabel(t('auth_field_password'), { exact: true }).fill(staff.password);
	await page.getByRole('main').getByRole('button', { name: t('auth_login_button') }).click();
	await enterSecondFactor(page, recoveryCodes[0] as string);
	await arrive(page, paths.school, t('school_title'));
});

let recoveryCodes: string[] = [];

async function setUpTwoFactorFrom(page: Page): Promise<void> {
	await expect(page).toHaveURL(paths.twoFactor);
	await expect(page.getByText(t('twofa_required_text'))).toBeVisible();
	({ recoveryCodes } = await setUpTwoFactor(page));
}

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
