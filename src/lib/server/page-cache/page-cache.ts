/**
 * The page cache (issue 10.2, decision 0018). Public pages that are the same for every anonymous visitor at their
 * address (the route access table marks them, decision 0016 gives every language its own address) are rendered
 * once per address, content version and day, then served from memory with an ETag, 304 for a matching
 * If-None-Match, and a Cache-Control that lets a shared cache keep them but makes it ask again every time, so an
 * edit is never hidden behind a stale copy. Visitors with a session always get a fresh page.
 */
import crypto from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import type { RouteAccess } from '../auth/route-access';
import { todayInNetherlands } from '../../i18n/locale';
import { PageStore, type StoredPage } from './page-store';

/** Enough for every guide page, help filter and school page in two languages many times over. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_PAGE_BYTES = 1024 * 1024;
/** Longer addresses are odd (a crawler's or an attacker's): served fresh, not kept. */
const MAX_ADDRESS_LENGTH = 512;

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

/**
 * Answers from the cache, or renders with `render` and keeps the result when it is a plain 200 page that sets no
 * cookie. `version` is the content version read for this request.
 */
export async function cachedPage(request: Request, address: string, version: string, render: () => Promise<Response>): Promise<Response> {
	const prefix = `${version}|${todayInNetherlands()}|`;
	if (prefix !== currentPrefix) {
		// A new content version or a new day: everything older is garbage now.
		store.keepOnly(prefix);
		currentPrefix = prefix;
	}
	const key = prefix + address;
	let page = store.get(key);
	let from: 'hit' | 'miss' = 'hit';
	if (!page) {
		from = 'miss';
		const response = await render();
		if (response.status !== 200 || response.headers.has('set-cookie') || !response.headers.get('content-type')?.startsWith('text/html')) {
			return response;
		}
		const body = new Uint8Array(await response.arrayBuffer());
		page = { body, headers: [...response.headers], etag: etagOf(version, body) };
		store.set(key, page);
	}
	return answer(request, page, from);
}

function etagOf(version: string, body: Uint8Array): string {
	return `"${version}-${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

function answer(request: Request, page: StoredPage, from: 'hit' | 'miss'): Response {
	const headers = new Headers(page.headers);
	// For operators and tests: whether this answer came from memory.
	headers.set('x-page-cache', from);
	headers.set('etag', page.etag);
	headers.set('cache-control', SHARED_CACHE_CONTROL);
	// A signed-in visitor gets another page at the same address: a shared cache must not hand this one to them.
	headers.set('vary', 'Cookie');
	if (matches(request.headers.get('if-none-match'), page.etag)) return new Response(null, { status: 304, headers });
	headers.set('content-length', String(page.body.byteLength));
	return new Response(page.body, { status: 200, headers });
}

/** If-None-Match: a list of entity tags or "*", compared weakly (RFC 9110 13.1.2). */
function matches(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** For tests and the admin's curiosity: how much the cache holds. */
export function pageCacheSize(): { pages: number; bytes: number } {
	return store.size;
}
