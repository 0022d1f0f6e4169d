/**
 * Issue 11's pupil journey, from the first report to the answer back, on a phone (axe on every page), with
 * JavaScript on and off. The steps build on each other and run in order:
 *  1. an anonymous pupil finds the form from the school's public page, sees the danger numbers first, gets a clear
 *     message for a form without a story, sends a report with a screenshot, and writes down the receipt (a reload
 *     of that page sends nothing again and shows the receipt no more);
 *  2. the aanspreekpunt finds the inbox, enters a second, similar report heard by phone (with a receipt for the
 *     parent), sees the pupil's report suggested as a possible duplicate with its reasons, links them, finds the
 *     pupil's report in the inbox as new, acknowledges it and opens one case from both reports;
 *  3. on the case: two pupils in roles, an action for the team and an agreement with the pupil (only reporters who
 *     can read the answer are offered), an internal note, the vertrouwenspersoon as handler, intake and in progress;
 *  4. the vertrouwenspersoon writes a confidential note, marked as visible to them alone;
 *  5. the coordinator reads the case with the internal note, but not the confidential one, and sees the overview;
 *  6. the aanspreekpunt previews and sends the outcome message;
 *  7. the pupil comes back with the receipt, typed the way a child might, reads the outcome and the agreement,
 *     answers, and closes the report on this device; the aanspreekpunt reads the answer.
 * Each project makes its own staff and writes its own pupils' names, so js and nojs never share a case or suggest
 * each other's reports.
 */
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { formatDate, todayInNetherlands } from '../../src/lib/i18n/locale';
import { test, expect } from './support/fixtures';
import { WITHOUT_JS } from './support/scripted-pages';
import { t } from './support/messages';
import { checkA11y } from './support/a11y';
import { createStaff, type Staff } from './support/cli';
import { Authenticator } from './support/totp';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { expectNoSidewaysScroll, logInWithCode } from './pages/flows';
import { DEMO_SCHOOL, logOut, successBanner } from './pages/school-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CODE = DEMO_SCHOOL.code;
const main = (page: Page) => page.getByRole('main');
const form = (page: Page, action: string) => page.locator(`form[action="?/${action}"]`);
const group = (page: Page, legend: string) => main(page).getByRole('group', { name: legend });

/** Names and places only this project writes: the duplicate suggestion must come from this journey's own reports. */
const PUPILS: Record<string, { full: string; misspelt: string; place: string }> = {
	js: { full: 'Daan Verbeek', misspelt: 'daan verbeck', place: 'Het fietsenhok' },
	nojs: { full: 'Fleur Timmermans', misspelt: 'fleur timmermens', place: 'De gymzaal' }
};

const screenshot = async () => ({
	name: 'chat.png',
	mimeType: 'image/png',
	buffer: await sharp({ create: { width: 320, height: 200, channels: 3, background: '#3a6ea5' } }).png().toBuffer()
});

/** A due day in March of next year: never overdue while the journey runs. */
function nextYear(): { day: string; month: string; year: string; iso: string } {
	const year = String(new Date().getFullYear() + 1);
	return { day: '15', month: '3', year, iso: `${year}-03-15` };
}

async function fillDate(page: Page, legend: string, day: string): Promise<void> {
	const [year, month, date] = day.split('-');
	const fields = group(page, legend);
	await fields.getByLabel(t('form_date_day')).fill(String(Number(date)));
	await fields.getByLabel(t('form_date_month')).fill(String(Number(month)));
	await fields.getByLabel(t('form_date_year')).fill(year!);
}

test.describe('a pupil reports, the school handles it as a case, and the pupil hears back', { tag: WITHOUT_JS }, () => {
	test.describe.configure({ mode: 'serial' });

	const today = todayInNetherlands();
	const reportTitle = t('inbox_report_title', { date: formatDate(today, 'nl') });
	const pupilStory = 'Ze pakken elke pauze mijn tas af en lachen me uit.';
	const internalText = 'Gesprek met de mentor gehad; ouders bellen morgen.';
	const agreementText = 'Je mag in de pauze bij de juf blijven als je dat wilt.';
	const confidentialText = `Zij vertelde over thuis. kanarie-vp-${Math.random().toString(36).slice(2, 8)}`;
	const pupilAnswer = 'Dank je. Het gaat nu beter in de pauze.';

	let pupils: (typeof PUPILS)[string];
	let staff: Record<string, Staff & { app: Authenticator }>;
	let receipt: { code: string; passphrase: string };
	let pupilReportId = '';
	let phoneReportId = '';
	let casePath = '';
	let caseTitle = '';

	test.beforeAll(async ({}, testInfo) => {
		const found = PUPILS[testInfo.project.name];
		if (!found) throw new Error(`No pupils for project ${testInfo.project.name}.`);
		pupils = found;
		const unique = `${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
		const made = createStaff(CODE, [
			{ role: 'aanspreekpunt', email: `zaak-ap-${unique}@voorbeeld.test` },
			{ role: 'vertrouwenspersoon', email: `zaak-vp-${unique}@voorbeeld.test` },
			{ role: 'coordinator', email: `zaak-co-${unique}@voorbeeld.test` }
		]);
		staff = Object.fromEntries(made.map((s) => [s.role, { ...s, app: new Authenticator(s.secret) }]));
	});

	async function logInAs(page: Page, role: string): Promise<void> {
		const person = staff[role]!;
		await logInWithCode(page, person.email, person.password, () => person.app.nextCode());
		await new AccountPage(page).expectLoaded();
	}

	/** Posts a form on the case page: redirected back to it with the success banner. */
	async function done(page: Page, button: ReturnType<Page['getByRole']>, banner: string): Promise<void> {
		expect((await submit(page, button)).status()).toBe(303);
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, banner)).toBeVisible();
	}

	async function openWithReceipt(page: Page): Promise<void> {
		await page.goto(paths.report);
		await arrive(page, paths.report, t('report_open_title'));
		// Typed the way a child might: lower case, spaces instead of dashes.
		await main(page).getByLabel(t('report_open_code')).fill(receipt.code.toLowerCase());
		await main(page).getByLabel(t('report_open_passphrase')).fill(receipt.passphrase.replaceAll('-', ' '));
		await submit(page, main(page).getByRole('button', { name: t('report_open_submit') }));
		await arrive(page, paths.report, t('report_view_title', { school: DEMO_SCHOOL.name }));
	}

	test('1. an anonymous pupil reports with a screenshot and writes down the receipt', async ({ page }) => {
		// Five pages with axe, and argon2id for the receipt: more than 60 s seen on a loaded machine.
		test.setTimeout(180_000);
		await page.goto(paths.schoolPage(CODE));
		await arrive(page, paths.schoolPage(CODE), DEMO_SCHOOL.name);
		await main(page).getByRole('link', { name: t('report_link', { school: DEMO_SCHOOL.name }) }).click();
		const reportPath = paths.schoolReportForm(CODE);
		await arrive(page, reportPath, t('report_title', { school: DEMO_SCHOOL.name }));

		// "Are you in danger?" comes first, with numbers to call.
		const danger = main(page).getByRole('region', { name: t('report_danger_title') });
		await expect(danger.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
		await expect(danger.getByRole('link', { name: '0800-0432' })).toHaveAttribute('href', 'tel:08000432');

		// Sent without a story: one clear message, and what was typed stays.
		const reportForm = main(page).getByRole('form', { name: t('report_form_title') });
		await reportForm.getByLabel(t('report_where_label')).fill(pupils.place);
		await reportForm.getByLabel(t('report_people_label')).fill(`${pupils.full}, iemand uit groep 8`);
		const refused = await submit(page, reportForm.getByRole('button', { name: t('report_submit') }));
		expect(refused.status()).toBe(400);
		await checkA11y(page);
		await new ErrorSummary(page).expectErrors({ whatHappened: t('report_error_what_required') });
		await expect(reportForm.getByLabel(t('report_where_label'))).toHaveValue(pupils.place);
		await expect(reportForm.getByLabel(t('report_people_label'))).toHaveValue(`${pupils.full}, iemand uit groep 8`);

		await reportForm.getByLabel(t('report_what_label')).fill(pupilStory);
		await reportForm.getByRole('radio', { name: t('report_around_this_week') }).check();
		await reportForm.getByRole('checkbox', { name: t('form_kind_belongings') }).check();
		await reportForm.getByRole('radio', { name: t('report_ongoing_yes'), exact: true }).check();
		await reportForm.getByLabel(t('report_files_label')).setInputFiles(await screenshot());
		await expect(reportForm.getByRole('radio', { name: t('report_identity_anonymous') })).toBeChecked();
		const sent = await submit(page, reportForm.getByRole('button', { name: t('report_submit') }));
		// Redirected, so that a reload cannot send it twice; the receipt is on the page it lands on.
		expect(sent.status()).toBe(303);
		await arrive(page, reportPath, t('report_sent_title'));
		expect(new URL(page.url()).search).toBe('?verstuurd');
		receipt = { code: (await page.getByTestId('receipt-code').textContent())!, passphrase: (await page.getByTestId('receipt-passphrase').textContent())! };
		expect(receipt.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		expect(receipt.passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
		await expect(main(page).getByRole('heading', { name: t('report_sent_write_down_title') })).toBeVisible();
		await expect(main(page).getByRole('link', { name: /\/melding$/ })).toHaveAttribute('href', paths.report);
		// A reload sends nothing again, and the receipt is not shown a second time.
		const reloaded = await page.reload();
		expect(reloaded!.request().method()).toBe('GET');
		expect(await reloaded!.headerValue('cache-control')).toBe('no-store');
		await arrive(page, reportPath, t('report_sent_title'));
		await expect(main(page)).toContainText(t('report_sent_shown_once'));
		await expect(page.getByTestId('receipt-code')).toHaveCount(0);
	});

	test('2. the aanspreekpunt enters a similar report by phone, links the two, acknowledges and opens a case', async ({ page }) => {
		// Eleven pages with axe and argon2id at log-in: about 90 s with JavaScript on when other agents share the cores.
		test.setTimeout(240_000);
		await logInAs(page, 'aanspreekpunt');
		await page.goto(paths.schoolHome(CODE));
		await arrive(page, paths.schoolHome(CODE), DEMO_SCHOOL.name);
		await main(page).getByRole('link', { name: t('inbox_home_link'), exact: true }).click();
		await arrive(page, paths.schoolInbox(CODE), t('inbox_title'));
		await expectNoSidewaysScroll(page);

		// A report by phone. First without a channel and the story: both are asked for, and what was typed stays.
		await main(page).getByRole('link', { name: t('inbox_new_report_link') }).click();
		await arrive(page, paths.schoolInboxNew(CODE), t('inbox_new_title'));
		await group(page, t('inbox_field_identity_legend')).getByRole('radio', { name: t('inbox_identity_named') }).check();
		await main(page).getByLabel(t('inbox_field_name_label')).fill('Mevrouw Yilmaz');
		const refused = await submit(page, main(page).getByRole('button', { name: t('inbox_new_button') }));
		expect(refused.status()).toBe(400);
		await arrive(page, paths.schoolInboxNew(CODE), t('inbox_new_title'));
		await expect(new ErrorSummary(page).root.getByRole('link')).toHaveText([t('inbox_error_channel'), t('report_error_what_required')]);
		await expect(main(page).getByLabel(t('inbox_field_name_label'))).toHaveValue('Mevrouw Yilmaz');

		await group(page, t('inbox_field_channel_legend')).getByRole('radio', { name: t('inbox_channel_phone') }).check();
		await group(page, t('inbox_field_kind_legend')).getByRole('radio', { name: t('inbox_kind_parent') }).check();
		await main(page).getByLabel(t('inbox_field_what_label')).fill('Haar zoon ziet elke pauze dat een klasgenoot wordt uitgelachen en dat zijn tas wordt afgepakt.');
		await fillDate(page, t('inbox_field_occurred_legend'), today);
		await main(page).getByLabel(t('inbox_field_place_label')).fill(pupils.place);
		await main(page).getByLabel(t('inbox_field_people_label')).fill(pupils.misspelt);
		await group(page, t('inbox_field_forms_legend')).getByRole('checkbox', { name: t('form_kind_belongings') }).check();
		await group(page, t('inbox_field_receipt_legend')).getByRole('radio', { name: t('form_yes') }).check();
		const saved = await submit(page, main(page).getByRole('button', { name: t('inbox_new_button') }));
		expect(saved.status()).toBe(303);
		await arrive(page, paths.schoolInboxNew(CODE), t('inbox_saved_title'));
		const printed = main(page).getByRole('region', { name: t('inbox_receipt_title') });
		await expect(printed).toContainText(t('inbox_receipt_once'));
		await expect(printed.getByTestId('receipt-code')).toHaveText(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		await expect(printed.getByTestId('receipt-passphrase')).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
		// A reload stores nothing again and shows the receipt no more.
		await page.reload();
		await arrive(page, paths.schoolInboxNew(CODE), t('inbox_saved_title'));
		await expect(main(page)).toContainText(t('inbox_receipt_shown'));
		await expect(page.getByTestId('receipt-code')).toHaveCount(0);
		await main(page).getByRole('link', { name: t('inbox_saved_open') }).click();
		phoneReportId = new URL(page.url()).pathname.split('/').pop()!;
		await arrive(page, paths.schoolReport(CODE, phoneReportId), reportTitle);

		// The pupil's report is suggested, with its reasons (never linked by itself); staff link them.
		const suggestion = main(page)
			.getByRole('listitem')
			.filter({ hasText: t('inbox_reason_same_pupil_close', { a: pupils.misspelt, b: pupils.full }) })
			.filter({ has: page.getByRole('button', { name: new RegExp(`^${t('inbox_link_button')}`) }) });
		await expect(suggestion).toHaveCount(1);
		const suggested = await suggestion.getByRole('link').first().getAttribute('href');
		pupilReportId = suggested!.split('/').pop()!;
		expect(suggested).toBe(paths.schoolReport(CODE, pupilReportId));
		await submit(page, suggestion.getByRole('button', { name: new RegExp(`^${t('inbox_link_button')}`) }));
		await arrive(page, paths.schoolReport(CODE, phoneReportId), reportTitle);
		await expect(successBanner(page, t('inbox_linked_banner'))).toBeVisible();
		await expect(main(page).getByRole('link', { name: t('inbox_report_of', { date: formatDate(today, 'nl'), channel: t('inbox_channel_online') }) })).toHaveAttribute('href', paths.schoolReport(CODE, pupilReportId));

		// In the inbox, the pupil's report is new and came in online; it opens with its story and the screenshot.
		await page.goto(paths.schoolInbox(CODE, { filter: 'new' }));
		await arrive(page, paths.schoolInbox(CODE), t('inbox_title'));
		const row = main(page).getByRole('row').filter({ has: page.locator(`a[href="${paths.schoolReport(CODE, pupilReportId)}"]`) });
		await expect(row).toContainText(t('inbox_channel_online'));
		await expect(row).toContainText(t('inbox_status_new'));
		await expectNoSidewaysScroll(page);
		await row.getByRole('link').click();
		await arrive(page, paths.schoolReport(CODE, pupilReportId), reportTitle);
		await expect(main(page)).toContainText(pupilStory);
		await expect(main(page).getByRole('img', { name: t('inbox_photo_alt', { n: 1 }) })).toHaveCount(1);

		await submit(page, main(page).getByRole('button', { name: t('inbox_ack_button') }));
		await arrive(page, paths.schoolReport(CODE, pupilReportId), reportTitle);
		await expect(successBanner(page, t('inbox_acked_banner'))).toBeVisible();
		await expect(main(page)).toContainText(t('inbox_acked_on', { date: formatDate(today, 'nl') }));

		// One case from both reports.
		await main(page).getByRole('link', { name: t('inbox_case_new') }).click();
		await arrive(page, paths.schoolCaseNew(CODE), t('case_new_title'));
		await expect(main(page)).toContainText(t('case_new_lead_reports', { count: 2 }));
		await page.getByLabel(t('case_field_place'), { exact: true }).selectOption('playground');
		await page.getByLabel(t('case_field_time_of_day'), { exact: true }).selectOption('break');
		await page.getByRole('checkbox', { name: t('form_kind_belongings') }).check();
		expect((await submit(page, main(page).getByRole('button', { name: t('case_new_button') }))).status()).toBe(303);
		casePath = new URL(page.url()).pathname;
		expect(casePath).toMatch(/^\/school\/99ZZ00\/zaken\/[0-9a-f-]{36}$/);
		caseTitle = t('case_title', { ref: casePath.split('/').at(-1)!.slice(0, 8) });
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, t('case_done_opened'))).toBeVisible();
		await logOut(page);
	});

	test('3. the case gets two pupils, an action, an agreement with the pupil, a note and a second handler', async ({ page }) => {
		test.setTimeout(240_000);
		await logInAs(page, 'aanspreekpunt');
		await page.goto(casePath);
		await arrive(page, casePath, caseTitle);

		// A pupil by name and class, a second by description.
		const pupil = form(page, 'pupil');
		await pupil.getByLabel(t('case_pupil_role_target'), { exact: true }).check();
		await pupil.getByLabel(t('case_field_pupil_name'), { exact: true }).fill(pupils.full);
		await pupil.getByLabel(t('case_field_pupil_class'), { exact: true }).fill('7b');
		await done(page, pupil.getByRole('button', { name: t('case_pupil_add_button') }), t('case_done_pupil'));
		await form(page, 'pupil').getByLabel(t('case_pupil_role_pupil_who_bullies'), { exact: true }).check();
		await form(page, 'pupil').getByLabel(t('case_field_pupil_description'), { exact: true }).fill('Jongen uit groep 8 met een rode jas');
		await done(page, form(page, 'pupil').getByRole('button', { name: t('case_pupil_add_button') }), t('case_done_pupil'));
		await expect(main(page)).toContainText(pupils.full);
		await expect(main(page)).toContainText('Jongen uit groep 8 met een rode jas');

		// Both reporters hold a receipt, so both can be chosen; the agreement is made with the pupil.
		const due = nextYear();
		const withWhom = form(page, 'action').getByLabel(t('case_field_action_with'), { exact: true });
		const pupilReporter = t('case_action_with_reporter', { kind: t('report_kind_pupil'), date: formatDate(today, 'nl') });
		await expect(withWhom.locator('option')).toHaveCount(3);
		await expect(withWhom.locator('option', { hasText: pupilReporter })).toHaveCount(1);
		for (const [kind, text, reporter] of [
			['case_action_kind_action', 'Gesprek met beide leerlingen', undefined],
			['case_action_kind_agreement', agreementText, pupilReporter]
		] as const) {
			const action = form(page, 'action');
			await action.getByLabel(t(kind), { exact: true }).check();
			await action.getByLabel(t('case_field_action_text'), { exact: true }).fill(text);
			if (reporter) await action.getByLabel(t('case_field_action_with'), { exact: true }).selectOption({ label: reporter });
			await action.locator('input[name="actionDue-day"]').fill(due.day);
			await action.locator('input[name="actionDue-month"]').fill(due.month);
			await action.locator('input[name="actionDue-year"]').fill(due.year);
			await done(page, action.getByRole('button', { name: t('case_action_add_button') }), t('case_done_action'));
			await expect(main(page)).toContainText(text);
		}
		// Only the agreement is marked as made with the reporter.
		await expect(main(page).getByRole('listitem').filter({ hasText: agreementText })).toContainText(t('case_action_shared'));
		await expect(main(page).getByRole('listitem').filter({ hasText: 'Gesprek met beide leerlingen' }).getByText(t('case_action_shared'))).toHaveCount(0);

		const note = form(page, 'note');
		await note.getByLabel(t('case_field_note'), { exact: true }).fill(internalText);
		await done(page, note.getByRole('button', { name: t('case_note_button') }), t('case_done_note'));
		await expect(main(page)).toContainText(internalText);

		// The vertrouwenspersoon joins as handler (chosen by role from the school's staff).
		await form(page, 'assign').getByLabel(t('case_field_assignee'), { exact: true }).selectOption({ label: `${staff.vertrouwenspersoon!.displayName} (${t('role_vertrouwenspersoon')})` });
		await done(page, form(page, 'assign').getByRole('button', { name: t('case_assign_button') }), t('case_done_assigned'));

		await done(page, main(page).getByRole('button', { name: t('case_move_intake') }), t('case_done_state'));
		await expect(main(page)).toContainText(`${t('case_state_now')} ${t('case_state_intake')}`);
		await done(page, main(page).getByRole('button', { name: t('case_move_in_progress') }), t('case_done_state'));
		await expect(main(page)).toContainText(`${t('case_state_now')} ${t('case_state_in_progress')}`);
		// No confidential section for someone who cannot write one.
		await expect(main(page).getByRole('heading', { name: new RegExp(t('case_confidential_title')) })).toHaveCount(0);
		await logOut(page);
	});

	test('4. the vertrouwenspersoon writes a confidential note, visible to them alone', async ({ page }) => {
		test.slow();
		await logInAs(page, 'vertrouwenspersoon');
		await page.goto(casePath);
		await arrive(page, casePath, caseTitle);
		await expect(main(page)).toContainText(internalText);
		const section = main(page).getByRole('region', { name: new RegExp(t('case_confidential_title')) });
		await expect(section).toContainText(t('case_confidential_only_you'));
		await section.getByLabel(t('case_field_confidential'), { exact: true }).fill(confidentialText);
		await done(page, section.getByRole('button', { name: t('case_confidential_button') }), t('case_done_confidential'));
		await expect(main(page).getByRole('region', { name: new RegExp(t('case_confidential_title')) })).toContainText(confidentialText);
		await logOut(page);
	});

	test('5. the coordinator reads the case without the confidential note, and sees the overview', async ({ page }) => {
		test.slow();
		await logInAs(page, 'coordinator');
		await page.goto(paths.schoolCases(CODE));
		await arrive(page, paths.schoolCases(CODE), t('case_list_title'));
		await main(page).getByRole('link', { name: new RegExp(casePath.split('/').at(-1)!.slice(0, 8)) }).click();
		await arrive(page, casePath, caseTitle);
		await expect(main(page)).toContainText(internalText);
		await expect(main(page)).toContainText(pupils.full);
		await expect(main(page).getByRole('heading', { name: new RegExp(t('case_confidential_title')) })).toHaveCount(0);
		expect(await page.content()).not.toContain(confidentialText);

		await page.goto(paths.schoolCaseOverview(CODE));
		await arrive(page, paths.schoolCaseOverview(CODE), t('case_overview_title'));
		await expect(main(page)).toContainText(t('case_overview_suppressed', { threshold: 5 }));
		await logOut(page);
	});

	test('6. the aanspreekpunt previews the outcome message and sends it', async ({ page }) => {
		test.slow();
		await logInAs(page, 'aanspreekpunt');
		await page.goto(casePath);
		await arrive(page, casePath, caseTitle);
		const outcome = form(page, 'preview');
		await outcome.getByRole('checkbox', { name: t('case_outcome_measure_talked_with_pupils') }).check();
		await outcome.getByRole('checkbox', { name: t('case_outcome_measure_extra_supervision') }).check();
		await submit(page, outcome.getByRole('button', { name: t('case_outcome_preview_button') }));
		await arrive(page, casePath, caseTitle);
		// The preview shows the pupil's text ("je") and names no other pupil.
		const preview = form(page, 'preview').locator('.panel').filter({ hasText: t('case_outcome_preview_pupil') });
		await expect(preview).toContainText(t('case_outcome_intro_pupil'));
		await expect(preview).toContainText(t('case_outcome_measure_extra_supervision'));
		await expect(preview).not.toContainText(pupils.full);
		await done(page, form(page, 'preview').getByRole('button', { name: t('case_outcome_send_button') }), t('case_done_outcome'));
		await expect(main(page).locator('section[aria-labelledby="chronology-title"]')).toContainText(t('case_event_outcome_sent'));
		await logOut(page);
	});

	test('7. the pupil reads the outcome and the agreement with the receipt, answers, and the school reads it', async ({ page }) => {
		test.setTimeout(180_000);
		await openWithReceipt(page);
		await expect(main(page)).toContainText(pupilStory);
		await expect(main(page)).toContainText(t('report_view_photos', { count: 1 }));
		await expect(main(page)).toContainText(t('report_view_status_acknowledged'));
		await expect(main(page)).toContainText(t('report_handling_open', { date: formatDate(today, 'nl') }));
		const thread = main(page).locator('.thread');
		await expect(thread).toContainText(t('case_outcome_intro_pupil'));
		await expect(thread).toContainText(t('case_outcome_measure_talked_with_pupils'));
		await expect(thread).toContainText(t('report_view_from_school', { date: formatDate(today, 'nl') }));
		// The agreement made with the pupil, with its day; nothing else of the case.
		const agreements = main(page).getByRole('region', { name: t('report_agreements_title') });
		await expect(agreements).toContainText(agreementText);
		await expect(agreements).toContainText(t('reporter_agreement_due', { date: formatDate(nextYear().iso, 'nl') }));
		const html = await page.content();
		for (const secret of [internalText, confidentialText, 'Gesprek met beide leerlingen', 'Jongen uit groep 8', 'Mevrouw Yilmaz']) expect(html).not.toContain(secret);

		await main(page).getByLabel(t('report_view_add_label')).fill(pupilAnswer);
		await submit(page, main(page).getByRole('button', { name: t('report_view_add_submit') }));
		await arrive(page, paths.report, t('report_view_title', { school: DEMO_SCHOOL.name }));
		await expect(main(page).getByRole('alert')).toContainText(t('report_view_added'));
		await expect(thread).toContainText(pupilAnswer);

		// Closed on this device: the receipt is asked for again, also after a reload.
		await submit(page, main(page).getByRole('button', { name: t('report_view_close') }));
		await arrive(page, paths.report, t('report_open_title'));
		await expect(main(page).getByRole('alert')).toContainText(t('report_view_closed'));
		await page.reload();
		await arrive(page, paths.report, t('report_open_title'));

		// The school reads the answer on the pupil's report.
		await logInAs(page, 'aanspreekpunt');
		await page.goto(paths.schoolReport(CODE, pupilReportId));
		await arrive(page, paths.schoolReport(CODE, pupilReportId), reportTitle);
		await expect(main(page).getByRole('listitem').filter({ hasText: pupilAnswer })).toContainText(t('inbox_author_reporter'));
		await logOut(page);
	});
});
