/**
 * One report sent from the dossier: the messages with the school, an answer form, and the list of what was shared,
 * each item with its own "withdraw" (issue 11 item 7). Every guardian of the child sees it; nobody else.
 */
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { reportMessageSchema } from '$lib/reports/report-form';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { addParentMessage, getDossierReport, withdrawSharedItem } from '$lib/server/reports/dossier-report.service';
import { casesForReporter } from '$lib/server/cases/case-for-reporter';
import type { Actions, PageServerLoad } from './$types';

const withdrawSchema = v.object({ item: v.pipe(v.string(), v.maxLength(80)) });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const [child, report] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), getDossierReport(db, locals.actor, params.child, params.report)]));
	// The report service has admitted the guardian; what the school does with it comes from its case.
	const handling = (await casesForReporter(db, [report.id])).get(report.id);
	const notice = url.searchParams.has('verstuurd') ? 'sent' : url.searchParams.has('bericht') ? 'message' : url.searchParams.has('ingetrokken') ? 'withdrawn' : null;
	return { child: { id: child.id, name: child.name }, report, handling, notice };
};

export const actions: Actions = {
	message: async ({ request, locals, params }) => {
		const form = await parseForm(request, reportMessageSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => addParentMessage(database(), locals.actor, params.child, params.report, form.data.body));
		redirect(303, `${paths.dossierReport(params.child, params.report)}?bericht`);
	},
	withdraw: async ({ request, locals, params }) => {
		const form = await parseForm(request, withdrawSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => withdrawSharedItem(database(), locals.actor, params.child, params.report, form.data.item));
		redirect(303, `${paths.dossierReport(params.child, params.report)}?ingetrokken`);
	}
};
