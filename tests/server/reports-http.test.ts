/**
 * Reporting to a school over HTTP (issue 11 items 1 and 2), against the built app: the form where a school takes
 * reports and the other routes where it does not, the receipt shown once and never stored by a browser, bad input
 * answered with the input kept, and the way back with the receipt code and passphrase.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { addAanspreekpunt } from '../../src/lib/server/testing/school-rows';
import { minimalPdf } from '../../src/lib/server/testing/sample-files';
import { openReceipt, replyToReporter } from '../../src/lib/server/reports/report.service';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { findUserById } from '../../src/lib/server/auth/user.repository';
import { englishPath, paths } from '../../src/lib/paths';
import { browserClient, followRedirect, browserHeaders, startApp, type AppServer } from './support/app-server';
import { SEEDED_REPORT, seedPersonas, type Seed } from './support/personas';

/** Takes reports: the seeded school of the staff personas, given an aanspreekpunt below. */
const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;
const OPEN = '98ZZ00';
/** Has no aanspreekpunt on its profile. */
const CLOSED = '97ZZ00';
const CANARY = 'kanarie-melding-5d1e';

let app: AppServer;
let seed: Seed;
let dataDir: string;

beforeAll(async () => {
	dataDir = makeTempDir('pw-reports-');
	app = await startApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
	seed = await seedPersonas(dataDir);
	await addAanspreekpunt(seed.db, seed.schoolId);
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get, post } = browserClient(() => app.origin);

const png = async () => new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).png().toBuffer());

function sendReport(fields: Record<string, string | string[]>, files: { bytes: Uint8Array; name: string; type: string }[] = [], url = paths.schoolReportForm(OPEN)): Promise<Response> {
	const body = new FormData();
	for (const [key, value] of Object.entries(fields)) for (const item of typeof value === 'string' ? [value] : value) body.append(key, item);
	for (const file of files) body.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
	return fetch(app.origin + url, { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin), body });
}

const GOOD = {
	reporterKind: 'pupil',
	whatHappened: `Ze pakken elke pauze mijn tas af. ${CANARY}`,
	occurredAround: 'this_week',
	place: 'Schoolplein',
	peopleInvolved: 'Twee jongens uit groep 8',
	forms: ['belongings', 'verbal'],
	motives: ['appearance'],
	ongoing: 'yes',
	identity: 'anonymous'
};

const receiptOf = (html: string) => ({
	code: html.match(/data-testid="receipt-code">([^<]+)</)?.[1],
	passphrase: html.match(/data-testid="receipt-passphrase">([^<]+)</)?.[1]
});

const reportCount = async () => Number((await seed.db.selectFrom('report').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

function cookieOf(response: Response): string | undefined {
	const set = response.headers.getSetCookie().find((c) => c.startsWith('pw_report='));
	return set?.split(';')[0];
}

describe('the report page', () => {
	it('offers the form where the school has an aanspreekpunt, with 112 and the Kindertelefoon first', async () => {
		const response = await get(paths.schoolReportForm(OPEN));
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const html = await response.text();
		expect(html).toContain('Ben je nu in gevaar?');
		expect(html).toContain('href="tel:112"');
		expect(html).toContain('href="tel:08000432"');
		expect(html.indexOf('href="tel:112"')).toBeLessThan(html.indexOf('<form method="post" enctype'));
		expect(html).toMatch(/<form method="post" enctype="multipart\/form-data"/);
		expect(html).toContain('name="whatHappened"');
		expect(html).not.toMatch(/<script/i);
	});

	it('has an English address, linked from the English school page', async () => {
		const english = englishPath(paths.schoolReportForm(OPEN));
		expect(english).toBe(`/en/schools/${OPEN}/report`);
		const response = await get(english);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<html lang="en"');
		expect(html).toContain('Are you in danger right now?');
		const schoolPage = await (await get(englishPath(paths.schoolPage(OPEN)))).text();
		expect(schoolPage).toContain(`href="${english}"`);
		const dutchSchoolPage = await (await get(paths.schoolPage(OPEN))).text();
		expect(dutchSchoolPage).toContain(`href="${paths.schoolReportForm(OPEN)}"`);
	});

	it('gives a school without an aanspreekpunt no form, but other routes', async () => {
		const response = await get(paths.schoolReportForm(CLOSED));
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('neemt nog geen meldingen aan via Pestwijzer');
		expect(html).not.toContain('name="whatHappened"');
		expect(html).toContain(`href="${paths.schoolPage(CLOSED)}"`);
		expect(html).toContain('href="/gids/stappenplan-in-school"');
		expect(html).toContain('href="tel:112"');
		expect(await (await get(paths.schoolPage(CLOSED))).text()).not.toContain(paths.schoolReportForm(CLOSED));
		const before = await reportCount();
		expect((await sendReport(GOOD, [], paths.schoolReportForm(CLOSED))).status).toBe(404);
		expect(await reportCount()).toBe(before);
	});

	it('answers 404 for a school that does not exist', async () => {
		expect((await get(paths.schoolReportForm('00XX00'))).status).toBe(404);
	});
});

describe('sending a report', () => {
	it('shows the receipt once, in an answer no browser keeps, and stores the report sealed without its sender', async () => {
		const before = await reportCount();
		const sent = await sendReport(GOOD, [{ bytes: await png(), name: 'screenshot.png', type: 'image/png' }]);
		// Redirected to the page itself, so a reload cannot send it again; the receipt crosses in one sealed cookie.
		expect(sent.status).toBe(303);
		expect(sent.headers.get('location')).toBe(`${paths.schoolReportForm(OPEN)}?verstuurd`);
		const setCookies = sent.headers.getSetCookie();
		expect(setCookies).toHaveLength(1);
		expect(setCookies[0]).toMatch(/^pw_receipt=[\w-]+; Max-Age=120; Path=\/; HttpOnly; SameSite=Strict$/);
		const response = await followRedirect(app.origin, sent);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		// Shown once: the page deletes the cookie, and a reload says the receipt was shown.
		expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^pw_receipt=; Max-Age=0; Path=\/; HttpOnly; SameSite=Strict/)]);
		const html = await response.text();
		const receipt = receiptOf(html);
		const reloaded = await (await get(`${paths.schoolReportForm(OPEN)}?verstuurd`)).text();
		expect(reloaded).toContain(nl.report_sent_shown_once);
		expect(reloaded).not.toContain('data-testid="receipt-code"');
		expect(reloaded).not.toContain(receipt.code);
		expect(receipt.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
		expect(receipt.passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
		expect(html).toContain('Schrijf ze nu op');
		expect(await reportCount()).toBe(before + 1);
		// The one online report besides the parent's seeded one (personas.ts).
		const row = await seed.db.selectFrom('report').selectAll().where('id', '!=', SEEDED_REPORT.report).executeTakeFirstOrThrow();
		expect(row.anonymous).toBe(1);
		expect(row.reporter_name).toBeNull();
		expect(JSON.stringify(row)).not.toContain(CANARY);
		expect(await seed.db.selectFrom('report_attachment').selectAll().where('report_id', '=', row.id).execute()).toHaveLength(1);
		// Neither the code nor the passphrase is stored as typed.
		expect(JSON.stringify(row)).not.toContain(receipt.code!.replace('-', ''));
	});

	it('writes no path of a report route in the request log', async () => {
		await sendReport(GOOD);
		await get(paths.report);
		const lines = app.output().split('\n').filter((line) => line.includes('"msg":"request"'));
		const reportLines = lines.filter((line) => line.includes('melden') || line.includes('melding'));
		expect(reportLines.length).toBeGreaterThan(0);
		for (const line of reportLines) {
			expect(line).not.toContain(OPEN);
			expect(line).not.toContain('"path"');
		}
		// A control: other pages do log their path.
		expect(lines.some((line) => line.includes(`"path":"/scholen/${OPEN}"`))).toBe(true);
	});

	it.each([
		['no story', { whatHappened: '' }, 'whatHappened', 'Vertel kort wat er is gebeurd.'],
		['a day in the future', { 'occurredOn-day': '1', 'occurredOn-month': '1', 'occurredOn-year': '2099' }, 'occurredOn', 'Deze datum ligt in de toekomst.'],
		['a day that does not exist', { 'occurredOn-day': '31', 'occurredOn-month': '2', 'occurredOn-year': '2026' }, 'occurredOn', 'Deze datum bestaat niet.'],
		['control characters', { place: 'plein\u0007' }, 'place', 'Hier staan tekens in die we niet kunnen opslaan.'],
		['a megabyte of text', { whatHappened: 'x'.repeat(1024 * 1024) }, 'whatHappened', 'Deze tekst is te lang.'],
		['a name missing when named', { identity: 'named', reporterName: '' }, 'reporterName', 'Vul je naam in'],
		['an unknown motive', { motives: ['appearance', 'hacker'] }, 'motives', 'Kies een van de mogelijkheden.']
	])('refuses %s with a message and keeps what was typed', async (_, change, field, message) => {
		const before = await reportCount();
		const typed = { ...GOOD, peopleInvolved: '<b>Sam</b> & "Kim"', ...change };
		const response = await sendReport(typed);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain(message);
		expect(html).toContain(`href="#${field}"`);
		// Markup comes back as text, in the field.
		expect(html).toContain('&lt;b>Sam&lt;/b> &amp; "Kim"</textarea>');
		expect(html).toMatch(/name="forms" value="belongings" checked/);
		expect(html).not.toContain('data-testid="receipt-code"');
		expect(await reportCount()).toBe(before);
	});

	it('refuses a file that is not a photo, names it, keeps the text and stores nothing', async () => {
		const filesDir = path.join(dataDir, 'files');
		const storedFiles = () => (fs.existsSync(filesDir) ? fs.readdirSync(filesDir, { recursive: true }).length : 0);
		const filesBefore = storedFiles();
		const before = await reportCount();
		const response = await sendReport(GOOD, [
			{ bytes: await png(), name: 'goed.png', type: 'image/png' },
			{ bytes: minimalPdf(), name: 'brief.pdf', type: 'application/pdf' }
		]);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('brief.pdf: Dit is geen foto.');
		expect(html).toContain('Kies ze opnieuw');
		expect(html).toContain(CANARY);
		expect(await reportCount()).toBe(before);
		// The photo that passed the check is not kept either.
		expect(storedFiles()).toBe(filesBefore);
	});
});

describe('coming back with the receipt', () => {
	let receipt: { code?: string; passphrase?: string };

	beforeAll(async () => {
		receipt = receiptOf(await (await followRedirect(app.origin, await sendReport({ ...GOOD, whatHappened: `Terugkomen ${CANARY}` }))).text());
	});

	it('asks for the code and passphrase', async () => {
		const response = await get(paths.report);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const html = await response.text();
		expect(html).toContain('name="receiptCode"');
		expect(html).toContain('name="passphrase"');
		expect((await get('/en/report')).status).toBe(200);
	});

	it('answers an unknown code and a wrong passphrase with the same words, and keeps no passphrase', async () => {
		const unknown = await post(`${paths.report}?/open`, { receiptCode: 'ZZZZZ-ZZZZZ', passphrase: receipt.passphrase! });
		const wrong = await post(`${paths.report}?/open`, { receiptCode: receipt.code!, passphrase: 'AAAA-AAAA-AAAA-AAAA' });
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(400);
		const [a, b] = [await unknown.text(), await wrong.text()];
		const message = (html: string) => html.match(/<p class="field__error"[^>]*>([\s\S]*?)<\/p>/)?.[1];
		expect(message(a)).toBeDefined();
		expect(message(a)).toBe(message(b));
		expect(b).toContain(`value="${receipt.code}"`);
		expect(b).not.toContain('AAAA-AAAA');
		expect(unknown.headers.getSetCookie()).toEqual([]);
	});

	it('opens the report for this browser, shows the school’s reply, takes an answer and closes again', async () => {
		const opened = await post(`${paths.report}?/open`, { receiptCode: receipt.code!.toLowerCase(), passphrase: receipt.passphrase!.replaceAll('-', ' ') });
		expect(opened.status).toBe(303);
		const set = opened.headers.getSetCookie().find((c) => c.startsWith('pw_report='))!;
		expect(set).toMatch(/HttpOnly/i);
		expect(set).toMatch(/SameSite=Strict/i);
		expect(set).toMatch(/Max-Age=1800/);
		const cookie = cookieOf(opened)!;

		let html = await (await get(paths.report, cookie)).text();
		expect(html).toContain(`Terugkomen ${CANARY}`);
		expect(html).toContain('Er zijn nog geen berichten.');

		// The school answers (its pages come later in this issue): the report found as the app finds it, by receipt.
		const found = await openReceipt(seed.db, receipt.code!, receipt.passphrase!, 'test');
		if (!found.ok) throw new Error('the receipt should open the report');
		const actor = await loadActor(seed.db, (await findUserById(seed.db, seed.personas.aanspreekpunt.userId))!);
		await replyToReporter(seed.db, actor, OPEN, found.report.id, 'Dank je. We gaan met je praten.');
		html = await (await get(paths.report, cookie)).text();
		expect(html).toContain('Dank je. We gaan met je praten.');
		expect(html).toContain('De school heeft je melding gelezen.');

		const answered = await post(`${paths.report}?/message`, { body: 'Het gebeurde vandaag weer.' }, cookie);
		expect(answered.status).toBe(303);
		expect(answered.headers.get('location')).toBe(`${paths.report}?verzonden`);
		html = await (await get(`${paths.report}?verzonden`, cookie)).text();
		expect(html).toContain('Het gebeurde vandaag weer.');
		expect(html).toContain('Je bericht is verstuurd.');

		const empty = await post(`${paths.report}?/message`, { body: '   ' }, cookie);
		expect(empty.status).toBe(400);
		expect(await empty.text()).toContain('Schrijf eerst je bericht.');

		const closed = await post(`${paths.report}?/close`, {}, cookie);
		expect(closed.status).toBe(303);
		expect(closed.headers.getSetCookie().some((c) => c.startsWith('pw_report=;'))).toBe(true);
	});

	it('keeps a message written after the half hour, and sends it once the report is opened again', async () => {
		const lost = await post(`${paths.report}?/message`, { body: 'Nog iets belangrijks.' });
		expect(lost.status).toBe(401);
		const html = await lost.text();
		expect(html).toContain('want er zijn 30 minuten voorbij');
		expect(html).toContain('<input type="hidden" name="body" value="Nog iets belangrijks."');
		const opened = await post(`${paths.report}?/open`, { receiptCode: receipt.code!, passphrase: receipt.passphrase!, body: 'Nog iets belangrijks.' });
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe(`${paths.report}?verzonden`);
		expect(await (await get(paths.report, cookieOf(opened))).text()).toContain('Nog iets belangrijks.');
	});

	it('ignores an altered cookie', async () => {
		const html = await (await get(paths.report, 'pw_report=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).text();
		expect(html).toContain('name="receiptCode"');
	});
});
