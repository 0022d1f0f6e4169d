import { redirect } from '@sveltejs/kit';
import { childSchema } from '$lib/dossier/dossier';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild, updateChild } from '$lib/server/dossier/child.service';
import { findSchoolForChild } from '$lib/server/dossier/school-choice';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const child = await orHttpError(() => getChild(database(), locals.actor, params.child));
	return {
		child: { id: child.id, name: child.name },
		current: {
			name: child.name,
			birthYear: String(child.birthYear),
			yearGroup: child.yearGroup ?? '',
			schoolCode: child.school?.code ?? (child.schoolName ? 'none' : ''),
			schoolName: child.schoolName ?? ''
		},
		schools: child.school ? [{ vestigingscode: child.school.code, name: child.school.name, place: child.school.place }] : []
	};
};

export const actions: Actions = {
	findSchool: async ({ request, locals, params }) => {
		// Another family's child answers 404 here too, before anything is read from the form.
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		return findSchoolForChild(request);
	},
	save: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, childSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => updateChild(trx, locals.actor, params.child, form.data)))
		);
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierChild(params.child)}?opgeslagen=1`);
	}
};
