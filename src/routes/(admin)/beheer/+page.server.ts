import { requireRole } from '$lib/server/auth/actor';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	await orHttpError(async () => requireRole(locals.actor, ['platform_admin']));
	return {};
};
