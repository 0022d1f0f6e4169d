/**
 * Issue 11, the reporter's side, on a phone: a pupil finds the school's report form from
 * its public page, sees the danger numbers first, gets a clear message for a form without a story, sends a report
 * anonymously with a screenshot, writes down the receipt, and comes back with it to add something and close the
 * report on this device. The demo school (cli demo) has an aanspreekpunt, so it takes reports.
 */
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { englishPath, paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { WITHOUT_JS } from './support/scripted-pages';
import { t } from './support/messages';
import { checkA11y } from './support/a11y';
import { arrive, ErrorSummary, submit } from './pages/common';
import { DEMO_SCHOOL } from './pages/school-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const main = (page: Page) => page.getByRole('main');
const screenshot = async () => ({
	name: 'chat.png',
	mimeType: 'image/png',
	buffer: await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3a6ea5' } }).png().toBuffer()
});

test('an anonymous pupil reports with a screenshot, keeps the receipt and comes back with it', { tag: WITHOUT_JS }, async ({ page }) => {
	// Eight pages, each with its accessibility check, and argon2id for the receipt: about 40 s with JS on when the
	// machine is quiet, more than 90 s seen on a loaded one.
	test.setTimeout(180_000);
	await page.goto(paths.schoolPage(DEMO_SCHOOL.code));
	await arrive(page, paths.schoolPage(DEMO_SCHOOL.code), DEMO_SCHOOL.name);
	await main(page).getByRole('link', { name: t('report_link', { school: DEMO_SCHOOL.name }) }).click();
	const reportPath = paths.schoolReportForm(DEMO_SCHOOL.code);
	await arrive(page, reportPath, t('report_title', { school: DEMO_SCHOOL.name }));

	// "Are you in danger?" comes first, with numbers to call.
	const danger = main(page).getByRole('region', { name: t('report_danger_title') });
	await expect(danger.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
	await expect(danger.getByRole('link', { name: '0800-0432' })).toHaveAttribute('href', 'tel:08000432');

	// Sent without a story: one clear message, and what was chosen stays chosen.
	const form = main(page).getByRole('form', { name: t('report_form_title') });
	await form.getByLabel(t('report_where_label')).fill('Op het schoolplein');
	const refused = await submit(page, form.getByRole('button', { name: t('report_submit') }));
	expect(refused.status()).toBe(400);
	await checkA11y(page);
	await new ErrorSummary(page).expectErrors({ whatHappened: t('report_error_what_required') });
	await expect(form.getByLabel(t('report_where_label'))).toHaveValue('Op het schoolplein');

	await form.getByLabel(t('report_what_label')).fill('Ze pakken elke pauze mijn tas af en lachen me uit.');
	await form.getByRole('radio', { name: t('report_around_this_week') }).check();
	await form.getByRole('checkbox', { name: t('form_kind_belongings') }).check();
	await form.getByRole('radio', { name: t('report_ongoing_yes'), exact: true }).check();
	await form.getByLabel(t('report_files_label')).setInputFiles(await screenshot());
	await expect(form.getByRole('radio', { name: t('report_identity_anonymous') })).toBeChecked();
	const sent = await submit(page, form.getByRole('button', { name: t('report_submit') }));
	expect(sent.status()).toBe(200);
	expect(await sent.headerValue('cache-control')).toBe('no-store');
	await arrive(page, reportPath, t('report_sent_title'));
	const code = (await page.getByTestId('receipt-code').textContent())!;
	const passphrase = (await page.getByTestId('receipt-passphrase').textContent())!;
	expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
	expect(passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
	await expect(main(page).getByRole('heading', { name: t('report_sent_write_down_title') })).toBeVisible();

	// Later: back with the receipt, typed the way a child might (lower case, spaces instead of dashes).
	await main(page).getByRole('link', { name: /\/melding$/ }).click();
	await arrive(page, paths.report, t('report_open_title'));
	await main(page).getByLabel(t('report_open_code')).fill(code.toLowerCase());
	await main(page).getByLabel(t('report_open_passphrase')).fill(passphrase.replaceAll('-', ' '));
	await submit(page, main(page).getByRole('button', { name: t('report_open_submit') }));
	await arrive(page, paths.report, t('report_view_title', { school: DEMO_SCHOOL.name }));
	await expect(main(page)).toContainText('Ze pakken elke pauze mijn tas af en lachen me uit.');
	await expect(main(page)).toContainText(t('report_view_no_messages'));
	await expect(main(page)).toContainText(t('report_view_photos', { count: 1 }));

	await main(page).getByLabel(t('report_view_add_label')).fill('Vandaag gebeurde het weer, bij de fietsenstalling.');
	await submit(page, main(page).getByRole('button', { name: t('report_view_add_submit') }));
	await arrive(page, paths.report, t('report_view_title', { school: DEMO_SCHOOL.name }));
	await expect(main(page).getByRole('alert')).toContainText(t('report_view_added'));
	await expect(main(page).locator('.thread')).toContainText('Vandaag gebeurde het weer, bij de fietsenstalling.');

	await submit(page, main(page).getByRole('button', { name: t('report_view_close') }));
	await arrive(page, paths.report, t('report_open_title'));
	await expect(main(page).getByRole('alert')).toContainText(t('report_view_closed'));
	await page.reload();
	await arrive(page, paths.report, t('report_open_title'));
});

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
