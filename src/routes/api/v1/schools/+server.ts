import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { SCHOOL_QUERY_MAX, searchSchools } from '$lib/server/schools/school-registry.service';
import { json, problem } from '$lib/server/api/problem';
import { toApiSchool } from '$lib/server/api/school-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const q = (url.searchParams.get('q') ?? '').trim();
	if (q.length < 2 || q.length > SCHOOL_QUERY_MAX || !q.isWellFormed()) {
		return problem(400, 'Invalid query', `Give q with 2 to ${SCHOOL_QUERY_MAX} characters: a name, place, postcode or code.`);
	}
	const schools = await searchSchools(database(), q, 50);
	return json({ items: schools.map((s) => toApiSchool(s, config().origin)) });
};
