/** Longer steps several journeys share. */
import type { Page, TestInfo } from '@playwright/test';
import { paths } from '../../../src/lib/paths';
import { expect } from '../support/fixtures';
import { t, type Locale } from '../support/messages';
import { linkIn, waitForMail } from '../support/database';
import { Authenticator } from '../support/totp';
import { arrive } from './common';
import { LoginPage, RegisterPage, SecondStepPage, TwoFactorSetupPage, VerifyEmailPage, type Registration } from './account-pages';

/** A new parent for this test only, so tests and projects never share an account. */
export function newParent(testInfo: TestInfo, label: string): Registration {
	const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	return {
		displayName: 'Anouk de Wit',
		email: `${label}-${testInfo.project.name}-${unique}@voorbeeld.test`,
		password: 'paarse olifanten dansen op het dak'
	};
}

/** Fills in the registration form (already open) and sends it; ends on "check your mail". */
export async function register(page: Page, parent: Registration): Promise<void> {
	const form = new RegisterPage(page);
	await form.fill(parent);
	const response = await form.submit();
	expect(response.status()).toBe(303);
	await arrive(page, paths.registerDone, t('auth_register_done_title'));
}

/** Opens the link from the verification mail (in the language chosen for mail) and presses the button. */
export async function verifyAddress(page: Page, email: string, mailLocale: Locale = 'nl'): Promise<void> {
	const mail = await waitForMail(email, t('mail_verify_subject', {}, mailLocale));
	expect(mail.locale).toBe(mailLocale);
	const verify = new VerifyEmailPage(page);
	await verify.open(linkIn(mail, paths.verifyEmailBase));
	await verify.confirm();
}

export async function registerAndVerify(page: Page, parent: Registration): Promise<void> {
	await new RegisterPage(page).goto();
	await register(page, parent);
	await verifyAddress(page, parent.email, parent.locale);
}

/** Opens the log-in page and logs in with the password; the caller checks where it lands. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
	const login = new LoginPage(page);
	await login.goto();
	const response = await login.logIn(email, password);
	expect(response.status()).toBe(303);
}

/** Password, then the second step with `code` (from the app or a recovery code); the caller checks where it lands. */
export async function logInWithCode(page: Page, email: string, password: string, code: string | (() => Promise<string>)): Promise<void> {
	await logIn(page, email, password);
	await enterSecondFactor(page, code);
}

/** On the second step of log-in: enter the code. */
export async function enterSecondFactor(page: Page, code: string | (() => Promise<string>)): Promise<void> {
	const second = new SecondStepPage(page);
	await second.expectLoaded();
	const response = await second.enter(typeof code === 'string' ? code : await code());
	expect(response.status()).toBe(303);
}

/** On the two-step set-up page: add the key to an "app", confirm with a code, keep the recovery codes. */
export async function setUpTwoFactor(page: Page): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
	const setup = new TwoFactorSetupPage(page);
	await setup.expectLoaded();
	const app = new Authenticator(await setup.secret());
	const recoveryCodes = await setup.confirm(await app.nextCode());
	await setup.done();
	return { app, recoveryCodes };
}

/** Nothing sticks out sideways on a small screen (WCAG 1.4.10 reflow). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow, `content wider than the screen on ${page.url()}`).toBeLessThanOrEqual(0);
}
