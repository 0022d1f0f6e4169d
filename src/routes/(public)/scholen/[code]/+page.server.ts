import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { findSchoolByCode } from '$lib/server/schools/school-registry.service';
import { findPublicProfile } from '$lib/server/schools/school-profile.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const db = database();
	const school = await findSchoolByCode(db, params.code);
	if (!school) error(404, m.error_not_found_text());
	const profile = await findPublicProfile(db, school.vestigingscode);
	return { school, profile: profile!, canonical: `${url.origin}/scholen/${school.vestigingscode}` };
};
