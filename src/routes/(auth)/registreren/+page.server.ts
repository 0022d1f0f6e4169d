import { localHref } from '$lib/i18n/local-href';
import { redirect } from '@sveltejs/kit';
import { registerSchema } from '$lib/auth/forms';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { registerParent } from '$lib/server/auth/account.service';
import { parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor) redirect(303, paths.account);
	return {};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await parseForm(request, registerSchema);
		if (!form.ok) return form.failure;
		const { email, password, displayName, locale } = form.data;
		await database()
			.transaction()
			.execute((trx) => registerParent(trx, { email, password, displayName, locale }));
		// The same answer whether or not the address already had an account (no enumeration).
		redirect(303, localHref(paths.registerDone));
	}
};
