/**
 * The retention page over HTTP (issue 11 item 10, decision 0026), against the built app: the school's coordinator and
 * school admin read the period with an example by the rule itself, reach it from the school's home page and set it
 * (303, a success banner, audited); every other role, at this school or another, gets the same 404 as for a school that
 * does not exist, on the page and on the form; bad input answers 400 with the message in the user's language at the
 * field and the input kept; the page ships no script.
 *
 * The tests in this file share one app and run in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { todayInNetherlands, formatDate } from '../../src/lib/i18n/locale';
import { removableFrom } from '../../src/lib/cases/retention';
import { paths } from '../../src/lib/paths';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { addPersona, seedPersonas, type Persona, type Seed } from './support/personas';

const messages = (locale: string) => JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}.json`), 'utf8')) as Record<string, string>;
const nl = messages('nl');
const en = messages('en');
const CODE = '98ZZ00';
const OTHER_CODE = '97ZZ00';
const ABSENT_CODE = '00ZZ99';
const url = paths.schoolRetention(CODE);

let app: AppServer;
let seed: Seed;
let otherCoordinator: Persona;
let otherAdmin: Persona;

const { get, post } = browserClient(() => app.origin);
const p = () => seed.personas;

beforeAll(async () => {
	const dataDir = makeTempDir('pw-retention-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherCoordinator = await addPersona(seed.db, 'coordinator', { schoolId: seed.otherSchoolId });
	otherAdmin = await addPersona(seed.db, 'school_admin', { schoolId: seed.otherSchoolId });
});
afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

function errorSummary(html: string): string {
	return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

function valueOf(html: string, name: string): string | undefined {
	return [...html.matchAll(/<input\b(?:[^>"]|"[^"]*")*>/g)].map((m) => m[0]).find((tag) => tag.includes(` name="${name}"`))?.match(/\svalue="([^"]*)"/)?.[1];
}

/** The example on the page: a case closed today goes from the day the rule gives, written in the page's language. */
function example(locale: 'nl' | 'en', years: number): string {
	const today = todayInNetherlands();
	const text = (locale === 'nl' ? nl : en).case_retention_example_case!;
	return text.replace('{today}', formatDate(today, locale)).replace('{date}', formatDate(removableFrom(today, years), locale));
}

const storedPeriod = async () => (await seed.db.selectFrom('case_retention').select('school_years').where('school_id', '=', seed.schoolId).executeTakeFirst())?.school_years;

describe('the retention page', () => {
	it('shows the coordinator and the school admin the period of now, with an example by the rule, and no script', async () => {
		for (const persona of [p().coordinator, p().school_admin]) {
			const response = await get(url, persona.cookie);
			expect(response.status, persona.role).toBe(200);
			const html = await response.text();
			expect(html).toContain(`<h1>${nl.case_retention_title}</h1>`);
			expect(html).toContain(`<label class="field__label" for="schoolYears">${nl.case_retention_field_label}</label>`);
			expect(valueOf(html, 'schoolYears')).toBe('2');
			expect(html).toContain(example('nl', 2));
			expect(html).toContain(nl.case_retention_hold_title);
			expect(html).toContain(nl.case_retention_hold_report);
			expect(html).not.toMatch(/<script\b/);
			expect(response.headers.get('cache-control')).toContain('no-store');
		}
	});

	it('is linked from the school’s home page for those two roles only', async () => {
		for (const persona of [p().coordinator, p().school_admin]) expect(await (await get(paths.schoolHome(CODE), persona.cookie)).text(), persona.role).toContain(`href="${url}"`);
		for (const persona of [p().aanspreekpunt, p().mentor, p().vertrouwenspersoon, p().zorgcoordinator, p().board_analyst]) {
			const home = await get(paths.schoolHome(CODE), persona.cookie);
			expect(home.status, persona.role).toBe(200);
			expect(await home.text(), persona.role).not.toContain('/bewaartermijn');
		}
	});

	it('sets the period: 303 to a success banner, the example follows, audited', async () => {
		const saved = await post(`${url}?/save`, { schoolYears: '3' }, p().school_admin.cookie);
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`${url}?opgeslagen=1`);
		const page = await (await get(saved.headers.get('location')!, p().school_admin.cookie)).text();
		expect(page).toContain(nl.case_retention_saved_title);
		expect(page).toContain(nl.case_retention_saved_text!.replace('{years}', '3 schooljaren'));
		expect(valueOf(page, 'schoolYears')).toBe('3');
		expect(page).toContain(example('nl', 3));
		expect(await storedPeriod()).toBe(3);

		expect((await post(`${url}?/save`, { schoolYears: '1' }, p().coordinator.cookie)).status).toBe(303);
		expect(await (await get(url, p().coordinator.cookie)).text()).toContain(example('nl', 1));
		const audit = await seed.db.selectFrom('audit_event').select(['actor_user_id', 'detail']).where('action', '=', 'case.retention.set').orderBy('seq').execute();
		expect(audit.map((a) => [a.actor_user_id, JSON.parse(a.detail) as unknown])).toEqual([
			[p().school_admin.userId, { schoolYears: 3 }],
			[p().coordinator.userId, { schoolYears: 1 }]
		]);
		expect((await post(`${url}?/save`, { schoolYears: '2' }, p().coordinator.cookie)).status).toBe(303);
	});

	it('gives every other role, here or at another school, the same 404 as a school that does not exist, on the page and the form', async () => {
		const outsiders: [string, Persona][] = [
			['aanspreekpunt', p().aanspreekpunt],
			['vertrouwenspersoon', p().vertrouwenspersoon],
			['mentor', p().mentor],
			['zorgcoordinator', p().zorgcoordinator],
			['board analyst of the school’s board', p().board_analyst],
			['parent', p().parent],
			['platform admin', p().platform_admin],
			["another school's coordinator", otherCoordinator],
			["another school's school admin", otherAdmin]
		];
		const normalised = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""').replaceAll(ABSENT_CODE, '<code>').replaceAll(CODE, '<code>');
		for (const [who, persona] of outsiders) {
			const absent = await get(paths.schoolRetention(ABSENT_CODE), persona.cookie);
			expect(absent.status, who).toBe(404);
			const page = await get(url, persona.cookie);
			expect(page.status, who).toBe(404);
			expect(normalised(await page.text()), who).toBe(normalised(await absent.text()));
			expect((await post(`${url}?/save`, { schoolYears: '7' }, persona.cookie)).status, who).toBe(404);
			// Bad input does not tell them more: still 404.
			expect((await post(`${url}?/save`, { schoolYears: 'abc' }, persona.cookie)).status, who).toBe(404);
		}
		// Their own school is theirs to set.
		expect((await get(paths.schoolRetention(OTHER_CODE), otherAdmin.cookie)).status).toBe(200);
		expect(await storedPeriod()).toBe(2);
	});

	it('sends an anonymous visitor to log in', async () => {
		const response = await get(url);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
	});

	it.each([
		['0', '0'],
		['11', '11'],
		['abc', 'abc'],
		['1 MB of text', 'a'.repeat(1_000_000)]
	])('refuses %s with a 400, the message at the field and the input kept', async (_, value) => {
		const response = await post(`${url}?/save`, { schoolYears: value }, p().coordinator.cookie);
		expect(response.status).toBe(400);
		const html = await response.text();
		const summary = errorSummary(html);
		expect(summary).toContain(nl.case_error_retention_years);
		expect(summary).toContain('href="#schoolYears"');
		expect(html).toMatch(/<title>Fout: /);
		expect(html).toMatch(/<input[^>]*id="schoolYears"[^>]*aria-invalid="true"/);
		expect(valueOf(html, 'schoolYears')).toBe(value);
		// The example stays that of the stored period.
		expect(html).toContain(example('nl', 2));
		expect(html).not.toContain(nl.case_retention_saved_title);
		expect(await storedPeriod()).toBe(2);
	});

	it('speaks English to staff who chose English, in the message too', async () => {
		const cookie = `${p().school_admin.cookie}; PARAGLIDE_LOCALE=en`;
		const page = await (await get(url, cookie)).text();
		expect(page).toContain('<html lang="en"');
		expect(page).toContain(`<h1>${en.case_retention_title}</h1>`);
		expect(page).toContain(example('en', 2));
		const refused = await post(`${url}?/save`, { schoolYears: '12' }, cookie);
		expect(refused.status).toBe(400);
		const html = await refused.text();
		expect(errorSummary(html)).toContain(en.case_error_retention_years);
		expect(valueOf(html, 'schoolYears')).toBe('12');
	});
});
