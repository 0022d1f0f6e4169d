import * as v from 'valibot';
import { database } from '$lib/server/db';
import { listInbox, setAcknowledgementTarget } from '$lib/server/reports/inbox.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

/** ?filter=nieuw for new reports only; ?pagina=N from 1 (anything else: the first page). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const filter = url.searchParams.get('filter') === 'nieuw' ? 'new' : 'all';
	const raw = Number(url.searchParams.get('pagina') ?? '1');
	const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
	const inbox = await orHttpError(() => listInbox(database(), locals.actor, params.code, { filter, page }));
	return { inbox };
};

const targetSchema = v.object({
	schoolDays: v.pipe(v.string(), v.trim(), v.regex(/^\d{1,2}$/, 'inbox_error_target'), v.transform(Number), v.maxValue(20, 'inbox_error_target')),
	noSchoolDays: v.pipe(
		v.optional(v.string(), ''),
		v.maxLength(8_000, 'inbox_error_no_school_days'),
		v.transform((s) => s.split(/[\s,;]+/).filter(Boolean)),
		v.check((days) => days.length <= 400 && days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), 'inbox_error_no_school_days')
	)
});

export const actions: Actions = {
	target: async ({ request, locals, params }) => {
		const form = await parseForm(request, targetSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () => orHttpError(() => setAcknowledgementTarget(database(), locals.actor, params.code, form.data)));
		if (!result.ok) return result.failure;
		return { targetSaved: true };
	}
};
