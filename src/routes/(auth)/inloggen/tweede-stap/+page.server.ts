import { localHref } from '$lib/i18n/local-href';
import { redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { codeSchema } from '$lib/auth/forms';
import { paths, safeReturnPath } from '$lib/paths';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { verifySecondFactor } from '$lib/server/auth/two-factor.service';
import { createSession, deleteSession } from '$lib/server/auth/session.service';
import { deviceCookieName, setDeviceCookie, setSessionCookie } from '$lib/server/auth/session-cookie';
import { DEVICE_DAYS, findKnownDevice, rememberDevice } from '$lib/server/auth/login-device.service';
import { RateLimitedError } from '$lib/server/errors';
import { failWith, parseForm } from '$lib/server/http/form';
import { rateLimitedMessage } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	returnTo: safeReturnPath(url.searchParams.get('terug'), paths.account)
});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const userId = locals.pendingUserId;
		if (!userId || !locals.sessionId) redirect(303, localHref(paths.login));
		const form = await parseForm(request, codeSchema);
		if (!form.ok) return form.failure;
		const db = database();
		let ok: boolean;
		try {
			ok = await verifySecondFactor(db, userId, form.data.code);
		} catch (error) {
			if (error instanceof RateLimitedError) {
				return failWith(429, form.values, 'code', rateLimitedMessage(error));
			}
			throw error;
		}
		if (!ok) return failWith(400, form.values, 'code', m.auth_error_code_wrong());
		// Step-up: the pending session ends and a new token is issued for the full session.
		await deleteSession(db, locals.sessionId);
		const { token } = await createSession(db, userId, { pendingSecondFactor: false, policy: config().session });
		setSessionCookie(cookies, token);
		if ((await findKnownDevice(db, cookies.get(deviceCookieName())))?.userId !== userId) setDeviceCookie(cookies, await rememberDevice(db, userId), DEVICE_DAYS);
		redirect(303, safeReturnPath(form.values.terug ?? url.searchParams.get('terug'), paths.account));
	}
};
