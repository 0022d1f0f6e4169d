import { redirect } from '@sveltejs/kit';
import { contactSchema } from '$lib/dossier/contacts';
import { todayInNetherlands } from '$lib/i18n/locale';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { recordContact } from '$lib/server/dossier/contact.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const child = await orHttpError(() => getChild(database(), locals.actor, params.child));
	const [year, month, day] = todayInNetherlands().split('-');
	return {
		child: { id: child.id, name: child.name },
		current: { 'contactedOn-day': String(Number(day)), 'contactedOn-month': String(Number(month)), 'contactedOn-year': year ?? '' } as Record<string, string>
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, contactSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => recordContact(trx, locals.actor, params.child, form.data)))
		);
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierContact(params.child, result.value)}?opgeslagen=1`);
	}
};
