import * as v from 'valibot';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { getStepPlan, setStepSkipped } from '$lib/server/dossier/step-plan.service';
import { schoolHandlingOfChild } from '$lib/server/cases/case-for-reporter';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const [child, plan] = await orHttpError(async () => {
		// What the school did with reports from this dossier counts in the plan (issue 11 item 7).
		const reports = await schoolHandlingOfChild(db, locals.actor, params.child);
		const cases = reports.flatMap((r) => (r.handling ? [r.handling] : []));
		return Promise.all([getChild(db, locals.actor, params.child), getStepPlan(db, locals.actor, params.child, locals.locale, { count: reports.length, cases })]);
	});
	return { child: { id: child.id, name: child.name }, plan };
};

const stepSchema = v.object({ step: v.pipe(v.string(), v.maxLength(40)) });

export const actions: Actions = {
	skip: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, stepSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => setStepSkipped(trx, locals.actor, params.child, form.data.step, true)));
		return { changed: true };
	},
	unskip: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		const form = await parseForm(request, stepSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => setStepSkipped(trx, locals.actor, params.child, form.data.step, false)));
		return { changed: true };
	}
};
