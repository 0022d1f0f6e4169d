import { database } from '$lib/server/db';
import { getSchoolDuties } from '$lib/server/schools/school-profile.service';
import { orHttpError } from '$lib/server/http/respond';
import { legalSource, schoolYearOf } from '$lib/schools/legal-duties';
import { todayInNetherlands } from '$lib/i18n/locale';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { school, duties, mayEdit } = await orHttpError(() => getSchoolDuties(database(), locals.actor, params.code));
	return {
		school: { name: school.name, vestigingscode: school.vestigingscode },
		duties: duties.map((d) => ({ ...d, source: legalSource(d.duty, school.sector) })),
		schoolYear: schoolYearOf(todayInNetherlands()).label,
		mayEdit
	};
};
