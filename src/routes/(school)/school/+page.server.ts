import { database } from '$lib/server/db';
import { listMySchools } from '$lib/server/schools/membership.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	schools: await orHttpError(() => listMySchools(database(), locals.actor))
});
