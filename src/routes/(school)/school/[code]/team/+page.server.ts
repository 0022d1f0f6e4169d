import * as v from 'valibot';
import { schoolInviteSchema } from '$lib/schools/invitation';
import { database } from '$lib/server/db';
import { getMySchool } from '$lib/server/schools/membership.service';
import { inviteToSchool, listSchoolInvitations, listTeam, removeTeamRole, revokeSchoolInvitation } from '$lib/server/schools/invitation.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

const idSchema = v.object({ id: v.pipe(v.string(), v.uuid('form_error_invalid')) });
const removeSchema = v.object({ userId: v.pipe(v.string(), v.uuid('form_error_invalid')), role: v.pipe(v.string(), v.maxLength(40)) });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const [team, invitations, school] = await orHttpError(() =>
		Promise.all([listTeam(db, locals.actor, params.code), listSchoolInvitations(db, locals.actor, params.code), getMySchool(db, locals.actor, params.code)])
	);
	return { school, team, invitations, sent: url.searchParams.get('verstuurd'), myUserId: locals.actor!.userId };
};

export const actions: Actions = {
	invite: async ({ request, locals, params }) => {
		const form = await parseForm(request, schoolInviteSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => inviteToSchool(trx, locals.actor, params.code, form.data)))
		);
		if (!result.ok) return result.failure;
		return { invited: form.data.email };
	},
	revoke: async ({ request, locals, params }) => {
		const form = await parseForm(request, idSchema);
		if (!form.ok) return form.failure;
		await orHttpError(() => database().transaction().execute((trx) => revokeSchoolInvitation(trx, locals.actor, params.code, form.data.id)));
		return { revoked: true };
	},
	remove: async ({ request, locals, params }) => {
		const form = await parseForm(request, removeSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => removeTeamRole(trx, locals.actor, params.code, form.data.userId, form.data.role)))
		);
		if (!result.ok) return result.failure;
		return { removed: true };
	}
};
