/**
 * The language switch: a plain form post, so it works without JavaScript. The choice is kept in a cookie
 * and, for a signed-in account, also on the account (so mail comes in that language and a new device follows it).
 */
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locale';
import { languageAlternates, safeReturnPath } from '$lib/paths';
import { database } from '$lib/server/db';
import { setPreferredLocale } from '$lib/server/auth/preferences.service';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { readFormData } from '$lib/server/http/form';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await readFormData(request);
	const locale = form.get('locale');
	const back = form.get('terug');
	if (isLocale(locale)) {
		setLocaleCookie(cookies, locale);
		if (locals.actor) await setPreferredLocale(database(), locals.actor, locale);
	}
	const path = safeReturnPath(typeof back === 'string' ? back : undefined);
	// A page with an address per language (decision 0016) follows its address, not the cookie: the switch
	// leads to the same page at the other address. Elsewhere the cookie is enough.
	const alternates = languageAlternates(path);
	redirect(303, alternates && isLocale(locale) ? alternates[locale] : path);
};
