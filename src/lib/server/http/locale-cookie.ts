import type { Cookies } from '@sveltejs/kit';
import { cookieName } from '../../paraglide/runtime.js';
import type { Locale } from '../../i18n/locale';
import { config } from '../config';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Remembers the chosen language in this browser (read by Paraglide's cookie strategy). */
export function setLocaleCookie(cookies: Cookies, locale: Locale): void {
	cookies.set(cookieName, locale, { path: '/', maxAge: ONE_YEAR, httpOnly: true, sameSite: 'lax', secure: config().secure });
}
