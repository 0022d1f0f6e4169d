import { database } from '$lib/server/db';
import { getProfileForEdit } from '$lib/server/schools/school-profile.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { school, profile, contacts, documents, history } = await orHttpError(() => getProfileForEdit(database(), locals.actor, params.code));
	return {
		school: { name: school.name, vestigingscode: school.vestigingscode },
		profile: profile ?? null,
		contacts,
		documents,
		history,
		saved: url.searchParams.get('opgeslagen')
	};
};
