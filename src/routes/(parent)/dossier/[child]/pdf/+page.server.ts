/**
 * The form for the dossier PDF: a period and the parts to put in. It posts to ./bestand (a +server.ts endpoint,
 * because a form action cannot answer with a file). When that endpoint finds a mistake it sends the browser back
 * here with what was sent and `controleer=1`; the same schema then finds the same mistakes to show, so no message
 * travels in the address bar.
 */
import * as v from 'valibot';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { dossierPdfSchema, PDF_ITEMS } from '$lib/server/dossier/dossier-pdf.service';
import { fieldErrors } from '$lib/forms/text';
import { translateErrors } from '$lib/i18n/translate';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const child = await orHttpError(() => getChild(database(), locals.actor, params.child));
	const query = url.searchParams;
	const returned = query.has('controleer');
	// Only shown back as field values (escaped by Svelte); cut short so a long address cannot bloat the page.
	const values = {
		van: (query.get('van') ?? '').slice(0, 40),
		tot: (query.get('tot') ?? '').slice(0, 40),
		onderdelen: returned ? query.getAll('onderdelen').map((s) => s.slice(0, 40)) : [...PDF_ITEMS]
	};
	let errors: Record<string, string> = {};
	if (returned) {
		const result = v.safeParse(dossierPdfSchema, values);
		if (!result.success) errors = translateErrors(fieldErrors(result.issues));
	}
	return { child: { id: child.id, name: child.name }, items: PDF_ITEMS, values, errors };
};
