import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/auth/forms';
import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { changePassword } from '$lib/server/auth/account.service';
import { createSession } from '$lib/server/auth/session.service';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { failWith, parseForm } from '$lib/server/http/form';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const actor = locals.actor;
		if (!actor) error(401);
		const form = await parseForm(request, changePasswordSchema);
		if (!form.ok) return form.failure;
		const db = database();
		const changed = await db.transaction().execute(async (trx) => {
			if (!(await changePassword(trx, actor.userId, form.data.currentPassword, form.data.password))) return false;
			// Every session ended with the change; this browser gets a fresh one.
			const { token } = await createSession(trx, actor.userId, { pendingSecondFactor: false, policy: config().session });
			setSessionCookie(cookies, token);
			return true;
		});
		if (!changed) return failWith(400, form.values, 'currentPassword', m.auth_error_current_password_wrong());
		return { changed: true };
	}
};
