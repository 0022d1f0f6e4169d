/**
 * The timeline in pages (issue 10: the dossier page with 200 incidents): a page holds `size` incidents in the
 * timeline's order, the pages together hold every incident once, a page out of range is brought in range, the filter
 * counts over all pages, and the summary stays that of the whole dossier on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { todayInNetherlands } from '../../i18n/locale';
import { BULLYING_FORMS, childSchema, readTimelinePage, timelineQuery } from '../../dossier/dossier';
import { incidentRow, insertSealed } from '../testing/dossier-rows';
import { addChild } from './child.service';
import { getTimeline, getTimelinePage } from './incident.service';

const thisYear = Number(todayInNetherlands().slice(0, 4));
const Y = thisYear - 1;
const SIZE = 25;

describe('the page asked for in the address bar', () => {
	it('is a whole number from 1; anything else is page 1, never an error', () => {
		const page = (value: string | null) => readTimelinePage(new URLSearchParams(value === null ? '' : `pagina=${encodeURIComponent(value)}`));
		expect(page(null)).toBe(1);
		expect(page('3')).toBe(3);
		expect(page('9999')).toBe(9999);
		for (const bad of ['', '0', '-1', 'abc', '1.5', '2e3', ' 2', '0x10']) expect(page(bad), bad).toBe(1);
	});

	it('links keep the filter, and page 1 is the address without ?pagina', () => {
		expect(timelineQuery({}, 1)).toBe('');
		expect(timelineQuery({}, 2)).toBe('?pagina=2');
		expect(timelineQuery({ form: 'verbal', from: `${Y}-01-01`, to: `${Y}-12-31` }, 3)).toBe(`?vorm=verbal&van=${Y}-01-01&tot=${Y}-12-31&pagina=3`);
	});
});

describe.each(testDatabaseKinds())('the timeline in pages on %s', (kind) => {
	let t: TestDatabase;
	let parent: Actor;
	let stranger: Actor;
	let child: string;
	let empty: string;
	/** The ids in the order of the whole timeline (without paging). */
	let order: string[];

	async function account(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/**
	 * 60 incidents, straight in the table (the forms are incident.service.test.ts's business): 3 per day, two of them
	 * written at the same moment without a time, whose order between requests only the id fixes.
	 */
	async function seedIncidents(childId: string): Promise<void> {
		const created = nowIso();
		// insertSealed seals the text as the service does (DESIGN.md); the page opens what it shows of it.
		const rows = Array.from({ length: 60 }, (_, i) =>
			incidentRow(newId(), childId, {
				what_happened: `Voorval ${i}`,
				witnesses: `Getuige ${i}`,
				occurred_on: `${Y}-01-${String(1 + Math.floor(i / 3)).padStart(2, '0')}`,
				occurred_time: i % 3 === 0 ? '08:15' : null,
				forms: JSON.stringify(i % 4 === 0 ? ['verbal', 'exclusion'] : [BULLYING_FORMS[(i % 3) + 2]]),
				absence_days: i % 10 === 0 ? 2 : null,
				physical_violence: i % 6 === 0 ? 1 : 0,
				created_at: created,
				updated_at: created
			})
		);
		await insertSealed(t.db, 'incident', rows);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		parent = await account('anna@example.nl');
		stranger = await account('bram@example.nl');
		child = await addChild(t.db, parent, v.parse(childSchema, { name: 'Noor', birthYear: String(thisYear - 10) }));
		empty = await addChild(t.db, parent, v.parse(childSchema, { name: 'Sem', birthYear: String(thisYear - 8) }));
		await seedIncidents(child);
		order = (await getTimeline(t.db, parent, child)).incidents.map((i) => i.id);
	});
	afterAll(async () => t?.dispose());

	const page = (n: number, filter = {}) => getTimelinePage(t.db, parent, child, filter, { page: n, size: SIZE });

	it('gives 25 incidents a page in the order of the whole timeline, each once over the pages', async () => {
		expect(order).toHaveLength(60);
		const [first, second, third] = await Promise.all([page(1), page(2), page(3)]);
		expect(first.incidents).toHaveLength(25);
		expect(second.incidents).toHaveLength(25);
		expect(third.incidents).toHaveLength(10);
		for (const p of [first, second, third]) expect(p).toMatchObject({ paging: { total: 60, pages: 3 }, filtered: false });
		expect([first, second, third].map((p) => p.paging?.page)).toEqual([1, 2, 3]);
		expect([...first.incidents, ...second.incidents, ...third.incidents].map((i) => i.id)).toEqual(order);
		// Newest first: the 26th incident is the first on page 2.
		expect(second.incidents[0]!.id).toBe(order[25]);
		expect(first.incidents[0]!.occurredOn >= second.incidents[0]!.occurredOn).toBe(true);
	});

	it('shows of each incident on the page what the whole timeline reads of it', async () => {
		const whole = await getTimeline(t.db, parent, child);
		const shown = whole.incidents.slice(25, 50).map((i) => ({
			id: i.id,
			occurredOn: i.occurredOn,
			occurredTime: i.occurredTime,
			approximate: i.approximate,
			forms: i.forms,
			whatHappened: i.whatHappened,
			physicalViolence: i.physicalViolence,
			attachmentCount: i.attachmentCount
		}));
		expect(shown.every((i) => i.whatHappened)).toBe(true);
		expect((await page(2)).incidents).toEqual(shown);
	});

	it('keeps the summary of the whole dossier on every page', async () => {
		const whole = await getTimeline(t.db, parent, child);
		expect(whole.summary.count).toBe(60);
		expect(whole.summary.absenceDays).toBe(12);
		expect(whole.summary.physicalViolence).toBe(10);
		for (const n of [1, 3]) expect((await page(n)).summary).toEqual(whole.summary);
		expect((await page(1, { form: 'verbal' })).summary).toEqual(whole.summary);
	});

	it('brings a page out of range in range: below 1 is page 1, past the end the last page', async () => {
		for (const n of [0, -1, Number.NaN, 1.7]) {
			const p = await page(n);
			expect(p.paging?.page, String(n)).toBe(1);
			expect(p.incidents.map((i) => i.id)).toEqual(order.slice(0, 25));
		}
		for (const n of [4, 9999, Number.POSITIVE_INFINITY]) {
			const p = await page(n);
			expect(p.paging?.page, String(n)).toBe(3);
			expect(p.incidents.map((i) => i.id)).toEqual(order.slice(50));
		}
	});

	it('pages the filtered incidents and counts them over all pages', async () => {
		const all = (await getTimeline(t.db, parent, child, { form: 'verbal' })).incidents.map((i) => i.id);
		// Every fourth incident has "verbal": 15 of 60, one page.
		expect(all).toHaveLength(15);
		const filtered = await page(1, { form: 'verbal' });
		expect(filtered).toMatchObject({ paging: { total: 15, pages: 1, page: 1 }, filtered: true });
		expect(filtered.incidents.map((i) => i.id)).toEqual(all);
		expect((await page(2, { form: 'verbal' })).paging?.page).toBe(1);

		const from = `${Y}-01-05`;
		const byDate = await page(2, { from });
		const matching = (await getTimeline(t.db, parent, child, { from })).incidents.map((i) => i.id);
		expect(byDate.paging).toEqual({ page: 2, pages: Math.ceil(matching.length / SIZE), total: matching.length });
		expect(byDate.incidents.map((i) => i.id)).toEqual(matching.slice(25, 50));
		expect(byDate.incidents.every((i) => i.occurredOn >= from)).toBe(true);
	});

	it('filters on a form exactly, as the whole timeline does, not on a form whose code contains it', async () => {
		const other = await addChild(t.db, parent, v.parse(childSchema, { name: 'Ilse', birthYear: String(thisYear - 9) }));
		const lists = [['threats'], ['online_threats'], ['online_group_exclusion'], ['exclusion', 'threats'], ['verbal']];
		// Not a code the form can send: it must not match "online_threats" through LIKE's "_" wildcard.
		const rows = [...lists.map((forms) => JSON.stringify(forms)), '["onlineXthreats"]'].map((forms, i) => incidentRow(newId(), other, { occurred_on: `${Y}-02-0${i + 1}`, forms }));
		await insertSealed(t.db, 'incident', rows);
		for (const form of ['threats', 'online_threats', 'exclusion', 'online_group_exclusion', 'physical'] as const) {
			const whole = await getTimeline(t.db, parent, other, { form });
			const paged = await getTimelinePage(t.db, parent, other, { form }, { page: 1, size: SIZE });
			expect(paged.incidents.map((i) => i.id), form).toEqual(whole.incidents.map((i) => i.id));
			expect(paged.paging?.total, form).toBe(whole.incidents.length);
			expect(paged.summary).toEqual(whole.summary);
		}
		expect((await getTimelinePage(t.db, parent, other, { form: 'threats' }, { page: 1, size: SIZE })).paging?.total).toBe(2);
		expect((await getTimelinePage(t.db, parent, other, { form: 'online_threats' }, { page: 1, size: SIZE })).paging?.total).toBe(1);
	});

	it('counts the evidence of the incidents on the page', async () => {
		const onPageTwo = order[30]!;
		await insertSealed(t.db, 'attachment', { id: newId(), incident_id: onPageTwo, child_id: child, content_type: 'image/png', display_name: 'foto.png', size: 68, sha256: 'a'.repeat(64), width: 1, height: 1, file_key: newId(), received_at: nowIso() });
		const second = await page(2);
		expect(second.incidents.find((i) => i.id === onPageTwo)?.attachmentCount).toBe(1);
		expect(second.incidents.filter((i) => i.attachmentCount > 0)).toHaveLength(1);
	});

	it('an empty dossier is page 1 of 1 without incidents', async () => {
		expect(await getTimelinePage(t.db, parent, empty, {}, { page: 3, size: SIZE })).toMatchObject({ incidents: [], paging: { total: 0, page: 1, pages: 1 } });
	});

	it('another family gets no page of it', async () => {
		await expect(getTimelinePage(t.db, stranger, child, {}, { page: 1, size: SIZE })).rejects.toBeInstanceOf(NotFoundError);
	});
});
