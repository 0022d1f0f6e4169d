import { database } from '$lib/server/db';
import { listMyChildren } from '$lib/server/dossier/child.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	children: await orHttpError(() => listMyChildren(database(), locals.actor))
});
