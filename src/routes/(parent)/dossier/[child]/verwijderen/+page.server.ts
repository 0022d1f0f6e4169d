import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { deleteChildDossier, finishErasure } from '$lib/server/dossier/data-rights.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const child = await orHttpError(() => getChild(db, locals.actor, params.child));
	const guardians = await db.selectFrom('child_guardian').select('user_id').where('child_id', '=', child.id).execute();
	return { child: { id: child.id, name: child.name, incidentCount: child.incidentCount }, shared: guardians.length > 1 };
};

const schema = v.object({ confirmName: v.pipe(v.optional(v.string(), ''), v.trim(), v.nonEmpty('dossier_error_confirm_name'), v.maxLength(100, 'dossier_error_confirm_name')) });

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, schema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => deleteChildDossier(trx, locals.actor, params.child, form.data.confirmName)))
		);
		if (!result.ok) return result.failure;
		await finishErasure(database(), result.value.fileKeys);
		redirect(303, `${paths.dossier}?${result.value.deleted ? 'verwijderd' : 'verlaten'}=1`);
	}
};
