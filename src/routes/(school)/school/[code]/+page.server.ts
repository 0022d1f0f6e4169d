import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { countNewReports } from '$lib/server/reports/inbox.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const school = await orHttpError(() => getMySchool(db, locals.actor, params.code));
	// Only for the school's aanspreekpunt and coordinator; for everyone else undefined, and no link to the inbox.
	return { school, newReports: await countNewReports(db, locals.actor, school.id) };
};
