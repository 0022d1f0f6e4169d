/** Sharing a child's dossier with a second parent or guardian: both see and edit it; either can leave later. */
import { boardInviteSchema } from '$lib/schools/invitation';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { inviteGuardian, listGuardianInvitations } from '$lib/server/schools/invitation.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const [child, invitations] = await orHttpError(() => Promise.all([getChild(db, locals.actor, params.child), listGuardianInvitations(db, locals.actor, params.child)]));
	const guardians = await db
		.selectFrom('child_guardian')
		.innerJoin('app_user', 'app_user.id', 'child_guardian.user_id')
		.select(['app_user.display_name as name', 'app_user.id'])
		.where('child_guardian.child_id', '=', child.id)
		.orderBy('child_guardian.created_at')
		.execute();
	return { child: { id: child.id, name: child.name }, guardians: guardians.map((g) => ({ name: g.name, me: g.id === locals.actor!.userId })), invitations };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		await orHttpError(() => getChild(database(), locals.actor, params.child));
		// The same fields as any invitation: name, e-mail address and the language of the mail.
		const form = await parseForm(request, boardInviteSchema);
		if (!form.ok) return form.failure;
		const result = await withRules(form.values, () =>
			orHttpError(() => database().transaction().execute((trx) => inviteGuardian(trx, locals.actor, params.child, form.data)))
		);
		if (!result.ok) return result.failure;
		return { invited: form.data.email };
	}
};
