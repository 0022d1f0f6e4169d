import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { findSchoolByCode } from '$lib/server/schools/school-registry.service';
import { json, problem } from '$lib/server/api/problem';
import { toApiSchool } from '$lib/server/api/school-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const school = await findSchoolByCode(database(), params.code);
	if (!school) return problem(404, 'School not found', `No school has the code ${params.code.slice(0, 20).replace(/[^0-9A-Za-z]/g, '')}.`);
	return json(toApiSchool(school, config().origin));
};
