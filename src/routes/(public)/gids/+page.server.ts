import { guidePages } from '$lib/server/guide/guide-content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	pages: guidePages(locals.locale).map(({ slug, title, summary, audience }) => ({ slug, title, summary, audience }))
});
