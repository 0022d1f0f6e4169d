/**
 * Issue 11, the school's inbox, at phone size (axe on every page):
 * an aanspreekpunt of the demo school sets up two-step log-in, enters a report heard by phone with a receipt code
 * for the reporter, finds it in the inbox, opens it, acknowledges it and replies; then enters a second, similar
 * report heard in the corridor, sees the first one suggested as a possible duplicate and links them.
 *
 * Each project signs in with its own account and writes its own pupils' names, so js and nojs never suggest each
 * other's reports.
 */
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { formatDate, todayInNetherlands } from '../../src/lib/i18n/locale';
import { isoWeekOf } from '../../src/lib/reports/duplicate-suggestions';
import { test, expect } from './support/fixtures';
import { WITHOUT_JS } from './support/scripted-pages';
import { t } from './support/messages';
import { createStaffAccount } from './support/database';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { logIn, setUpTwoFactor, expectNoSidewaysScroll } from './pages/flows';
import { DEMO_SCHOOL, successBanner } from './pages/school-pages';

test.use({ viewport: { width: 390, height: 844 } });

const code = DEMO_SCHOOL.code;
const main = (page: Page) => page.getByRole('main');
const group = (page: Page, legend: string) => main(page).getByRole('group', { name: legend });

/** Names only this project writes: the duplicate suggestion must come from this journey's own reports. */
const PUPILS: Record<string, { full: string; misspelt: string; place: string; placeAgain: string }> = {
	js: { full: 'Daan Verbeek', misspelt: 'daan verbeck', place: 'Het fietsenhok', placeAgain: 'fietsenhok' },
	nojs: { full: 'Fleur Timmermans', misspelt: 'fleur timmermens', place: 'De gymzaal', placeAgain: 'gymzaal' }
};

async function fillDate(page: Page, legend: string, day: string): Promise<void> {
	const [year, month, date] = day.split('-');
	const fields = group(page, legend);
	await fields.getByLabel(t('form_date_day')).fill(String(Number(date)));
	await fields.getByLabel(t('form_date_month')).fill(String(Number(month)));
	await fields.getByLabel(t('form_date_year')).fill(year!);
}

test('staff enter an oral report with a receipt, acknowledge it, reply, and link a similar second report', { tag: WITHOUT_JS }, async ({ page }, testInfo) => {
	// Eleven pages with axe on a shared 2-core machine, and argon2id at log-in: 1–1.5 minutes seen with JS on.
	test.setTimeout(180_000);
	const pupils = PUPILS[testInfo.project.name];
	if (!pupils) throw new Error(`No pupils for project ${testInfo.project.name}.`);
	const email = `inbox-${testInfo.project.name}-${Date.now().toString(36)}@voorbeeld.test`;
	const password = 'paarse olifanten dansen in de gang';
	await createStaffAccount(email, password, 'aanspreekpunt', code);
	const today = todayInNetherlands();
	const reportTitle = t('inbox_report_title', { date: formatDate(today, 'nl') });

	// Two-step log-in first, then the school's page links to the inbox with the count of new reports.
	await logIn(page, email, password);
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.schoolHome(code));
	await expect(page).toHaveURL(paths.twoFactor);
	await setUpTwoFactor(page);
	await page.goto(paths.schoolHome(code));
	await arrive(page, paths.schoolHome(code), DEMO_SCHOOL.name);
	await main(page).getByRole('link', { name: t('inbox_home_link'), exact: true }).click();
	await arrive(page, paths.schoolInbox(code), t('inbox_title'));
	await expectNoSidewaysScroll(page);

	// A report by phone. First without a channel and the story: both are asked for, and what was typed stays.
	await main(page).getByRole('link', { name: t('inbox_new_report_link') }).click();
	await arrive(page, paths.schoolInboxNew(code), t('inbox_new_title'));
	await group(page, t('inbox_field_identity_legend')).getByRole('radio', { name: t('inbox_identity_named') }).check();
	await main(page).getByLabel(t('inbox_field_name_label')).fill('Mevrouw Yilmaz');
	const refused = await submit(page, main(page).getByRole('button', { name: t('inbox_new_button') }));
	expect(refused.status()).toBe(400);
	await arrive(page, paths.schoolInboxNew(code), t('inbox_new_title'));
	await expect(new ErrorSummary(page).root.getByRole('link')).toHaveText([t('inbox_error_channel'), t('report_error_what_required')]);
	await expect(main(page).getByLabel(t('inbox_field_name_label'))).toHaveValue('Mevrouw Yilmaz');

	await group(page, t('inbox_field_channel_legend')).getByRole('radio', { name: t('inbox_channel_phone') }).check();
	await group(page, t('inbox_field_kind_legend')).getByRole('radio', { name: t('inbox_kind_parent') }).check();
	await main(page).getByLabel(t('inbox_field_what_label')).fill('Haar zoon wordt in de pauze bij het fietsenhok geduwd en uitgescholden.');
	await fillDate(page, t('inbox_field_occurred_legend'), today);
	await main(page).getByLabel(t('inbox_field_place_label')).fill(pupils.place);
	await main(page).getByLabel(t('inbox_field_people_label')).fill(`${pupils.full}, iemand uit groep 8`);
	await group(page, t('inbox_field_forms_legend')).getByRole('checkbox', { name: t('form_kind_physical') }).check();
	await group(page, t('inbox_field_receipt_legend')).getByRole('radio', { name: t('form_yes') }).check();
	const saved = await submit(page, main(page).getByRole('button', { name: t('inbox_new_button') }));
	expect(saved.status()).toBe(200);
	expect(saved.headers()['cache-control']).toContain('no-store');
	await arrive(page, paths.schoolInboxNew(code), t('inbox_saved_title'));
	const receipt = main(page).getByRole('region', { name: t('inbox_receipt_title') });
	await expect(receipt).toContainText(t('inbox_receipt_once'));
	await expect(receipt.getByTestId('receipt-code')).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
	await expect(receipt.getByTestId('receipt-passphrase')).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
	const firstHref = await main(page).getByRole('link', { name: t('inbox_saved_open') }).getAttribute('href');
	const firstId = firstHref!.split('/').pop()!;

	// In the inbox, new and with the day it came in; then open it.
	await page.goto(paths.schoolInbox(code, { filter: 'new' }));
	await arrive(page, paths.schoolInbox(code), t('inbox_title'));
	const row = main(page).getByRole('row').filter({ has: page.locator(`a[href="${paths.schoolReport(code, firstId)}"]`) });
	await expect(row).toContainText(t('inbox_channel_phone'));
	await expect(row).toContainText(t('inbox_status_new'));
	await expectNoSidewaysScroll(page);
	await row.getByRole('link').click();
	await arrive(page, paths.schoolReport(code, firstId), reportTitle);
	await expect(main(page)).toContainText('Mevrouw Yilmaz');
	await expect(main(page)).toContainText('Haar zoon wordt in de pauze');

	// Acknowledge, then reply.
	await submit(page, main(page).getByRole('button', { name: t('inbox_ack_button') }));
	await arrive(page, paths.schoolReport(code, firstId), reportTitle);
	await expect(successBanner(page, t('inbox_acked_banner'))).toBeVisible();
	await expect(main(page)).toContainText(t('inbox_acked_on', { date: formatDate(today, 'nl') }));
	await main(page).getByLabel(t('inbox_reply_label')).fill('Dank u voor uw melding. Ik spreek morgen met de mentor.');
	await submit(page, main(page).getByRole('button', { name: t('inbox_reply_button') }));
	await arrive(page, paths.schoolReport(code, firstId), reportTitle);
	await expect(successBanner(page, t('inbox_reply_sent'))).toBeVisible();
	await expect(main(page).getByRole('listitem').filter({ hasText: 'Ik spreek morgen met de mentor.' })).toContainText(t('inbox_author_school'));
	await expectNoSidewaysScroll(page);

	// A second report, heard in the corridor, anonymous, the same pupil misspelt, the same place and week.
	await page.goto(paths.schoolInboxNew(code));
	await arrive(page, paths.schoolInboxNew(code), t('inbox_new_title'));
	await group(page, t('inbox_field_channel_legend')).getByRole('radio', { name: t('inbox_channel_in_person') }).check();
	await main(page).getByLabel(t('inbox_field_what_label')).fill('Een leerling vertelde dat er bij de fietsen wordt geduwd.');
	await fillDate(page, t('inbox_field_occurred_legend'), today);
	await main(page).getByLabel(t('inbox_field_place_label')).fill(pupils.placeAgain);
	await main(page).getByLabel(t('inbox_field_people_label')).fill(pupils.misspelt);
	await submit(page, main(page).getByRole('button', { name: t('inbox_new_button') }));
	await arrive(page, paths.schoolInboxNew(code), t('inbox_saved_title'));
	await expect(main(page).getByRole('region', { name: t('inbox_receipt_title') })).toHaveCount(0);
	await main(page).getByRole('link', { name: t('inbox_saved_open') }).click();
	const secondId = new URL(page.url()).pathname.split('/').pop()!;
	await arrive(page, paths.schoolReport(code, secondId), reportTitle);

	// The first report is suggested, with its reasons; staff link them.
	const suggestion = main(page).getByRole('listitem').filter({ has: page.locator(`a[href="${paths.schoolReport(code, firstId)}"]`) }).filter({ has: page.getByRole('button') });
	await expect(suggestion).toContainText(t('inbox_reason_same_pupil_close', { a: pupils.misspelt, b: pupils.full }));
	await expect(suggestion).toContainText(t('inbox_reason_same_place_and_week', { week: isoWeekOf(today) }));
	await submit(page, suggestion.getByRole('button', { name: new RegExp(`^${t('inbox_link_button')}`) }));
	await arrive(page, paths.schoolReport(code, secondId), reportTitle);
	await expect(successBanner(page, t('inbox_linked_banner'))).toBeVisible();
	const linked = t('inbox_report_of', { date: formatDate(today, 'nl'), channel: t('inbox_channel_phone') });
	await expect(main(page).getByRole('link', { name: linked })).toHaveAttribute('href', paths.schoolReport(code, firstId));

	// The link shows on the first report too, and it is no longer suggested there.
	await main(page).getByRole('link', { name: linked }).click();
	await arrive(page, paths.schoolReport(code, firstId), reportTitle);
	await expect(main(page).getByRole('link', { name: t('inbox_report_of', { date: formatDate(today, 'nl'), channel: t('inbox_channel_in_person') }) })).toHaveAttribute('href', paths.schoolReport(code, secondId));
	const stillSuggested = main(page).getByRole('listitem').filter({ has: page.locator(`a[href="${paths.schoolReport(code, secondId)}"]`) }).filter({ has: page.getByRole('button') });
	await expect(stillSuggested).toHaveCount(0);
});
