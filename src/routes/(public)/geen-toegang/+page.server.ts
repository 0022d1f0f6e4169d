import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** hooks.server.ts renders this page for every request a route's access rule refuses. */
export const load: PageServerLoad = () => {
	error(403, m.error_forbidden_text());
};
