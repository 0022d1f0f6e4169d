/**
 * The `test` every spec uses. Around each test it
 *  - fails when any page asked another host for anything (privacy: no third-party requests),
 *  - fails when a stylesheet, image or other subresource of our own did not load,
 *  - fails when a page the test visited did not get checkA11y,
 *  - keeps the HTML of every page as the server sent it, for the HTML check after the run (scripts/check-html.js),
 *  - fails when a page ships a script without being one of the SCRIPTED_PAGES that the nojs project covers.
 */
import { test as base, expect, type Request, type Response } from '@playwright/test';
import { ORIGIN } from './environment';
import { trackDocuments, uncheckedDocuments } from './page-coverage';
import { keepHtml } from './html-pages';
import { SCRIPTED_PAGES, unlistedScript } from './scripted-pages';

// Requests that never leave the browser.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

export const test = base.extend<{ guardRequests: void; requireChecks: void; keepPages: void }>({
	guardRequests: [
		async ({ context }, use) => {
			const foreign: string[] = [];
			const broken: string[] = [];
			const watch = (request: Request) => {
				const url = new URL(request.url());
				if (!LOCAL_SCHEMES.has(url.protocol) && url.origin !== ORIGIN) foreign.push(`${request.method()} ${request.url()}`);
			};
			context.on('request', watch);
			context.on('response', (response) => {
				const request = response.request();
				if (request.resourceType() !== 'document' && response.status() >= 400) broken.push(`${response.status()} ${request.url()}`);
			});
			context.on('requestfailed', (request) => {
				const reason = request.failure()?.errorText ?? '';
				// ERR_ABORTED: the browser or our own script cancelled the request (the page navigated on before the
				// favicon arrived, a newer suggestion request replaced an older one). Nothing failed to load.
				if (request.resourceType() !== 'document' && reason !== 'net::ERR_ABORTED') broken.push(`failed (${reason}) ${request.url()}`);
			});
			await use();
			expect(foreign, `requests to another host than ${ORIGIN}`).toEqual([]);
			expect(broken, 'subresources of our own pages that did not load').toEqual([]);
		},
		{ auto: true }
	],
	requireChecks: [
		async ({ page }, use, testInfo) => {
			trackDocuments(page);
			await use();
			// Only a passing test is held to this: a failure earlier already says what went wrong.
			if (testInfo.status === testInfo.expectedStatus) {
				expect(uncheckedDocuments(page), 'pages visited without checkA11y(page)').toEqual([]);
			}
		},
		{ auto: true }
	],
	keepPages: [
		async ({ context }, use) => {
			const pending: Promise<void>[] = [];
			const unlisted: string[] = [];
			const onResponse = (response: Response) => {
				if (response.request().resourceType() !== 'document' || new URL(response.url()).origin !== ORIGIN) return;
				const kept = keepHtml(response).then((html) => {
					const page = html === undefined ? undefined : unlistedScript(new URL(response.url()).pathname, html);
					if (page) unlisted.push(page);
				});
				pending.push(kept);
			};
			context.on('response', onResponse);
			await use();
			context.off('response', onResponse);
			await Promise.all(pending);
			expect(
				unlisted,
				`pages with a script that the nojs project never runs: add them to SCRIPTED_PAGES (${SCRIPTED_PAGES.map((p) => p.script).join(', ')} so far) and tag a journey over them WITHOUT_JS`
			).toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
