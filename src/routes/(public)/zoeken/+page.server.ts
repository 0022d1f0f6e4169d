import { database } from '$lib/server/db';
import { searchSite } from '$lib/server/search/search.service';
import { cleanQuery } from '$lib/forms/text';
import type { PageServerLoad } from './$types';

/** The query is shown back as text only, never as markup, and cut to what the search looks at. */
const QUERY_MAX = 200;

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = cleanQuery(url.searchParams.get('q'), QUERY_MAX);
	return {
		query,
		results: query ? await searchSite(database(), query, locals.locale) : []
	};
};
