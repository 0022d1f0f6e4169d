import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** hooks.server.ts renders this page when the database cannot be reached. */
export const load: PageServerLoad = () => {
	error(503, { message: m.error_unavailable_text(), kind: 'unavailable' });
};
