import { localHref } from '$lib/i18n/local-href';
import { redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { newPasswordSchema } from '$lib/auth/forms';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { isResetTokenUsable, resetPassword } from '$lib/server/auth/account.service';
import { failWith, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	const usable = token.length > 0 && token.length <= 200 && (await isResetTokenUsable(database(), token));
	return { token, usable };
};

export const actions: Actions = {
	default: async ({ request, url }) => {
		const form = await parseForm(request, newPasswordSchema);
		if (!form.ok) return form.failure;
		const token = form.values.token ?? url.searchParams.get('token') ?? '';
		const db = database();
		const done = await db.transaction().execute((trx) => resetPassword(trx, token, form.data.password));
		if (!done) return failWith(400, form.values, 'password', m.auth_error_link_invalid());
		redirect(303, `${localHref(paths.login)}?hersteld=1`);
	}
};
