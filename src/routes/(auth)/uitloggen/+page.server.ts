import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { deleteSession } from '$lib/server/auth/session.service';
import { clearSessionCookie } from '$lib/server/auth/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ signedIn: Boolean(locals.actor || locals.pendingUserId) });

export const actions: Actions = {
	// Log-out ends the session on the server, not only the cookie (SECURITY.md).
	default: async ({ locals, cookies }) => {
		if (locals.sessionId) await deleteSession(database(), locals.sessionId);
		clearSessionCookie(cookies);
		redirect(303, `${paths.logout}?klaar=1`);
	}
};
