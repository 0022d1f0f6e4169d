import { database } from '$lib/server/db';
import { searchSite } from '$lib/server/search/search.service';
import type { PageServerLoad } from './$types';

/** The query is shown back as text only, never as markup, and cut to what the search looks at. */
const QUERY_MAX = 200;

export const load: PageServerLoad = async ({ url, locals }) => {
	const raw = url.searchParams.get('q') ?? '';
	const query = (raw.isWellFormed() ? raw : raw.toWellFormed()).replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, QUERY_MAX);
	return {
		query,
		results: query ? await searchSite(database(), query, locals.locale) : []
	};
};
