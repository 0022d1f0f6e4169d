import { readTimelineFilter } from '$lib/dossier/dossier';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { getTimeline } from '$lib/server/dossier/incident.service';
import { listContacts } from '$lib/server/dossier/contact.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const filter = readTimelineFilter(url.searchParams);
	const [child, timeline, contacts] = await orHttpError(() =>
		Promise.all([getChild(db, locals.actor, params.child), getTimeline(db, locals.actor, params.child, filter), listContacts(db, locals.actor, params.child)])
	);
	return {
		child,
		timeline,
		contacts,
		filter,
		notice: url.searchParams.has('toegevoegd') ? 'added' : url.searchParams.has('opgeslagen') ? 'saved' : url.searchParams.has('voorval') ? 'incident' : url.searchParams.has('verwijderd') ? 'deleted' : null
	};
};
