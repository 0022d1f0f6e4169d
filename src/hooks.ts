/**
 * English addresses (/en/…, decision 0016) are rendered by the Dutch routes: one implementation per page.
 * The address keeps /en, so the language strategy (hooks.server.ts) and the links on the page follow it.
 */
import type { Reroute } from '@sveltejs/kit';
import { dutchPath, isEnglishPath } from '$lib/paths';

export const reroute: Reroute = ({ url }) => {
	if (!isEnglishPath(url.pathname)) return;
	// An English path that names no page goes to a route that does not exist, so SvelteKit answers 404.
	return dutchPath(url.pathname) ?? '/en/not-found';
};
