/**
 * Issue 11, the school's side of a case, on a phone (axe on every page):
 *  1. the aanspreekpunt opens a case directly from the staff home page, adds two pupils in roles (one by name and
 *     class, one by description), an action and an agreement with a due date and an internal note, assigns the
 *     vertrouwenspersoon, and moves the case to intake and in progress;
 *  2. the vertrouwenspersoon, now a handler, writes a confidential note, marked as visible to them alone;
 *  3. the coordinator reads the case with the internal note, but not the confidential one, and sees the overview.
 * Each project makes its own staff accounts at the demo school (support/make-staff.ts), so js and nojs never share
 * a case or a session; the steps build on each other and run in order.
 */
import type { Page } from '@playwright/test';
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { WITHOUT_JS } from './support/scripted-pages';
import { t } from './support/messages';
import { createStaff, type Staff } from './support/cli';
import { Authenticator } from './support/totp';
import { arrive, submit } from './pages/common';
import { AccountPage } from './pages/account-pages';
import { logInWithCode } from './pages/flows';
import { DEMO_SCHOOL, logOut, successBanner } from './pages/school-pages';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const CODE = DEMO_SCHOOL.code;
const main = (page: Page) => page.getByRole('main');
const form = (page: Page, action: string) => page.locator(`form[action="?/${action}"]`);

function nextYear(): { day: string; month: string; year: string } {
	return { day: '15', month: '3', year: String(new Date().getFullYear() + 1) };
}

test.describe('handling a case', { tag: WITHOUT_JS }, () => {
	test.describe.configure({ mode: 'serial' });

	let staff: Record<string, Staff & { app: Authenticator }>;
	let casePath = '';
	let caseTitle = '';
	const confidentialText = `Zij vertelde over thuis. kanarie-vp-${Math.random().toString(36).slice(2, 8)}`;
	const internalText = 'Gesprek met de mentor gehad; ouders bellen morgen.';

	test.beforeAll(async ({}, testInfo) => {
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

	async function openCasePage(page: Page): Promise<void> {
		await page.goto(casePath);
		await arrive(page, casePath, caseTitle);
	}

	async function done(page: Page, button: ReturnType<Page['getByRole']>, banner: string): Promise<void> {
		expect((await submit(page, button)).status()).toBe(303);
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, banner)).toBeVisible();
	}

	test('the aanspreekpunt opens a case, adds pupils, an action, an agreement and a note, and moves it on', async ({ page }) => {
		// Fourteen pages, each with axe over a long page: about 85 s with JavaScript on when two other agents share the cores.
		test.setTimeout(240_000);
		await logInAs(page, 'aanspreekpunt');
		await page.goto(paths.schoolHome(CODE));
		await arrive(page, paths.schoolHome(CODE), DEMO_SCHOOL.name);
		await expect(main(page).getByRole('link', { name: t('case_overview_title') })).toHaveCount(0);
		await main(page).getByRole('link', { name: t('case_list_title') }).click();
		await arrive(page, paths.schoolCases(CODE), t('case_list_title'));
		await expect(main(page)).toContainText(t('case_list_none'));
		await main(page).getByRole('link', { name: t('case_new_title') }).click();
		await arrive(page, paths.schoolCaseNew(CODE), t('case_new_title'));

		await page.getByLabel(t('case_field_place'), { exact: true }).selectOption('playground');
		await page.getByLabel(t('case_field_time_of_day'), { exact: true }).selectOption('break');
		await page.getByRole('checkbox', { name: t('form_kind_exclusion') }).check();
		const opened = await submit(page, main(page).getByRole('button', { name: t('case_new_button') }));
		expect(opened.status()).toBe(303);
		const url = new URL(page.url());
		casePath = url.pathname;
		expect(casePath).toMatch(/^\/school\/99ZZ00\/zaken\/[0-9a-f-]{36}$/);
		caseTitle = t('case_title', { ref: casePath.split('/').at(-1)!.slice(0, 8) });
		await arrive(page, casePath, caseTitle);
		await expect(successBanner(page, t('case_done_opened'))).toBeVisible();

		// A pupil by name and class, a second by description.
		const pupil = form(page, 'pupil');
		await pupil.getByLabel(t('case_pupil_role_target'), { exact: true }).check();
		await pupil.getByLabel(t('case_field_pupil_name'), { exact: true }).fill('Noor Bakker');
		await pupil.getByLabel(t('case_field_pupil_class'), { exact: true }).fill('7b');
		await done(page, pupil.getByRole('button', { name: t('case_pupil_add_button') }), t('case_done_pupil'));
		await form(page, 'pupil').getByLabel(t('case_pupil_role_pupil_who_bullies'), { exact: true }).check();
		await form(page, 'pupil').getByLabel(t('case_field_pupil_description'), { exact: true }).fill('Jongen uit groep 8 met een rode jas');
		await done(page, form(page, 'pupil').getByRole('button', { name: t('case_pupil_add_button') }), t('case_done_pupil'));
		await expect(main(page)).toContainText('Noor Bakker');
		await expect(main(page)).toContainText('Jongen uit groep 8 met een rode jas');

		// An action and an agreement, each with a due day.
		for (const [kind, text] of [
			['case_action_kind_action', 'Gesprek met beide leerlingen'],
			['case_action_kind_agreement', 'Noor mag in de pauze bij de juf blijven']
		] as const) {
			const action = form(page, 'action');
			await action.getByLabel(t(kind), { exact: true }).check();
			await action.getByLabel(t('case_field_action_text'), { exact: true }).fill(text);
			const due = nextYear();
			await action.locator('input[name="actionDue-day"]').fill(due.day);
			await action.locator('input[name="actionDue-month"]').fill(due.month);
			await action.locator('input[name="actionDue-year"]').fill(due.year);
			await done(page, action.getByRole('button', { name: t('case_action_add_button') }), t('case_done_action'));
			await expect(main(page)).toContainText(text);
		}

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

	test('the vertrouwenspersoon writes a confidential note, visible to them alone', async ({ page }) => {
		test.slow();
		await logInAs(page, 'vertrouwenspersoon');
		await openCasePage(page);
		await expect(main(page)).toContainText(internalText);
		const section = main(page).getByRole('region', { name: new RegExp(t('case_confidential_title')) });
		await expect(section).toContainText(t('case_confidential_only_you'));
		await section.getByLabel(t('case_field_confidential'), { exact: true }).fill(confidentialText);
		await done(page, section.getByRole('button', { name: t('case_confidential_button') }), t('case_done_confidential'));
		await expect(main(page).getByRole('region', { name: new RegExp(t('case_confidential_title')) })).toContainText(confidentialText);
		await logOut(page);
	});

	test('the coordinator reads the case without the confidential note, and sees the overview', async ({ page }) => {
		test.slow();
		await logInAs(page, 'coordinator');
		await page.goto(paths.schoolCases(CODE));
		await arrive(page, paths.schoolCases(CODE), t('case_list_title'));
		await main(page).getByRole('link', { name: new RegExp(casePath.split('/').at(-1)!.slice(0, 8)) }).click();
		await arrive(page, casePath, caseTitle);
		await expect(main(page)).toContainText(internalText);
		await expect(main(page)).toContainText('Noor Bakker');
		await expect(page.locator('body')).not.toContainText(confidentialText);
		await expect(main(page).getByRole('heading', { name: new RegExp(t('case_confidential_title')) })).toHaveCount(0);
		expect(await page.content()).not.toContain(confidentialText);

		await page.goto(paths.schoolCaseOverview(CODE));
		await arrive(page, paths.schoolCaseOverview(CODE), t('case_overview_title'));
		await expect(main(page)).toContainText(t('case_overview_suppressed', { threshold: 5 }));
		await logOut(page);
	});
});
