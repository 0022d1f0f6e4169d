/**
 * The school profile over HTTP (issue 4), against the built app: forms answer bad input with 400, an error summary
 * and the input kept; PDF uploads are checked by content and served as sandboxed downloads; the public school page
 * shows only what the school published; the duty dashboard and the board table follow the profile.
 *
 * The tests in this file share one school (98ZZ00) and run in order: the dashboard starts empty, the documents
 * come before the public page that lists them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { minimalPdf, tinyPng } from '../../src/lib/server/testing/sample-files';
import { browserClient, browserHeaders, form, startApp, type AppServer } from './support/app-server';
import { seedPersonas, type Seed } from './support/personas';

const SCHOOL = '98ZZ00';

/** A minimal, well-formed PDF. */
const PDF = Buffer.from(minimalPdf());
/** A real (tiny) PNG. */
const PNG = Buffer.from(tinyPng());

let app: AppServer;
let seed: Seed;
let dataDir: string;

beforeAll(async () => {
	dataDir = makeTempDir('pw-profile-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

// Helpers

const admin = () => seed.personas.school_admin.cookie;

const { get, post } = browserClient(() => app.origin);

function upload(kind: string, data: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }): Promise<Response> {
	const body = new FormData();
	for (const [key, value] of Object.entries(data)) body.set(key, value);
	if (file) body.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
	return fetch(`${app.origin}/school/${SCHOOL}/profiel/documenten/${kind}`, { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin, admin()), body });
}

/**
 * A POST on a connection of its own (no keep-alive pool), for bodies the server refuses before reading them:
 * the refused connection cannot then spoil the next request of another test.
 */
function postAlone(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const request = http.request(app.origin + url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (d) => (text += d));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
		});
		// The server may answer and close before it has read the whole body.
		request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
		request.end(body);
	});
}

async function profileState(): Promise<string> {
	const [profile, contacts, documents] = await Promise.all([
		seed.db.selectFrom('school_profile').selectAll().execute(),
		seed.db.selectFrom('school_contact').selectAll().orderBy('kind').execute(),
		seed.db.selectFrom('school_document').selectAll().orderBy('kind').execute()
	]);
	const dir = path.join(dataDir, 'files');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
	return JSON.stringify({ profile, contacts, documents, files });
}

/** The <input> tags for one field name. */
function inputs(html: string, name: string): string[] {
	return [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(` name="${name}"`));
}

function isChecked(html: string, name: string, value: string): boolean {
	return inputs(html, name).some((tag) => tag.includes(` value="${value}"`) && /\schecked(=|\s|\/|>)/.test(tag));
}

function valueOf(html: string, name: string): string | undefined {
	const tag = inputs(html, name)[0];
	return tag?.match(/\svalue="([^"]*)"/)?.[1];
}

/** The duty cards of the dashboard: duty → status text. */
function dutyCards(html: string): Record<string, string> {
	const cards: Record<string, string> = {};
	for (const match of html.matchAll(/<section class="card" aria-labelledby="duty-([a-z_]+)">([\s\S]*?)<\/section>/g)) {
		cards[match[1]!] = match[2]!.match(/<span class="tag tag--[a-z]+">([^<]+)<\/span>/)?.[1] ?? '';
	}
	return cards;
}

// Tests

describe('the duty dashboard before anything is filled in', () => {
	it('shows all six duties as Onbekend', async () => {
		const response = await get(`/school/${SCHOOL}/wettelijke-taken`, admin());
		expect(response.status).toBe(200);
		const cards = dutyCards(await response.text());
		expect(Object.keys(cards).sort()).toEqual(['aanspreekpunt_public', 'complaints_procedure', 'coordination_and_aanspreekpunt', 'monitor', 'mr_consent', 'safety_policy']);
		expect(Object.values(cards)).toEqual(Array(6).fill('Onbekend'));
	});
});

describe('profile forms with bad input', () => {
	it.each([
		['an invalid e-mail', 'aanspreekpunt', { member: 'other', name: 'Piet Jansen', email: 'piet-at-school', public: 'on' }, 'email', 'Vul een e-mailadres in zoals naam@school.nl.'],
		['a phone number with letters', 'coordinator', { member: 'other', name: 'Piet Jansen', phone: '030-ABC-4567', public: 'on' }, 'phone', 'Vul een telefoonnummer in van 10 cijfers, zoals 030 123 45 67.'],
		['an http:// commission link', 'klachten', { commission: 'other', commissionName: 'Commissie Zuid', commissionUrl: 'http://commissie-zuid.nl/klacht' }, 'commissionUrl', 'Vul een link in die begint met https://.'],
		['31 February on the monitor', 'monitor', { instrument: 'Vragenlijst', 'monitorOn-day': '31', 'monitorOn-month': '2', 'monitorOn-year': '2026' }, 'monitorOn', 'Vul een bestaande datum in, zoals 15 3 2026.'],
		['consent without a date', 'instemming-mr', { consent: 'yes' }, 'consentOn', 'Vul de datum van de instemming in.']
	])('%s: 400, an error summary with the message, the input kept, nothing saved', async (_, slug, data, field, message) => {
		const before = await profileState();
		const response = await post(`/school/${SCHOOL}/profiel/${slug}?/save`, data, admin());
		expect(response.status).toBe(400);
		const html = await response.text();
		const summary = html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
		expect(summary).toContain(message);
		expect(summary).toContain(`href="#${field}"`);
		expect(html).toMatch(/<title>Fout: /);
		for (const [name, value] of Object.entries(data)) {
			if (['member', 'commission', 'consent', 'public'].includes(name)) expect(isChecked(html, name, value), `${name} checked`).toBe(true);
			else expect(valueOf(html, name), name).toBe(value);
		}
		expect(await profileState()).toBe(before);
	});

	it('a random account id as the person: 400 with the team message, nothing saved', async () => {
		const before = await profileState();
		const response = await post(`/school/${SCHOOL}/profiel/vertrouwenspersoon-intern?/save`, { member: crypto.randomUUID(), jobTitle: 'Intern begeleider', public: 'on' }, admin());
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('class="error-summary"');
		expect(html).toContain('Deze persoon hoort niet bij het team. Kies opnieuw.');
		expect(valueOf(html, 'jobTitle')).toBe('Intern begeleider');
		expect(await profileState()).toBe(before);
	});

	it('a team member as the person: saved (303) with the account linked and its name', async () => {
		const member = seed.personas.coordinator;
		const response = await post(`/school/${SCHOOL}/profiel/coordinator?/save`, { member: member.userId, email: 'coordinator@testschool-a.nl', public: 'on' }, admin());
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/school/${SCHOOL}/profiel?opgeslagen=1`);
		const row = await seed.db.selectFrom('school_contact').selectAll().where('school_id', '=', seed.schoolId).where('kind', '=', 'coordinator').executeTakeFirstOrThrow();
		expect(row).toMatchObject({ user_id: member.userId, name: 'coordinator', email: 'coordinator@testschool-a.nl' });
		// The form shows the member chosen.
		const page = await get(`/school/${SCHOOL}/profiel/coordinator`, admin());
		expect(isChecked(await page.text(), 'member', member.userId)).toBe(true);
	});
});

describe('document uploads', () => {
	it('a real PDF is stored (303) and downloaded with the same bytes as a sandboxed attachment', async () => {
		const response = await upload('veiligheidsbeleid', { status: 'file' }, { bytes: PDF, name: 'veiligheidsbeleid.pdf', type: 'application/pdf' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/school/${SCHOOL}/profiel?opgeslagen=1`);
		const download = await get(`/scholen/${SCHOOL}/documenten/veiligheidsbeleid`);
		expect(download.status).toBe(200);
		expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect(download.headers.get('content-security-policy')).toMatch(/(^|;\s*)sandbox(;|$)/);
		// Encrypted at rest: the bytes on disk are not the PDF.
		const row = await seed.db.selectFrom('school_document').selectAll().where('school_id', '=', seed.schoolId).where('kind', '=', 'safety_policy').executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'file', file_size: PDF.byteLength });
		const stored = fs.readFileSync(path.join(dataDir, 'files', row.file_key!.slice(0, 2), row.file_key!));
		expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
	});

	it('a PNG named x.pdf and sent as application/pdf: 400, not a PDF, the choice kept, nothing stored', async () => {
		const before = await profileState();
		const response = await upload('pestprotocol', { status: 'file' }, { bytes: PNG, name: 'x.pdf', type: 'application/pdf' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('class="error-summary"');
		expect(html).toContain('Dit bestand is geen PDF. Kies een PDF-bestand.');
		expect(isChecked(html, 'status', 'file')).toBe(true);
		expect(await profileState()).toBe(before);
	});

	it('a PNG does not replace the PDF already there', async () => {
		const response = await upload('veiligheidsbeleid', { status: 'file' }, { bytes: PNG, name: 'x.pdf', type: 'application/pdf' });
		expect(response.status).toBe(400);
		const download = await get(`/scholen/${SCHOOL}/documenten/veiligheidsbeleid`);
		expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
	});

	it('a 6 MB PDF: 400 with the too-large message (the app limit, not a 413 from the server)', async () => {
		const before = await profileState();
		const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
		PDF.copy(big, 0, 0, 9);
		big.write('\n%%EOF\n', big.length - 8, 'latin1');
		const response = await upload('pestprotocol', { status: 'file' }, { bytes: big, name: 'groot.pdf', type: 'application/pdf' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Het bestand is te groot. Het mag hoogstens 5 MB zijn.');
		expect(isChecked(html, 'status', 'file')).toBe(true);
		expect(await profileState()).toBe(before);
	});

	it('an http:// link: 400, the link kept', async () => {
		const before = await profileState();
		const response = await upload('klachtenregeling', { status: 'link', url: 'http://testschool-a.nl/klachtenregeling.pdf' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('class="error-summary"');
		expect(html).toContain('Vul een link in die begint met https://.');
		expect(valueOf(html, 'url')).toBe('http://testschool-a.nl/klachtenregeling.pdf');
		expect(isChecked(html, 'status', 'link')).toBe(true);
		expect(await profileState()).toBe(before);
	});

	it('an https link: saved, and the public download route redirects (303) to it', async () => {
		const url = 'https://testschool-a.nl/documenten/klachtenregeling.pdf';
		const response = await upload('klachtenregeling', { status: 'link', url });
		expect(response.status).toBe(303);
		const download = await get(`/scholen/${SCHOOL}/documenten/klachtenregeling`);
		expect(download.status).toBe(303);
		expect(download.headers.get('location')).toBe(url);
	});

	it('a document the school does not have, or never filled in, is not downloadable (404)', async () => {
		expect((await upload('schoolgids', { status: 'absent' })).status).toBe(303);
		expect((await get(`/scholen/${SCHOOL}/documenten/schoolgids`)).status).toBe(404);
		expect((await get(`/scholen/${SCHOOL}/documenten/protocol-online-pesten`)).status).toBe(404);
		expect((await get(`/scholen/${SCHOOL}/documenten/bestaat-niet`)).status).toBe(404);
	});
});

describe('body size', () => {
	const big = form({ name: 'x'.repeat(1024 * 1024 + 1) }).toString();

	it.each([
		['an anonymous log-in', '/inloggen', false],
		['a profile save', `/school/${SCHOOL}/profiel/aanspreekpunt?/save`, true],
		['a page without actions', '/', false]
	])('a form post over 1 MiB to %s gets 413', async (_, url, signedIn) => {
		const before = await profileState();
		const response = await postAlone(url, big, { ...browserHeaders(app.origin, signedIn ? admin() : undefined), 'content-type': 'application/x-www-form-urlencoded' });
		expect(response.status).toBe(413);
		expect(await profileState()).toBe(before);
	});

	it('a JSON body over 1 MiB gets 413 too', async () => {
		const response = await postAlone('/inloggen', JSON.stringify({ x: big }), { ...browserHeaders(app.origin), 'content-type': 'application/json' });
		expect(response.status).toBe(413);
	});

	it('after a 413 the client can go on: the server closes that connection instead of keeping a half-read one', async () => {
		for (let i = 0; i < 3; i++) {
			const refused = await post('/', { name: 'x'.repeat(1024 * 1024 + 1) });
			expect(refused.status).toBe(413);
			expect(refused.headers.get('connection')).toBe('close');
			await refused.text();
			const next = await get('/gids');
			expect(next.status).toBe(200);
		}
	});

	// A body streamed without a content-length is counted as it arrives (src/lib/server/http/body-limit.ts).
	it('a chunked form post over 1 MiB (no content-length) gets 413', async () => {
		const bytes = new TextEncoder().encode(form({ displayName: 'x'.repeat(2 * 1024 * 1024), email: 'chunked@example.nl' }).toString());
		const body = new ReadableStream({
			start(controller) {
				controller.enqueue(bytes);
				controller.close();
			}
		});
		const response = await fetch(`${app.origin}/registreren`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), 'content-type': 'application/x-www-form-urlencoded' },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
	});

	it('a multipart post over 1 MiB to a route without uploads gets 413', async () => {
		const body = new FormData();
		body.set('email', 'groot@example.nl');
		body.set('password', 'x'.repeat(2 * 1024 * 1024));
		const response = await fetch(`${app.origin}/inloggen`, { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin), body });
		expect(response.status).toBe(413);
	});

	// A body that is not a readable form is the client's mistake: 400 (readFormData in src/lib/server/http/form.ts), never a 500.
	it.each([
		['a log-in', '/inloggen', undefined],
		['a document upload', `/school/${SCHOOL}/profiel/documenten/pestprotocol`, 'admin']
	])('a broken multipart body to %s gets 400, not 500', async (_, url, who) => {
		const response = await fetch(app.origin + url, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin, who ? admin() : undefined), 'content-type': 'multipart/form-data; boundary=grens' },
			body: 'dit is geen multipart'
		});
		expect(response.status).toBe(400);
	});

	it('a form post just under 1 MiB is read (not 413)', async () => {
		const response = await post(`/school/${SCHOOL}/profiel/mentoren?/save`, { mentorText: 'x'.repeat(1000 * 1000) }, admin());
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Deze tekst is te lang.');
	});
});

describe('the public school page', () => {
	it('names the public contact with a mailto link before the documents, and never the non-public one', async () => {
		const saved = await post(
			`/school/${SCHOOL}/profiel/aanspreekpunt?/save`,
			{ member: 'other', name: 'Fatima Openbaar', jobTitle: 'Intern begeleider', email: 'aanspreekpunt@testschool-a.nl', phone: '030 123 45 67', public: 'on', alsoCoordinator: 'yes' },
			admin()
		);
		expect(saved.status).toBe(303);
		const hidden = await post(`/school/${SCHOOL}/profiel/vertrouwenspersoon-intern?/save`, { member: 'other', name: 'Geheime Persoon', email: 'geheim@testschool-a.nl', phone: '030 765 43 21' }, admin());
		expect(hidden.status).toBe(303);
		const row = await seed.db.selectFrom('school_contact').select(['name', 'public']).where('school_id', '=', seed.schoolId).where('kind', '=', 'vertrouwenspersoon_internal').executeTakeFirstOrThrow();
		expect(row).toEqual({ name: 'Geheime Persoon', public: 0 });

		const response = await get(`/scholen/${SCHOOL}`);
		expect(response.status).toBe(200);
		const html = await response.text();
		const who = html.indexOf('<h2>Wie kan ik aanspreken?</h2>');
		const documents = html.indexOf('<h2>Documenten</h2>');
		const name = html.indexOf('Fatima Openbaar');
		const mail = html.indexOf('href="mailto:aanspreekpunt@testschool-a.nl"');
		expect(who).toBeGreaterThan(-1);
		expect(documents).toBeGreaterThan(who);
		expect(name).toBeGreaterThan(who);
		expect(name).toBeLessThan(documents);
		expect(mail).toBeGreaterThan(who);
		expect(mail).toBeLessThan(documents);
		// The documents section lists the uploaded PDF and the link.
		expect(html.slice(documents)).toContain(`href="/scholen/${SCHOOL}/documenten/veiligheidsbeleid"`);
		expect(html.slice(documents)).toContain('href="https://testschool-a.nl/documenten/klachtenregeling.pdf"');
		expect(html).not.toContain('Geheime Persoon');
		expect(html).not.toContain('geheim@testschool-a.nl');
		expect(html).not.toContain('765 43 21');
		expect(html).not.toMatch(/<script/i);
	});

	it('the English page and the API do not show the non-public person either', async () => {
		for (const url of [`/en/schools/${SCHOOL}`, `/api/v1/schools/${SCHOOL}`]) {
			const response = await get(url);
			expect(response.status, url).toBe(200);
			const text = await response.text();
			expect(text, url).not.toContain('Geheime Persoon');
			expect(text, url).not.toContain('geheim@testschool-a.nl');
		}
	});
});

describe('the duty dashboard and the board table after filling in', () => {
	it('the safety policy card shows In orde after the PDF upload', async () => {
		const response = await get(`/school/${SCHOOL}/wettelijke-taken`, admin());
		expect(response.status).toBe(200);
		const cards = dutyCards(await response.text());
		expect(cards.safety_policy).toBe('In orde');
		expect(cards.complaints_procedure).toBe('In orde');
		// Aanspreekpunt named, public and reachable, also coordinator.
		expect(cards.aanspreekpunt_public).toBe('In orde');
		expect(cards.coordination_and_aanspreekpunt).toBe('In orde');
		expect(cards.monitor).toBe('Onbekend');
		expect(cards.mr_consent).toBe('Onbekend');
	});

	it('/bestuur shows the board analyst a row for Testschool A with its duties', async () => {
		const response = await get('/bestuur', seed.personas.board_analyst.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Stichting Test');
		const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!);
		const row = rows.find((r) => r.includes('Testschool A'));
		expect(row).toBeDefined();
		expect(row).toContain(`href="/school/${SCHOOL}/wettelijke-taken"`);
		const cells = [...row!.matchAll(/<td>[\s\S]*?<\/td>/g)].map((m) => m[0]);
		expect(cells).toHaveLength(6);
		// Columns in the order of DUTIES: safety policy first.
		expect(cells[0]).toContain('In orde');
		// 97ZZ00 has no board.
		expect(rows.some((r) => r.includes('Testschool B'))).toBe(false);
	});
});
