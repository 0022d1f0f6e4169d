/**
 * Issue 11, a parent reports from the dossier, on a phone (axe on every page), with JavaScript on and off:
 *  1. a new parent adds a child at the demo school (found by its name), writes down two incidents, adds a photo to
 *     one, and reports to the school from the dossier: without consent the share is refused and nothing chosen is
 *     lost; with it, the report's page in the dossier lists the two incidents and the photo as shared;
 *  2. the school's aanspreekpunt finds the report in the inbox, reads the parent's words, both incidents as written
 *     down and the photo, replies, opens a case from the report and makes an agreement with the parent with a due day;
 *  3. the parent sees the reply and the agreement on the report's page (the school handles it), the agreement under
 *     "Afspraken van de school" on the child's page, and answers the school;
 *  4. the parent withdraws the photo: the report's page says it is withdrawn, the incidents are still shared, and
 *     the photo is still in the parent's own dossier;
 *  5. the aanspreekpunt opens the report again: the photo is gone (no name in the page, its address answers 404),
 *     "withdrawn by the parent on …" stands in its place, the incidents and the parent's answer are there, and the
 *     case still has the agreement.
 * Each project makes its own parent and aanspreekpunt (support/make-staff.ts), so js and nojs never share a report
 * or a session; the steps build on each other and run in order.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { paths } from '../../src/lib/paths';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { test, expect } from './support/fixtures';
import { WITHOUT_JS } from './support/scripted-pages';
import { t } from './support/messages';
import { createStaff, type Staff } from './support/cli';
import { Authenticator } from './support/totp';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage, type Registration } from './pages/account-pages';
import { expectNoSidewaysScroll, logInWithCode, newParent, registerAndVerify } from './pages/flows';
import { DEMO_SCHOOL, logOut, successBanner } from './pages/school-pages';
import { ChildPage, daysAgo, fillDate, openDossier, shownDate } from './pages/dossier-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CODE = DEMO_SCHOOL.code;
const main = (page: Page) => page.getByRole('main');
const form = (page: Page, action: string) => page.locator(`form[action="?/${action}"]`);

/** The text as a regular expression that matches it literally. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches exactly this text (Playwright's hasText otherwise matches a part). */
const exactly = (text: string): RegExp => new RegExp(`^${literally(text)}$`);

/** The list right after a heading with exactly this text. */
const listAfter = (page: Page, heading: 'h2' | 'h3', text: string, list: 'ul' | 'ol' = 'ul'): Locator =>
	main(page).locator(heading, { hasText: exactly(text) }).locator(`xpath=following-sibling::${list}[1]`);

/** A due day in March of next year: never overdue while the journey runs. */
function nextYear(): { day: string; month: string; year: string; iso: string } {
	const year = String(new Date().getFullYear() + 1);
	return { day: '15', month: '3', year, iso: `${year}-03-15` };
}

test.describe('a parent reports from the dossier and withdraws a shared item', { tag: WITHOUT_JS }, () => {
	test.describe.configure({ mode: 'serial' });

	// Made in one step and used in the next ones (the steps run in order, in one worker).
	let parent: Registration;
	let aanspreekpunt: Staff & { app: Authenticator };
	let child: { id: string; name: string };
	let reportId = '';
	let dossierPhotoPath = '';
	let schoolPhotoPath = '';
	let casePath = '';
	let caseTitle = '';

	const today = todayInNetherlands();
	const dateA = daysAgo(2);
	const dateB = daysAgo(9);
	const photoName = 'schoolplein.png';
	const incidentA = { date: dateA, form: 'form_kind_verbal', text: 'In de klas riepen ze dat ik stom ben en iedereen lachte.' };
	const incidentB = { date: dateB, form: 'form_kind_physical', text: 'Bij het hek duwden twee jongens me op de grond.' };
	const reportText = 'Mijn zoon wordt al weken gepest. Ik wil graag weten wat de school eraan doet.';
	const replyText = 'Dank u voor uw melding. Ik spreek deze week met de leerkracht en bel u daarna.';
	const answerText = 'Dank u. Ik ben op dinsdag en donderdag na 15.00 uur bereikbaar.';
	const agreementText = 'De leerkracht let in de pauze op het hek en belt u elke vrijdag.';
	const due = nextYear();
	const reportTitle = t('inbox_report_title', { date: shownDate(today) });
	const viewTitle = t('dossier_report_view_title', { school: DEMO_SCHOOL.name });
	const incidentLabel = (incident: typeof incidentA) => `${shownDate(incident.date)}: ${t(incident.form)}`;

	test.beforeAll(async ({}, testInfo) => {
		const unique = `${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
		const [made] = createStaff(CODE, [{ role: 'aanspreekpunt', email: `melding-ap-${unique}@voorbeeld.test` }]);
		aanspreekpunt = { ...made!, app: new Authenticator(made!.secret) };
	});

	async function logInAsAanspreekpunt(page: Page): Promise<void> {
		await logInWithCode(page, aanspreekpunt.email, aanspreekpunt.password, () => aanspreekpunt.app.nextCode());
		await new AccountPage(page).expectLoaded();
	}

	/** The dossier's report page: arrival, axe, and no sideways scrolling on the phone. */
	async function onReportPage(page: Page): Promise<void> {
		await arrive(page, paths.dossierReport(child.id, reportId), viewTitle);
		await expectNoSidewaysScroll(page);
	}

	/** The consent list on the dossier's report page: one item per shared incident or file. */
	const sharedItems = (page: Page) => main(page).locator('ul.shared-items > li');

	test('1. a new parent adds a child at the demo school, writes two incidents with a photo, and reports them', async ({ page }, testInfo) => {
		// Some fifteen pages, each with axe, and argon2id at registration and log-in: minutes on a loaded machine.
		test.setTimeout(240_000);
		parent = newParent(testInfo, 'dossier-melding');
		await registerAndVerify(page, parent);
		const dossier = await openDossier(page, parent);

		// The demo school, found by its name: the one school of that name, and "not listed".
		const add = await dossier.addChild();
		await add.name.fill('Sem');
		await add.birthYear.fill('2015');
		await add.yearGroup.selectOption({ label: t('dossier_year_group_primary', { n: 7 }) });
		expect((await add.findSchool('Demoschool')).status()).toBe(200);
		await expect(add.schoolChoice.getByRole('radio')).toHaveCount(2);
		await add.school(DEMO_SCHOOL).check();
		expect((await add.add()).status()).toBe(303);
		child = { id: new URL(page.url()).pathname.split('/').pop() ?? '', name: 'Sem' };
		const childPage = new ChildPage(page, child);
		await childPage.expectLoaded();
		await expect(childPage.lead()).toHaveText(`${t('dossier_year_group_primary', { n: 7 })} · ${DEMO_SCHOOL.name}, ${DEMO_SCHOOL.place}`);

		// Two incidents, each with its own day, form and words.
		for (const incident of [incidentA, incidentB]) {
			const entry = await childPage.newIncident();
			await fillDate(entry.date, incident.date);
			await entry.form(t(incident.form)).check();
			await entry.whatHappened.fill(incident.text);
			expect((await entry.save()).status()).toBe(303);
			await childPage.expectLoaded();
		}
		await expect(childPage.timeline()).toHaveText([shownDate(dateA), shownDate(dateB)]);

		// A photo with the older incident (the evidence page has a script: support/scripted-pages.ts). Its colour is the
		// project's own, so the two projects' reports are never suggested to the school as sharing the same evidence.
		const photo = testInfo.outputPath(photoName);
		const colour = testInfo.project.name === 'js' ? '#5a8c3c' : '#8c5a3c';
		fs.writeFileSync(photo, await sharp({ create: { width: 480, height: 320, channels: 3, background: colour } }).png().toBuffer());
		const incident = await childPage.openIncident(shownDate(dateB), shownDate(dateB));
		const evidence = await incident.openEvidence();
		expect((await evidence.upload([photo])).status()).toBe(200);
		await expect(successBanner(page, t('evidence_added_title_one'))).toBeVisible();
		await expect(evidence.fact(photoName, t('evidence_field_type'))).toHaveText(t('evidence_type_png'));
		dossierPhotoPath = (await evidence.downloadLink(photoName).getAttribute('href')) ?? '';
		expect(dossierPhotoPath).toMatch(new RegExp(`^${paths.dossierAttachments(child.id, incident.id)}/[^/?]+$`));

		// To the report form from the child's page.
		await childPage.goto();
		await main(page).getByRole('link', { name: t('dossier_report_link'), exact: true }).click();
		const reportNew = paths.dossierReportNew(child.id);
		const formTitle = t('dossier_report_title', { school: DEMO_SCHOOL.name });
		await arrive(page, reportNew, formTitle);
		await expectNoSidewaysScroll(page);
		const incidents = main(page).getByRole('group', { name: t('dossier_report_incidents_legend'), exact: true });
		// Newest first, as in the timeline; the photo under its incident.
		await expect(incidents.getByRole('checkbox')).toHaveCount(3);
		await main(page).getByLabel(t('dossier_report_what_label'), { exact: true }).fill(reportText);
		await incidents.getByRole('checkbox', { name: incidentLabel(incidentA), exact: true }).check();
		await incidents.getByRole('checkbox', { name: incidentLabel(incidentB), exact: true }).check();
		await incidents.getByRole('checkbox', { name: t('dossier_report_shared_file', { name: photoName }), exact: true }).check();
		const consent = main(page).getByRole('checkbox', { name: t('dossier_report_consent', { school: DEMO_SCHOOL.name }), exact: true });
		await expect(consent).not.toBeChecked();

		// Without consent nothing is shared: the form comes back with what was chosen still chosen.
		const refused = await submit(page, main(page).getByRole('button', { name: t('dossier_report_submit'), exact: true }));
		expect(refused.status()).toBe(400);
		await arrive(page, reportNew, formTitle);
		await expect(page).toHaveTitle(`${t('form_title_error_prefix')} ${formTitle} – ${t('service_name')}`);
		await expect(new ErrorSummary(page).root.getByRole('link')).toHaveText([t('dossier_report_error_consent')]);
		await expect(main(page).getByLabel(t('dossier_report_what_label'), { exact: true })).toHaveValue(reportText);
		await expect(incidents.getByRole('checkbox', { name: incidentLabel(incidentA), exact: true })).toBeChecked();
		await expect(incidents.getByRole('checkbox', { name: incidentLabel(incidentB), exact: true })).toBeChecked();
		await expect(incidents.getByRole('checkbox', { name: t('dossier_report_shared_file', { name: photoName }), exact: true })).toBeChecked();

		await consent.check();
		const sent = await submit(page, main(page).getByRole('button', { name: t('dossier_report_submit'), exact: true }));
		expect(sent.status()).toBe(303);
		await expect(page).toHaveURL((url) => /^\/dossier\/[^/]+\/meldingen\/[0-9a-f-]{36}$/.test(url.pathname) && url.searchParams.has('verstuurd'));
		reportId = new URL(page.url()).pathname.split('/').pop() ?? '';
		await onReportPage(page);
		await expect(successBanner(page, t('dossier_report_sent_title'))).toContainText(t('dossier_report_sent_text'));
		await expect(main(page)).toContainText(t('dossier_report_sent_on', { date: shownDate(today) }));
		await expect(main(page)).toContainText(t('dossier_report_no_messages'));
		await expect(main(page).locator('p.pre-line')).toHaveText(reportText);
		// The consent list: both incidents and the photo, each with its own "withdraw".
		const sharedOn = t('dossier_report_shared_on', { date: shownDate(today) });
		await expect(sharedItems(page)).toHaveText([
			`${t('dossier_report_shared_incident', { date: shownDate(dateA) })}, ${sharedOn}`,
			`${t('dossier_report_shared_incident', { date: shownDate(dateB) })}, ${sharedOn}`,
			`${t('dossier_report_shared_file', { name: photoName })}, ${sharedOn}`
		].map((text) => new RegExp(`^${literally(text)}`)));
		await expect(sharedItems(page).getByRole('button', { name: new RegExp(`^${t('dossier_report_withdraw')}`) })).toHaveCount(3);

		// The child's page lists the report.
		await childPage.goto();
		await expect(listAfter(page, 'h2', t('dossier_reports_title')).getByRole('link', { name: t('dossier_reports_item', { school: DEMO_SCHOOL.name, date: shownDate(today) }) })).toHaveAttribute(
			'href',
			paths.dossierReport(child.id, reportId)
		);
	});

	test('2. the aanspreekpunt reads the report with both incidents and the photo, replies, opens a case and makes an agreement', async ({ page }) => {
		test.setTimeout(240_000);
		await logInAsAanspreekpunt(page);
		await page.goto(paths.schoolHome(CODE));
		await arrive(page, paths.schoolHome(CODE), DEMO_SCHOOL.name);
		await main(page).getByRole('link', { name: t('inbox_home_link'), exact: true }).click();
		await arrive(page, paths.schoolInbox(CODE), t('inbox_title'));
		await expectNoSidewaysScroll(page);

		// New, online, from a named parent.
		const row = main(page).getByRole('row').filter({ has: page.locator(`a[href="${paths.schoolReport(CODE, reportId)}"]`) });
		await expect(row).toContainText(t('inbox_channel_online'));
		await expect(row).toContainText(`${t('inbox_kind_parent')}, ${t('inbox_named')}`);
		await expect(row).toContainText(t('inbox_status_new'));
		await row.getByRole('link').click();
		const reportPath = paths.schoolReport(CODE, reportId);
		await arrive(page, reportPath, reportTitle);
		await expectNoSidewaysScroll(page);
		await expect(main(page)).toContainText(reportText);
		await expect(main(page)).toContainText(parent.displayName);
		await expect(main(page)).toContainText(parent.email);

		// What the parent shared: both incidents as written down, and the photo to download.
		await expect(main(page).getByRole('heading', { level: 2, name: t('inbox_shared_title'), exact: true })).toBeVisible();
		const shared = main(page).locator('ul.shared-items > li');
		await expect(shared).toHaveCount(3);
		for (const incident of [incidentA, incidentB]) {
			const item = shared.filter({ has: page.getByRole('heading', { level: 3, name: t('inbox_shared_incident', { date: shownDate(incident.date) }), exact: true }) });
			await expect(item).toContainText(t(incident.form));
			await expect(item).toContainText(incident.text);
		}
		const photoLink = main(page).getByRole('link', { name: t('inbox_shared_file', { name: photoName }), exact: true });
		schoolPhotoPath = (await photoLink.getAttribute('href')) ?? '';
		expect(schoolPhotoPath).toMatch(new RegExp(`^${paths.schoolReport(CODE, reportId)}/foto/[0-9a-f-]{36}$`));
		const photo = await page.request.get(schoolPhotoPath);
		expect(photo.status()).toBe(200);
		expect(photo.headers()['content-type']).toBe('image/png');
		const metadata = await sharp(await photo.body()).metadata();
		expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 480, 320]);

		// A reply to the parent.
		await main(page).getByLabel(t('inbox_reply_label'), { exact: true }).fill(replyText);
		expect((await submit(page, main(page).getByRole('button', { name: t('inbox_reply_button'), exact: true }))).status()).toBe(303);
		await arrive(page, reportPath, reportTitle);
		await expect(successBanner(page, t('inbox_reply_sent'))).toBeVisible();
		await expect(main(page).getByRole('listitem').filter({ hasText: replyText })).toContainText(t('inbox_author_school'));

		// A case from the report.
		await main(page).getByRole('link', { name: t('inbox_case_new'), exact: true }).click();
		await arrive(page, paths.schoolCaseNew(CODE), t('case_new_title'));
		await expect(page).toHaveURL((url) => url.searchParams.getAll('melding').includes(reportId));
		await expect(main(page)).toContainText(t('case_new_lead_reports', { count: 1 }));
		const opened = await submit(page, main(page).getByRole('button', { name: t('case_new_button'), exact: true }));
		expect(opened.status()).toBe(303);
		casePath = new URL(page.url()).pathname;
		expect(casePath).toMatch(/^\/school\/99ZZ00\/zaken\/[0-9a-f-]{36}$/);
		caseTitle = t('case_title', { ref: casePath.split('/').at(-1)!.slice(0, 8) });
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, t('case_done_opened'))).toBeVisible();
		await expect(main(page)).toContainText(t('case_reports_count', { count: 1 }));

		// An agreement with the parent who reported, with a due day.
		const action = form(page, 'action');
		await action.getByLabel(t('case_action_kind_agreement'), { exact: true }).check();
		await action.getByLabel(t('case_field_action_text'), { exact: true }).fill(agreementText);
		const withWhom = action.getByLabel(t('case_field_action_with'), { exact: true });
		await expect(withWhom.locator('option')).toHaveText([t('case_action_with_team'), t('case_action_with_reporter', { kind: t('report_kind_parent'), date: shownDate(today) })]);
		await withWhom.selectOption({ label: t('case_action_with_reporter', { kind: t('report_kind_parent'), date: shownDate(today) }) });
		await action.locator('input[name="actionDue-day"]').fill(due.day);
		await action.locator('input[name="actionDue-month"]').fill(due.month);
		await action.locator('input[name="actionDue-year"]').fill(due.year);
		expect((await submit(page, action.getByRole('button', { name: t('case_action_add_button'), exact: true }))).status()).toBe(303);
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, t('case_done_action'))).toBeVisible();
		const agreement = main(page).getByRole('listitem').filter({ hasText: agreementText });
		await expect(agreement).toContainText(t('case_action_kind_agreement'));
		await expect(agreement).toContainText(t('case_action_shared'));
		await expect(agreement).toContainText(t('case_action_due_on', { date: shownDate(due.iso) }));
		await logOut(page);
	});

	test('3. the parent sees the reply and the agreement in the dossier, and answers the school', async ({ page }) => {
		test.setTimeout(240_000);
		const childPage = await (await openDossier(page, parent)).openChild(child);

		// "Afspraken van de school" on the child's page, linking to the report; the report is being handled.
		const schoolAgreements = listAfter(page, 'h3', t('dossier_school_agreements_title'));
		await expect(schoolAgreements.getByRole('listitem')).toHaveCount(1);
		await expect(schoolAgreements.getByRole('link', { name: agreementText, exact: true })).toHaveAttribute('href', paths.dossierReport(child.id, reportId));
		await expect(schoolAgreements).toContainText(t('reporter_agreement_due', { date: shownDate(due.iso) }));
		const reports = listAfter(page, 'h2', t('dossier_reports_title'));
		await expect(reports).toContainText(t('dossier_reports_replies', { count: 1 }));
		await expect(reports).toContainText(t('dossier_reports_open'));
		await expect(childPage.overdueBanner()).toHaveCount(0);

		await reports.getByRole('link', { name: t('dossier_reports_item', { school: DEMO_SCHOOL.name, date: shownDate(today) }) }).click();
		await onReportPage(page);
		await expect(main(page)).toContainText(t('dossier_report_handling_open', { date: shownDate(today) }));
		const agreements = main(page).getByRole('region', { name: t('dossier_report_agreements_title'), exact: true });
		await expect(agreements.getByRole('listitem')).toHaveCount(1);
		await expect(agreements.getByRole('listitem')).toContainText(agreementText);
		await expect(agreements.getByRole('listitem')).toContainText(t('reporter_agreement_due', { date: shownDate(due.iso) }));
		await expect(main(page)).not.toContainText(t('dossier_report_no_messages'));
		const thread = main(page).locator('ol.thread > li');
		await expect(thread).toHaveCount(1);
		await expect(thread.nth(0)).toContainText(t('dossier_report_from_school', { date: shownDate(today) }));
		await expect(thread.nth(0)).toContainText(replyText);

		// The parent answers the school.
		await main(page).getByLabel(t('dossier_report_answer_label'), { exact: true }).fill(answerText);
		const answered = await submit(page, main(page).getByRole('button', { name: t('dossier_report_answer_submit'), exact: true }));
		expect(answered.status()).toBe(303);
		await expect(page).toHaveURL((url) => url.searchParams.has('bericht'));
		await onReportPage(page);
		await expect(successBanner(page, t('dossier_report_message_title'))).toContainText(t('dossier_report_message_text'));
		await expect(thread).toHaveCount(2);
		await expect(thread.nth(1)).toContainText(t('dossier_report_from_you', { date: shownDate(today) }));
		await expect(thread.nth(1)).toContainText(answerText);
	});

	test('4. the parent withdraws the photo: the report says so, and the dossier still has it', async ({ page }) => {
		test.setTimeout(240_000);
		await (await openDossier(page, parent)).openChild(child);
		await page.goto(paths.dossierReport(child.id, reportId));
		await onReportPage(page);
		// "Intrekken" with the item's name in hidden text (Chromium puts a space before the hidden part's colon).
		const withdrawPhoto = main(page).getByRole('button', { name: new RegExp(`^${literally(t('dossier_report_withdraw'))}\\s*: ${literally(t('dossier_report_shared_file', { name: photoName }))}$`) });
		const withdrawn = await submit(page, withdrawPhoto);
		expect(withdrawn.status()).toBe(303);
		await expect(page).toHaveURL((url) => url.searchParams.has('ingetrokken'));
		await onReportPage(page);
		await expect(successBanner(page, t('dossier_report_withdrawn_title'))).toContainText(t('dossier_report_withdrawn_text'));

		// The photo's line now says when it was withdrawn, without its name; the incidents are still shared.
		const sharedOn = t('dossier_report_shared_on', { date: shownDate(today) });
		await expect(sharedItems(page).nth(0)).toContainText(`${t('dossier_report_shared_incident', { date: shownDate(dateA) })}, ${sharedOn}`);
		await expect(sharedItems(page).nth(1)).toContainText(`${t('dossier_report_shared_incident', { date: shownDate(dateB) })}, ${sharedOn}`);
		await expect(sharedItems(page).nth(2)).toHaveText(`${t('dossier_report_shared_file', { name: '…' })}, ${t('dossier_report_withdrawn_on', { date: shownDate(today) })}`);
		await expect(withdrawPhoto).toHaveCount(0);
		await expect(sharedItems(page).getByRole('button', { name: new RegExp(`^${t('dossier_report_withdraw')}`) })).toHaveCount(2);

		// Withdrawn from the school, not from the dossier: the parent's own copy is still there.
		const own = await page.request.get(dossierPhotoPath);
		expect(own.status()).toBe(200);
		expect(own.headers()['content-type']).toBe('image/png');
	});

	test('5. the aanspreekpunt no longer has the photo: "withdrawn by the parent" in its place, the rest is there', async ({ page }) => {
		test.setTimeout(240_000);
		await logInAsAanspreekpunt(page);
		const reportPath = paths.schoolReport(CODE, reportId);
		await page.goto(reportPath);
		await arrive(page, reportPath, reportTitle);

		const shared = main(page).locator('ul.shared-items > li');
		await expect(shared).toHaveCount(3);
		await expect(shared.nth(2)).toHaveText(t('inbox_shared_withdrawn', { date: shownDate(today) }));
		await expect(main(page).getByText(t('inbox_shared_withdrawn', { date: shownDate(today) }), { exact: true })).toHaveCount(1);
		await expect(main(page).getByRole('link', { name: t('inbox_shared_file', { name: photoName }), exact: true })).toHaveCount(0);
		expect(await page.content()).not.toContain(photoName);
		expect((await page.request.get(schoolPhotoPath)).status()).toBe(404);
		expect((await page.request.get(`${schoolPhotoPath}?inline=1`)).status()).toBe(404);
		// The incidents the parent did not withdraw are still there, and so is the parent's answer.
		for (const incident of [incidentA, incidentB]) {
			await expect(shared.filter({ has: page.getByRole('heading', { level: 3, name: t('inbox_shared_incident', { date: shownDate(incident.date) }), exact: true }) })).toContainText(incident.text);
		}
		await expect(main(page).getByRole('listitem').filter({ hasText: answerText })).toContainText(t('inbox_author_reporter'));

		// The case of the report, with its agreement; nothing of the photo there either.
		await main(page).getByRole('link', { name: t('inbox_case_open_existing'), exact: true }).click();
		await arrive(page, casePath, caseTitle);
		await expect(main(page).getByRole('listitem').filter({ hasText: agreementText })).toContainText(t('case_action_shared'));
		expect(await page.content()).not.toContain(photoName);
		await logOut(page);
	});
});
