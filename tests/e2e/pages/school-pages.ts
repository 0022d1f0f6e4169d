/**
 * Page objects of issue 4: onboarding a school (platform admin), the school's team and invitations, accepting
 * an invitation, the school profile with its documents, the legal-duty dashboard, the public school page and
 * the board page. Texts come from messages/nl.json, addresses from src/lib/paths.ts.
 */
import type { Locator, Page, Response, TestInfo } from '@playwright/test';
import { paths } from '../../../src/lib/paths';
import { expect } from '../support/fixtures';
import { t } from '../support/messages';
import { linkIn, waitForMail } from '../support/database';
import { createPlatformAdmin } from '../support/cli';
import type { Authenticator } from '../support/totp';
import { arrive, Header, submit } from './common';
import { AccountPage } from './account-pages';
import { logIn, setUpTwoFactor } from './flows';

const main = (page: Page): Locator => page.getByRole('main');

/** Matches exactly this text (Playwright's hasText otherwise matches a part). */
const exactly = (text: string): RegExp => new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');

/** A school from fixtures/duo (loaded by `cli demo`), without a school admin until a test onboards it. */
export interface FixtureSchool {
	code: string;
	name: string;
	place: string;
	/** What the platform admin types into the search, matching only this school. */
	search: string;
}

/**
 * Each project onboards its own school: both projects run at the same time on one database, and onboarding
 * changes a school for good (it then has a school admin, a profile and documents).
 */
const PROJECT_SCHOOLS: Record<string, FixtureSchool> = {
	js: { code: '24ZO00', name: 'CBS De Tweemaster', place: 'Deventer', search: 'Tweemaster' },
	nojs: { code: '29ZT00', name: 'CBS De Zeppelin', place: 'Assen', search: 'Zeppelin' }
};

export function schoolOfProject(testInfo: TestInfo): FixtureSchool {
	const school = PROJECT_SCHOOLS[testInfo.project.name];
	if (!school) throw new Error(`No fixture school assigned to project ${testInfo.project.name}.`);
	return school;
}

/** The demo school and board of `cli demo`; shared by both projects, so tests only read their state. */
export const DEMO_SCHOOL = { code: '99ZZ00', name: 'Demoschool De Regenboog', place: 'Utrecht', board: 'Stichting Demoscholen' };

/** Someone invited in a test: unique per test and project, so nobody else's data gets in the way. */
export interface Invitee {
	displayName: string;
	email: string;
	password: string;
}

export function newInvitee(testInfo: TestInfo, label: string, displayName: string): Invitee {
	const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	return { displayName, email: `${label}-${testInfo.project.name}-${unique}@voorbeeld.test`, password: 'groene kikkers zingen in de regen' };
}


/**
 * A new platform admin (CLI), logged in, with two-step log-in set up (the admin pages ask for it first),
 * ending on /beheer.
 */
export async function platformAdminOnAdminPage(page: Page, testInfo: TestInfo, label: string): Promise<void> {
	const email = `${label}-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@voorbeeld.test`;
	await logIn(page, email, createPlatformAdmin(email));
	await new AccountPage(page).expectLoaded();
	await page.goto(paths.admin);
	await expect(page).toHaveURL(paths.twoFactor);
	await setUpTwoFactor(page);
	await main(page).getByRole('link', { name: t('admin_title') }).click();
	await arrive(page, paths.admin, t('admin_title'));
}

/** Logs out with the button in the header and checks the page that follows. */
export async function logOut(page: Page): Promise<void> {
	await new Header(page).logOut();
	await arrive(page, paths.logout, t('auth_logout_done_title'));
}

/** A success banner (role alert) with this title. */
export function successBanner(page: Page, title: string): Locator {
	return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: title }) });
}

// Platform admin

export class AdminHomePage {
	constructor(private readonly page: Page) {}

	async openSchools(): Promise<AdminSchoolsPage> {
		await main(this.page).getByRole('link', { name: t('admin_schools_title') }).click();
		const schools = new AdminSchoolsPage(this.page);
		await schools.expectLoaded();
		return schools;
	}
}

export class AdminSchoolsPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.adminSchools, t('admin_schools_title'));
	}

	/** A GET form: the result page has its own address. */
	async search(query: string): Promise<void> {
		await main(this.page).getByRole('searchbox', { name: t('schools_label') }).fill(query);
		await main(this.page).getByRole('button', { name: t('schools_button') }).click();
		await expect(this.page).toHaveURL((url) => url.pathname === paths.adminSchools && url.searchParams.get('q') === query);
		await this.expectLoaded();
	}

	result(name: string): Locator {
		return main(this.page).getByRole('listitem').filter({ has: this.page.getByRole('link', { name, exact: true }) });
	}

	async open(school: { code: string; name: string }): Promise<AdminSchoolPage> {
		await main(this.page).getByRole('link', { name: school.name, exact: true }).click();
		const page = new AdminSchoolPage(this.page, school);
		await page.expectLoaded();
		return page;
	}
}

/** /beheer/scholen/<code>: the school's admins and board, with a form for each. */
export class AdminSchoolPage {
	readonly schoolAdminForm: Locator;
	readonly boardForm: Locator;

	constructor(
		private readonly page: Page,
		readonly school: { code: string; name: string }
	) {
		const form = (button: string) => page.locator('form').filter({ has: page.getByRole('button', { name: button }) });
		this.schoolAdminForm = form(t('admin_school_invite_button'));
		this.boardForm = form(t('admin_board_invite_button'));
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.adminSchool(this.school.code), this.school.name);
	}

	private async invite(form: Locator, button: string, invitee: Pick<Invitee, 'displayName' | 'email'>): Promise<Response> {
		await form.getByLabel(t('team_field_name'), { exact: true }).fill(invitee.displayName);
		await form.getByLabel(t('team_field_email'), { exact: true }).fill(invitee.email);
		await form.getByRole('group', { name: t('team_field_locale') }).getByRole('radio', { name: 'Nederlands' }).check();
		const response = await submit(this.page, form.getByRole('button', { name: button }));
		await this.expectLoaded();
		return response;
	}

	async inviteSchoolAdmin(invitee: Pick<Invitee, 'displayName' | 'email'>): Promise<Response> {
		return this.invite(this.schoolAdminForm, t('admin_school_invite_button'), invitee);
	}

	async inviteBoard(invitee: Pick<Invitee, 'displayName' | 'email'>): Promise<Response> {
		return this.invite(this.boardForm, t('admin_board_invite_button'), invitee);
	}
}

// Accepting an invitation

export class InvitationPage {
	constructor(private readonly page: Page) {}

	async open(link: string): Promise<void> {
		await this.page.goto(link);
		await arrive(this.page, paths.invitationBase, t('invite_page_title'));
	}

	async createAccount(invitee: Invitee): Promise<Response> {
		const form = this.page.locator('form').filter({ has: this.page.getByRole('button', { name: t('invite_create_button') }) });
		await form.getByLabel(t('auth_field_name'), { exact: true }).fill(invitee.displayName);
		await form.getByLabel(t('auth_field_new_password'), { exact: true }).fill(invitee.password);
		await form.getByLabel(t('auth_field_password_confirm'), { exact: true }).fill(invitee.password);
		await form.getByRole('group', { name: t('auth_field_locale') }).getByRole('radio', { name: 'Nederlands' }).check();
		return submit(this.page, form.getByRole('button', { name: t('invite_create_button') }));
	}
}

/**
 * The invitee (not logged in) opens the link in the invitation mail to `place`, makes an account, lands on the
 * two-step set-up, sets it up and ends on the account page, which lists the new role. Returns their authenticator.
 */
export async function acceptInvitation(page: Page, invitee: Invitee, expected: { role: string; place: string }): Promise<Authenticator> {
	const mail = await waitForMail(invitee.email, t('mail_invite_subject', { place: expected.place }));
	expect(mail.locale).toBe('nl');
	const invitation = new InvitationPage(page);
	await invitation.open(linkIn(mail, paths.invitationBase));
	await expect(main(page)).toContainText(t('invite_page_lead', { role: t(`role_${expected.role}`), place: expected.place }));
	await expect(main(page)).toContainText(t('invite_page_for', { email: invitee.email }));
	await expect(main(page).getByLabel(t('auth_field_name'), { exact: true })).toHaveValue(invitee.displayName);
	const response = await invitation.createAccount(invitee);
	expect(response.status()).toBe(303);
	await expect(page).toHaveURL((url) => url.pathname === paths.twoFactor);
	const { app } = await setUpTwoFactor(page);
	const account = new AccountPage(page);
	await expect(main(page).getByRole('listitem').filter({ hasText: `${t(`role_${expected.role}`)} – ${expected.place}` })).toHaveCount(1);
	await expect(account.value(t('auth_field_email'))).toHaveText(invitee.email);
	return app;
}

// The school's own pages

export class MySchoolsPage {
	constructor(private readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.school);
		await arrive(this.page, paths.school, t('school_title'));
	}

	card(school: { name: string }): Locator {
		return main(this.page).getByRole('region', { name: school.name });
	}

	async open(school: { code: string; name: string }): Promise<SchoolHomePage> {
		await this.card(school).getByRole('link', { name: school.name }).click();
		const home = new SchoolHomePage(this.page, school);
		await home.expectLoaded();
		return home;
	}
}

export class SchoolHomePage {
	constructor(
		private readonly page: Page,
		private readonly school: { code: string; name: string }
	) {}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolHome(this.school.code), this.school.name);
	}

	async openTeam(): Promise<TeamPage> {
		await main(this.page).getByRole('link', { name: t('team_title') }).click();
		const team = new TeamPage(this.page, this.school);
		await team.expectLoaded();
		return team;
	}
}

export class TeamPage {
	readonly inviteForm: Locator;

	constructor(
		private readonly page: Page,
		private readonly school: { code: string; name: string }
	) {
		this.inviteForm = page.locator('form').filter({ has: page.getByRole('button', { name: t('team_invite_button') }) });
	}

	async goto(): Promise<void> {
		await this.page.goto(paths.schoolTeam(this.school.code));
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolTeam(this.school.code), t('team_title'));
	}

	/** The row of a team member in the team table. */
	member(name: string): Locator {
		return main(this.page).getByRole('table', { name: t('team_members_title') }).getByRole('row').filter({ hasText: name });
	}

	/** An open invitation in the list. */
	invitation(email: string): Locator {
		return main(this.page).getByRole('listitem').filter({ hasText: email });
	}

	/** Fills in the invitation form (any field may be left out) and sends it. */
	async invite(input: { displayName?: string; email?: string; role?: string }): Promise<Response> {
		if (input.displayName !== undefined) await this.inviteForm.getByLabel(t('team_field_name'), { exact: true }).fill(input.displayName);
		if (input.email !== undefined) await this.inviteForm.getByLabel(t('team_field_email'), { exact: true }).fill(input.email);
		if (input.role !== undefined) await this.inviteForm.getByRole('group', { name: t('team_field_role') }).getByRole('radio', { name: t(`role_${input.role}`) }).check();
		const response = await submit(this.page, this.inviteForm.getByRole('button', { name: t('team_invite_button') }));
		await this.expectLoaded();
		return response;
	}
}

export class ProfilePage {
	constructor(
		private readonly page: Page,
		private readonly school: { code: string; name: string }
	) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.schoolProfile(this.school.code));
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolProfile(this.school.code), t('school_profile_title'));
	}

	/** The value in a row of the profile's summary lists, e.g. the person who is the aanspreekpunt. */
	value(key: string): Locator {
		return main(this.page)
			.locator('.summary-list__row', { has: this.page.locator('dt', { hasText: exactly(key) }) })
			.locator('.summary-list__value');
	}

	/** The "Wijzigen" link of a row; its hidden text names the row, so the link's name is unique. */
	changeLink(key: string): Locator {
		return main(this.page).getByRole('link', { name: `${t('profile_change')} ${key}`, exact: true });
	}
}

/** /school/<code>/profiel/<person>: who it is (from the team or typed in), how to reach them, and whether public. */
export class ContactPartPage {
	readonly email: Locator;
	readonly phone: Locator;
	readonly hours: Locator;
	readonly public: Locator;

	constructor(
		private readonly page: Page,
		private readonly school: { code: string },
		private readonly slug: string,
		private readonly title: string
	) {
		this.email = page.getByLabel(t('profile_field_email'), { exact: true });
		this.phone = page.getByLabel(t('profile_field_phone'), { exact: true });
		this.hours = page.getByLabel(t('profile_field_hours'), { exact: true });
		this.public = page.getByRole('checkbox', { name: t('profile_field_public') });
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolProfilePart(this.school.code, this.slug), this.title);
	}

	/** A radio of "Wie is het?": a team member by name, or "Iemand anders". */
	member(name: string): Locator {
		return this.page.getByRole('group', { name: t('profile_field_member') }).getByRole('radio', { name, exact: true });
	}

	alsoCoordinator(answer: 'yes' | 'no'): Locator {
		return this.page.getByRole('group', { name: t('profile_field_also_coordinator') }).getByRole('radio', { name: t(answer === 'yes' ? 'form_yes' : 'form_no') });
	}

	async save(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('profile_save'), exact: true }));
	}
}

/** /school/<code>/profiel/documenten/<kind>: a PDF, a link, "we do not have it" or nothing. */
export class DocumentPage {
	readonly file: Locator;

	constructor(
		private readonly page: Page,
		private readonly school: { code: string },
		private readonly slug: string,
		private readonly title: string
	) {
		this.file = page.getByLabel(t('profile_field_file'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolProfileDocument(this.school.code, this.slug), this.title);
	}

	/** Chooses "Een PDF uploaden" with this file and saves. */
	async upload(file: string): Promise<Response> {
		await this.page.getByRole('group', { name: t('profile_field_document_status') }).getByRole('radio', { name: t('profile_document_choice_file') }).check();
		await this.file.setInputFiles(file);
		return submit(this.page, main(this.page).getByRole('button', { name: t('profile_save'), exact: true }));
	}
}

/** /school/<code>/wettelijke-taken: one card per legal duty with its state. */
export class DutiesPage {
	constructor(
		private readonly page: Page,
		private readonly school: { code: string }
	) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.schoolDuties(this.school.code));
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.schoolDuties(this.school.code), t('duties_title'));
	}

	/** The card of a duty, by its name (e.g. t('duty_safety_policy')). */
	duty(name: string): Locator {
		return main(this.page).getByRole('region', { name, exact: true });
	}

	/** The state shown on a duty's card: "In orde", "Niet in orde" or "Onbekend". */
	status(name: string): Locator {
		return this.duty(name).locator('.tag');
	}

	/** The "Vul dit in" link of a duty (only for the school's admins, only while the duty is not met). */
	fillIn(name: string): Locator {
		return this.duty(name).getByRole('link', { name: `${t('duties_fill_in')} ${name}`, exact: true });
	}

	async expectCounts(counts: { met: number; missing: number; unknown: number }): Promise<void> {
		await expect(main(this.page)).toContainText(t('duties_counts', { ...counts, total: counts.met + counts.missing + counts.unknown }));
	}
}

/** The state names of the duty dashboard, in Dutch. */
export const DUTY_STATUS = { met: t('duty_status_met'), missing: t('duty_status_missing'), unknown: t('duty_status_unknown') };

/** The six duties by their names on the dashboard, in the order of src/lib/schools/legal-duties.ts. */
export const DUTY_NAMES = {
	safetyPolicy: t('duty_safety_policy'),
	monitor: t('duty_monitor'),
	coordination: t('duty_coordination'),
	aanspreekpuntPublic: t('duty_aanspreekpunt_public'),
	complaintsProcedure: t('duty_complaints_procedure'),
	mrConsent: t('duty_mr_consent')
};

// Public and board pages

export class PublicSchoolPage {
	constructor(
		private readonly page: Page,
		private readonly school: { code: string; name: string }
	) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.schoolPage(this.school.code));
		await arrive(this.page, paths.schoolPage(this.school.code), this.school.name);
	}

	/** A person on the page, by the heading of their block (e.g. "Aanspreekpunt pesten en coördinator anti-pestbeleid"). */
	contact(heading: string): Locator {
		return main(this.page)
			.locator('.profile-contact')
			.filter({ has: this.page.getByRole('heading', { level: 3, name: heading, exact: true }) });
	}

	/** The h2 a block of the page falls under, e.g. "Wie kan ik aanspreken?" for the school's contacts. */
	sectionOf(block: Locator): Locator {
		return block.locator('xpath=preceding-sibling::h2[1]');
	}
}

export class BoardPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.board, t('board_title'));
	}

	table(board: string): Locator {
		return main(this.page).getByRole('table', { name: t('board_schools_caption', { board }) });
	}

	schoolRow(board: string, school: string): Locator {
		return this.table(board).getByRole('row').filter({ has: this.page.getByRole('link', { name: school, exact: true }) });
	}
}
