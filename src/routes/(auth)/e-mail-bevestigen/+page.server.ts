import * as v from 'valibot';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { verifyEmail } from '$lib/server/auth/account.service';
import { failWith, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

const tokenSchema = v.object({ token: v.pipe(v.string(), v.nonEmpty('auth_error_link_invalid'), v.maxLength(200, 'auth_error_link_invalid')) });

// Opening the link only shows a button: mail scanners that fetch links must not confirm an address (no state change on GET).
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await parseForm(request, tokenSchema);
		if (!form.ok) return form.failure;
		const ok = await verifyEmail(database(), form.data.token);
		if (!ok) return failWith(400, form.values, 'token', m.auth_error_link_invalid());
		return { verified: true };
	}
};
