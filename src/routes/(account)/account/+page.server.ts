import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { describeRoles } from '$lib/server/schools/membership.service';
import { countUnusedRecoveryCodes } from '$lib/server/auth/two-factor.service';
import { mustSetUpSecondFactor } from '$lib/server/auth/actor';
import { getNotificationMode } from '$lib/server/notifications/notification.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	if (!actor) error(401);
	const db = database();
	return {
		account: { email: actor.email, displayName: actor.displayName, secondFactorEnabled: actor.secondFactorEnabled },
		roles: await describeRoles(db, actor),
		recoveryCodesLeft: actor.secondFactorEnabled ? await countUnusedRecoveryCodes(db, actor.userId) : 0,
		mustSetUpSecondFactor: mustSetUpSecondFactor(actor),
		notificationMode: await getNotificationMode(db, actor)
	};
};
