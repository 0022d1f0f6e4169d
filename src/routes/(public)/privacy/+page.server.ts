import { config } from '$lib/server/config';
import { OUTBOX_DAYS } from '$lib/server/housekeeping';
import type { PageServerLoad } from './$types';

// The page states the real retention, from the configuration, not a number that can drift from it.
export const load: PageServerLoad = () => ({
	idleMinutes: config().session.idleMinutes,
	absoluteHours: config().session.absoluteHours,
	outboxDays: OUTBOX_DAYS
});
