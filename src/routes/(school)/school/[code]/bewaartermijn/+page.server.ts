/** How long the school keeps closed cases and reports outside a case (issue 11 item 10, decision 0026). */
import { redirect } from '@sveltejs/kit';
import { removableFrom, retentionSchema } from '$lib/cases/retention';
import { todayInNetherlands } from '$lib/i18n/locale';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getRetention, setRetention } from '$lib/server/cases/case-retention.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const setting = await orHttpError(() => getRetention(database(), locals.actor, params.code));
	const today = todayInNetherlands();
	// The example is the rule itself (retention.ts) applied to today, for the period the school has now.
	return { ...setting, today, removedFrom: removableFrom(today, setting.schoolYears), saved: url.searchParams.has('opgeslagen') };
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const form = await parseForm(request, retentionSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () => orHttpError(() => setRetention(database(), locals.actor, params.code, form.data.schoolYears)));
		if (!result.ok) return result.failure;
		redirect(303, `${paths.schoolRetention(params.code)}?opgeslagen=1`);
	}
};
