import { helpResourceSchema } from '$lib/help/help-directory';
import { database } from '$lib/server/db';
import { getHelpForEdit, setHelpRetired, updateHelp } from '$lib/server/help/help-directory.service';
import { helpFormValues } from '$lib/server/help/help-form';
import { listAuditEventsFor } from '$lib/server/audit/audit.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const row = await orHttpError(() => getHelpForEdit(db, locals.actor, params.id));
	const history = await listAuditEventsFor(db, 'help_resource', row.id);
	return {
		id: row.id,
		name: row.name,
		retired: row.retired_at !== null,
		values: helpFormValues(row),
		created: url.searchParams.has('toegevoegd'),
		history: history.map((e) => ({
			seq: Number(e.seq),
			action: e.action,
			at: e.created_at,
			fields: Object.keys((JSON.parse(e.detail) as { changes?: Record<string, unknown> }).changes ?? {})
		}))
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const form = await parseForm(request, helpResourceSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => updateHelp(trx, locals.actor, params.id, form.data)));
		return { saved: true };
	},
	retire: async ({ locals, params }) => {
		await orHttpError(() => database().transaction().execute((trx) => setHelpRetired(trx, locals.actor, params.id, true)));
		return { saved: true };
	},
	restore: async ({ locals, params }) => {
		await orHttpError(() => database().transaction().execute((trx) => setHelpRetired(trx, locals.actor, params.id, false)));
		return { saved: true };
	}
};
