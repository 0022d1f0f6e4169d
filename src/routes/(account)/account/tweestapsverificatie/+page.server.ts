import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as m from '$lib/paraglide/messages';
import { codeSchema, passwordConfirmSchema } from '$lib/auth/forms';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { confirmPassword } from '$lib/server/auth/account.service';
import { mustSetUpSecondFactor } from '$lib/server/auth/actor';
import { createSession, deleteSession } from '$lib/server/auth/session.service';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import {
	beginTotpSetup,
	confirmTotpSetup,
	countUnusedRecoveryCodes,
	disableTotp,
	regenerateRecoveryCodes
} from '$lib/server/auth/two-factor.service';
import { requiresSecondFactor } from '$lib/auth/roles';
import { RateLimitedError } from '$lib/server/errors';
import { failWith, parseForm } from '$lib/server/http/form';
import { orHttpError, rateLimitedMessage } from '$lib/server/http/respond';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	if (!actor) error(401);
	const db = database();
	const canDisable = !actor.roles.some((r) => requiresSecondFactor(r.role));
	if (actor.secondFactorEnabled) {
		return { enabled: true as const, recoveryCodesLeft: await countUnusedRecoveryCodes(db, actor.userId), canDisable };
	}
	const setup = await orHttpError(() => beginTotpSetup(db, actor.userId));
	// The QR code is inline SVG made on the server: no script and no request to another host.
	const qrSvg = await QRCode.toString(setup.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return { enabled: false as const, secret: setup.secret.replace(/(.{4})/g, '$1 ').trim(), qrSvg, required: mustSetUpSecondFactor(actor), canDisable };
};

function requireActor(locals: App.Locals) {
	if (!locals.actor) error(401);
	return locals.actor;
}

async function checkPassword(event: RequestEvent) {
	const actor = requireActor(event.locals);
	const form = await parseForm(event.request, passwordConfirmSchema);
	if (!form.ok) return { failure: form.failure };
	if (!(await confirmPassword(database(), actor.userId, form.data.currentPassword))) {
		return { failure: failWith(400, form.values, 'currentPassword', m.auth_error_current_password_wrong()) };
	}
	return { actor };
}

export const actions: Actions = {
	confirm: async ({ request, locals, cookies }) => {
		const actor = requireActor(locals);
		const form = await parseForm(request, codeSchema);
		if (!form.ok) return form.failure;
		const db = database();
		let codes: string[] | undefined;
		try {
			codes = await confirmTotpSetup(db, actor.userId, form.data.code);
		} catch (e) {
			if (e instanceof RateLimitedError) {
				return failWith(429, form.values, 'code', rateLimitedMessage(e));
			}
			throw e;
		}
		if (!codes) return failWith(400, form.values, 'code', m.auth_error_code_wrong());
		// Step-up of the account: issue a new session token (SECURITY.md).
		if (locals.sessionId) await deleteSession(db, locals.sessionId);
		const { token } = await createSession(db, actor.userId, { pendingSecondFactor: false, policy: config().session });
		setSessionCookie(cookies, token);
		// The page's load runs again after this action: it must see the account as it is now.
		locals.actor = { ...actor, secondFactorEnabled: true };
		return { recoveryCodes: codes };
	},
	regenerate: async (event) => {
		const checked = await checkPassword(event);
		if ('failure' in checked) return checked.failure;
		return { recoveryCodes: await regenerateRecoveryCodes(database(), checked.actor.userId) };
	},
	disable: async (event) => {
		const checked = await checkPassword(event);
		if ('failure' in checked) return checked.failure;
		await disableTotp(database(), checked.actor.userId);
		event.locals.actor = { ...checked.actor, secondFactorEnabled: false };
		return { disabled: true };
	}
};
