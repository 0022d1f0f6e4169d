import { database } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/actor';
import { SCHOOL_QUERY_MAX, searchSchools } from '$lib/server/schools/school-registry.service';
import { cleanQuery } from '$lib/forms/text';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

const LIMIT = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	await orHttpError(async () => requireRole(locals.actor, ['platform_admin']));
	const query = cleanQuery(url.searchParams.get('q'), SCHOOL_QUERY_MAX);
	const found = query ? await searchSchools(database(), query, LIMIT + 1) : [];
	return { query, schools: found.slice(0, LIMIT), more: found.length > LIMIT };
};
