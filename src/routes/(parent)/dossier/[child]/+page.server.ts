import { excerpt, readTimelineFilter, readTimelinePage, TIMELINE_PAGE_SIZE } from '$lib/dossier/dossier';
import { database } from '$lib/server/db';
import { getDossierOverview } from '$lib/server/dossier/dossier-overview.service';
import { orHttpError } from '$lib/server/http/respond';
import { schoolHandlingOfChild } from '$lib/server/cases/case-for-reporter';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const filter = readTimelineFilter(url.searchParams);
	// A page of the timeline, not all of it: a dossier of 200 incidents rendered whole was the slowest signed-in page.
	const paging = { page: readTimelinePage(url.searchParams), size: TIMELINE_PAGE_SIZE };
	const [{ child, timeline, contacts }, reports] = await orHttpError(() =>
		Promise.all([getDossierOverview(db, locals.actor, params.child, filter, paging), schoolHandlingOfChild(db, locals.actor, params.child)])
	);
	return {
		child,
		// SvelteKit serialises all of a page's data (even without client JavaScript): only what the timeline shows.
		timeline: {
			...timeline,
			incidents: timeline.incidents.map((i) => ({
				id: i.id,
				occurredOn: i.occurredOn,
				occurredTime: i.occurredTime,
				approximate: i.approximate,
				forms: i.forms,
				excerpt: excerpt(i.whatHappened),
				physicalViolence: i.physicalViolence,
				attachmentCount: i.attachmentCount
			}))
		},
		contacts,
		reports,
		// The agreements the school made with the parent, beside the parent's own contacts (issue 11 item 7).
		schoolAgreements: reports.flatMap((r) => (r.handling?.agreements ?? []).map((a) => ({ ...a, reportId: r.id, schoolName: r.schoolName }))),
		filter,
		notice: url.searchParams.has('toegevoegd') ? 'added' : url.searchParams.has('opgeslagen') ? 'saved' : url.searchParams.has('voorval') ? 'incident' : url.searchParams.has('verwijderd') ? 'deleted' : null
	};
};
