import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	school: await orHttpError(() => getMySchool(database(), locals.actor, params.code))
});
