import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { agreementSchema, agreementStatusSchema } from '$lib/dossier/contacts';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { addAgreement, deleteContact, getContact, setAgreementStatus } from '$lib/server/dossier/contact.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const [child, contact] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), getContact(db, locals.actor, params.child, params.contact)]));
	return { child: { id: child.id, name: child.name }, contact, saved: url.searchParams.has('opgeslagen') };
};

const confirmSchema = v.object({ confirm: v.pipe(v.optional(v.string(), ''), v.check((s) => s === 'yes', 'dossier_error_confirm_delete_contact')) });

export const actions: Actions = {
	status: async ({ request, locals, params }) => {
		await orHttpError(() => getContact(database(), locals.actor, params.child, params.contact));
		const form = await parseForm(request, agreementStatusSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => setAgreementStatus(trx, locals.actor, params.child, params.contact, form.data.id, form.data.status)));
		return { statusSaved: true };
	},
	agreement: async ({ request, locals, params }) => {
		await orHttpError(() => getContact(database(), locals.actor, params.child, params.contact));
		const form = await parseForm(request, agreementSchema);
		if (!form.ok) return form.failure;
		const { description, followUpOn } = form.data as { description: string; followUpOn: string | null };
		await orHttpError(() => database().transaction().execute((trx) => addAgreement(trx, locals.actor, params.child, params.contact, { description, followUpOn })));
		return { agreementAdded: true };
	},
	delete: async ({ request, locals, params }) => {
		await orHttpError(() => getContact(database(), locals.actor, params.child, params.contact));
		const form = await parseForm(request, confirmSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => deleteContact(trx, locals.actor, params.child, params.contact)));
		redirect(303, `${paths.dossierChild(params.child)}?verwijderd=1`);
	}
};
