/** Page objects of registration, log-in, two-step log-in and password reset. */
import type { Locator, Page, Response } from '@playwright/test';
import { paths } from '../../../src/lib/paths';
import { expect } from '../support/fixtures';
import { t, type Locale } from '../support/messages';
import { arrive, submit } from './common';

const RESET_PATH = new URL(paths.resetPassword('x'), 'http://localhost').pathname;

function main(page: Page): Locator {
	return page.getByRole('main');
}

export interface Registration {
	displayName: string;
	email: string;
	password: string;
	passwordConfirm?: string;
	locale?: 'nl' | 'en';
}

export class RegisterPage {
	readonly displayName: Locator;
	readonly email: Locator;
	readonly password: Locator;
	readonly passwordConfirm: Locator;

	constructor(private readonly page: Page) {
		this.displayName = page.getByLabel(t('auth_field_name'), { exact: true });
		this.email = page.getByLabel(t('auth_field_email'), { exact: true });
		this.password = page.getByLabel(t('auth_field_new_password'), { exact: true });
		this.passwordConfirm = page.getByLabel(t('auth_field_password_confirm'), { exact: true });
	}

	localeChoice(locale: 'nl' | 'en'): Locator {
		return this.page.getByRole('radio', { name: locale === 'en' ? 'English' : 'Nederlands', exact: true });
	}

	async goto(): Promise<void> {
		await this.page.goto(paths.register);
		await arrive(this.page, paths.register, t('auth_register_title'));
	}

	async fill(input: Registration): Promise<void> {
		await this.displayName.fill(input.displayName);
		await this.email.fill(input.email);
		await this.password.fill(input.password);
		await this.passwordConfirm.fill(input.passwordConfirm ?? input.password);
		await this.localeChoice(input.locale ?? 'nl').check();
	}

	async submit(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('auth_register_button') }));
	}
}

export class VerifyEmailPage {
	constructor(private readonly page: Page) {}

	/** Opens the link from the mail: it shows a button, and only pressing it confirms the address. */
	async open(link: string): Promise<void> {
		await this.page.goto(link);
		await arrive(this.page, paths.verifyEmailBase, t('auth_verify_title'));
	}

	async confirm(): Promise<Response> {
		const response = await submit(this.page, main(this.page).getByRole('button', { name: t('auth_verify_button') }));
		await arrive(this.page, paths.verifyEmailBase, t('auth_verify_done_title'));
		return response;
	}
}

export class LoginPage {
	readonly email: Locator;
	readonly password: Locator;

	constructor(private readonly page: Page) {
		this.email = page.getByLabel(t('auth_field_email'), { exact: true });
		this.password = page.getByLabel(t('auth_field_password'), { exact: true });
	}

	async goto(): Promise<void> {
		await this.page.goto(paths.login);
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.login, t('auth_login_title'));
	}

	async logIn(email: string, password: string): Promise<Response> {
		await this.email.fill(email);
		await this.password.fill(password);
		return submit(this.page, main(this.page).getByRole('button', { name: t('auth_login_button') }));
	}
}

export class SecondStepPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.loginSecondFactor, t('auth_second_title'));
	}

	/** A 6-digit code from the app, or a recovery code. */
	async enter(code: string): Promise<Response> {
		await this.page.getByLabel(t('auth_field_code'), { exact: true }).fill(code);
		return submit(this.page, main(this.page).getByRole('button', { name: t('auth_second_button') }));
	}
}

export class TwoFactorSetupPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(): Promise<void> {
		await arrive(this.page, paths.twoFactor, t('twofa_title'));
	}

	/** The key to type into an app, as shown: base32 in groups of four. */
	async secret(): Promise<string> {
		const secret = (await this.page.getByTestId('totp-secret').innerText()).trim();
		expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
		return secret;
	}

	/** Confirms the set-up with a code and returns the recovery codes, which are shown only now. */
	async confirm(code: string): Promise<string[]> {
		await this.page.getByLabel(t('auth_field_code'), { exact: true }).fill(code);
		const response = await submit(this.page, main(this.page).getByRole('button', { name: t('twofa_confirm_button') }));
		expect(response.status()).toBe(200);
		await arrive(this.page, paths.twoFactor, t('twofa_codes_title'));
		const codes = this.page.getByRole('list', { name: t('twofa_codes_title') }).getByRole('listitem');
		await expect(codes).toHaveCount(10);
		const recoveryCodes = await codes.allInnerTexts();
		for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
		return recoveryCodes;
	}

	async done(): Promise<void> {
		await this.page.getByRole('link', { name: t('twofa_codes_done') }).click();
		await arrive(this.page, paths.account, t('account_title'));
	}
}

export class AccountPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(locale: Locale = 'nl'): Promise<void> {
		await arrive(this.page, paths.account, t('account_title', {}, locale));
	}

	/** The value in the summary list next to a key, e.g. the state of two-step log-in. */
	value(key: string): Locator {
		return this.page.locator('.summary-list__row', { has: this.page.locator('dt', { hasText: key }) }).locator('dd').first();
	}
}

export class ForgotPasswordPage {
	constructor(private readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.forgotPassword);
		await arrive(this.page, paths.forgotPassword, t('auth_forgot_title'));
	}

	async request(email: string): Promise<Response> {
		await this.page.getByLabel(t('auth_field_email'), { exact: true }).fill(email);
		return submit(this.page, main(this.page).getByRole('button', { name: t('auth_forgot_button') }));
	}
}

export class ResetPasswordPage {
	constructor(private readonly page: Page) {}

	async open(link: string): Promise<void> {
		await this.page.goto(link);
		await arrive(this.page, RESET_PATH, t('auth_reset_title'));
	}

	async setPassword(password: string): Promise<Response> {
		await this.page.getByLabel(t('auth_field_new_password'), { exact: true }).fill(password);
		await this.page.getByLabel(t('auth_field_password_confirm'), { exact: true }).fill(password);
		return submit(this.page, main(this.page).getByRole('button', { name: t('auth_reset_button') }));
	}
}
