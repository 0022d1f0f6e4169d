import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { findSchoolByCode } from '$lib/server/schools/school-registry.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const school = await findSchoolByCode(database(), params.code);
	if (!school) error(404, m.error_not_found_text());
	return { school, canonical: `${url.origin}/scholen/${school.vestigingscode}` };
};
