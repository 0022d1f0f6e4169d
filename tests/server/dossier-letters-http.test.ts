/**
 * Letters from the dossier over HTTP (issue 5), against the built app: the list and the letter pages for the
 * child's parent, 404 for another family's parent on every URL and every action; the preview keeps the edited text
 * and shows it ready to copy; bad input answers 400 with an error summary and the input kept; the text download
 * answers a plain-text attachment and the PDF download a PDF attachment, never sniffed or cached. No page has a <script>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { LETTER_IDS } from '../../src/lib/dossier/letters';
import { inspectPdf } from '../../src/lib/server/pdf/pdf-inspect';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { addPersona, seedPersonas, SEEDED_DOSSIER, type Persona, type Seed } from './support/personas';

/** The Dutch and English texts, so a test names the message it expects by its key. */
const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;

const child = SEEDED_DOSSIER.child;
const base = `/dossier/${child}/brieven`;

let app: AppServer;
let seed: Seed;
let otherParent: Persona;

beforeAll(async () => {
	const dataDir = makeTempDir('pw-letters-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherParent = await addPersona(seed.db, 'parent', {});
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const owner = () => seed.personas.parent.cookie;

const { get, post } = browserClient(() => app.origin);

/** The content of the textarea with this id, as sent (HTML-escaped). */
function textareaById(html: string, id: string): string | undefined {
	return html.match(new RegExp(`<textarea\\b[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1];
}

function inputById(html: string, id: string): string | undefined {
	return html.match(new RegExp(`<input\\b(?:[^>"]|"[^"]*")*\\sid="${id}"(?:[^>"]|"[^"]*")*>`))?.[0];
}

function errorSummary(html: string): string {
	return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the letter pages', () => {
	it('the child page links to the letters', async () => {
		const html = await (await get(`/dossier/${child}`, owner())).text();
		expect(html).toContain(`href="${base}"`);
	});

	it('lists the six letters, each with when to use it, in the page language and one link to the other', async () => {
		const response = await get(base, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).not.toMatch(/<script/i);
		for (const id of LETTER_IDS) {
			const key = id.replace(/-/g, '_');
			expect(html).toContain(nl[`letter_${key}_title`]!);
			expect(html).toContain(nl[`letter_${key}_when`]!);
			expect(html).toContain(`href="${base}/${id}?taal=nl"`);
			expect(html).toContain(`href="${base}/${id}?taal=en"`);
		}
	});

	it('a letter page holds the letter filled in from the dossier, in the language asked for', async () => {
		const response = await get(`${base}/meeting-request?taal=nl`, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).not.toMatch(/<script/i);
		expect(inputById(html, 'subject')).toContain('value="Verzoek om een gesprek over Noor"');
		const body = unescape(textareaById(html, 'body') ?? '');
		expect(body).toContain('Ik ben de ouder van Noor.');
		expect(body).toContain('Ik heb 1 voorval opgeschreven, op 2 maart 2025.');
		expect(body).not.toMatch(/\{[A-Za-z]+\}/);
		// Not previewed yet: nothing ready to copy, but the draft can be downloaded as it is.
		expect(html).not.toContain('id="ready-body"');
		expect(html).toContain(`href="${base}/meeting-request/tekst?taal=nl"`);

		const english = await (await get(`${base}/meeting-request?taal=en`, owner())).text();
		expect(english).toMatch(/<html lang="nl"/);
		expect(english).toMatch(/<textarea[^>]*id="body"[^>]*lang="en"|<textarea[^>]*lang="en"[^>]*id="body"/);
		expect(unescape(textareaById(english, 'body') ?? '')).toContain('I am the parent of Noor');
		expect(english).toContain(nl.dossier_letter_language_en!);
	});

	it('every letter opens in both languages, with how to use it', async () => {
		for (const id of LETTER_IDS) {
			for (const language of ['nl', 'en']) {
				const response = await get(`${base}/${id}?taal=${language}`, owner());
				expect(response.status, `${id} ${language}`).toBe(200);
				expect(await response.text()).toContain(nl[`letter_${id.replace(/-/g, '_')}_use`]!);
			}
		}
		// Where to send a complaint: the verified website from the help directory, never a phone number.
		const commission = await (await get(`${base}/complaint-commission`, owner())).text();
		expect(commission).toContain('href="https://www.onderwijsgeschillen.nl"');
		expect(commission).not.toContain('030-280 95 90');
	});

	it('an unknown letter is 404', async () => {
		expect((await get(`${base}/love-letter`, owner())).status).toBe(404);
		expect((await get(`${base}/love-letter/tekst`, owner())).status).toBe(404);
		expect((await get(`${base}/love-letter/pdf`, owner())).status).toBe(404);
	});

	it('another family gets 404 on every URL and every action', async () => {
		const other = otherParent.cookie;
		expect((await get(base, other)).status).toBe(404);
		expect((await get(`${base}/meeting-request`, other)).status).toBe(404);
		expect((await get(`${base}/meeting-request/tekst`, other)).status).toBe(404);
		const edited = { subject: 'Onderwerp', body: 'Tekst' };
		expect((await post(`${base}/meeting-request?taal=nl&/preview`, edited, other)).status).toBe(404);
		const download = await post(`${base}/meeting-request/tekst?taal=nl`, edited, other);
		expect(download.status).toBe(404);
		expect(await download.text()).not.toContain('Tekst');
		expect((await get(`${base}/meeting-request/pdf`, other)).status).toBe(404);
		const pdf = await post(`${base}/meeting-request/pdf?taal=nl`, edited, other);
		expect(pdf.status).toBe(404);
		expect(pdf.headers.get('content-type')).not.toBe('application/pdf');
	});
});

describe('preview and download', () => {
	const editedBody = 'Geachte juf Anja,\r\n\r\nIk wil graag praten over Noor. <script>alert(1)</script> & meer.\r\n\r\nGroet, Anna';

	it('the preview keeps the edits and shows them ready to copy, with the download button', async () => {
		const response = await post(`${base}/meeting-request?taal=nl&/preview`, { subject: 'Gesprek over Noor, graag deze week', body: editedBody }, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toContain('class="error-summary"');
		const expected = editedBody.replace(/\r\n/g, '\n');
		// The edit form keeps the text, and the read-only copy holds exactly the same.
		expect(unescape(textareaById(html, 'body') ?? '')).toBe(expected);
		expect(unescape(textareaById(html, 'ready-body') ?? '')).toBe(expected);
		expect(html).toMatch(/<textarea[^>]*id="ready-body"[^>]*readonly/);
		expect(inputById(html, 'subject')).toContain('value="Gesprek over Noor, graag deze week"');
		expect(inputById(html, 'ready-subject')).toContain('value="Gesprek over Noor, graag deze week"');
		expect(inputById(html, 'ready-subject')).toMatch(/\sreadonly/);
		expect(html).toContain(`action="${base}/meeting-request/tekst?taal=nl"`);
		expect(html).toContain(nl.dossier_letter_download!);
		expect(html).toContain(`formaction="${base}/meeting-request/pdf?taal=nl"`);
		expect(html).toContain(nl.dossier_letter_download_pdf!);
	});

	it('an empty letter: 400 with the error summary, the subject kept', async () => {
		const response = await post(`${base}/meeting-request?taal=nl&/preview`, { subject: 'Mijn onderwerp', body: '   ' }, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		const summary = errorSummary(html);
		expect(summary).toContain(nl.dossier_letter_error_body_required!);
		expect(summary).toContain('href="#body"');
		expect(html).toMatch(/<title>Fout: /);
		expect(inputById(html, 'subject')).toContain('value="Mijn onderwerp"');
		expect(html).not.toContain('id="ready-body"');
	});

	it('a letter of 900 000 characters: 400 by the 20 000 limit, with the error summary and the input kept', async () => {
		const huge = 'pesten '.repeat(128_572).slice(0, 900_000);
		const response = await post(`${base}/meeting-request?taal=nl&/preview`, { subject: 'Te lang', body: huge }, owner());
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(errorSummary(html)).toContain(nl.dossier_letter_error_body_too_long!);
		expect(textareaById(html, 'body')?.length).toBe(900_000);
		expect(inputById(html, 'subject')).toContain('value="Te lang"');
		expect(html).not.toContain('id="ready-body"');
	});

	it('the download is the edited text as a plain-text attachment, never sniffed or cached', async () => {
		const response = await post(`${base}/meeting-request/tekst?taal=nl`, { subject: 'Gesprek over Noor', body: editedBody }, owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="brief-meeting-request.txt"');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toContain('no-store');
		expect(await response.text()).toBe(`Onderwerp: Gesprek over Noor\n\n${editedBody.replace(/\r\n/g, '\n')}\n`);
	});

	it('the PDF download is the edited letter as a PDF attachment, never sniffed or cached', async () => {
		const response = await post(`${base}/meeting-request/pdf?taal=nl`, { subject: 'Gesprek over Noor', body: editedBody }, owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="brief-meeting-request.pdf"');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toContain('no-store');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const read = inspectPdf(bytes);
		expect(read.lang).toBe('nl');
		expect(read.info.Title).toBe('Gesprek over Noor');
		expect(read.text).toContain('Groet, Anna');
	});

	it('the draft downloads as a PDF too, in the letter language', async () => {
		const response = await get(`${base}/doctor-summary/pdf?taal=en`, owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="brief-doctor-summary.pdf"');
		const read = inspectPdf(Buffer.from(await response.arrayBuffer()));
		expect(read.lang).toBe('en');
		expect(read.info.Title).toBe('Summary of the bullying of Noor');
	});

	it('a PDF download with bad text is refused with a short 400, never a file', async () => {
		const response = await post(`${base}/meeting-request/pdf?taal=nl`, { subject: 'Onderwerp', body: '' }, owner());
		expect(response.status).toBe(400);
		expect(response.headers.get('content-disposition')).toBeNull();
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await response.text()).toContain(nl.dossier_letter_error_download!);
	});

	it('the draft downloads as it is, in the letter language', async () => {
		const response = await get(`${base}/doctor-summary/tekst?taal=en`, owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="brief-doctor-summary.txt"');
		expect(response.headers.get('cache-control')).toContain('no-store');
		const text = await response.text();
		expect(text.startsWith('Subject: Summary of the bullying of Noor\n\n')).toBe(true);
		expect(text).toContain('Written by: parent, parent of Noor');
	});

	it('a download with bad text is refused with a short 400, never a file', async () => {
		for (const body of ['', 'x'.repeat(20_001)]) {
			const response = await post(`${base}/meeting-request/tekst?taal=nl`, { subject: 'Onderwerp', body }, owner());
			expect(response.status).toBe(400);
			expect(response.headers.get('content-disposition')).toBeNull();
			expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
			expect(await response.text()).toContain(nl.dossier_letter_error_download!);
		}
	});
});
