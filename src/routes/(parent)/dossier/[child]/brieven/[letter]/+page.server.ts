import { LETTER_LANGUAGE_PARAM, letterLanguage, letterSchema } from '$lib/dossier/letters';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { draftLetter, requireLetter } from '$lib/server/dossier/letter.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const language = letterLanguage(url.searchParams.get(LETTER_LANGUAGE_PARAM), locals.locale);
	const [child, draft] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), draftLetter(db, locals.actor, params.child, params.letter, language)]));
	return { child: { id: child.id, name: child.name }, draft };
};

export const actions: Actions = {
	/**
	 * Checks the edited letter and shows it ready to copy, with the download button: the download endpoint only ever
	 * receives text that passed here (it checks again). Nothing is stored.
	 */
	preview: async ({ request, locals, params }) => {
		await orHttpError(() => requireLetter(database(), locals.actor, params.child, params.letter));
		const form = await parseForm(request, letterSchema);
		if (!form.ok) return form.failure;
		return { preview: form.data, values: { subject: form.data.subject, body: form.data.body } };
	}
};
