import { database } from '$lib/server/db';
import { SCHOOL_QUERY_MAX, searchSchools } from '$lib/server/schools/school-registry.service';
import { cleanQuery } from '$lib/forms/text';
import type { PageServerLoad } from './$types';

const LIMIT = 50;

export const load: PageServerLoad = async ({ url }) => {
	const query = cleanQuery(url.searchParams.get('q'), SCHOOL_QUERY_MAX);
	// One more than shown tells whether to say "there are more".
	const found = query ? await searchSchools(database(), query, LIMIT + 1) : [];
	return { query, schools: found.slice(0, LIMIT), more: found.length > LIMIT };
};
