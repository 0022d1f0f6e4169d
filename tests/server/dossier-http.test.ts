/**
 * The parent's dossier over HTTP (issue 5), against the built app: adding a child (with the school search in the
 * same form), writing an incident down, filling in details, deleting it only when confirmed; bad input answers 400
 * with an error summary and the input kept; another family's parent gets 404 on every URL and every action and
 * changes nothing; a school account gets 403; an anonymous visitor is sent to log in; no page has a <script>.
 *
 * The tests in this file share one dossier and run in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { browserClient, form, startApp, type AppServer } from './support/app-server';
import { addPersona, seedPersonas, type Persona, type Seed } from './support/personas';
import { openRow } from '../../src/lib/server/testing/dossier-rows';

/** The Dutch texts, so a test names the message it expects by its key. */
const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;

const today = todayInNetherlands();
const thisYear = Number(today.slice(0, 4));
const Y = thisYear - 1;

let app: AppServer;
let seed: Seed;
let dataDir: string;
let otherParent: Persona;
/** The child and incident made through the forms below. */
let childId = '';
let incidentId = '';

beforeAll(async () => {
	dataDir = makeTempDir('pw-dossier-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherParent = await addPersona(seed.db, 'parent', {});
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

// Helpers

const owner = () => seed.personas.parent.cookie;

type Fields = Record<string, string | string[]>;

const { get, post } = browserClient(() => app.origin);

const dateFields = (iso: string) => {
	const [year, month, day] = iso.split('-');
	return { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year! };
};

function addDays(iso: string, days: number): string {
	const date = new Date(`${iso}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** Every row a dossier page or action could change, and the stored files. */
async function snapshot(): Promise<string> {
	const tables = {
		child: await seed.db.selectFrom('child').selectAll().orderBy('id').execute(),
		child_guardian: await seed.db.selectFrom('child_guardian').selectAll().orderBy('child_id').orderBy('user_id').execute(),
		incident: await seed.db.selectFrom('incident').selectAll().orderBy('id').execute(),
		attachment: await seed.db.selectFrom('attachment').selectAll().orderBy('id').execute(),
		audit_event: await seed.db.selectFrom('audit_event').selectAll().orderBy('seq').execute()
	};
	const dir = path.join(dataDir, 'files');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
	return JSON.stringify({ tables, files });
}

function inputs(html: string, name: string): string[] {
	// A quoted attribute value may hold a ">" (only "<" and "&" are escaped there).
	return [...html.matchAll(/<input\b(?:[^>"]|"[^"]*")*>/g)].map((m) => m[0]).filter((tag) => tag.includes(` name="${name}"`));
}

function valueOf(html: string, name: string): string | undefined {
	return inputs(html, name)[0]?.match(/\svalue="([^"]*)"/)?.[1];
}

function isChecked(html: string, name: string, value: string): boolean {
	return inputs(html, name).some((tag) => tag.includes(` value="${value}"`) && /\schecked(=|\s|\/|>)/.test(tag));
}

function textareaOf(html: string, name: string): string | undefined {
	return html.match(new RegExp(`<textarea\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1];
}

function errorSummary(html: string): string {
	return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

/** A 400 with the message in the error summary, linked to its field, and "Fout:" in the title. */
function expectRefused(html: string, field: string, messageKey: string): void {
	const summary = errorSummary(html);
	expect(summary, 'error summary').toContain(nl[messageKey]!);
	expect(summary).toContain(`href="#${field}"`);
	expect(html).toMatch(/<title>Fout: /);
}

/** The incident whose story is this text; the text is sealed, so every incident is opened to compare. */
async function incidentByText(text: string) {
	const all = await Promise.all((await seed.db.selectFrom('incident').selectAll().execute()).map((row) => openRow(seed.db, 'incident', row)));
	return all.find((row) => row.what_happened === text);
}

// Tests

describe('adding a child', () => {
	it('the school search keeps what was typed and lists the schools found', async () => {
		const response = await post('/dossier/kind-toevoegen?/findSchool', { name: 'Sem', birthYear: String(thisYear - 9), yearGroup: 'groep-4', schoolQuery: 'Utrecht', schoolName: '' }, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(valueOf(html, 'name')).toBe('Sem');
		expect(valueOf(html, 'birthYear')).toBe(String(thisYear - 9));
		expect(valueOf(html, 'schoolQuery')).toBe('Utrecht');
		expect(html).toMatch(/<option value="groep-4" selected/);
		expect(inputs(html, 'schoolCode').some((tag) => tag.includes('value="98ZZ00"'))).toBe(true);
		expect(html).toContain('Testschool A, Utrecht');
		expect(html).not.toContain('Testschool B');
		expect(html).not.toContain('class="error-summary"');
	});

	it('a search that finds nothing says so', async () => {
		const response = await post('/dossier/kind-toevoegen?/findSchool', { name: 'Sem', schoolQuery: 'Nergenshuizen' }, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(nl.dossier_school_none_found!);
		expect(valueOf(html, 'name')).toBe('Sem');
	});

	it('a name with <script>: 400 with the name message, the input kept escaped, nothing stored', async () => {
		const before = await snapshot();
		const response = await post('/dossier/kind-toevoegen?/add', { name: '<script>alert(1)</script>', birthYear: String(thisYear - 9), schoolQuery: '' }, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'name', 'dossier_error_child_name_invalid');
		expect(html).not.toMatch(/<script/i);
		expect(valueOf(html, 'name')).toBe('&lt;script>alert(1)&lt;/script>');
		expect(valueOf(html, 'birthYear')).toBe(String(thisYear - 9));
		expect(await snapshot()).toBe(before);
	});

	it('a birth year out of range and an unknown school: 400 each, nothing stored', async () => {
		const before = await snapshot();
		const young = await post('/dossier/kind-toevoegen?/add', { name: 'Sem', birthYear: String(thisYear) }, owner());
		expect(young.status).toBe(400);
		expectRefused(await young.text(), 'birthYear', 'dossier_error_birth_year');
		const unknown = await post('/dossier/kind-toevoegen?/add', { name: 'Sem', birthYear: String(thisYear - 9), schoolCode: '11XX11' }, owner());
		expect(unknown.status).toBe(400);
		const html = await unknown.text();
		expectRefused(html, 'schoolCode', 'dossier_error_school_unknown');
		expect(valueOf(html, 'name')).toBe('Sem');
		expect(await snapshot()).toBe(before);
	});

	it('adds the child with the chosen school (303 to its dossier) and the parent as guardian', async () => {
		const response = await post('/dossier/kind-toevoegen?/add', { name: 'Sem', birthYear: String(thisYear - 9), yearGroup: 'groep-4', schoolQuery: 'Utrecht', schoolCode: '98ZZ00', schoolName: '' }, owner());
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		const match = location.match(/^\/dossier\/([0-9a-f-]{36})\?toegevoegd=1$/);
		expect(match, location).not.toBeNull();
		childId = match![1]!;
		const row = await openRow(seed.db, 'child', await seed.db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow());
		expect(row).toMatchObject({ name: 'Sem', year_group: 'groep-4', school_id: seed.schoolId, school_name: null });
		const guardians = await seed.db.selectFrom('child_guardian').select('user_id').where('child_id', '=', childId).execute();
		expect(guardians).toEqual([{ user_id: seed.personas.parent.userId }]);

		const page = await get(location, owner());
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(nl.dossier_notice_added!);
		expect(html).toContain('Testschool A, Utrecht');
		const list = await (await get('/dossier', owner())).text();
		expect(list).toContain(`href="/dossier/${childId}"`);
	});

	it('the child details can be changed: school not listed, a typed name (303)', async () => {
		const search = await post(`/dossier/${childId}/gegevens?/findSchool`, { name: 'Sem', birthYear: String(thisYear - 9), schoolQuery: 'Zwolle' }, owner());
		expect(search.status).toBe(200);
		expect(await search.text()).toContain('Testschool B, Zwolle');
		const response = await post(`/dossier/${childId}/gegevens?/save`, { name: 'Semmie', birthYear: String(thisYear - 9), yearGroup: 'groep-5', schoolCode: 'none', schoolName: 'De Vrije School' }, owner());
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/dossier/${childId}?opgeslagen=1`);
		expect(await openRow(seed.db, 'child', await seed.db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow())).toMatchObject({ name: 'Semmie', year_group: 'groep-5', school_id: null, school_name: 'De Vrije School' });
		const form = await (await get(`/dossier/${childId}/gegevens`, owner())).text();
		expect(valueOf(form, 'name')).toBe('Semmie');
		expect(isChecked(form, 'schoolCode', 'none')).toBe(true);
	});
});

describe('writing an incident down', () => {
	it('the quick entry form starts at today', async () => {
		const response = await get(`/dossier/${childId}/voorval/nieuw`, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		const fields = dateFields(today);
		for (const [name, value] of Object.entries(fields)) expect(valueOf(html, name), name).toBe(value);
		expect(isChecked(html, 'physicalViolence', 'no')).toBe(true);
	});

	it.each([
		['a day in the future', () => dateFields(addDays(today, 1)), 'dossier_error_date_future'],
		['31 February', () => ({ 'occurredOn-day': '31', 'occurredOn-month': '2', 'occurredOn-year': String(Y) }), 'dossier_error_date'],
		['no date', () => ({ 'occurredOn-day': '', 'occurredOn-month': '', 'occurredOn-year': '' }), 'dossier_error_date_required']
	])('%s: 400, the date message, the rest kept, nothing stored', async (_, date, messageKey) => {
		const before = await snapshot();
		const fields = { ...date(), forms: ['verbal', 'threats'], whatHappened: 'Hij werd uitgescholden.', physicalViolence: 'yes' };
		const response = await post(`/dossier/${childId}/voorval/nieuw`, fields, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'occurredOn', messageKey);
		expect(isChecked(html, 'forms', 'verbal')).toBe(true);
		expect(isChecked(html, 'forms', 'threats')).toBe(true);
		expect(isChecked(html, 'forms', 'physical')).toBe(false);
		expect(isChecked(html, 'physicalViolence', 'yes')).toBe(true);
		expect(textareaOf(html, 'whatHappened')).toBe('Hij werd uitgescholden.');
		for (const [name, value] of Object.entries(date())) expect(valueOf(html, name), name).toBe(value);
		expect(await snapshot()).toBe(before);
	});

	it('a 900 000-character story (under the body limit): 400 "te lang", the other input kept, nothing stored', async () => {
		const before = await snapshot();
		const fields = { ...dateFields(`${Y}-03-15`), forms: 'exclusion', whatHappened: 'x'.repeat(900_000), physicalViolence: 'no' };
		const response = await post(`/dossier/${childId}/voorval/nieuw`, fields, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'whatHappened', 'dossier_error_too_long');
		expect(errorSummary(html)).toContain('te lang');
		expect(valueOf(html, 'occurredOn-day')).toBe('15');
		expect(valueOf(html, 'occurredOn-month')).toBe('3');
		expect(valueOf(html, 'occurredOn-year')).toBe(String(Y));
		expect(isChecked(html, 'forms', 'exclusion')).toBe(true);
		expect(await snapshot()).toBe(before);
	});

	it('a date before the birth year: 400 with the birth-year message', async () => {
		const before = await snapshot();
		const response = await post(`/dossier/${childId}/voorval/nieuw`, { ...dateFields(`${thisYear - 10}-06-01`), whatHappened: 'Te vroeg' }, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'occurredOn', 'dossier_error_before_birth');
		expect(textareaOf(html, 'whatHappened')).toBe('Te vroeg');
		expect(await snapshot()).toBe(before);
	});

	it('records the quick entry (303 to the timeline), which then shows it', async () => {
		const response = await post(
			`/dossier/${childId}/voorval/nieuw`,
			{ ...dateFields(`${Y}-03-15`), approximate: 'on', forms: ['verbal', 'exclusion'], whatHappened: 'Niemand wilde met Sem spelen.', physicalViolence: 'no' },
			owner()
		);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/dossier/${childId}?voorval=1`);
		const row = await incidentByText('Niemand wilde met Sem spelen.');
		expect(row).toMatchObject({ child_id: childId, occurred_on: `${Y}-03-15`, occurred_time: null });
		expect(Number(row!.approximate)).toBe(1);
		expect(JSON.parse(row!.forms)).toEqual(['verbal', 'exclusion']);
		incidentId = row!.id;

		const page = await get(`/dossier/${childId}?voorval=1`, owner());
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(nl.dossier_notice_incident!);
		expect(html).toContain(`href="/dossier/${childId}/voorval/${incidentId}"`);
		expect(html).toContain('Niemand wilde met Sem spelen.');
	});

	it('the timeline filters by form and ignores a malformed filter', async () => {
		const none = await (await get(`/dossier/${childId}?vorm=physical`, owner())).text();
		expect(none).not.toContain(`href="/dossier/${childId}/voorval/${incidentId}"`);
		const match = await (await get(`/dossier/${childId}?vorm=exclusion&van=${Y}-03-01&tot=${Y}-03-31`, owner())).text();
		expect(match).toContain(`href="/dossier/${childId}/voorval/${incidentId}"`);
		const bad = await get(`/dossier/${childId}?vorm=%3Cscript%3E&van=gisteren&tot=${Y}-02-30`, owner());
		expect(bad.status).toBe(200);
		const html = await bad.text();
		expect(html).toContain(`href="/dossier/${childId}/voorval/${incidentId}"`);
		expect(html).not.toMatch(/<script/i);
	});

	it('details are filled in later (303 to the incident), bad details answer 400 with the input kept', async () => {
		const before = await snapshot();
		const wrong = await post(`/dossier/${childId}/voorval/${incidentId}/wijzigen`, { ...dateFields(`${Y}-03-15`), occurredTime: '24:00', absenceDays: '201', perpetrators: 'Tim' }, owner());
		expect(wrong.status).toBe(400);
		const wrongHtml = await wrong.text();
		expectRefused(wrongHtml, 'occurredTime', 'dossier_error_time');
		expectRefused(wrongHtml, 'absenceDays', 'dossier_error_absence');
		expect(valueOf(wrongHtml, 'occurredTime')).toBe('24:00');
		expect(textareaOf(wrongHtml, 'perpetrators')).toBe('Tim');
		expect(await snapshot()).toBe(before);

		const response = await post(
			`/dossier/${childId}/voorval/${incidentId}/wijzigen`,
			{
				...dateFields(`${Y}-03-16`),
				occurredTime: '12.30',
				place: 'playground',
				placeDetail: 'Bij de klimrek',
				forms: ['verbal', 'exclusion', 'physical'],
				perpetrators: 'Tim',
				witnesses: 'De overblijfmoeder',
				whatHappened: 'Niemand wilde met Sem spelen.',
				impactEmotional: 'Verdrietig',
				absenceDays: '1',
				physicalViolence: 'yes'
			},
			owner()
		);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/dossier/${childId}/voorval/${incidentId}?opgeslagen=1`);
		const row = await openRow(seed.db, 'incident', await seed.db.selectFrom('incident').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow());
		expect(row).toMatchObject({ occurred_on: `${Y}-03-16`, occurred_time: '12:30', place: 'playground', place_detail: 'Bij de klimrek', perpetrators: 'Tim', impact_emotional: 'Verdrietig' });
		expect(Number(row.approximate)).toBe(0);
		expect(Number(row.absence_days)).toBe(1);
		expect(Number(row.physical_violence)).toBe(1);

		const view = await get(`/dossier/${childId}/voorval/${incidentId}?opgeslagen=1`, owner());
		expect(view.status).toBe(200);
		const html = await view.text();
		expect(html).toContain('Bij de klimrek');
		expect(html).toContain('12:30');
		const form = await (await get(`/dossier/${childId}/voorval/${incidentId}/wijzigen`, owner())).text();
		expect(valueOf(form, 'occurredTime')).toBe('12:30');
		expect(isChecked(form, 'forms', 'physical')).toBe(true);
		expect(textareaOf(form, 'witnesses')).toBe('De overblijfmoeder');
	});

	it('a 900 000-character detail: 400 "te lang", the other details kept', async () => {
		const before = await snapshot();
		const response = await post(`/dossier/${childId}/voorval/${incidentId}/wijzigen`, { ...dateFields(`${Y}-03-16`), perpetrators: 'Tim', witnesses: 'y'.repeat(900_000) }, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'witnesses', 'dossier_error_too_long');
		expect(textareaOf(html, 'perpetrators')).toBe('Tim');
		expect(await snapshot()).toBe(before);
	});
});

describe("another family's parent", () => {
	const urls = () => [
		`/dossier/${childId}`,
		`/dossier/${childId}?vorm=verbal`,
		`/dossier/${childId}/gegevens`,
		`/dossier/${childId}/voorval/nieuw`,
		`/dossier/${childId}/voorval/${incidentId}`,
		`/dossier/${childId}/voorval/${incidentId}/wijzigen`
	];
	const actions = (): [string, Fields][] => [
		[`/dossier/${childId}/gegevens?/findSchool`, { name: 'X', birthYear: String(thisYear - 9), schoolQuery: 'Utrecht' }],
		[`/dossier/${childId}/gegevens?/save`, { name: 'Gekaapt', birthYear: String(thisYear - 9) }],
		[`/dossier/${childId}/voorval/nieuw`, { ...dateFields(`${Y}-04-01`), whatHappened: 'Van een ander' }],
		[`/dossier/${childId}/voorval/${incidentId}?/delete`, { confirm: 'yes' }],
		[`/dossier/${childId}/voorval/${incidentId}?/delete`, {}],
		[`/dossier/${childId}/voorval/${incidentId}/wijzigen`, { ...dateFields(`${Y}-04-01`), whatHappened: 'Overschreven' }]
	];

	it('gets 404 on every page of the first parent’s child and incident, without its name', async () => {
		for (const url of urls()) {
			const response = await get(url, otherParent.cookie);
			expect(response.status, url).toBe(404);
			const html = await response.text();
			expect(html, url).not.toContain('Semmie');
			expect(html, url).not.toContain('Niemand wilde');
		}
	});

	it('gets 404 on every action, and nothing changes', async () => {
		const before = await snapshot();
		for (const [url, data] of actions()) {
			const response = await post(url, data, otherParent.cookie);
			expect(response.status, url).toBe(404);
			expect(await response.text(), url).not.toContain('Semmie');
		}
		expect(await snapshot()).toBe(before);
	});

	// With JavaScript-style requests SvelteKit answers the action alone, without the page's load: the actions that
	// change something must then still check the child themselves. (The school search and the missing confirmation
	// answer before any check, the same for every child id, so they reveal nothing.)
	it('gets 404 from every changing action also when asked as JSON, and nothing changes', async () => {
		const before = await snapshot();
		const changing = actions().filter(([url, data]) => !url.endsWith('?/findSchool') && !(url.endsWith('?/delete') && !data.confirm));
		for (const [url, data] of changing) {
			const response = await fetch(app.origin + url, {
				method: 'POST',
				redirect: 'manual',
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true', origin: app.origin, cookie: otherParent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
				body: form(data)
			});
			const text = await response.text();
			expect(response.status, url).toBe(404);
			expect(JSON.parse(text), url).toMatchObject({ type: 'error' });
			expect(text, url).not.toContain('Semmie');
		}
		expect(await snapshot()).toBe(before);
	});

	it('gets the same 404 as for a child or incident that does not exist', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		for (const url of [`/dossier/${missing}`, `/dossier/${childId}/voorval/${missing}`, '/dossier/niet-een-id', `/dossier/${childId}/voorval/niet-een-id/wijzigen`]) {
			expect((await get(url, owner())).status, url).toBe(404);
		}
	});

	it("gets 404 for the first parent's incident under their own child, and nothing changes", async () => {
		const added = await post('/dossier/kind-toevoegen?/add', { name: 'Eigen', birthYear: String(thisYear - 8) }, otherParent.cookie);
		expect(added.status).toBe(303);
		const own = added.headers.get('location')!.match(/^\/dossier\/([0-9a-f-]{36})/)![1]!;
		expect((await get(`/dossier/${own}`, otherParent.cookie)).status).toBe(200);
		const before = await snapshot();
		expect((await get(`/dossier/${own}/voorval/${incidentId}`, otherParent.cookie)).status).toBe(404);
		expect((await get(`/dossier/${own}/voorval/${incidentId}/wijzigen`, otherParent.cookie)).status).toBe(404);
		expect((await post(`/dossier/${own}/voorval/${incidentId}?/delete`, { confirm: 'yes' }, otherParent.cookie)).status).toBe(404);
		expect((await post(`/dossier/${own}/voorval/${incidentId}/wijzigen`, { ...dateFields(`${Y}-04-01`), whatHappened: 'Overschreven' }, otherParent.cookie)).status).toBe(404);
		expect(await snapshot()).toBe(before);
		// Their own list does not show the first parent's child.
		const list = await (await get('/dossier', otherParent.cookie)).text();
		expect(list).toContain('Eigen');
		expect(list).not.toContain('Semmie');
		expect(list).not.toContain(childId);
	});
});

describe('others', () => {
	const urls = () => ['/dossier', '/dossier/kind-toevoegen', `/dossier/${childId}`, `/dossier/${childId}/gegevens`, `/dossier/${childId}/voorval/nieuw`, `/dossier/${childId}/voorval/${incidentId}`, `/dossier/${childId}/voorval/${incidentId}/wijzigen`];

	it('a school admin gets 403 on every page and action, and nothing changes', async () => {
		const before = await snapshot();
		const admin = seed.personas.school_admin.cookie;
		for (const url of urls()) {
			const response = await get(url, admin);
			expect(response.status, url).toBe(403);
			expect(await response.text(), url).not.toContain('Semmie');
		}
		expect((await post('/dossier/kind-toevoegen?/add', { name: 'Staf', birthYear: String(thisYear - 9) }, admin)).status).toBe(403);
		expect((await post(`/dossier/${childId}/voorval/nieuw`, { ...dateFields(`${Y}-04-01`) }, admin)).status).toBe(403);
		expect((await post(`/dossier/${childId}/voorval/${incidentId}?/delete`, { confirm: 'yes' }, admin)).status).toBe(403);
		expect(await snapshot()).toBe(before);
	});

	it('an anonymous visitor is sent to log in, and comes back to the same page', async () => {
		const before = await snapshot();
		for (const url of urls()) {
			const response = await get(url);
			expect(response.status, url).toBe(303);
			expect(response.headers.get('location'), url).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
		}
		const response = await post(`/dossier/${childId}/voorval/${incidentId}?/delete`, { confirm: 'yes' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/inloggen\?terug=/);
		expect(await snapshot()).toBe(before);
	});
});

describe('pages', () => {
	it('contain no <script> tag', async () => {
		const urls = [
			'/dossier',
			'/dossier/kind-toevoegen',
			`/dossier/${childId}`,
			`/dossier/${childId}?toegevoegd=1`,
			`/dossier/${childId}/gegevens`,
			`/dossier/${childId}/voorval/nieuw`,
			`/dossier/${childId}/voorval/${incidentId}`,
			`/dossier/${childId}/voorval/${incidentId}/wijzigen`
		];
		for (const url of urls) {
			const response = await get(url, owner());
			expect(response.status, url).toBe(200);
			expect(await response.text(), url).not.toMatch(/<script/i);
		}
	});
});

describe('deleting an incident', () => {
	it('without the confirmation: 400 with the error summary, nothing deleted', async () => {
		const before = await snapshot();
		const response = await post(`/dossier/${childId}/voorval/${incidentId}?/delete`, {}, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expectRefused(html, 'confirm', 'dossier_error_confirm_delete');
		expect(html).toContain('Bij de klimrek');
		const wrong = await post(`/dossier/${childId}/voorval/${incidentId}?/delete`, { confirm: 'ja' }, owner());
		expect(wrong.status).toBe(400);
		expect(await snapshot()).toBe(before);
	});

	it('with the confirmation: 303 to the timeline, the incident gone', async () => {
		const response = await post(`/dossier/${childId}/voorval/${incidentId}?/delete`, { confirm: 'yes' }, owner());
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/dossier/${childId}?verwijderd=1`);
		expect(await seed.db.selectFrom('incident').select('id').where('id', '=', incidentId).executeTakeFirst()).toBeUndefined();
		const page = await get(`/dossier/${childId}?verwijderd=1`, owner());
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(nl.dossier_notice_deleted!);
		expect(html).not.toContain(incidentId);
		expect((await get(`/dossier/${childId}/voorval/${incidentId}`, owner())).status).toBe(404);
	});
});
