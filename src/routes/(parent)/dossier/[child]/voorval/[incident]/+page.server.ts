import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { deleteFile } from '$lib/server/files/file-store';
import { getChild } from '$lib/server/dossier/child.service';
import { deleteIncident, getIncident } from '$lib/server/dossier/incident.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const [child, incident] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), getIncident(db, locals.actor, params.child, params.incident)]));
	return { child: { id: child.id, name: child.name }, incident, saved: url.searchParams.has('opgeslagen') };
};

/** Deleting needs a ticked box: a mis-tap on a phone must not throw evidence away. */
const confirmSchema = v.object({ confirm: v.pipe(v.optional(v.string(), ''), v.check((s) => s === 'yes', 'dossier_error_confirm_delete')) });

export const actions: Actions = {
	delete: async ({ request, locals, params }) => {
		await orHttpError(() => getIncident(database(), locals.actor, params.child, params.incident));
		const form = await parseForm(request, confirmSchema);
		if (!form.ok) return form.failure;
		const keys = await orHttpError(() => database().transaction().execute((trx) => deleteIncident(trx, locals.actor, params.child, params.incident)));
		await Promise.all(keys.map((key) => deleteFile(key)));
		redirect(303, `${paths.dossierChild(params.child)}?verwijderd=1`);
	}
};
