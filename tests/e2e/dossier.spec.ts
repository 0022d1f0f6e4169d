/**
 * Issue 5, part 1: a parent keeps a dossier, on a phone-sized screen. One new parent per project:
 *  1. adds a child, with the school found by its place (Zwolle: one fixture school);
 *  2. writes down three incidents: today with name-calling, last month with violence, an approximate online one;
 *     the timeline shows them newest first, the summary counts them, the filter finds the violent one;
 *  3. completes the violent incident (place, who did it, 2 days absent); a date in the future is refused;
 *  4. adds evidence: a photo with a GPS position is kept, a text file called .png is refused with its reason;
 *     the stored photo has no EXIF and no position left;
 *  5. writes down a talk with the teacher with an agreement whose follow-up day has passed: the child's page
 *     warns about it, and the agreement can be put in a calendar (.ics);
 *  6. opens the step plan: the police because of the violence, the aanspreekpunt because the agreement was not
 *     kept; "Niet voor ons" moves the police step aside;
 *  7. a second parent gets "not found" for every page and file of the first parent's dossier;
 *  8. an incident written while an agreement is overdue shows both banners;
 *  9. writes the meeting request from the dossier, edits a line, and downloads the checked text as a PDF;
 * 10. makes the PDF for the talk with school;
 * 11. downloads everything as a zip: dossier.json with the incidents, the contact and its agreement, the photo and the PDF;
 * and 12. deletes the dossier by typing the child's name: no row of the child is left, and no evidence file on disk.
 * The steps build on each other, so they run in order (serial) and share what was made on the way.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { inspectPdf } from '../../src/lib/server/pdf/pdf-inspect';
import { paths } from '../../src/lib/paths';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { test, expect } from './support/fixtures';
import { javaScriptEnabled } from './support/a11y';
import { attachmentFileKeys, DOSSIER_TABLES, rowsOfChild, storedFilePath } from './support/database';
import { pageTitle, t } from './support/messages';
import { arrive, ErrorSummary } from './pages/common';
import { AccountPage, type Registration } from './pages/account-pages';
import { logIn, newParent, registerAndVerify } from './pages/flows';
import { successBanner } from './pages/school-pages';
import { WITHOUT_JS } from './support/scripted-pages';
import {
	ChildPage,
	ContactPage,
	DossierPage,
	dateValue,
	dayOfLastMonth,
	daysAgo,
	fillDate,
	gpsEntries,
	openDossier,
	shownDate,
	ZWOLLE_SCHOOL
} from './pages/dossier-pages';

const main = (page: Page) => page.getByRole('main');

/** The parts of a yyyy-mm-dd date as the three date fields show them. */
const parts = (iso: string) => {
	const [year, month, day] = iso.split('-');
	return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' };
};

// A phone: the dossier is written down right after school, on the phone in a hand.
test.use({ viewport: { width: 360, height: 740 } });

// With JavaScript off too: the evidence page has a script (support/scripted-pages.ts).
test.describe('a parent keeps a dossier on a phone', { tag: WITHOUT_JS }, () => {
	test.describe.configure({ mode: 'serial' });

	// Made in one step and used in the next ones (the steps run in order, in one worker).
	let parent: Registration;
	let child: { id: string; name: string };
	let incidentB: string;
	let attachmentPath: string;
	let calendarPath: string;

	const today = todayInNetherlands();
	// (b) in the middle of last month; (c) ten days ago, always after (b): the timeline is (a), (c), (b).
	const dateB = dayOfLastMonth(15);
	const dateC = daysAgo(10);
	const contactDate = daysAgo(14);
	const followUp = daysAgo(7);
	const agreementText = 'De juf let in de pauze extra op Jesse en belt mij na een week terug.';

	const timelineHeadings = [shownDate(today), t('dossier_date_around', { date: shownDate(dateC) }), shownDate(dateB)];

	test('1. a new parent adds a child, with the school found by its place', async ({ page }, testInfo) => {
		test.slow();
		parent = newParent(testInfo, 'dossier');
		await registerAndVerify(page, parent);
		const dossier = await openDossier(page, parent);
		await expect(main(page)).toContainText(t('dossier_private'));
		await expect(main(page)).toContainText(t('dossier_no_children'));

		const form = await dossier.addChild();
		await form.name.fill('Jesse');
		await form.birthYear.fill('2016');
		await form.yearGroup.selectOption({ label: t('dossier_year_group_primary', { n: 6 }) });
		const found = await form.findSchool(ZWOLLE_SCHOOL.place);
		expect(found.status()).toBe(200);
		// The search is a post of the whole form: what was typed stays.
		await expect(form.name).toHaveValue('Jesse');
		await expect(form.birthYear).toHaveValue('2016');
		await expect(form.yearGroup).toHaveValue('groep-6');
		await expect(form.schoolQuery).toHaveValue(ZWOLLE_SCHOOL.place);
		await expect(form.schoolChoice.getByRole('radio')).toHaveCount(2);
		await expect(form.schoolChoice.getByRole('radio', { name: t('dossier_school_not_listed'), exact: true })).toBeVisible();
		await form.school(ZWOLLE_SCHOOL).check();

		const added = await form.add();
		expect(added.status()).toBe(303);
		await expect(page).toHaveURL((url) => /^\/dossier\/[^/]+$/.test(url.pathname) && url.searchParams.has('toegevoegd'));
		child = { id: new URL(page.url()).pathname.split('/').pop() ?? '', name: 'Jesse' };
		const childPage = new ChildPage(page, child);
		await childPage.expectLoaded();
		await expect(successBanner(page, t('dossier_notice_added'))).toContainText(t('dossier_notice_private'));
		await expect(childPage.lead()).toHaveText(`${t('dossier_year_group_primary', { n: 6 })} · ${ZWOLLE_SCHOOL.name}, ${ZWOLLE_SCHOOL.place}`);
		await expect(main(page)).toContainText(t('dossier_summary_empty'));
		await expect(main(page)).toContainText(t('dossier_contacts_none'));
	});

	test('2. three incidents: the timeline is newest first, the summary counts them, the filter finds one', async ({ page }) => {
		test.slow();
		const dossier = await openDossier(page, parent);
		await expect(dossier.child(child.name)).toContainText(`${t('dossier_incidents_none')} · ${ZWOLLE_SCHOOL.name}`);
		const childPage = await dossier.openChild(child);

		// (a) The quick entry of today: the date is filled in already, violence says "Nee".
		let form = await childPage.newIncident();
		expect(await dateValue(form.date)).toEqual(parts(today));
		await expect(form.physicalViolence('no')).toBeChecked();
		await expect(form.approximate).not.toBeChecked();
		await form.form(t('form_kind_verbal')).check();
		expect((await form.save()).status()).toBe(303);
		await expect(page).toHaveURL((url) => url.searchParams.has('voorval'));
		await childPage.expectLoaded();
		await expect(successBanner(page, t('dossier_notice_incident'))).toContainText(t('dossier_notice_incident_text'));
		await expect(childPage.timeline()).toHaveText([shownDate(today)]);

		// (b) Last month: pushed against the fence, with violence.
		form = await childPage.newIncident();
		await fillDate(form.date, dateB);
		await form.form(t('form_kind_physical')).check();
		await form.whatHappened.fill('Hij duwde me in de pauze tegen het hek.');
		await form.physicalViolence('yes').check();
		expect((await form.save()).status()).toBe(303);
		await childPage.expectLoaded();

		// (c) Around ten days ago: threats online.
		form = await childPage.newIncident();
		await fillDate(form.date, dateC);
		await form.approximate.check();
		await form.form(t('form_kind_online_threats')).check();
		await form.whatHappened.fill('Berichten in de groepsapp dat ze me na school opwachten.');
		expect((await form.save()).status()).toBe(303);
		await childPage.expectLoaded();

		await expect(childPage.timeline()).toHaveText(timelineHeadings);
		await expect(childPage.incident(shownDate(dateB))).toContainText(t('form_kind_physical'));
		await expect(childPage.incident(shownDate(dateB))).toContainText(t('dossier_physical_violence_tag'));
		await expect(childPage.incident(shownDate(today))).not.toContainText(t('dossier_physical_violence_tag'));

		const summary = childPage.summary();
		await expect(summary).toHaveCount(3);
		await expect(summary.nth(0)).toHaveText(`${t('dossier_incidents_count', { count: 3 })} ${t('dossier_summary_since', { date: shownDate(dateB) })}`);
		for (const name of [t('form_kind_verbal'), t('form_kind_physical'), t('form_kind_online_threats')]) {
			await expect(summary.nth(1)).toContainText(`${name} (1×)`);
		}
		await expect(summary.nth(2)).toHaveText(t('dossier_summary_violence', { count: 1 }));

		// The filter is a GET form: the result has its own address.
		await childPage.filterByForm(t('form_kind_physical'));
		await expect(main(page).getByRole('status')).toHaveText(t('dossier_filter_result_one'));
		await expect(childPage.timeline()).toHaveText([shownDate(dateB)]);
		await childPage.clearFilter();
		await expect(childPage.timeline()).toHaveText(timelineHeadings);
	});

	test('3. the violent incident gets its details; a date in the future is refused and nothing typed is lost', async ({ page }) => {
		test.slow();
		const dossier = await openDossier(page, parent);
		await expect(dossier.child(child.name)).toContainText(`${t('dossier_incidents_count', { count: 3 })} · ${ZWOLLE_SCHOOL.name}`);
		const childPage = await dossier.openChild(child);
		const incident = await childPage.openIncident(shownDate(dateB), shownDate(dateB));
		incidentB = incident.id;
		await expect(incident.value(t('dossier_field_forms'))).toHaveText(t('form_kind_physical'));
		await expect(incident.value(t('dossier_field_physical_violence'))).toHaveText(t('form_yes'));
		await expect(incident.value(t('dossier_field_perpetrators'))).toHaveText(t('dossier_not_filled'));

		let edit = await incident.edit();
		expect(await dateValue(edit.date)).toEqual(parts(dateB));
		await edit.place(t('place_playground')).check();
		await edit.perpetrators.fill('Twee jongens uit groep 8');
		await edit.absenceDays.fill('2');
		expect((await edit.save()).status()).toBe(303);
		await expect(page).toHaveURL((url) => url.searchParams.has('opgeslagen'));
		await incident.expectLoaded();
		await expect(successBanner(page, t('profile_saved_title'))).toBeVisible();
		await expect(incident.value(t('dossier_field_place'))).toHaveText(t('place_playground'));
		await expect(incident.value(t('dossier_field_perpetrators'))).toHaveText('Twee jongens uit groep 8');
		await expect(incident.value(t('dossier_field_absence_days'))).toHaveText('2');
		await expect(incident.value(t('dossier_field_what_happened'))).toHaveText('Hij duwde me in de pauze tegen het hek.');

		// Next year: refused with the error summary, and everything typed is still there.
		edit = await incident.edit();
		const nextYear = String(Number(today.slice(0, 4)) + 1);
		await edit.date.getByLabel(t('form_date_year'), { exact: true }).fill(nextYear);
		await edit.perpetrators.fill('Twee jongens uit groep 8 en een meisje');
		const refused = await edit.save();
		expect(refused.status()).toBe(400);
		await edit.expectLoaded();
		await expect(page).toHaveTitle(pageTitle('dossier_incident_edit', { error: true }));
		await new ErrorSummary(page).expectErrors({ occurredOn: t('dossier_error_date_future') });
		expect(await dateValue(edit.date)).toEqual({ ...parts(dateB), year: nextYear });
		await expect(edit.perpetrators).toHaveValue('Twee jongens uit groep 8 en een meisje');
		await expect(edit.absenceDays).toHaveValue('2');
		await expect(edit.place(t('place_playground'))).toBeChecked();

		// Going back saves nothing.
		await edit.cancel();
		await incident.expectLoaded();
		await expect(incident.value(t('dossier_field_perpetrators'))).toHaveText('Twee jongens uit groep 8');
	});

	test('4. evidence: a photo with a GPS position is kept without it, a text file called .png is refused', async ({ page }, testInfo) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const incident = await childPage.openIncident(shownDate(dateB), shownDate(dateB));
		await expect(incident.evidenceLink()).toHaveText(t('dossier_attachments_add'));
		const evidence = await incident.openEvidence();
		await expect(main(page)).toContainText(t('evidence_list_empty'));
		await expect(main(page)).toContainText(t('evidence_privacy'));
		// With JavaScript the box around the file field is a drop zone too; without, only the field is there.
		await expect(main(page).getByText(t('evidence_drop_hint'), { exact: true })).toHaveCount(javaScriptEnabled() ? 1 : 0);
		if (javaScriptEnabled()) {
			// Dropping two files on the box puts them in the file field, and the live region says so.
			await page.locator('[data-evidence-drop]').evaluate((zone) => {
				const transfer = new DataTransfer();
				transfer.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'eerste.pdf', { type: 'application/pdf' }));
				transfer.items.add(new File(['%PDF-1.4\n%%EOF\n'], 'tweede.pdf', { type: 'application/pdf' }));
				for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
			});
			expect(await page.locator('[data-evidence-drop] input[type="file"]').evaluate((input: HTMLInputElement) => input.files?.length)).toBe(2);
			await expect(page.locator('[data-evidence-drop] [role="status"]')).toHaveText(t('evidence_drop_count', { count: '2' }));
		}

		// A phone photo as phones make them: with the make and the place it was taken (52°30'36"N 6°5'24"E).
		const original = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 60 } } })
			.jpeg({ quality: 85 })
			.withExif({
				IFD0: { Make: 'Testtoestel', Model: 'Telefoon van Anouk' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 30/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 5/1 24/1' }
			})
			.toBuffer();
		const gpsIn = gpsEntries((await sharp(original).metadata()).exif);
		expect(gpsIn.get(1), 'the test photo has a latitude reference').toBe('N');
		expect(gpsIn.get(2), 'the test photo has a latitude').toEqual([52, 30, 36]);
		const photo = testInfo.outputPath('schoolplein.jpg');
		fs.writeFileSync(photo, original);
		const notAnImage = testInfo.outputPath('tekening.png');
		fs.writeFileSync(notAnImage, 'Dit is een tekst, geen afbeelding.\n');

		const uploaded = await evidence.upload([photo, notAnImage]);
		expect(uploaded.status()).toBe(200);
		const banner = successBanner(page, t('evidence_added_title_one'));
		await expect(banner.getByRole('listitem')).toHaveText([
			'schoolplein.jpg',
			t('evidence_refused_item', { name: 'tekening.png', reason: t('evidence_refused_type') })
		]);
		await expect(evidence.item('schoolplein.jpg')).toHaveCount(1);
		await expect(evidence.item('tekening.png')).toHaveCount(0);
		await expect(evidence.fact('schoolplein.jpg', t('evidence_field_type'))).toHaveText(t('evidence_type_jpeg'));
		await expect(evidence.fact('schoolplein.jpg', t('evidence_field_size'))).toContainText(t('evidence_dimensions', { width: 640, height: 480 }));
		await expect(evidence.fact('schoolplein.jpg', t('evidence_field_received'))).toContainText(shownDate(today));
		const sha256 = evidence.fact('schoolplein.jpg', t('evidence_field_sha256'));
		await expect(sha256).toHaveText(/^[0-9a-f]{64}$/);

		// The thumbnail is a small image of our own.
		const thumbnail = await page.request.get((await evidence.thumbnail('schoolplein.jpg').getAttribute('src')) ?? '');
		expect(thumbnail.status()).toBe(200);
		expect(thumbnail.headers()['content-type']).toBe('image/jpeg');

		// The stored photo: a download, the same picture, no EXIF and no position.
		attachmentPath = (await evidence.downloadLink('schoolplein.jpg').getAttribute('href')) ?? '';
		expect(attachmentPath).toMatch(new RegExp(`^${paths.dossierAttachments(child.id, incidentB)}/[^/?]+$`));
		const download = await page.request.get(attachmentPath);
		expect(download.status()).toBe(200);
		expect(download.headers()['content-type']).toBe('image/jpeg');
		expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="schoolplein\.jpg"/);
		const stored = await download.body();
		const metadata = await sharp(stored).metadata();
		expect(metadata.format).toBe('jpeg');
		expect([metadata.width, metadata.height]).toEqual([640, 480]);
		expect(metadata.exif, 'EXIF in the stored photo').toBeUndefined();
		expect(gpsEntries(metadata.exif).size, 'GPS entries in the stored photo').toBe(0);
		expect(stored.includes(Buffer.from('Exif')), 'the bytes "Exif" in the stored photo').toBe(false);
		expect(stored.includes(Buffer.from('Testtoestel')), 'the camera make in the stored photo').toBe(false);
		// The fingerprint shown is the one of the file kept.
		expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe(await sha256.innerText());

		await main(page).getByRole('navigation', { name: t('breadcrumb_label') }).getByRole('link', { name: t('evidence_breadcrumb_incident'), exact: true }).click();
		await incident.expectLoaded();
		await expect(incident.evidenceLink()).toHaveText(t('dossier_attachments_count', { count: 1 }));
	});

	test('5. a talk with the teacher with an agreement past its day: the child page warns, and it goes in a calendar', async ({ page }) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		await expect(childPage.overdueBanner()).toHaveCount(0);
		await expect(childPage.summary()).toContainText([t('dossier_summary_absence', { days: 2 })]);
		await expect(childPage.incident(shownDate(dateB))).toContainText(t('dossier_attachments_count', { count: 1 }));

		const form = await childPage.newContact();
		expect(await dateValue(form.date)).toEqual(parts(today));
		await fillDate(form.date, contactDate);
		await form.rung('leerkracht').check();
		await form.personName.fill('juf Petra');
		await form.channel('talk').check();
		await form.summary.fill('Ik vertelde over het duwen op het schoolplein. De juf wist er niets van.');
		// A follow-up day in the past is allowed: the parent writes the talk down afterwards.
		await form.agreement(1, agreementText, followUp);
		const saved = await form.save();
		expect(saved.status()).toBe(303);
		await expect(page).toHaveURL((url) => url.pathname.startsWith(`${paths.dossierChild(child.id)}/contact/`) && url.searchParams.has('opgeslagen'));
		const contactId = new URL(page.url()).pathname.split('/').pop() ?? '';
		const contact = new ContactPage(page, child, contactId, contactDate);
		await contact.expectLoaded();
		await expect(successBanner(page, t('profile_saved_title'))).toBeVisible();
		await expect(contact.value(t('dossier_field_rung'))).toHaveText(`${t('rung_leerkracht')}: juf Petra`);
		await expect(contact.value(t('dossier_field_channel'))).toHaveText(t('channel_talk'));
		await expect(contact.agreement(1)).toContainText(agreementText);
		await expect(contact.agreement(1)).toContainText(t('dossier_agreement_follow_up', { date: shownDate(followUp) }));
		await expect(contact.agreement(1)).toContainText(t('dossier_agreement_overdue'));
		await expect(contact.agreement(2)).toHaveCount(0);
		await expect(contact.status(1, 'open')).toBeChecked();

		// "Zet in mijn agenda": a calendar file with the follow-up day.
		calendarPath = (await contact.calendarLink(1).getAttribute('href')) ?? '';
		expect(calendarPath).toMatch(new RegExp(`^/dossier/${child.id}/afspraak/[^/]+/agenda\\.ics$`));
		const calendar = await page.request.get(calendarPath);
		expect(calendar.status()).toBe(200);
		expect(calendar.headers()['content-type']).toMatch(/^text\/calendar/);
		expect(calendar.headers()['content-disposition']).toMatch(/^attachment/);
		const ics = await calendar.text();
		expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(ics).toContain('BEGIN:VEVENT\r\n');
		expect(ics).toContain(`DTSTART;VALUE=DATE:${followUp.replace(/-/g, '')}\r\n`);
		expect(ics).toContain('END:VEVENT\r\n');

		const back = await contact.backToChild();
		const banner = back.overdueBanner();
		await expect(banner.getByRole('link', { name: agreementText, exact: true })).toHaveAttribute('href', paths.dossierContact(child.id, contactId));
		await expect(banner).toContainText(t('dossier_agreement_follow_up', { date: shownDate(followUp) }));
		await expect(back.contacts()).toHaveCount(1);
		await expect(back.contacts().getByRole('heading', { level: 3 })).toHaveText(`${shownDate(contactDate)}: ${t('rung_leerkracht')} (juf Petra)`);
		await expect(back.contacts()).toContainText(t('dossier_contact_agreements', { count: 1 }));
		await expect(back.contacts()).toContainText(t('dossier_agreement_overdue'));
	});

	test('6. the step plan suggests the police and the aanspreekpunt, with why; "Niet voor ons" moves a step aside', async ({ page }) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const plan = await childPage.openStepPlan();
		await expect(plan.urgentPanel().getByRole('link', { name: '113', exact: true })).toHaveAttribute('href', 'tel:113');
		await expect(main(page).getByRole('heading', { level: 2, name: t('step_now_title'), exact: true })).toBeVisible();

		// Violence first (police, then the doctor), then the days absent, then the agreement not kept.
		await expect(plan.suggestions()).toHaveText([t('step_politie'), t('step_huisarts'), t('step_leerplichtambtenaar'), t('step_aanspreekpunt')]);
		await expect(plan.suggestion('politie').getByRole('listitem')).toHaveText([t('step_reason_violence')]);
		await expect(plan.suggestion('aanspreekpunt').getByRole('listitem')).toHaveText([t('step_reason_agreement_not_kept')]);
		// The school published nobody: ask the school, and see its page.
		await expect(plan.suggestion('aanspreekpunt')).toContainText(t('step_who_ask_school'));
		await expect(plan.suggestion('aanspreekpunt').getByRole('link', { name: t('step_school_page', { school: ZWOLLE_SCHOOL.name }) })).toHaveAttribute(
			'href',
			paths.schoolPage(ZWOLLE_SCHOOL.code)
		);
		await expect(plan.step('leerkracht')).toContainText(t('step_state_done'));
		await expect(plan.step('politie')).toContainText(t('step_state_suggested'));
		await expect(plan.step('aanspreekpunt')).toContainText(t('step_state_suggested'));

		const skipped = await plan.skip('politie');
		expect(skipped.status()).toBe(200);
		await expect(plan.suggestion('politie')).toHaveCount(0);
		await expect(plan.suggestions()).toHaveText([t('step_huisarts'), t('step_leerplichtambtenaar'), t('step_aanspreekpunt')]);
		await expect(plan.step('politie')).toContainText(t('step_state_skipped'));
		await expect(plan.step('politie').getByRole('button', { name: `${t('step_unskip')} ${t('step_politie')}`, exact: true })).toBeVisible();
	});

	test('7. another parent finds nothing of this dossier: every page and file is "not found"', async ({ page }, testInfo) => {
		test.slow();
		const other = newParent(testInfo, 'dossier-ander');
		await registerAndVerify(page, other);
		await logIn(page, other.email, other.password);
		await new AccountPage(page).expectLoaded();

		for (const path of [paths.dossierChild(child.id), paths.dossierIncident(child.id, incidentB), paths.dossierStepPlan(child.id)]) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(404);
			await arrive(page, path, t('error_not_found_title'));
			await expect(main(page)).not.toContainText(child.name);
		}
		for (const path of [attachmentPath, calendarPath]) {
			expect((await page.request.get(path)).status(), path).toBe(404);
		}

		await page.goto(paths.dossier);
		await arrive(page, paths.dossier, t('dossier_title'));
		await expect(main(page)).toContainText(t('dossier_no_children'));
	});

	test('8. an incident written while an agreement is overdue: both banners, each with its own name', async ({ page }) => {
		test.slow();
		// With two banners on the child page, each region must be named by its own title (NotificationBanner gives
		// each its own id; axe only reports duplicate ids as "needs review", so this checks it by name).
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const form = await childPage.newIncident();
		await form.form(t('form_kind_exclusion')).check();
		expect((await form.save()).status()).toBe(303);
		await childPage.expectLoaded();
		await expect(successBanner(page, t('dossier_notice_incident'))).toBeVisible();
		await expect(childPage.overdueBanner()).toContainText(agreementText, { timeout: 1_000 });
	});

	test('9. a letter from the dossier: the meeting request, one line edited, checked, and downloaded as a PDF', async ({ page }) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const letter = await (await childPage.openLetters()).openLetter('meeting-request');
		const subject = `Verzoek om een gesprek over ${child.name}`;
		await expect(letter.subject).toHaveValue(subject);
		const draft = await letter.body.inputValue();
		expect(draft).toContain(`Ik ben de ouder van ${child.name}.`);
		expect(draft).toContain(t('letter_fact_count', { count: 4, since: shownDate(dateB), latest: shownDate(today) }));
		expect(draft).not.toMatch(/\{[A-Za-z]+\}/);
		await expect(letter.ready()).toHaveCount(0);

		// The parent fills in when they can, in place of the hint between brackets.
		const hint = '[Schrijf hier wanneer u kunt.]';
		expect(draft).toContain(hint);
		const edited = draft.replace(hint, 'Ik kan op dinsdag en donderdag na 15.00 uur.');
		await letter.body.fill(edited);
		const previewed = await letter.preview();
		expect(previewed.status()).toBe(200);
		await expect(letter.ready()).toBeVisible();
		await expect(letter.readySubject()).toHaveValue(subject);
		await expect(letter.readyBody()).toHaveValue(edited);
		await expect(letter.readyBody()).not.toBeEditable();
		// The edit form keeps the text too.
		await expect(letter.body).toHaveValue(edited);

		const pdf = await letter.downloadPdf();
		expect(pdf.name).toBe('brief-meeting-request.pdf');
		expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const read = inspectPdf(pdf.bytes);
		expect(read.lang).toBe('nl');
		expect(read.info.Title).toBe(subject);
		expect(read.text).toContain('donderdag');
		expect(read.text).not.toContain(hint);
		// The download is no navigation: the page with the ready card is still there.
		await expect(letter.ready()).toBeVisible();
	});

	test('10. the PDF for the talk with school', async ({ page }) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const pdfPage = await childPage.openPdf();
		const pdf = await pdfPage.make();
		expect(pdf.name).toMatch(/^dossier-jesse-\d{4}-\d{2}-\d{2}\.pdf$/);
		expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.bytes.length).toBeGreaterThan(1024);
		expect(inspectPdf(pdf.bytes).info.Title).toBe(t('dossier_child_title', { name: child.name }));
	});

	test('11. everything as a zip: dossier.json with the incidents, the contact and its agreement, and the photo', async ({ page }) => {
		test.slow();
		const childPage = await (await openDossier(page, parent)).openChild(child);
		const zip = await childPage.downloadExport();
		expect(zip.name).toMatch(/^dossier-Jesse-\d{4}-\d{2}-\d{2}\.zip$/);
		const files = unzipSync(new Uint8Array(zip.bytes));
		const json = JSON.parse(strFromU8(files['Jesse/dossier.json']!)) as {
			child: { id: string; name: string };
			incidents: { id: string; occurred_on: string }[];
			contacts: { person_name: string | null; agreements: { description: string; follow_up_on: string | null }[] }[];
			attachments: { incident_id: string; display_name: string; sha256: string; file: string | null; file_key?: string }[];
			steps_not_for_us: string[];
		};
		expect(json.child).toMatchObject({ id: child.id, name: child.name });
		// The three of step 2 and the one of step 8.
		expect(json.incidents.length).toBeGreaterThanOrEqual(3);
		expect(json.incidents.map((i) => i.occurred_on)).toEqual(expect.arrayContaining([dateB, dateC, today]));
		expect(json.contacts).toHaveLength(1);
		expect(json.contacts[0]!.person_name).toBe('juf Petra');
		expect(json.contacts[0]!.agreements).toEqual([expect.objectContaining({ description: agreementText, follow_up_on: followUp })]);
		expect(json.steps_not_for_us).toEqual(['politie']);
		expect(json.attachments).toHaveLength(1);
		const attachment = json.attachments[0]!;
		expect(attachment).toMatchObject({ incident_id: incidentB, display_name: 'schoolplein.jpg' });
		expect(attachment.file_key, 'the storage key is not exported').toBeUndefined();
		expect(attachment.file).toMatch(/^bewijs\/.+\.jpeg$/);
		const photo = files[`Jesse/${attachment.file}`];
		expect(photo, 'the photo in the zip').toBeDefined();
		expect(crypto.createHash('sha256').update(photo!).digest('hex')).toBe(attachment.sha256);
		// The dossier PDF is in the zip too.
		expect(strFromU8(files['Jesse/dossier.pdf']!.subarray(0, 5))).toBe('%PDF-');
	});

	test('12. deleting the dossier: the name is typed, then no row of the child and no evidence file is left', async ({ page }) => {
		test.slow();
		const before = rowsOfChild(child.id);
		for (const table of ['child', 'child_guardian', 'incident', 'attachment', 'dossier_contact', 'agreement', 'step_skip']) {
			expect(before[table], `rows in ${table} before deleting`).toBeGreaterThan(0);
		}
		const fileKeys = attachmentFileKeys(child.id);
		expect(fileKeys).toHaveLength(1);
		for (const key of fileKeys) expect(fs.existsSync(storedFilePath(key)), `evidence file ${key} before deleting`).toBe(true);

		const childPage = await (await openDossier(page, parent)).openChild(child);
		const form = await childPage.openDelete();
		await form.confirmName.fill(child.name);
		const deleted = await form.delete();
		expect(deleted.status()).toBe(303);
		await expect(page).toHaveURL((url) => url.pathname === paths.dossier && url.searchParams.has('verwijderd'));
		const dossier = new DossierPage(page);
		await dossier.expectLoaded();
		await expect(successBanner(page, t('dossier_deleted_title'))).toContainText(t('dossier_deleted_text'));
		await expect(dossier.child(child.name)).toHaveCount(0);
		await expect(main(page)).toContainText(t('dossier_no_children'));

		expect(rowsOfChild(child.id)).toEqual(Object.fromEntries(['child', ...DOSSIER_TABLES].map((table) => [table, 0])));
		for (const key of fileKeys) expect(fs.existsSync(storedFilePath(key)), `evidence file ${key} after deleting`).toBe(false);
		// Its pages are gone too.
		expect((await page.request.get(paths.dossierChild(child.id))).status()).toBe(404);
		expect((await page.request.get(attachmentPath)).status()).toBe(404);
	});
});
