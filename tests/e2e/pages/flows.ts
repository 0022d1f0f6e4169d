/** Longer steps several journeys share. */
import type { Page, TestInfo } from '@playwright/test';
import { paths } from '../../../src/lib/paths';
import { expect } from '../support/fixtures';
import { t } from '../support/messages';
import { linkIn, waitForMail } from '../support/outbox';
import { Authenticator } from '../support/totp';
import { arrive } from './common';
import { AccountPage, LoginPage, RegisterPage, SecondStepPage, TwoFactorSetupPage, VerifyEmailPage, type Registration } from './account-pages';

/** A new parent for this test only, so tests and projects never share an account. */
export function newParent(testInfo: TestInfo, label: string): Registration & { passwordConfirm: string } {
	const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
	const password = 'paarse olifanten dansen op het dak';
	return {
		displayName: 'Anouk de Wit',
		email: `${label}-${testInfo.project.name}-${unique}@voorbeeld.test`,
		password,
		passwordConfirm: password
	};
}

/** Registers through the form, then opens the link from the verification mail and confirms. */
export async function registerAndVerify(page: Page, parent: Registration): Promise<void> {
	const register = new RegisterPage(page);
	await register.goto();
	await register.fill(parent);
	const response = await register.submit();
	expect(response.status()).toBe(303);
	await arrive(page, paths.registerDone, t('auth_register_done_title'));

	const mail = await waitForMail(parent.email, t('mail_verify_subject'));
	const verify = new VerifyEmailPage(page);
	await verify.open(linkIn(mail, paths.verifyEmailBase));
	await verify.confirm();
}

/** Logs in with the password only; the account has no second factor. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
	const login = new LoginPage(page);
	await login.goto();
	const response = await login.logIn(email, password);
	expect(response.status()).toBe(303);
}

/** Sets up two-step log-in on the account page that is open, and returns the "app" and the recovery codes. */
export async function setUpTwoFactor(page: Page): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
	const setup = new TwoFactorSetupPage(page);
	await setup.expectLoaded();
	const app = new Authenticator(await setup.secret());
	const recoveryCodes = await setup.confirm(await app.nextCode());
	await setup.done();
	return { app, recoveryCodes };
}

/** Logs in with password and a code; ends on the page the log-in returns to. */
export async function logInWithCode(page: Page, email: string, password: string, code: () => Promise<string>): Promise<void> {
	const login = new LoginPage(page);
	await login.goto();
	const first = await login.logIn(email, password);
	expect(first.status()).toBe(303);
	const second = new SecondStepPage(page);
	await second.expectLoaded();
	const response = await second.enter(await code());
	expect(response.status()).toBe(303);
	await new AccountPage(page).expectLoaded();
}
