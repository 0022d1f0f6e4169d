import { database } from '$lib/server/db';
import { config } from '$lib/server/config';
import { readOutbox } from '$lib/server/mail/outbox.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	mails: await orHttpError(() => readOutbox(database(), locals.actor)),
	smtpConfigured: Boolean(config().smtpUrl)
});
