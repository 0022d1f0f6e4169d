/** Parts every page shares: arriving on a page, posting a form, the header and the error summary. */
import type { Locator, Page, Response } from '@playwright/test';
import { expect } from '../support/fixtures';
import { checkA11y } from '../support/a11y';
import { t, type Locale } from '../support/messages';

/**
 * The page is at `path` with this h1, and passes checkA11y. Every navigation in a test ends here,
 * so every page visited gets its accessibility check.
 */
export async function arrive(page: Page, path: string, heading: string): Promise<void> {
	await expect(page).toHaveURL((url) => url.pathname === path);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
	await checkA11y(page);
}

/**
 * Presses a submit button and waits for the new document. Returns the answer to the POST itself
 * (a 303 redirect, or 400 with the form again), the way a browser without JavaScript gets it.
 */
export async function submit(page: Page, button: Locator): Promise<Response> {
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
	const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
	await button.click();
	const response = await posted;
	await navigated;
	await page.waitForLoadState('load');
	await explainCrossSiteRefusal(response);
	return response;
}

/** SvelteKit's origin check answers 403 with this text; say plainly why, instead of a bare status. */
async function explainCrossSiteRefusal(response: Response): Promise<void> {
	if (response.status() !== 403) return;
	const body = await response.text().catch(() => '');
	if (!body.includes('Cross-site POST form submissions are forbidden')) return;
	const origin = await response.request().headerValue('origin');
	const why =
		origin === 'null'
			? 'Browsers send "Origin: null" from a page with Referrer-Policy: no-referrer (src/lib/server/http/security-headers.ts).'
			: `It does not match the ORIGIN the server was started with (STACK.md pitfall 2).`;
	throw new Error(`The app refused the form POST to ${response.url()} as cross-site (403): the browser sent Origin: ${origin}. ${why}`);
}

export class Header {
	readonly nav: Locator;

	constructor(private readonly page: Page, locale: Locale = 'nl') {
		this.nav = page.getByRole('navigation', { name: t('header_nav_label', {}, locale) });
	}

	/** The language switch offers the other language, named in that language. */
	languageButton(to: Locale): Locator {
		return this.nav.getByRole('button', { name: to === 'en' ? 'English (switch language)' : 'Nederlands (taal wijzigen)' });
	}

	async switchLanguage(to: Locale): Promise<Response> {
		return submit(this.page, this.languageButton(to));
	}

	async logOut(locale: Locale = 'nl'): Promise<Response> {
		return submit(this.page, this.nav.getByRole('button', { name: t('header_logout', {}, locale) }));
	}
}

/** The GOV.UK error summary at the top of a form that was sent back. */
export class ErrorSummary {
	readonly root: Locator;

	constructor(private readonly page: Page, locale: Locale = 'nl') {
		this.root = page.getByRole('alert', { name: t('form_error_summary_title', {}, locale) });
	}

	/** Exactly these problems, in this order, each linking to its field and repeated beside the field. */
	async expectErrors(errors: Record<string, string>): Promise<void> {
		await expect(this.root).toBeVisible();
		const links = this.root.getByRole('link');
		await expect(links).toHaveText(Object.values(errors));
		for (const [field, message] of Object.entries(errors)) {
			await expect(this.root.getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
			await expect(this.page.locator(`[id="${field}-error"]`)).toContainText(message);
			await expect(this.page.locator(`[id="${field}"]`)).toHaveAttribute('aria-invalid', 'true');
		}
	}
}
