/**
 * The language switch: a plain form post, so it works without JavaScript. The choice is kept in a cookie
 * and, for a signed-in account, also on the account (so mail comes in that language).
 */
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locale';
import { cookieName } from '$lib/paraglide/runtime';
import { safeReturnPath } from '$lib/paths';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { setPreferredLocale } from '$lib/server/auth/preferences.service';
import type { RequestHandler } from './$types';

const ONE_YEAR = 60 * 60 * 24 * 365;

export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	const back = safeReturnPath(typeof form.get('terug') === 'string' ? (form.get('terug') as string) : undefined);
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: ONE_YEAR, httpOnly: true, sameSite: 'lax', secure: config().secure });
		if (locals.actor) await setPreferredLocale(database(), locals.actor, locale);
	}
	redirect(303, back);
};
