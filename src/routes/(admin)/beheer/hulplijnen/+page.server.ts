import { database } from '$lib/server/db';
import { listAllHelp } from '$lib/server/help/help-directory.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	resources: (await orHttpError(() => listAllHelp(database(), locals.actor))).map((r) => ({ id: r.id, name: r.name, lastChecked: r.last_checked, retired: r.retired_at !== null }))
});
