import { database } from '$lib/server/db';
import { listBoardDuties } from '$lib/server/schools/school-profile.service';
import { orHttpError } from '$lib/server/http/respond';
import { DUTIES } from '$lib/schools/legal-duties';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	boards: await orHttpError(() => listBoardDuties(database(), locals.actor)),
	duties: DUTIES
});
