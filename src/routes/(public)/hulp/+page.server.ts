import { database } from '$lib/server/db';
import { listPublicHelp } from '$lib/server/help/help-directory.service';
import { HELP_AUDIENCES, HELP_TOPICS, type HelpAudience, type HelpTopic } from '$lib/help/help-directory';
import type { PageServerLoad } from './$types';

function pick<T extends string>(value: string | null, options: readonly T[]): T | undefined {
	return (options as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

// Unknown filter values are ignored: the page shows everything rather than an error.
export const load: PageServerLoad = async ({ url, locals }) => {
	const audience = pick<HelpAudience>(url.searchParams.get('voor'), HELP_AUDIENCES);
	const topic = pick<HelpTopic>(url.searchParams.get('onderwerp'), HELP_TOPICS);
	return {
		filter: { audience, topic },
		resources: await listPublicHelp(database(), locals.locale, { audience, topic })
	};
};
