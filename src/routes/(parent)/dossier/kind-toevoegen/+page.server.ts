import { redirect } from '@sveltejs/kit';
import { childSchema } from '$lib/dossier/dossier';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { addChild } from '$lib/server/dossier/child.service';
import { findSchoolForChild } from '$lib/server/dossier/school-choice';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions } from './$types';

export const actions: Actions = {
	findSchool: async ({ request }) => findSchoolForChild(request),
	add: async ({ request, locals }) => {
		const form = await parseForm(request, childSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () => orHttpError(() => database().transaction().execute((trx) => addChild(trx, locals.actor, form.data))));
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierChild(result.value)}?toegevoegd=1`);
	}
};
