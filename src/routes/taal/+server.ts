/**
 * The language switch: a plain form post, so it works without JavaScript. The choice is kept in a cookie
 * and, for a signed-in account, also on the account (so mail comes in that language and a new device follows it).
 */
import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locale';
import { safeReturnPath, schoolsAlternates } from '$lib/paths';
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
	// The English school pages (/schools) are English whatever the cookie says: choosing Dutch there
	// goes to the same page at its Dutch address. Elsewhere, and from /scholen, the cookie is enough.
	redirect(303, locale === 'nl' ? (schoolsAlternates(path)?.nl ?? path) : path);
};
