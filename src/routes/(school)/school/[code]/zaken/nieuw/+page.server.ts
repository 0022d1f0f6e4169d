/**
 * Opening a case (issue 11, item 5): directly, or from reports of the inbox. The inbox links here with the report ids
 * in the address (?melding=<id>, repeated) or posts them as hidden fields named `melding`; the service refuses any
 * report that is not of this school (404) or already in a case.
 */
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { openCaseSchema, reportIdsSchema, FIELD_OF } from '$lib/cases/case-forms';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { requireCaseOpener } from '$lib/server/cases/case-list.service';
import { openCase } from '$lib/server/cases/case.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { caseRules } from '$lib/server/cases/case-form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	await orHttpError(() => requireCaseOpener(db, locals.actor, params.code));
	const school = await orHttpError(() => getMySchool(db, locals.actor, params.code));
	const parsed = v.safeParse(reportIdsSchema, url.searchParams.getAll('melding'));
	return { school: { name: school.name, vestigingscode: school.vestigingscode }, reportIds: parsed.success ? parsed.output : [], reportIdsInvalid: !parsed.success };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await parseForm(request, openCaseSchema);
		if (!form.ok) return form.failure;
		const { melding, place, timeOfDay, forms, motives } = form.data;
		const result = await caseRules('open', form.values, FIELD_OF.open!, () =>
			orHttpError(() => openCase(database(), locals.actor, params.code, { reportIds: melding, place, timeOfDay, forms, motives }))
		);
		if (!result.ok) return result.failure;
		redirect(303, `${paths.schoolCase(params.code, result.value.id)}?geopend=1`);
	}
};
