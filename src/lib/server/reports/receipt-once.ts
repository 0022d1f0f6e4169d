/**
 * A receipt code and passphrase shown once, after a redirect (decision 0027). The form's answer is a 303 to the
 * page itself with `?verstuurd`, so a reload or the back button never posts the report a second time; the receipt
 * crosses that redirect in a sealed cookie (http/sealed-cookie.ts) that lives two minutes at most and is deleted by
 * the page that shows it. The server stores nothing: a reload after that says the receipt was shown once.
 */
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { openCookieValue, sealCookieValue } from '../http/sealed-cookie';

const PURPOSE = 'pestwijzer receipt once v1';
/** Long enough for a slow phone to follow the redirect; short enough that a lost one is soon gone. */
export const RECEIPT_COOKIE_SECONDS = 120;
/** The query word that marks the page after a report was sent (the same in every language). */
export const SENT_PARAM = 'verstuurd';

export interface Receipt {
	code: string;
	passphrase: string;
}

function cookieName(): string {
	return config().secure ? '__Host-pw_receipt' : 'pw_receipt';
}

const OPTIONS = () => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config().secure });

/** Keeps the receipt for the one page at `pagePath` that will show it. */
export function holdReceipt(cookies: Cookies, receipt: Receipt, pagePath: string, now = new Date()): void {
	cookies.set(cookieName(), sealCookieValue(PURPOSE, { c: receipt.code, p: receipt.passphrase, for: pagePath }, RECEIPT_COOKIE_SECONDS, now), { ...OPTIONS(), maxAge: RECEIPT_COOKIE_SECONDS });
}

/** The receipt held for `pagePath`, once: the cookie is deleted whether it was there, for another page, or spent. */
export function takeReceipt(cookies: Cookies, pagePath: string, now = new Date()): Receipt | undefined {
	const value = cookies.get(cookieName());
	if (value === undefined) return undefined;
	cookies.delete(cookieName(), OPTIONS());
	const held = openCookieValue(PURPOSE, value, now);
	if (!held || held.for !== pagePath || !held.c || !held.p) return undefined;
	return { code: held.c, passphrase: held.p };
}
