/** The quick entry: date, forms, a few words and physical violence — under a minute on a phone. Details come later. */
import { redirect } from '@sveltejs/kit';
import { incidentQuickSchema } from '$lib/dossier/dossier';
import { todayInNetherlands } from '$lib/i18n/locale';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { recordIncident } from '$lib/server/dossier/incident.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const child = await orHttpError(() => getChild(database(), locals.actor, params.child));
	const [year, month, day] = todayInNetherlands().split('-');
	return {
		child: { id: child.id, name: child.name },
		// Most incidents are written down the same day: today is filled in, and easy to change.
		current: { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year ?? '', physicalViolence: 'no' } as Record<string, string>
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, incidentQuickSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => recordIncident(trx, locals.actor, params.child, form.data)))
		);
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierChild(params.child)}?voorval=1`);
	}
};
