/**
 * Issue 11, the reporter's pages in English: the report form and the receipt page have English addresses, and a
 * wrong receipt is refused in English with the code kept. The whole journey in Dutch, from the pupil's report to
 * the answer back, is report-to-outcome.spec.ts.
 */
import type { Page } from '@playwright/test';
import { englishPath, paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { checkA11y } from './support/a11y';
import { arrive, ErrorSummary, submit } from './pages/common';
import { DEMO_SCHOOL } from './pages/school-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const main = (page: Page) => page.getByRole('main');

test('the report pages have English addresses, and a wrong receipt says so in English', async ({ page }) => {
	// Three pages with axe and an argon2id look-up: near 30 s on a loaded machine.
	test.slow();
	const english = englishPath(paths.schoolReportForm(DEMO_SCHOOL.code));
	await page.goto(english);
	await arrive(page, english, t('report_title', { school: DEMO_SCHOOL.name }, 'en'));
	await page.goto(englishPath(paths.report));
	await arrive(page, englishPath(paths.report), t('report_open_title', {}, 'en'));
	await main(page).getByLabel(t('report_open_code', {}, 'en')).fill('ZZZZZ-ZZZZZ');
	await main(page).getByLabel(t('report_open_passphrase', {}, 'en')).fill('AAAA-AAAA-AAAA-AAAA');
	const refused = await submit(page, main(page).getByRole('button', { name: t('report_open_submit', {}, 'en') }));
	expect(refused.status()).toBe(400);
	await checkA11y(page);
	await new ErrorSummary(page, 'en').expectErrors({ receiptCode: t('report_error_receipt', { minutes: 15 }, 'en') });
	await expect(main(page).getByLabel(t('report_open_code', {}, 'en'))).toHaveValue('ZZZZZ-ZZZZZ');
	await expect(main(page).getByLabel(t('report_open_passphrase', {}, 'en'))).toHaveValue('');
});
