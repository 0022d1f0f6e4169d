import { database } from '$lib/server/db';
import { enterReport, getInboxSchool } from '$lib/server/reports/inbox.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { staffReportSchema } from '$lib/reports/inbox';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	return { school: await orHttpError(() => getInboxSchool(database(), locals.actor, params.code)) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, setHeaders }) => {
		const form = await parseForm(request, staffReportSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () => orHttpError(() => enterReport(database(), locals.actor, params.code, form.data)));
		if (!result.ok) return result.failure;
		// The code and passphrase exist only in this answer: never cached, never stored.
		setHeaders({ 'cache-control': 'no-store' });
		const { reportId, receipt } = result.value;
		return { saved: { reportId, code: receipt?.code ?? null, passphrase: receipt?.passphrase ?? null } };
	}
};
