import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { clearSessionCookie } from '$lib/server/auth/session-cookie';
import { deleteAccount, finishErasure } from '$lib/server/dossier/data-rights.service';
import { listMyChildren } from '$lib/server/dossier/child.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	children: (await orHttpError(() => listMyChildren(database(), locals.actor))).map((c) => ({ id: c.id, name: c.name }))
});

const schema = v.object({
	password: v.pipe(v.optional(v.string(), ''), v.nonEmpty('auth_error_password_required'), v.maxLength(1024, 'auth_error_current_password_wrong')),
	confirm: v.pipe(v.optional(v.string(), ''), v.check((s) => s === 'yes', 'account_error_delete_confirm'))
});

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await parseForm(request, schema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () => orHttpError(() => database().transaction().execute((trx) => deleteAccount(trx, locals.actor, form.data.password))));
		if (!result.ok) return result.failure;
		await finishErasure(database(), result.value);
		clearSessionCookie(cookies);
		redirect(303, `${paths.logout}?account-verwijderd=1`);
	}
};
