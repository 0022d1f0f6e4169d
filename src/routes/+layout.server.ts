import type { LayoutServerLoad } from './$types';

// Pages render on the server and ship no JavaScript unless a page opts in (DESIGN.md: progressive enhancement).
export const csr = false;

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	here: url.pathname + url.search,
	signedIn: locals.actor ? { displayName: locals.actor.displayName || locals.actor.email } : undefined
});
