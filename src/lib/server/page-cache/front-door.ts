/**
 * The front door (decision 0018): server.js asks it first, for every request, before SvelteKit. A page that the
 * page cache holds for an anonymous visitor is written straight to the socket; everything else goes on to
 * SvelteKit unchanged (false). SvelteKit's own request pipeline (request object, routing, hooks, response copy)
 * cost more than the page itself once pages came from memory; skipping it for cached pages is what brings them near
 * bare node:http. The answer is the same as the hook's: security headers, the request log line, ETag and 304.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { config } from '../config';
import { databaseHandle } from '../db';
import { logger } from '../log';
import { sessionCookieName } from '../auth/session-cookie';
import { securityHeaders } from '../http/security-headers';
import { contentVersionOf } from './content-version';
import { hasCookie, lookup, MAX_ADDRESS_LENGTH, peek, representation } from './page-cache';
import type { StoredPage } from './page-store';

export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const KEY = Symbol.for('pestwijzer.front-door');

export const frontDoor: FrontDoor = async (req, res) => {
	const address = req.url;
	if (req.method !== 'GET' || !address || address.length > MAX_ADDRESS_LENGTH || !address.startsWith('/')) return false;
	if (hasCookie(req.headers.cookie, sessionCookieName()) || !peek(address)) return false;
	const started = performance.now();
	let version: string;
	try {
		version = await contentVersionOf(databaseHandle());
	} catch {
		// SvelteKit's pipeline says the database is away, in the visitor's language.
		return false;
	}
	const page = lookup(address, version);
	if (!page) return false;
	const { status, headers, body } = representation(page, req.headers['if-none-match'], req.headers['accept-encoding'], 'hit');
	res.writeHead(status, withSecurityHeaders(page, status, headers));
	res.end(body);
	logger.info({ requestId: crypto.randomUUID(), method: 'GET', path: address.split('?')[0], route: page.routeId, status, ms: Math.round(performance.now() - started) }, 'request');
	return true;
};

/** The same headers handleHeaders adds, worked out once per page and representation (they never change). */
const finished = new WeakMap<StoredPage, Map<string, Record<string, string>>>();

function withSecurityHeaders(page: StoredPage, status: number, headers: [string, string][]): Record<string, string> {
	const variant = `${status} ${headers.find(([name]) => name === 'etag')?.[1]}`;
	let variants = finished.get(page);
	if (!variants) finished.set(page, (variants = new Map()));
	let result = variants.get(variant);
	if (!result) {
		const all = new Headers(headers);
		securityHeaders(all, { secure: config().secure, personal: false });
		result = Object.fromEntries(all);
		variants.set(variant, result);
	}
	return result;
}

/** Called at start-up (hooks.server.ts init): server.js finds the front door here once the app is loaded. */
export function openFrontDoor(): void {
	(globalThis as Record<symbol, unknown>)[KEY] = frontDoor;
}
