import { database } from '$lib/server/db';
import { SCHOOL_QUERY_MAX, searchSchools } from '$lib/server/schools/school-registry.service';
import type { PageServerLoad } from './$types';

const LIMIT = 50;

export const load: PageServerLoad = async ({ url }) => {
	const raw = url.searchParams.get('q') ?? '';
	const query = (raw.isWellFormed() ? raw : raw.toWellFormed()).replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, SCHOOL_QUERY_MAX);
	// One more than shown tells whether to say "there are more".
	const found = query ? await searchSchools(database(), query, LIMIT + 1) : [];
	return { query, schools: found.slice(0, LIMIT), more: found.length > LIMIT };
};
