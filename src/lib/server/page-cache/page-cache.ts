/**
 * The page cache (issue 10.2, decision 0018). Public pages that are the same for every anonymous visitor at their
 * address (the route access table marks them; decision 0016 gives every language its own address) are rendered
 * once per address, content version and day, then served from memory with an ETag, 304 for a matching
 * If-None-Match, gzip for browsers that accept it, and a Cache-Control that lets a shared cache keep them but makes
 * it ask again every time, so an edit is never hidden behind a stale copy. Visitors with a session always get a
 * fresh page. Pages are stored by the SvelteKit hook (handlePageCache) and served by it or, before SvelteKit is
 * even reached, by the front door (front-door.ts).
 */
import crypto from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import type { RouteAccess } from '../auth/route-access';
import { todayInNetherlands } from '../../i18n/locale';
import { PageStore, type StoredPage } from './page-store';

/** Enough for every guide page, help filter and school page in two languages many times over. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_PAGE_BYTES = 1024 * 1024;
/** Longer addresses are odd (a crawler's or an attacker's): served fresh, not kept. */
export const MAX_ADDRESS_LENGTH = 512;

export const SHARED_CACHE_CONTROL = 'public, no-cache';

const store = new PageStore(MAX_BYTES, MAX_PAGE_BYTES);
let currentPrefix = '';

export interface CacheRequest {
	event: RequestEvent;
	access: RouteAccess | undefined;
	/** Whether the request carries a session cookie (valid or not). */
	hasSession: boolean;
}

/** Whether this request may be answered from, and stored in, the cache. */
export function isCacheable({ event, access, hasSession }: CacheRequest): boolean {
	if (event.request.method !== 'GET' || hasSession || access?.kind !== 'public' || !access.cache) return false;
	if (access.cache === 'without-query' && event.url.search !== '') return false;
	return event.url.pathname.length + event.url.search.length <= MAX_ADDRESS_LENGTH;
}

/** Whether a cookie header holds a cookie of this name (its value may be anything, even invalid). */
export function hasCookie(cookieHeader: string | null | undefined, name: string): boolean {
	if (!cookieHeader) return false;
	return cookieHeader.split(';').some((part) => part.trimStart().startsWith(`${name}=`));
}

let day = '';
let dayReadAt = 0;

/** Today in the Netherlands, worked out at most once a minute: pages that show dates turn over a minute late at worst. */
function today(): string {
	const now = Date.now();
	if (now - dayReadAt > 60_000) {
		day = todayInNetherlands();
		dayReadAt = now;
	}
	return day;
}

function prefixFor(version: string): string {
	const prefix = `${version}|${today()}|`;
	if (prefix !== currentPrefix) {
		// A new content version or a new day: everything older is garbage now.
		store.keepOnly(prefix);
		currentPrefix = prefix;
	}
	return prefix;
}

/**
 * The page held for this address under the newest prefix seen, without asking the database: the front door uses
 * it to let every address the cache has never held go straight on to SvelteKit.
 */
export function peek(address: string): boolean {
	return currentPrefix !== '' && store.get(currentPrefix + address) !== undefined;
}

/** The page held for this address and content version, if any. */
export function lookup(address: string, version: string): StoredPage | undefined {
	return store.get(prefixFor(version) + address);
}

/**
 * Answers from the cache, or renders with `render` and keeps the result when it is a plain 200 page that sets no
 * cookie. `version` is the content version read for this request.
 */
export async function cachedPage(request: Request, address: string, version: string, routeId: string, render: () => Promise<Response>): Promise<Response> {
	const key = prefixFor(version) + address;
	let page = store.get(key);
	let from: 'hit' | 'miss' = 'hit';
	if (!page) {
		from = 'miss';
		const response = await render();
		if (response.status !== 200 || response.headers.has('set-cookie') || !response.headers.get('content-type')?.startsWith('text/html')) {
			return response;
		}
		page = storedPage(new Uint8Array(await response.arrayBuffer()), [...response.headers], version, routeId);
		store.set(key, page);
	}
	const { status, headers, body } = representation(page, request.headers.get('if-none-match'), request.headers.get('accept-encoding'), from);
	return new Response(body, { status, headers });
}

function storedPage(body: Uint8Array<ArrayBuffer>, headers: [string, string][], version: string, routeId: string): StoredPage {
	const gzip = new Uint8Array(gzipSync(body, { level: 9 }));
	const tag = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
	const etag = `"${version}-${tag(body)}"`;
	return { body, gzip, headers: headers.filter(([name]) => name !== 'etag' && name !== 'content-length'), etag, gzipEtag: etag.replace(/"$/, '-gz"'), routeId };
}

export interface Representation {
	status: 200 | 304;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer> | null;
}

/** What to send for this page: gzip or not, 304 or 200, with the cache's headers. */
export function representation(page: StoredPage, ifNoneMatch: string | null | undefined, acceptEncoding: string | null | undefined, from: 'hit' | 'miss'): Representation {
	const gzip = acceptsGzip(acceptEncoding);
	const etag = gzip ? page.gzipEtag : page.etag;
	const headers: [string, string][] = [
		...page.headers,
		['etag', etag],
		['cache-control', SHARED_CACHE_CONTROL],
		// A signed-in visitor gets another page at the same address: a shared cache must not hand this one to them.
		['vary', 'Accept-Encoding, Cookie'],
		// For operators and tests: whether this answer came from memory.
		['x-page-cache', from]
	];
	if (matches(ifNoneMatch, etag)) return { status: 304, headers, body: null };
	const body = gzip ? page.gzip : page.body;
	if (gzip) headers.push(['content-encoding', 'gzip']);
	headers.push(['content-length', String(body.byteLength)]);
	return { status: 200, headers, body };
}

/** Accept-Encoding with gzip not refused by q=0 (RFC 9110 12.5.3); "*" counts too. */
function acceptsGzip(header: string | null | undefined): boolean {
	if (!header) return false;
	for (const part of header.toLowerCase().split(',')) {
		const [coding, ...params] = part.trim().split(';');
		if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		if (!q || Number(q.slice(2)) > 0) return true;
	}
	return false;
}

/** If-None-Match: a list of entity tags or "*", compared weakly (RFC 9110 13.1.2). */
function matches(header: string | null | undefined, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** For tests and the admin's curiosity: how much the cache holds. */
export function pageCacheSize(): { pages: number; bytes: number } {
	return store.size;
}
