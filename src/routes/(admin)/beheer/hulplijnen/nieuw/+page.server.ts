import { todayInNetherlands } from '$lib/i18n/locale';
import { redirect } from '@sveltejs/kit';
import { helpResourceSchema } from '$lib/help/help-directory';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { createHelp } from '$lib/server/help/help-directory.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { requireRole } from '$lib/server/auth/actor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	await orHttpError(async () => requireRole(locals.actor, ['platform_admin']));
	return { today: todayInNetherlands() };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await parseForm(request, helpResourceSchema);
		if (!form.ok) return form.failure;
		const id = await orHttpError(() => database().transaction().execute((trx) => createHelp(trx, locals.actor, form.data)));
		redirect(303, `${paths.adminHelpEdit(id)}?toegevoegd=1`);
	}
};
