/**
 * Evidence attachments over HTTP (issue 5), against the built app: several files in one multipart post, each decided
 * on its own; the stored photo has no EXIF; downloads carry nosniff, a sandboxing CSP and Content-Disposition
 * (inline only for images, and only when asked); another family's parent gets 404 on every URL and changes nothing;
 * an anonymous visitor is sent to log in.
 *
 * The tests in this file share one dossier and run in order.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { minimalPdf } from '../../src/lib/server/testing/sample-files';
import { newId, nowIso } from '../../src/lib/server/auth/tokens';
import { browserClient, browserHeaders, startApp, type AppServer } from './support/app-server';
import { addPersona, seedPersonas, type Persona, type Seed } from './support/personas';
import { insertChild, insertSealed, incidentRow, openRow } from '../../src/lib/server/testing/dossier-rows';

let app: AppServer;
let seed: Seed;
let dataDir: string;
let otherParent: Persona;
const child = newId();
const incident = newId();
const otherChild = newId();
const otherIncident = newId();

const listUrl = (c = child, i = incident) => `/dossier/${c}/voorval/${i}/bijlagen`;
const fileUrl = (id: string, c = child, i = incident) => `${listUrl(c, i)}/${id}`;
const owner = () => seed.personas.parent.cookie;
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

interface Upload {
	bytes: Uint8Array;
	name: string;
	type: string;
}

async function seedDossier(childId: string, incidentId: string, guardian: string): Promise<void> {
	const now = nowIso();
	await insertChild(seed.db, { id: childId, name: 'Noor', birth_year: 2016, year_group: null, school_id: null, school_name: null, created_at: now, updated_at: now });
	await seed.db.insertInto('child_guardian').values({ child_id: childId, user_id: guardian, created_at: now }).execute();
	await insertSealed(seed.db, 'incident', incidentRow(incidentId, childId));
}

beforeAll(async () => {
	dataDir = makeTempDir('pw-evidence-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherParent = await addPersona(seed.db, 'parent', {});
	await seedDossier(child, incident, seed.personas.parent.userId);
	await seedDossier(otherChild, otherIncident, otherParent.userId);
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const { get } = browserClient(() => app.origin);

/** `cookie: null` posts without a session (undefined would take the default). */
function upload(files: Upload[], cookie: string | null = owner(), url = listUrl()): Promise<Response> {
	const body = new FormData();
	for (const file of files) body.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
	return fetch(app.origin + url, { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin, cookie ?? undefined), body });
}

function postDelete(id: string, cookie: string | null = owner(), url = fileUrl(id), origin = app.origin): Promise<Response> {
	return fetch(app.origin + url, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...browserHeaders(origin, cookie ?? undefined), 'content-type': 'application/x-www-form-urlencoded' },
		body: ''
	});
}

async function rows(incidentId = incident) {
	// Names are sealed (decision 0015): opened, then sorted here.
	const stored = await seed.db.selectFrom('attachment').selectAll().where('incident_id', '=', incidentId).execute();
	const opened = await Promise.all(stored.map((row) => openRow(seed.db, 'attachment', row)));
	return opened.sort((a, b) => (a.display_name < b.display_name ? -1 : a.display_name > b.display_name ? 1 : 0));
}

/** Rows, audit events and files on disk: what a refused request must leave as it was. */
async function state(): Promise<string> {
	const attachments = await seed.db.selectFrom('attachment').selectAll().orderBy('id').execute();
	const audit = await seed.db.selectFrom('audit_event').select('id').orderBy('seq').execute();
	const dir = path.join(dataDir, 'files');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
	return JSON.stringify({ attachments, audit, files });
}

function errorSummary(html: string): string {
	return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

async function gpsJpeg(): Promise<Uint8Array> {
	return sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a7' } })
		.jpeg()
		.withExif({ IFD0: { ImageDescription: 'home-address-marker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSMapDatum: 'WGS-84' } })
		.toBuffer();
}

async function png(n: number): Promise<Uint8Array> {
	return sharp({ create: { width: 6, height: 6, channels: 3, background: { r: n % 256, g: 40, b: (n * 3) % 256 } } })
		.png()
		.toBuffer();
}

describe('the attachments page', () => {
	it('shows an empty list and a multipart form with a multiple file field, working without JavaScript', async () => {
		const response = await get(listUrl(), owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toContain('no-store');
		const html = await response.text();
		expect(html).toContain('Er zijn nog geen bestanden bij dit voorval.');
		expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"/);
		const input = html.match(/<input[^>]*type="file"[^>]*>/)?.[0] ?? '';
		expect(input).toContain('name="files"');
		expect(input).toMatch(/\smultiple(\s|=|>|\/)/);
		expect(input).toContain('accept="image/jpeg,image/png,image/webp,application/pdf"');
		// The drop zone is our own script, with its texts in the page's language.
		expect(html).toMatch(/<script src="\/js\/evidence-drop\.js" defer(="")?><\/script>/);
		expect(html).toContain('data-drop-hint="U kunt bestanden ook naar dit vak slepen."');
		expect(html).toContain(`href="/dossier/${child}/voorval/${incident}"`);
	});

	it('the drop script is served as JavaScript from our origin', async () => {
		const response = await get('/js/evidence-drop.js');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/javascript/);
	});
});

describe('uploading', () => {
	it('a photo with GPS and a PDF at once: 200, both listed; the photo is served back without EXIF', async () => {
		const photo = await gpsJpeg();
		expect(Buffer.from(photo).includes('WGS-84')).toBe(true);
		const pdf = minimalPdf('verslag');
		const response = await upload([
			{ bytes: photo, name: 'schoolplein.jpg', type: 'image/jpeg' },
			{ bytes: pdf, name: 'verslag.pdf', type: 'application/pdf' }
		]);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('2 bestanden toegevoegd');
		expect(html).not.toContain('class="error-summary"');
		const [stored, storedPdf] = await rows();
		expect(stored).toMatchObject({ display_name: 'schoolplein.jpg', content_type: 'image/jpeg' });
		expect(storedPdf).toMatchObject({ display_name: 'verslag.pdf', content_type: 'application/pdf', sha256: sha256(pdf) });
		// The list shows the fingerprint and the receive time.
		expect(html).toContain(stored!.sha256);
		expect(html).toContain(`datetime="${stored!.received_at}"`);

		const download = await get(fileUrl(stored!.id), owner());
		expect(download.status).toBe(200);
		const bytes = Buffer.from(await download.arrayBuffer());
		expect(sha256(bytes)).toBe(stored!.sha256);
		expect(bytes.includes('WGS-84')).toBe(false);
		expect(bytes.includes('home-address-marker')).toBe(false);
		expect(bytes.includes('Exif')).toBe(false);
		const metadata = await sharp(bytes).metadata();
		expect(metadata.exif).toBeUndefined();
		expect(metadata.format).toBe('jpeg');
	});

	it('downloads carry nosniff, a sandboxing CSP, no-store and Content-Disposition: attachment', async () => {
		for (const row of await rows()) {
			const response = await get(fileUrl(row.id), owner());
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe(row.content_type);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
			expect(response.headers.get('cache-control')).toContain('no-store');
			expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.(jpg|pdf)"; filename\*=UTF-8''/);
		}
	});

	it('inline only for images and only with ?inline=1; a PDF stays a download', async () => {
		const [photo, pdf] = await rows();
		const inline = await get(`${fileUrl(photo!.id)}?inline=1`, owner());
		expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="schoolplein\.jpg"/);
		expect(inline.headers.get('content-type')).toBe('image/jpeg');
		expect(inline.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
		const pdfInline = await get(`${fileUrl(pdf!.id)}?inline=1`, owner());
		expect(pdfInline.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(pdfInline.headers.get('content-type')).toBe('application/pdf');
		const thumb = await get(`${fileUrl(photo!.id)}?inline=1&thumb=1`, owner());
		expect(thumb.status).toBe(200);
		expect(thumb.headers.get('content-disposition')).toMatch(/^inline;/);
		expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).format).toBe('jpeg');
	});

	it('good and bad files together: 200, the good ones kept, each bad one named with its reason', async () => {
		const response = await upload([
			{ bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'), name: 'foto.png', type: 'image/png' },
			{ bytes: await png(1), name: 'chat.png', type: 'image/png' },
			{ bytes: new Uint8Array(0), name: 'leeg.jpg', type: 'image/jpeg' }
		]);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('1 bestand toegevoegd');
		expect(html).toContain('Deze bestanden zijn niet toegevoegd:');
		expect(html).toContain('foto.png: Dit is geen foto of PDF. Kies een JPEG, PNG, WebP of PDF.');
		expect(html).toContain('leeg.jpg: Dit bestand is leeg.');
		expect((await rows()).map((r) => r.display_name)).toEqual(['chat.png', 'schoolplein.jpg', 'verslag.pdf']);
	});

	it('only bad files: 400 with an error summary naming each file, nothing stored', async () => {
		const before = await state();
		const heic = Uint8Array.from(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheicmif1heic', 'latin1'), Buffer.alloc(64)]));
		const response = await upload([
			{ bytes: heic, name: 'IMG_0001.HEIC', type: 'image/heic' },
			{ bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), name: 'logo.svg', type: 'image/svg+xml' }
		]);
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/<title>Fout: /);
		const summary = errorSummary(html);
		expect(summary).toContain('IMG_0001.HEIC: Dit is een HEIC-foto van een iPhone of iPad.');
		expect(summary).toContain('logo.svg: Dit is geen foto of PDF.');
		expect(summary).toContain('href="#files"');
		expect(await state()).toBe(before);
	});

	it('no file chosen: 400 with the message', async () => {
		const body = new FormData();
		body.append('files', new Blob([]), '');
		const response = await fetch(app.origin + listUrl(), { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin, owner()), body });
		expect(response.status).toBe(400);
		expect(errorSummary(await response.text())).toContain('Kies een of meer bestanden.');
	});

	it('25 files at once: 20 added, the other 5 refused by name', async () => {
		const files = await Promise.all(Array.from({ length: 25 }, async (_, i) => ({ bytes: await png(10 + i), name: `scherm-${String(i + 1).padStart(2, '0')}.png`, type: 'image/png' })));
		const response = await upload(files);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('20 bestanden toegevoegd');
		for (const i of [21, 22, 23, 24, 25]) expect(html).toContain(`scherm-${i}.png: U kunt 20 bestanden tegelijk sturen.`);
		expect((await rows()).filter((r) => r.display_name.startsWith('scherm-'))).toHaveLength(20);
	});

	it('a body over the server limit: 413 with a readable page, nothing stored', async () => {
		const before = await state();
		const boundary = '----pestwijzer-test';
		const head = `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="groot.pdf"\r\ncontent-type: application/pdf\r\n\r\n`;
		const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
		const length = Buffer.byteLength(head) + 33 * 1024 * 1024 + tail.byteLength;
		// Only the start of the body is sent: the server refuses by the declared length before it reads the body, and a
		// client that keeps writing into the refused connection can lose the answer to a reset (seen under load).
		const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
			const request = http.request(
				app.origin + listUrl(),
				{
					method: 'POST',
					agent: false,
					headers: { ...browserHeaders(app.origin, owner()), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) }
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (d) => (text += d));
					response.on('end', () => {
						resolve({ status: response.statusCode ?? 0, text });
						request.destroy();
					});
				}
			);
			request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
			request.write(head);
			request.write(Buffer.alloc(64 * 1024, 0x20));
		});
		expect(answer.status).toBe(413);
		expect(answer.text).toContain('U stuurde te veel in één keer.');
		expect(await state()).toBe(before);
	});
});

describe('another family', () => {
	it('gets 404 on every attachments URL of this dossier, and nothing changes', async () => {
		const [target] = await rows();
		const before = await state();
		const other = otherParent.cookie;
		expect((await get(listUrl(), other)).status).toBe(404);
		expect((await get(fileUrl(target!.id), other)).status).toBe(404);
		expect((await get(`${fileUrl(target!.id)}?inline=1`, other)).status).toBe(404);
		// Their own child and incident in the URL, with this family's attachment id.
		expect((await get(fileUrl(target!.id, otherChild, otherIncident), other)).status).toBe(404);
		expect((await upload([{ bytes: await png(200), name: 'indringer.png', type: 'image/png' }], other)).status).toBe(404);
		expect((await upload([{ bytes: await png(201), name: 'indringer.png', type: 'image/png' }], other, listUrl(otherChild, incident))).status).toBe(404);
		expect((await postDelete(target!.id, other)).status).toBe(404);
		expect((await postDelete(target!.id, other, fileUrl(target!.id, otherChild, otherIncident))).status).toBe(404);
		expect(await state()).toBe(before);
		// Their own empty dossier still works for them.
		expect((await get(listUrl(otherChild, otherIncident), other)).status).toBe(200);
	});

	it('the owner gets 404 for the other family too', async () => {
		expect((await get(listUrl(otherChild, otherIncident), owner())).status).toBe(404);
	});
});

describe('without a parent account', () => {
	it('an anonymous visitor is sent to log in, from the list, the file, the upload and the delete', async () => {
		const [target] = await rows();
		const before = await state();
		for (const response of [await get(listUrl()), await get(fileUrl(target!.id)), await upload([{ bytes: await png(300), name: 'x.png', type: 'image/png' }], null), await postDelete(target!.id, null)]) {
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toMatch(/^\/inloggen\?terug=/);
		}
		expect(await state()).toBe(before);
	});

	it('a school role gets 403', async () => {
		const [target] = await rows();
		expect((await get(listUrl(), seed.personas.school_admin.cookie)).status).toBe(403);
		expect((await get(fileUrl(target!.id), seed.personas.aanspreekpunt.cookie)).status).toBe(403);
	});
});

describe('deleting', () => {
	it('a delete posted from another site is refused (origin check) and nothing changes', async () => {
		const [target] = await rows();
		const before = await state();
		const response = await postDelete(target!.id, owner(), fileUrl(target!.id), 'https://evil.example');
		expect(response.status).toBe(403);
		expect(await state()).toBe(before);
	});

	it('the owner deletes a file: 303 back to the list, the row and the stored file gone', async () => {
		const [target] = await rows();
		const onDisk = path.join(dataDir, 'files', target!.file_key.slice(0, 2), target!.file_key);
		expect(fs.existsSync(onDisk)).toBe(true);
		const response = await postDelete(target!.id);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`${listUrl()}?verwijderd=1`);
		expect(fs.existsSync(onDisk)).toBe(false);
		expect((await rows()).map((r) => r.id)).not.toContain(target!.id);
		expect((await get(fileUrl(target!.id), owner())).status).toBe(404);
		const page = await get(`${listUrl()}?verwijderd=1`, owner());
		expect(await page.text()).toContain('Het bestand is verwijderd.');
		const audit = await seed.db.selectFrom('audit_event').select('action').where('subject_id', '=', target!.id).orderBy('seq').execute();
		expect(audit.map((a) => a.action)).toEqual(['dossier.attachment.add', 'dossier.attachment.delete']);
	});
});
