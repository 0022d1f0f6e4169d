/**
 * The only pages that ship a script. Every other page is HTML and CSS alone, and the Content-Security-Policy
 * (svelte.config.js: script-src 'self', no inline code, so no event-handler attributes either) lets nothing else
 * run: with JavaScript on or off such a page is the same page. So the `nojs` project runs only the journeys tagged
 * WITHOUT_JS: those that cover these pages, and those an issue names with JavaScript off (issue 11's report, inbox
 * and case journeys). support/fixtures.ts fails any test that meets a script on a page not listed here
 * (docs/decisions/0024).
 */
import { dutchPath } from '../../../src/lib/paths';

export const WITHOUT_JS = '@without-js';

/** By Dutch path; an English address counts as the Dutch page it renders. */
export const SCRIPTED_PAGES: readonly { path: RegExp; script: string }[] = [
	// Without JavaScript in school-suggestions.spec.ts, "without JavaScript".
	{ path: /^\/scholen$/, script: '/js/school-suggestions.js' },
	// Without JavaScript in dossier.spec.ts (step 4, evidence).
	{ path: /^\/dossier\/[^/]+\/voorval\/[^/]+\/bijlagen$/, script: '/js/evidence-drop.js' }
];

/** Script elements that run code (JSON data blocks do not), and noscript, whose content differs with JavaScript off. */
const RUNS_OR_DIFFERS = /<script(?![^>]*type="application\/(ld\+)?json")[\s>]|<noscript[\s>]/i;

/** A page of ours that ships a script without being listed above, or undefined. */
export function unlistedScript(pathname: string, html: string): string | undefined {
	if (!RUNS_OR_DIFFERS.test(html)) return undefined;
	const dutch = dutchPath(pathname) ?? pathname;
	return SCRIPTED_PAGES.some((page) => page.path.test(dutch)) ? undefined : pathname;
}
