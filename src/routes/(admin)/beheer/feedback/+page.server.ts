import { database } from '$lib/server/db';
import { feedbackSummary } from '$lib/server/feedback/feedback.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	pages: await orHttpError(() => feedbackSummary(database(), locals.actor))
});
