/** The school's audit log for its coordinator: who did what and when with reports and cases, never the content. */
import { database } from '$lib/server/db';
import { orHttpError } from '$lib/server/http/respond';
import { checkAuditChain, getSchoolLog } from '$lib/server/audit/school-log.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const page = Number(url.searchParams.get('pagina') ?? '1');
	return orHttpError(() => getSchoolLog(database(), locals.actor, params.code, Number.isFinite(page) ? page : 1));
};

export const actions: Actions = {
	verify: async ({ locals, params }) => ({ chain: await orHttpError(() => checkAuditChain(database(), locals.actor, params.code)) })
};
