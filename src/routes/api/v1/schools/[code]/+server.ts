import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { findSchoolByCode } from '$lib/server/schools/school-registry.service';
import { json, problem } from '$lib/server/api/problem';
import { toApiSchoolDetail } from '$lib/server/api/school-api';
import { findPublicProfile } from '$lib/server/schools/school-profile.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const school = await findSchoolByCode(database(), params.code);
	if (!school) return problem(404, 'School not found', `No school has the code ${params.code.slice(0, 20).replace(/[^0-9A-Za-z]/g, '')}.`);
	const profile = await findPublicProfile(database(), school.vestigingscode);
	return json(toApiSchoolDetail(school, profile!, config().origin));
};
