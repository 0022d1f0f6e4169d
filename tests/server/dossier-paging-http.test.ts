/**
 * The dossier page's timeline in pages over HTTP (issue 10), against the built app: 25 incidents a page, the 26th on
 * page 2 behind a plain "next" link in a labelled nav, filters kept in the links, the summary of all incidents on
 * every page, and a bad ?pagina= (0, -1, abc, 9999) answering page 1 or the last page, never an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { incidentRow, insertChild, insertSealed } from '../../src/lib/server/testing/dossier-rows';
import { newId, nowIso } from '../../src/lib/server/auth/tokens';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { seedPersonas, type Seed } from './support/personas';

const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;
const fill = (key: string, values: Record<string, string | number>) => nl[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

let app: AppServer;
let seed: Seed;
let child = '';
/** The incidents from newest to oldest: one a day, so the order is the date's. */
const incidents: string[] = [];

beforeAll(async () => {
	const dataDir = makeTempDir('pw-dossier-paging-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	child = newId();
	const now = nowIso();
	await insertChild(seed.db, { id: child, name: 'Lange lijst', birth_year: 2015, year_group: null, school_id: null, school_name: null, created_at: now, updated_at: now });
	await seed.db.insertInto('child_guardian').values({ child_id: child, user_id: seed.personas.parent.userId, created_at: now }).execute();
	// 26 incidents on 26 days in February and March; every other one "verbal", for the filter.
	const rows = Array.from({ length: 26 }, (_, i) => {
		const day = new Date(Date.UTC(2025, 1, 1 + i)).toISOString().slice(0, 10);
		return incidentRow(newId(), child, { occurred_on: day, forms: JSON.stringify(i % 2 === 0 ? ['verbal'] : ['exclusion']) });
	});
	await insertSealed(seed.db, 'incident', rows);
	incidents.push(...rows.map((r) => r.id).reverse());
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get } = browserClient(() => app.origin);

async function page(query = ''): Promise<string> {
	const response = await get(`/dossier/${child}${query}`, seed.personas.parent.cookie);
	expect(response.status, query).toBe(200);
	return response.text();
}

/** The incident ids linked from the timeline, in order. */
const listed = (html: string) => [...html.matchAll(new RegExp(`href="/dossier/${child}/voorval/([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]);
const pageNav = (html: string) => html.match(/<nav class="pagination"[\s\S]*?<\/nav>/)?.[0] ?? '';
const decode = (href: string) => href.replaceAll('&amp;', '&');

describe('the timeline in pages', () => {
	it('page 1 shows the 25 newest, says where the reader is, and links to page 2', async () => {
		const html = await page();
		expect(listed(html)).toEqual(incidents.slice(0, 25));
		const nav = pageNav(html);
		expect(nav).toContain(`aria-label="${nl.dossier_timeline_pages_label}"`);
		expect(nav).toContain(fill('pagination_page_of', { page: 1, pages: 2 }));
		expect(nav).not.toContain(nl.pagination_previous);
		expect(nav).toMatch(new RegExp(`<a href="/dossier/${child}\\?pagina=2#tijdlijn" rel="next">${nl.pagination_next}</a>`));
		expect(html).toContain(fill('dossier_timeline_range', { first: 1, last: 25, total: 26 }));
		expect(html).not.toMatch(/<script/i);
	});

	it('the 26th incident is on page 2, with the summary still of all 26', async () => {
		const html = await page('?pagina=2');
		expect(listed(html)).toEqual([incidents[25]]);
		const nav = pageNav(html);
		expect(nav).toContain(fill('pagination_page_of', { page: 2, pages: 2 }));
		expect(nav).toMatch(new RegExp(`<a href="/dossier/${child}#tijdlijn" rel="prev">${nl.pagination_previous}</a>`));
		expect(nav).not.toContain(nl.pagination_next);
		expect(html).toContain(fill('dossier_incidents_count', { count: 26 }));
	});

	it('a bad page number gives page 1 or the last page, never an error', async () => {
		for (const bad of ['0', '-1', 'abc', '', '1.5']) expect(listed(await page(`?pagina=${bad}`)), bad).toEqual(incidents.slice(0, 25));
		for (const beyond of ['3', '9999', '99999999999999999999999']) expect(listed(await page(`?pagina=${beyond}`)), beyond).toEqual([incidents[25]]);
	});

	it('the filter is kept across pages and counted over all of them', async () => {
		// 13 "verbal" incidents: one page, no page links.
		const verbal = await page('?vorm=verbal');
		expect(listed(verbal)).toHaveLength(13);
		expect(pageNav(verbal)).toBe('');
		expect(verbal).toContain(fill('dossier_filter_result', { count: 13 }));

		// From 1 February: all 26 match, two pages; the link to page 2 keeps the filter.
		const from = await page('?van=2025-02-01');
		const next = pageNav(from).match(/href="([^"]+)" rel="next"/)?.[1];
		expect(next && decode(next)).toBe(`/dossier/${child}?van=2025-02-01&pagina=2#tijdlijn`);
		const second = await page(decode(next!).slice(`/dossier/${child}`.length).replace('#tijdlijn', ''));
		expect(listed(second)).toEqual([incidents[25]]);
		expect(second).toContain(fill('dossier_filter_result', { count: 26 }));
		expect(second).toContain('value="2025-02-01"');
	});
});
