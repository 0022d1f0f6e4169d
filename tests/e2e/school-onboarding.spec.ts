/**
 * Issue 4, a school from start to end. Each project onboards its own fixture school (fixtures/duo, no school
 * admin yet; see schoolOfProject), so js and nojs never meet in each other's data:
 *  1. a platform admin finds the school and invites its first school admin;
 *  2. the school admin accepts from the mail, sets up two-step log-in, sees every legal duty "Onbekend",
 *     and invites a colleague as aanspreekpunt pesten;
 *  3. the colleague accepts from the mail, sets up two-step log-in and has the role;
 *  4. the school admin names the colleague as aanspreekpunt in the profile: the public page shows them under
 *     "Wie kan ik aanspreken?", and two duties become "In orde";
 *  5. the school admin uploads the safety policy: not a PDF is refused, a PDF makes the duty "In orde".
 * The steps build on each other, so they run in order (serial) and share the people made on the way.
 * Separately: a board account, invited by a platform admin, sees its schools' duty states.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import type { Authenticator } from './support/totp';
import { arrive, ErrorSummary, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { logInWithCode } from './pages/flows';
import {
	acceptInvitation,
	AdminHomePage,
	AdminSchoolPage,
	BoardPage,
	ContactPartPage,
	DEMO_SCHOOL,
	DocumentPage,
	DUTY_NAMES,
	DUTY_STATUS,
	DutiesPage,
	logOut,
	MySchoolsPage,
	newInvitee,
	platformAdminOnAdminPage,
	ProfilePage,
	PublicSchoolPage,
	schoolOfProject,
	successBanner,
	TeamPage,
	type Invitee
} from './pages/school-pages';

const main = (page: Page) => page.getByRole('main');

// The smallest file our PDF check accepts: file-type sees "%PDF", and "%%EOF" is near the end.
const SMALL_PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

test.describe('onboarding a school', () => {
	test.describe.configure({ mode: 'serial' });

	// Made in one step and used in the next ones (the steps run in order, in one worker).
	let schoolAdmin: Invitee;
	let schoolAdminApp: Authenticator;
	let colleague: Invitee;

	const contact = {
		email: 'pesten@school.voorbeeld.test',
		phone: '030 123 45 67',
		hours: 'maandag en donderdag, 8.00 tot 16.00 uur'
	};

	async function logInAsSchoolAdmin(page: Page): Promise<void> {
		await logInWithCode(page, schoolAdmin.email, schoolAdmin.password, () => schoolAdminApp.nextCode());
		await new AccountPage(page).expectLoaded();
	}

	test('a platform admin finds a school without a school admin and invites its first one', async ({ page }, testInfo) => {
		test.slow();
		const school = schoolOfProject(testInfo);
		await platformAdminOnAdminPage(page, testInfo, 'beheer-school');

		const schools = await new AdminHomePage(page).openSchools();
		await schools.search(school.search);
		await expect(main(page).getByRole('status')).toHaveText(t('schools_results_one'));
		await expect(schools.result(school.name)).toContainText(`${school.place} · ${school.code}`);
		const adminSchool = await schools.open(school);
		await expect(main(page)).toContainText(t('admin_school_admins_none'));

		// Sent empty: each problem links to its field in the school admin's form, not in the board's.
		const empty = await submit(page, adminSchool.schoolAdminForm.getByRole('button', { name: t('admin_school_invite_button') }));
		expect(empty.status()).toBe(400);
		await adminSchool.expectLoaded();
		await expect(page).toHaveTitle(`${t('form_title_error_prefix')} ${school.name} – ${t('service_name')}`);
		await new ErrorSummary(page).expectErrors({ 'admin-name': t('invite_error_name_required'), 'admin-email': t('auth_error_email_required') });

		schoolAdmin = newInvitee(testInfo, 'schoolbeheerder', 'Fatima El Amrani');
		const invited = await adminSchool.inviteSchoolAdmin(schoolAdmin);
		expect(invited.status()).toBe(200);
		await expect(successBanner(page, t('team_invited_title'))).toContainText(t('team_invited_text', { email: schoolAdmin.email }));
		await expect(main(page).getByRole('listitem').filter({ hasText: schoolAdmin.email })).toContainText(
			`${schoolAdmin.displayName} · ${schoolAdmin.email} · ${t('role_school_admin')}`
		);
	});

	test('the school admin accepts, sees every duty unknown, and invites a colleague as aanspreekpunt', async ({ page }, testInfo) => {
		test.slow();
		const school = schoolOfProject(testInfo);
		schoolAdminApp = await acceptInvitation(page, schoolAdmin, { role: 'school_admin', place: school.name });

		await main(page).getByRole('link', { name: t('school_title') }).click();
		const mySchools = new MySchoolsPage(page);
		await arrive(page, paths.school, t('school_title'));
		await expect(mySchools.card(school)).toContainText(`${t('school_your_roles')} ${t('role_school_admin')}`);
		const home = await mySchools.open(school);

		// Nothing filled in yet: every duty is unknown, and each links to where it is filled in.
		await main(page).getByRole('link', { name: t('duties_title') }).click();
		const duties = new DutiesPage(page, school);
		await duties.expectLoaded();
		for (const name of Object.values(DUTY_NAMES)) await expect(duties.status(name), name).toHaveText(DUTY_STATUS.unknown);
		await duties.expectCounts({ met: 0, missing: 0, unknown: 6 });
		await expect(duties.fillIn(DUTY_NAMES.safetyPolicy)).toHaveAttribute('href', paths.schoolProfileDocument(school.code, 'veiligheidsbeleid'));
		await expect(duties.fillIn(DUTY_NAMES.coordination)).toHaveAttribute('href', paths.schoolProfilePart(school.code, 'aanspreekpunt'));

		await page.getByRole('navigation', { name: t('breadcrumb_label') }).getByRole('link', { name: school.name }).click();
		await home.expectLoaded();
		const team = await home.openTeam();
		await expect(team.member(schoolAdmin.displayName)).toContainText(t('role_school_admin'));
		await expect(team.member(schoolAdmin.displayName)).toContainText(t('team_second_factor_yes'));
		await expect(main(page)).toContainText(t('team_invitations_none'));

		// Without a role the invitation is sent back, with what was typed still there.
		colleague = newInvitee(testInfo, 'aanspreekpunt', 'Daan de Groot');
		const noRole = await team.invite({ displayName: colleague.displayName, email: colleague.email });
		expect(noRole.status()).toBe(400);
		const summary = new ErrorSummary(page);
		await expect(summary.root.getByRole('link')).toHaveText([t('invite_error_role')]);
		await expect(summary.root.getByRole('link')).toHaveAttribute('href', '#role');
		await expect(page.locator('[id="role-error"]')).toContainText(t('invite_error_role'));
		await expect(team.inviteForm.getByLabel(t('team_field_email'), { exact: true })).toHaveValue(colleague.email);

		const sent = await team.invite({ role: 'aanspreekpunt' });
		expect(sent.status()).toBe(200);
		await expect(successBanner(page, t('team_invited_title'))).toContainText(t('team_invited_text', { email: colleague.email }));
		await expect(team.invitation(colleague.email)).toContainText(`${colleague.displayName} · ${colleague.email} · ${t('role_aanspreekpunt')}`);
	});

	test('the colleague makes an account from the mail link, sets up two-step log-in and has the role', async ({ page }, testInfo) => {
		test.slow();
		const school = schoolOfProject(testInfo);
		await acceptInvitation(page, colleague, { role: 'aanspreekpunt', place: school.name });

		await main(page).getByRole('link', { name: t('school_title') }).click();
		await arrive(page, paths.school, t('school_title'));
		const mySchools = new MySchoolsPage(page);
		await expect(mySchools.card(school)).toContainText(`${t('school_your_roles')} ${t('role_aanspreekpunt')}`);
		await mySchools.open(school);
		// Not a school admin: no profile or team to manage.
		await expect(main(page).getByRole('link', { name: t('team_title') })).toHaveCount(0);
		await expect(main(page).getByRole('link', { name: t('school_profile_title') })).toHaveCount(0);
	});

	test('the school admin names the colleague as aanspreekpunt: profile, public page and duties show it', async ({ page }, testInfo) => {
		test.slow();
		const school = schoolOfProject(testInfo);
		await logInAsSchoolAdmin(page);

		const team = new TeamPage(page, school);
		await team.goto();
		await expect(team.member(colleague.displayName)).toContainText(t('role_aanspreekpunt'));
		await expect(team.member(colleague.displayName)).toContainText(t('team_second_factor_yes'));
		await expect(main(page)).toContainText(t('team_invitations_none'));

		const profile = new ProfilePage(page, school);
		await profile.goto();
		await expect(profile.value(t('profile_part_aanspreekpunt'))).toHaveText(t('profile_not_filled'));
		await profile.changeLink(t('profile_part_aanspreekpunt')).click();
		const form = new ContactPartPage(page, school, 'aanspreekpunt', t('profile_part_aanspreekpunt'));
		await form.expectLoaded();
		// A new person is public unless the school says otherwise.
		await expect(form.public).toBeChecked();
		await form.member(colleague.displayName).check();
		await form.email.fill(contact.email);
		await form.phone.fill(contact.phone);
		await form.hours.fill(contact.hours);
		await form.alsoCoordinator('yes').check();
		const saved = await form.save();
		expect(saved.status()).toBe(303);
		await expect(page).toHaveURL(`${paths.schoolProfile(school.code)}?opgeslagen=1`);
		await profile.expectLoaded();
		await expect(successBanner(page, t('profile_saved_title'))).toContainText(t('profile_saved_text'));
		await expect(profile.value(t('profile_part_aanspreekpunt'))).toHaveText(colleague.displayName);
		await expect(profile.value(t('profile_part_coordinator'))).toHaveText(t('profile_same_as_aanspreekpunt'));
		await expect(main(page).getByRole('listitem').filter({ hasText: `${schoolAdmin.displayName} wijzigde ${t('profile_part_aanspreekpunt')}` })).toHaveCount(1);

		await main(page).getByRole('link', { name: t('profile_view_public') }).click();
		await arrive(page, paths.schoolPage(school.code), school.name);
		const publicPage = new PublicSchoolPage(page, school);
		const person = publicPage.contact(`${t('profile_part_aanspreekpunt')} ${t('school_page_also_coordinator')}`);
		await expect(publicPage.sectionOf(person)).toHaveText(t('school_page_who_title'));
		await expect(person.locator('strong')).toHaveText(colleague.displayName);
		await expect(person.getByRole('link', { name: contact.email })).toHaveAttribute('href', `mailto:${contact.email}`);
		await expect(person.getByRole('link', { name: contact.phone })).toHaveAttribute('href', 'tel:0301234567');
		await expect(person).toContainText(contact.hours);
		await expect(main(page)).not.toContainText(t('school_page_nothing'));

		const duties = new DutiesPage(page, school);
		await duties.goto();
		await expect(duties.status(DUTY_NAMES.coordination)).toHaveText(DUTY_STATUS.met);
		await expect(duties.status(DUTY_NAMES.aanspreekpuntPublic)).toHaveText(DUTY_STATUS.met);
		await expect(duties.fillIn(DUTY_NAMES.coordination)).toHaveCount(0);
		for (const name of [DUTY_NAMES.safetyPolicy, DUTY_NAMES.monitor, DUTY_NAMES.complaintsProcedure, DUTY_NAMES.mrConsent]) {
			await expect(duties.status(name), name).toHaveText(DUTY_STATUS.unknown);
		}
		await duties.expectCounts({ met: 2, missing: 0, unknown: 4 });
	});

	test('the school admin uploads the safety policy: not a PDF is refused, a PDF makes the duty "In orde"', async ({ page }, testInfo) => {
		test.slow();
		const school = schoolOfProject(testInfo);
		await logInAsSchoolAdmin(page);

		const duties = new DutiesPage(page, school);
		await duties.goto();
		await expect(duties.status(DUTY_NAMES.safetyPolicy)).toHaveText(DUTY_STATUS.unknown);
		await duties.fillIn(DUTY_NAMES.safetyPolicy).click();
		const document = new DocumentPage(page, school, 'veiligheidsbeleid', t('document_safety_policy'));
		await document.expectLoaded();

		// Judged by the content, not the name: text in a file called .pdf is refused.
		const notPdf = testInfo.outputPath('veiligheidsbeleid.pdf');
		fs.writeFileSync(notPdf, 'Dit is een tekst, geen PDF.\n');
		const refused = await document.upload(notPdf);
		expect(refused.status()).toBe(400);
		await document.expectLoaded();
		await expect(page).toHaveTitle(`${t('form_title_error_prefix')} ${t('document_safety_policy')} – ${t('service_name')}`);
		await new ErrorSummary(page).expectErrors({ file: t('profile_error_pdf_not_pdf') });
		await expect(page.getByRole('radio', { name: t('profile_document_choice_file') })).toBeChecked();

		const pdf = testInfo.outputPath('beleid.pdf');
		fs.writeFileSync(pdf, SMALL_PDF, 'latin1');
		const saved = await document.upload(pdf);
		expect(saved.status()).toBe(303);
		const profile = new ProfilePage(page, school);
		await profile.expectLoaded();
		await expect(successBanner(page, t('profile_saved_title'))).toBeVisible();
		await expect(profile.value(t('document_safety_policy'))).toHaveText(t('profile_document_file'));

		await duties.goto();
		await expect(duties.status(DUTY_NAMES.safetyPolicy)).toHaveText(DUTY_STATUS.met);
		await expect(duties.fillIn(DUTY_NAMES.safetyPolicy)).toHaveCount(0);
		await duties.expectCounts({ met: 3, missing: 0, unknown: 3 });

		// Parents find the PDF on the public page, and get the very same bytes.
		const publicPage = new PublicSchoolPage(page, school);
		await publicPage.goto();
		const documentPath = paths.schoolDocument(school.code, 'veiligheidsbeleid');
		await expect(main(page).getByRole('link', { name: t('document_safety_policy'), exact: true })).toHaveAttribute('href', documentPath);
		const download = await page.request.get(documentPath);
		expect(download.status()).toBe(200);
		expect(download.headers()['content-type']).toContain('application/pdf');
		expect((await download.body()).toString('latin1')).toBe(SMALL_PDF);
	});
});

test('a board account, invited by a platform admin, sees the duties of its schools and opens one', async ({ page }, testInfo) => {
	test.slow();
	await platformAdminOnAdminPage(page, testInfo, 'beheer-bestuur');
	// The demo school is the one school with a board (the DUO fixtures have none).
	await page.goto(paths.adminSchool(DEMO_SCHOOL.code));
	const adminSchool = new AdminSchoolPage(page, DEMO_SCHOOL);
	await adminSchool.expectLoaded();
	await expect(main(page)).toContainText(t('admin_board_lead', { board: DEMO_SCHOOL.board }));
	const boardMember = newInvitee(testInfo, 'bestuur', 'Joost Mulder');
	const invited = await adminSchool.inviteBoard(boardMember);
	expect(invited.status()).toBe(200);
	await expect(successBanner(page, t('team_invited_title'))).toContainText(t('team_invited_text', { email: boardMember.email }));
	await expect(main(page).getByRole('listitem').filter({ hasText: boardMember.email })).toHaveCount(1);
	await logOut(page);

	await acceptInvitation(page, boardMember, { role: 'board_analyst', place: DEMO_SCHOOL.board });
	await main(page).getByRole('link', { name: t('board_title') }).click();
	const board = new BoardPage(page);
	await board.expectLoaded();
	const table = board.table(DEMO_SCHOOL.board);
	await expect(table.getByRole('columnheader')).toHaveText([t('board_col_school'), ...Object.values(DUTY_NAMES)]);
	// The other project may change the demo school's profile meanwhile: only the shape of the row is certain.
	const row = board.schoolRow(DEMO_SCHOOL.board, DEMO_SCHOOL.name);
	await expect(row).toContainText(`${DEMO_SCHOOL.place} · ${DEMO_SCHOOL.code}`);
	const states = new RegExp(`^(${Object.values(DUTY_STATUS).join('|')})$`);
	const cells = row.getByRole('cell');
	await expect(cells).toHaveCount(Object.keys(DUTY_NAMES).length);
	for (let i = 0; i < Object.keys(DUTY_NAMES).length; i++) await expect(cells.nth(i)).toHaveText(states);
	// Schools of no board of theirs are not listed.
	await expect(table.getByRole('link', { name: schoolOfProject(testInfo).name })).toHaveCount(0);

	await row.getByRole('link', { name: DEMO_SCHOOL.name }).click();
	const duties = new DutiesPage(page, DEMO_SCHOOL);
	await duties.expectLoaded();
	for (const name of Object.values(DUTY_NAMES)) await expect(duties.status(name), name).toHaveText(states);
	// The board reads; only the school's admins fill in.
	await expect(main(page).getByRole('link', { name: new RegExp(`^${t('duties_fill_in')}`) })).toHaveCount(0);

	// Another board's (here: no board's) school looks absent.
	const otherPath = paths.schoolDuties(schoolOfProject(testInfo).code);
	const other = await page.goto(otherPath);
	expect(other?.status()).toBe(404);
	await arrive(page, otherPath, t('error_not_found_title'));
});
