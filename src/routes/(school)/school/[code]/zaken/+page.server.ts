import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { listCases } from '$lib/server/cases/case-list.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const raw = Number(url.searchParams.get('pagina') ?? '1');
	const page = Number.isInteger(raw) && raw > 0 && raw < 100_000 ? raw : 1;
	// The list first: it answers NotFound for anyone without need to know, before anything of the school is read.
	const list = await orHttpError(() => listCases(db, locals.actor, params.code, { page }));
	const school = await orHttpError(() => getMySchool(db, locals.actor, params.code));
	return { list, school: { name: school.name, vestigingscode: school.vestigingscode, roles: school.roles } };
};
