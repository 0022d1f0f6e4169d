import { localHref } from '$lib/i18n/local-href';
import { redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { loginSchema } from '$lib/auth/forms';
import { paths, safeReturnPath } from '$lib/paths';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { logInWithPassword } from '$lib/server/auth/account.service';
import { createSession, deleteSession } from '$lib/server/auth/session.service';
import { deviceCookieName, setDeviceCookie, setSessionCookie } from '$lib/server/auth/session-cookie';
import { DEVICE_DAYS, rememberDevice } from '$lib/server/auth/login-device.service';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { isLocale } from '$lib/i18n/locale';
import { RateLimitedError } from '$lib/server/errors';
import { failWith, parseForm } from '$lib/server/http/form';
import { rateLimitedMessage } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor) redirect(303, paths.account);
	return {
		returnTo: safeReturnPath(url.searchParams.get('terug'), paths.account),
		passwordReset: url.searchParams.has('hersteld')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, getClientAddress, url }) => {
		const form = await parseForm(request, loginSchema);
		if (!form.ok) return form.failure;
		const returnTo = safeReturnPath(form.values.terug ?? url.searchParams.get('terug'), paths.account);
		const db = database();
		let result;
		try {
			result = await logInWithPassword(db, { ...form.data, ip: getClientAddress(), deviceToken: cookies.get(deviceCookieName()) });
		} catch (error) {
			if (error instanceof RateLimitedError) {
				return failWith(429, form.values, 'email', rateLimitedMessage(error));
			}
			throw error;
		}
		if (result.kind === 'invalid') return failWith(400, form.values, 'email', m.auth_error_login_failed());
		if (result.kind === 'unverified') return failWith(400, form.values, 'email', m.auth_error_unverified());

		// A new session (and token) at every log-in: a session id planted before log-in is worthless (fixation).
		if (locals.sessionId) await deleteSession(db, locals.sessionId);
		const { token } = await createSession(db, result.user.id, { pendingSecondFactor: result.needsSecondFactor, policy: config().session });
		setSessionCookie(cookies, token);
		// Only a complete log-in makes this browser a known device; staff get theirs after the second factor.
		if (!result.needsSecondFactor && !result.knownDevice) setDeviceCookie(cookies, await rememberDevice(db, result.user.id), DEVICE_DAYS);
		// The account's language follows the parent to a new device.
		if (isLocale(result.user.locale)) setLocaleCookie(cookies, result.user.locale);
		redirect(303, result.needsSecondFactor ? `${localHref(paths.loginSecondFactor)}?terug=${encodeURIComponent(returnTo)}` : returnTo);
	}
};
