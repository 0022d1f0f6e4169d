/**
 * Issue 10.2 (decision 0018) against the built app: anonymous public pages come from the page cache with an ETag,
 * 304 for a matching If-None-Match and a Cache-Control a shared cache may use; an edit made by another process on
 * the same database (as another app server would) shows at the next request; signed-in visitors, search results,
 * errors and bad requests are never cached.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { seedPersonas, type Seed } from './support/personas';

let app: AppServer;
let seed: Seed;

beforeAll(async () => {
	const dataDir = makeTempDir('pw-page-cache-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
});
afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get } = browserClient(() => app.origin);

async function fetchPage(url: string, headers: Record<string, string> = {}) {
	const response = await fetch(app.origin + url, { headers, redirect: 'manual' });
	return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('an anonymous public page', () => {
	it.each(['/', '/gids', '/gids/pesten-herkennen', '/hulp', '/hulp?voor=parent', '/scholen', '/scholen/98ZZ00', '/privacy', '/toegankelijkheid', '/en/help', '/en/schools/98ZZ00', '/inloggen', '/inloggen?terug=%2Fdossier', '/en/log-in', '/registreren', '/wachtwoord-vergeten'])(
		'%s is rendered once, then served from memory with the same ETag and body',
		async (url) => {
			const first = await fetchPage(url);
			expect(first.status).toBe(200);
			const etag = first.headers.get('etag');
			expect(etag).toMatch(/^"\d+-[A-Za-z0-9_-]{22}(-gz)?"$/);
			expect(first.headers.get('cache-control')).toBe('public, no-cache');
			expect(first.headers.get('vary')).toBe('Accept-Encoding, Cookie');
			// Security headers come on every answer, cached or not.
			expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
			const second = await fetchPage(url);
			expect(second.headers.get('x-page-cache')).toBe('hit');
			expect(second.headers.get('etag')).toBe(etag);
			expect(second.body).toBe(first.body);
			expect(second.headers.get('x-frame-options')).toBe('DENY');
		}
	);

	it('answers 304 without a body when the browser or a shared cache already has it', async () => {
		const { headers } = await fetchPage('/gids');
		const etag = headers.get('etag')!;
		for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
			const again = await fetchPage('/gids', { 'if-none-match': ifNoneMatch });
			expect(again.status, ifNoneMatch).toBe(304);
			expect(again.body).toBe('');
			expect(again.headers.get('etag')).toBe(etag);
		}
		expect((await fetchPage('/gids', { 'if-none-match': '"1-old"' })).status).toBe(200);
	});

	it('is sent gzipped to browsers that accept it, with an ETag of its own, and the same page inside', async () => {
		const plain = await fetchPage('/gids/pesten-herkennen');
		for (let i = 0; i < 2; i++) {
			const response = await new Promise<{ headers: Record<string, string | string[] | undefined>; bytes: Buffer }>((resolve, reject) => {
				http.get(`${app.origin}/gids/pesten-herkennen`, { headers: { 'accept-encoding': 'br, gzip;q=0.8' } }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) })).on('error', reject);
				});
			});
			expect(response.headers['content-encoding']).toBe('gzip');
			expect(response.headers.etag).toMatch(/-gz"$/);
			expect(response.headers['x-frame-options']).toBe('DENY');
			expect(gunzipSync(response.bytes).toString('utf8')).toBe(plain.body);
			expect(response.bytes.length).toBeLessThan(plain.body.length / 2);
		}
		const refused = await new Promise<http.IncomingMessage>((resolve) => http.get(`${app.origin}/gids/pesten-herkennen`, { headers: { 'accept-encoding': 'gzip;q=0' } }, resolve));
		expect(refused.headers['content-encoding']).toBeUndefined();
		refused.resume();
	});

	it('has an ETag of its own per language', async () => {
		const dutch = await fetchPage('/hulp');
		const english = await fetchPage('/en/help');
		expect(english.headers.get('etag')).not.toBe(dutch.headers.get('etag'));
		expect(english.body).toContain('<html lang="en">');
	});

	it('shows an edit made by another process at the next request, with a new ETag', async () => {
		const before = await fetchPage('/hulp');
		expect(before.body).toContain('id="help-kindertelefoon"');
		// The test process writes to the app's database, as a second app server would.
		await seed.db.updateTable('help_resource').set({ retired_at: '2026-12-06' }).where('id', '=', 'kindertelefoon').execute();
		const after = await fetchPage('/hulp');
		expect(after.headers.get('x-page-cache')).toBe('miss');
		expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
		expect(after.body).not.toContain('id="help-kindertelefoon"');
		// A browser holding the old copy gets the new page, not a 304.
		expect((await fetchPage('/hulp', { 'if-none-match': before.headers.get('etag')! })).status).toBe(200);
		await seed.db.updateTable('help_resource').set({ retired_at: null }).where('id', '=', 'kindertelefoon').execute();
		expect((await fetchPage('/hulp')).body).toContain('id="help-kindertelefoon"');
	});
});

describe('never from the cache', () => {
	it('a signed-in visitor: a fresh page that says so, kept by nobody', async () => {
		await fetchPage('/gids');
		const response = await get('/gids', seed.personas.parent.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('x-page-cache')).toBeNull();
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.text()).toContain('/account');
	});

	it('a request with a session cookie that is no longer valid', async () => {
		const response = await fetchPage('/gids', { cookie: `${seed.personas.parent.cookie.split('=')[0]}=not-a-session` });
		expect(response.status).toBe(200);
		expect(response.headers.get('x-page-cache')).toBeNull();
		expect(response.headers.get('set-cookie')).toContain('pw_session=;');
	});

	it.each(['/scholen?q=Utrecht', '/zoeken?q=pesten', '/account', '/sitemap.xml', '/api/v1/schools?q=Utrecht'])('%s', async (url) => {
		await fetchPage(url);
		const again = await fetchPage(url);
		expect(again.headers.get('x-page-cache')).toBeNull();
		expect(again.headers.get('cache-control')).not.toBe('public, no-cache');
	});

	it('a page that does not exist, twice', async () => {
		for (let i = 0; i < 2; i++) {
			const response = await fetchPage('/gids/bestaat-niet');
			expect(response.status).toBe(404);
			expect(response.headers.get('x-page-cache')).toBeNull();
		}
	});

	it('an address longer than any real one', async () => {
		const url = `/hulp?voor=${'x'.repeat(600)}`;
		await fetchPage(url);
		expect((await fetchPage(url)).headers.get('x-page-cache')).toBeNull();
	});
});
