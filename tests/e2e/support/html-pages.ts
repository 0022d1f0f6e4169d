/**
 * The HTML of every page the browser tests load, exactly as the server sent it (not the DOM after scripts),
 * kept once per distinct body in test-results/html/ for the W3C Nu checker that `npm test` runs after the
 * browser tests (scripts/check-html.js). axe checks what a screen reader meets; the Nu checker finds what axe
 * does not look for, such as ids with spaces or the same id twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from '@playwright/test';
import { ROOT } from './environment';

export const HTML_DIR = path.join(ROOT, 'test-results', 'html');

/** Keeps the page and gives its HTML back; undefined for what is not a page (a redirect, a file, an error). */
export async function keepHtml(response: Response): Promise<string | undefined> {
	const status = response.status();
	if (status < 200 || status >= 300 || status === 204) return undefined;
	if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return undefined;
	let body: string;
	try {
		body = await response.text();
	} catch {
		// The browser dropped the body (the page navigated on before it was read): nothing to check.
		return undefined;
	}
	const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
	fs.mkdirSync(HTML_DIR, { recursive: true });
	const file = path.join(HTML_DIR, `${hash}.html`);
	if (fs.existsSync(file)) return body;
	fs.writeFileSync(file, body);
	// Which address gave this page, so an error can be traced back to it.
	fs.writeFileSync(path.join(HTML_DIR, `${hash}.url`), new URL(response.url()).pathname + new URL(response.url()).search);
	return body;
}
