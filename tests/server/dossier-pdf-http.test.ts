/**
 * The dossier PDF over HTTP (issue 5, item 7), against the built app: the form page; the parent's post answers the
 * PDF as a download (type, file name, no-store, nosniff) in the parent's language; a mistake sends the browser back
 * to the form with the input kept and the mistake shown; another family's parent gets 404 and an anonymous visitor
 * is sent to log in; a post from another site is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { flattenStructure, inspectPdf } from '../../src/lib/server/pdf/pdf-inspect';
import { browserClient, browserHeaders, startApp, type AppServer } from './support/app-server';
import { addPersona, SEEDED_DOSSIER, seedPersonas, type Persona, type Seed } from './support/personas';

const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;

let app: AppServer;
let seed: Seed;
let otherParent: Persona;
const formUrl = `/dossier/${SEEDED_DOSSIER.child}/pdf`;
const fileUrl = `${formUrl}/bestand`;
const ALL = ['summary', 'timeline', 'incidents', 'images', 'contacts', 'attachments'];

beforeAll(async () => {
	const dataDir = makeTempDir('pw-dossier-pdf-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherParent = await addPersona(seed.db, 'parent', {});
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const owner = () => seed.personas.parent.cookie;

const { get } = browserClient(() => app.origin);

function post(fields: [string, string][], cookie?: string, origin = app.origin): Promise<Response> {
	return fetch(app.origin + fileUrl, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...browserHeaders(origin, cookie), 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields)
	});
}

const everything = (): [string, string][] => [['van', ''], ['tot', ''], ...ALL.map((item): [string, string] => ['onderdelen', item])];

async function pdfEvents(): Promise<number> {
	const rows = await seed.db.selectFrom('audit_event').select('id').where('action', '=', 'dossier.pdf').execute();
	return rows.length;
}

describe('the dossier PDF', () => {
	it('links from the child page to a form that works without JavaScript, everything ticked', async () => {
		const child = await (await get(`/dossier/${SEEDED_DOSSIER.child}`, owner())).text();
		expect(child).toContain(`href="${formUrl}"`);
		const response = await get(formUrl, owner());
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain(`action="${fileUrl}"`);
		expect(html).toMatch(/<form method="post"/);
		expect(html).toMatch(/<input[^>]*type="date"[^>]*id="van"/);
		expect(html).toMatch(/<input[^>]*type="date"[^>]*id="tot"/);
		for (const item of ALL) expect(html).toMatch(new RegExp(`<input[^>]*value="${item}"[^>]*checked`));
		expect(html).not.toContain('error-summary');
	});

	it('answers the parent with the PDF as a download', async () => {
		const before = await pdfEvents();
		const response = await post(everything(), owner());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="dossier-noor-${todayInNetherlands()}.pdf"`);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
		expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
		const pdf = inspectPdf(bytes);
		expect(pdf.lang).toBe('nl');
		expect(pdf.info.Title).toBe('Dossier van Noor');
		const types = flattenStructure(pdf.structure).map((n) => n.type);
		expect(types).toEqual(expect.arrayContaining(['H1', 'H2', 'H3', 'P', 'L', 'Table']));
		const { sha256 } = await seed.db.selectFrom('attachment').select('sha256').where('id', '=', SEEDED_DOSSIER.attachment).executeTakeFirstOrThrow();
		expect(pdf.text).toContain(sha256);
		expect(pdf.text).toContain('Ze mocht niet meedoen.');
		expect(pdf.text).toContain('De juf let op in de pauze.');
		expect(await pdfEvents()).toBe(before + 1);
	});

	it('is made in the language the parent chose', async () => {
		const response = await post(everything(), `${owner()}; PARAGLIDE_LOCALE=en`);
		expect(response.status).toBe(200);
		const pdf = inspectPdf(Buffer.from(await response.arrayBuffer()));
		expect(pdf.lang).toBe('en');
		expect(pdf.info.Title).toBe('Dossier of Noor');
		expect(pdf.artifactText).toContain('Page 1 of');
	});

	it('keeps only the period and the parts chosen', async () => {
		const response = await post([['van', '2025-04-01'], ['tot', ''], ['onderdelen', 'timeline']], owner());
		expect(response.status).toBe(200);
		const pdf = inspectPdf(Buffer.from(await response.arrayBuffer()));
		const text = pdf.text.replace(/\s+/g, ' ');
		expect(text).toContain('vanaf 1 april 2025');
		expect(text).toContain(nl.dossier_pdf_none_in_period);
		expect(text).not.toContain('Ze mocht niet meedoen.');
		expect(text).not.toContain('De juf let op in de pauze.');
	});

	it('sends a mistake back to the form, with the input kept and the mistake shown', async () => {
		const response = await post([['van', '2025-03-10'], ['tot', '2025-03-01'], ['onderdelen', 'summary'], ['onderdelen', 'contacts']], owner());
		expect(response.status).toBe(303);
		const location = response.headers.get('location')!;
		expect(location.startsWith(`${formUrl}?`)).toBe(true);
		const html = await (await get(location, owner())).text();
		expect(html).toContain('error-summary');
		expect(html).toContain(nl.dossier_pdf_error_order);
		expect(html).toContain(`<title>${nl.form_title_error_prefix}`);
		expect(html).toMatch(/<input[^>]*id="van"[^>]*value="2025-03-10"|<input[^>]*value="2025-03-10"[^>]*id="van"/);
		expect(html).toMatch(/<input[^>]*value="summary"[^>]*checked/);
		expect(html).not.toMatch(/<input[^>]*value="timeline"[^>]*checked/);

		const badDay = await post([['van', '2025-02-30'], ['onderdelen', 'nonsense']], owner());
		expect(badDay.status).toBe(303);
		const page = await (await get(badDay.headers.get('location')!, owner())).text();
		expect(page).toContain(nl.dossier_pdf_error_date);
		expect(page).toContain(nl.dossier_error_choose);
	});

	it('is not found for another family, sends an anonymous visitor to log in, and refuses another site', async () => {
		const before = await pdfEvents();
		expect((await post(everything(), otherParent.cookie)).status).toBe(404);
		expect((await get(formUrl, otherParent.cookie)).status).toBe(404);
		// Even a mistake in the form tells another family nothing but "not found".
		expect((await post([['van', 'x']], otherParent.cookie)).status).toBe(404);
		const anonymous = await post(everything());
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(`/inloggen?terug=${encodeURIComponent(fileUrl)}`);
		expect((await get(formUrl)).headers.get('location')).toBe(`/inloggen?terug=${encodeURIComponent(formUrl)}`);
		expect((await post(everything(), owner(), 'https://evil.example')).status).toBe(403);
		expect(await pdfEvents()).toBe(before);
	});
});
