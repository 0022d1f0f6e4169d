import * as v from 'valibot';
import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { acknowledgeReport, decideSuggestion, getReportForStaff, replyFromInbox } from '$lib/server/reports/inbox.service';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { textField } from '$lib/forms/text';
import { MAX_MESSAGE_LENGTH } from '$lib/reports/report-form';
import type { Actions, PageServerLoad } from './$types';

/** ?klaar=… names what just happened, so a reload after a redirect shows the banner without posting again. */
const DONE = ['bevestigd', 'verstuurd', 'gekoppeld', 'afgewezen'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const report = await orHttpError(() => getReportForStaff(database(), locals.actor, params.code, params.report));
	const done = url.searchParams.get('klaar');
	return { report, done: (DONE as readonly string[]).includes(done ?? '') ? (done as (typeof DONE)[number]) : null };
};

const replySchema = v.object({
	body: textField({ max: MAX_MESSAGE_LENGTH, multiline: true, required: 'inbox_error_reply_required', invalid: 'report_error_invalid_text', tooLong: 'report_error_too_long' })
});
const otherSchema = v.object({ other: v.pipe(v.string(), v.uuid('form_error_invalid')) });

const back = (code: string, report: string, done: (typeof DONE)[number], anchor = '') => redirect(303, `${paths.schoolReport(code, report)}?klaar=${done}${anchor}`);

export const actions: Actions = {
	acknowledge: async ({ locals, params }) => {
		await orHttpError(() => acknowledgeReport(database(), locals.actor, params.code, params.report));
		back(params.code, params.report, 'bevestigd');
	},
	reply: async ({ request, locals, params }) => {
		const form = await parseForm(request, replySchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => replyFromInbox(database(), locals.actor, params.code, params.report, form.data.body));
		back(params.code, params.report, 'verstuurd', '#berichten');
	},
	link: async ({ request, locals, params }) => {
		const form = await parseForm(request, otherSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => decideSuggestion(database(), locals.actor, params.code, params.report, form.data.other, 'confirmed'));
		back(params.code, params.report, 'gekoppeld', '#koppelingen');
	},
	dismiss: async ({ request, locals, params }) => {
		const form = await parseForm(request, otherSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => decideSuggestion(database(), locals.actor, params.code, params.report, form.data.other, 'dismissed'));
		back(params.code, params.report, 'afgewezen', '#koppelingen');
	}
};
