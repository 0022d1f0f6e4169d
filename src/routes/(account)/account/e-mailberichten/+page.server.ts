/** Instant e-mails or one a day (issue 11 item 11): the mails say only that something is new, with a link. */
import * as v from 'valibot';
import { database } from '$lib/server/db';
import { parseForm } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { getNotificationMode, NOTIFICATION_MODES, setNotificationMode } from '$lib/server/notifications/notification.service';
import type { Actions, PageServerLoad } from './$types';

const schema = v.object({ mode: v.picklist(NOTIFICATION_MODES, 'report_error_choose') });

export const load: PageServerLoad = async ({ locals }) => ({ mode: await orHttpError(() => getNotificationMode(database(), locals.actor)) });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await parseForm(request, schema);
		if (!form.ok) return form.failure;
		await orHttpError(() => setNotificationMode(database(), locals.actor, form.data.mode));
		return { saved: true, values: form.values };
	}
};
