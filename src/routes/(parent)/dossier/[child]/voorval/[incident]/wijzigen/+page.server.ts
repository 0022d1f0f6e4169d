import { redirect } from '@sveltejs/kit';
import { incidentDetailSchema } from '$lib/dossier/dossier';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { getIncident, updateIncident } from '$lib/server/dossier/incident.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const [child, i] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), getIncident(db, locals.actor, params.child, params.incident)]));
	const [year, month, day] = i.occurredOn.split('-');
	return {
		child: { id: child.id, name: child.name },
		incidentId: i.id,
		current: {
			'occurredOn-day': String(Number(day)),
			'occurredOn-month': String(Number(month)),
			'occurredOn-year': year ?? '',
			occurredTime: i.occurredTime ?? '',
			approximate: i.approximate ? 'on' : '',
			place: i.place ?? '',
			placeDetail: i.placeDetail ?? '',
			onlinePlatform: i.onlinePlatform ?? '',
			forms: i.forms.join(','),
			perpetrators: i.perpetrators ?? '',
			witnesses: i.witnesses ?? '',
			whatHappened: i.whatHappened ?? '',
			childResponse: i.childResponse ?? '',
			adultsKnew: i.adultsKnew ?? '',
			impactEmotional: i.impactEmotional ?? '',
			impactPhysical: i.impactPhysical ?? '',
			absenceDays: i.absenceDays === null ? '' : String(i.absenceDays),
			physicalViolence: i.physicalViolence ? 'yes' : 'no'
		} as Record<string, string>
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		await orHttpError(() => getIncident(database(), locals.actor, params.child, params.incident));
		const form = await parseForm(request, incidentDetailSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => updateIncident(trx, locals.actor, params.child, params.incident, form.data)))
		);
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierIncident(params.child, params.incident)}?opgeslagen=1`);
	}
};
