/**
 * Issue 11 item 10, the school's retention period, on a phone (axe on every page): the coordinator finds the page
 * from the school's home page, reads the example, types a period that is not allowed and gets one clear message with
 * the typed value kept, then saves a good one with the keyboard alone and sees it in the example. The page ships no
 * script, so with JavaScript off it is the same page (support/scripted-pages.ts).
 */
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { createStaff } from './support/cli';
import { Authenticator } from './support/totp';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { logInWithCode } from './pages/flows';
import { DEMO_SCHOOL, logOut, successBanner } from './pages/school-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CODE = DEMO_SCHOOL.code;
const main = (page: Page) => page.getByRole('main');

test('the coordinator sets how long closed cases and reports are kept', async ({ page }, testInfo) => {
	test.slow();
	const [coordinator] = createStaff(CODE, [{ role: 'coordinator', email: `bewaar-${testInfo.project.name}-${Date.now().toString(36)}@voorbeeld.test` }]);
	const app = new Authenticator(coordinator!.secret);
	await logInWithCode(page, coordinator!.email, coordinator!.password, () => app.nextCode());
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.schoolHome(CODE));
	await arrive(page, paths.schoolHome(CODE), DEMO_SCHOOL.name);
	await main(page).getByRole('link', { name: t('case_retention_title') }).click();
	const retention = paths.schoolRetention(CODE);
	await arrive(page, retention, t('case_retention_title'));
	const field = main(page).getByLabel(t('case_retention_field_label'));

	// Not a whole number of school years from 1 to 10: one message, at the field, and what was typed stays.
	await field.fill('11');
	const refused = await submit(page, main(page).getByRole('button', { name: t('case_retention_button') }));
	expect(refused.status()).toBe(400);
	await arrive(page, retention, t('case_retention_title'));
	await new ErrorSummary(page).expectErrors({ schoolYears: t('case_error_retention_years') });
	await expect(field).toHaveValue('11');

	// By keyboard alone: the field, then Enter sends the form.
	await field.fill('3');
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
	await field.press('Enter');
	expect((await posted).status()).toBe(303);
	await arrive(page, retention, t('case_retention_title'));
	const threeYears = t('case_retention_years_other', { years: 3 });
	await expect(successBanner(page, t('case_retention_saved_title'))).toBeVisible();
	await expect(main(page)).toContainText(t('case_retention_saved_text', { years: threeYears }));
	await expect(main(page).getByRole('heading', { name: t('case_retention_example_title', { years: threeYears }) })).toBeVisible();
	await expect(field).toHaveValue('3');
	await logOut(page);
});
