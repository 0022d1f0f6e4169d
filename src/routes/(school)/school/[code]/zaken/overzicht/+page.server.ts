import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { getCaseOverview } from '$lib/server/cases/case-overview.service';
import { orHttpError } from '$lib/server/http/respond';
import { DEFAULT_HOTSPOT_THRESHOLD } from '$lib/cases/hotspots';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	// The overview first: the coordinator only; everyone else gets the same 404 as for a school they do not belong to.
	const overview = await orHttpError(() => getCaseOverview(db, locals.actor, params.code));
	const school = await orHttpError(() => getMySchool(db, locals.actor, params.code));
	return { overview, threshold: DEFAULT_HOTSPOT_THRESHOLD, school: { name: school.name, vestigingscode: school.vestigingscode } };
};
