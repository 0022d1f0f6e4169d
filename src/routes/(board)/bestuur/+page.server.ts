import { database } from '$lib/server/db';
import { listMyBoards } from '$lib/server/schools/membership.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	boards: await orHttpError(() => listMyBoards(database(), locals.actor))
});
