/** Onboarding one school: the platform admin invites its first school admin, and the account of its board. */
import { boardInviteSchema, schoolInviteSchema } from '$lib/schools/invitation';
import { database } from '$lib/server/db';
import { getOnboardingOverview, inviteToBoard, inviteToSchool } from '$lib/server/schools/invitation.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	overview: await orHttpError(() => getOnboardingOverview(database(), locals.actor, params.code))
});

export const actions: Actions = {
	inviteSchoolAdmin: async ({ request, locals, params }) => {
		const form = await parseForm(request, schoolInviteSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => inviteToSchool(trx, locals.actor, params.code, { ...form.data, role: 'school_admin' })))
		);
		if (!result.ok) return result.failure;
		return { invited: form.data.email };
	},
	inviteBoard: async ({ request, locals, params }) => {
		const form = await parseForm(request, boardInviteSchema);
		if (!form.ok) return form.failure;
		const db = database();
		const overview = await orHttpError(() => getOnboardingOverview(db, locals.actor, params.code));
		const boardId = overview.board?.id;
		const result = await withRules(form.values, () => orHttpError(() => db.transaction().execute((trx) => inviteToBoard(trx, locals.actor, boardId ?? '', form.data))));
		if (!result.ok) return result.failure;
		return { invited: form.data.email };
	}
};
