/**
 * The dossier PDF (issue 5, item 7) on both databases, read back with pdf/pdf-inspect.ts from an uncompressed file:
 * a tagged PDF with /Lang, the title shown and in the info dictionary, a structure tree with headings, lists, a
 * table and figures with alt text in reading order, page numbers as artifacts and no untagged content; the chosen
 * period and parts; the photo copies (small, at most six per incident); and only the child's own guardians.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { minimalPdf } from '../testing/sample-files';
import { flattenStructure, inspectPdf, type InspectedPdf, type StructNode } from '../pdf/pdf-inspect';
import { contactSchema } from '../../dossier/contacts';
import { addAttachments, listAttachments } from './attachment.service';
import { listContacts, recordContact, setAgreementStatus } from './contact.service';
import { buildDossierPdf, dossierPdfFileName, dossierPdfSchema, MAX_IMAGES_PER_INCIDENT, PDF_ITEMS, type DossierPdfOptions } from './dossier-pdf.service';
import { insertChild, insertSealed, incidentRow } from '../testing/dossier-rows';

const NOW = new Date('2025-06-01T10:00:00Z');
const ALL = [...PDF_ITEMS];

/** A photo of its own colour; large enough that the PDF must carry a smaller copy. */
async function photo(n: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Uint8Array> {
	const image = sharp({ create: { width: 1200, height: 900, channels: format === 'png' ? 4 : 3, background: { r: (n * 40) % 256, g: (n * 90) % 256, b: (n * 150) % 256, alpha: 0.5 } } });
	return format === 'png' ? image.png().toBuffer() : format === 'webp' ? image.webp().toBuffer() : image.jpeg().toBuffer();
}

const parts = (name: string, iso: string) => {
	const [y, mo, d] = iso.split('-');
	return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! };
};

const types = (nodes: readonly StructNode[]) => flattenStructure(nodes).map((n) => n.type);

describe.each(testDatabaseKinds())('the dossier PDF on %s', (kind) => {
	let t: TestDatabase;
	let parentA: Actor;
	let parentB: Actor;
	const child = newId();
	const early = newId();
	const detailed = newId();
	const late = newId();
	let pdfSha: string;
	let photoShas: string[];

	async function parent(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	async function incident(id: string, fields: Record<string, unknown>): Promise<void> {
		await insertSealed(t.db, 'incident', incidentRow(id, child, { occurred_on: '2025-01-01', ...fields }));
	}

	/** `actor: null` builds without a signed-in user (undefined would take the default). */
	const build = (options: Partial<DossierPdfOptions> = {}, actor: Actor | null = parentA, childId = child) =>
		buildDossierPdf(t.db, actor ?? undefined, childId, { items: ALL, locale: 'nl', compress: false, now: NOW, ...options });
	const read = async (options: Partial<DossierPdfOptions> = {}): Promise<InspectedPdf> => inspectPdf(await build(options));

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		parentA = await parent('anna@example.nl');
		parentB = await parent('bram@example.nl');
		const now = nowIso();
		await insertChild(t.db, { id: child, name: 'Zoë', birth_year: 2015, year_group: 'groep-6', school_id: null, school_name: 'De Regenboog', created_at: now, updated_at: now });
		await t.db.insertInto('child_guardian').values({ child_id: child, user_id: parentA.userId, created_at: now }).execute();
		await incident(early, { occurred_on: '2025-01-10', forms: JSON.stringify(['verbal']), what_happened: 'Uitgescholden bij de fietsenstalling.' });
		await incident(detailed, {
			occurred_on: '2025-03-02',
			occurred_time: '12:30',
			place: 'playground',
			place_detail: 'bij het klimrek',
			forms: JSON.stringify(['physical', 'exclusion']),
			perpetrators: 'Twee kinderen uit groep 7',
			witnesses: 'Meester Joris',
			what_happened: 'Ze duwden haar van het klimrek.\nDaarna mocht ze niet meer meedoen.',
			child_response: 'Ze liep weg.',
			adults_knew: 'De overblijfmoeder',
			impact_emotional: 'Bang om naar school te gaan',
			impact_physical: 'Buikpijn',
			absence_days: 2,
			physical_violence: 1
		});
		await incident(late, { occurred_on: '2025-04-15', approximate: 1, forms: JSON.stringify(['online_threats']), online_platform: 'WhatsApp' });

		const files = [
			...(await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(async (n) => ({ name: `foto-${n + 1}.${['jpg', 'png', 'webp'][n % 3]}`, bytes: await photo(n, (['jpeg', 'png', 'webp'] as const)[n % 3]) })))),
			{ name: 'brief-van-school.pdf', bytes: minimalPdf('brief') }
		];
		const added = await addAttachments(t.db, parentA, child, detailed, files);
		expect(added.refused).toEqual([]);
		const stored = await listAttachments(t.db, parentA, child, detailed);
		pdfSha = stored.find((a) => a.contentType === 'application/pdf')!.sha256;
		photoShas = stored.filter((a) => a.isImage).map((a) => a.sha256);
		expect(pdfSha).toBe(crypto.createHash('sha256').update(files.at(-1)!.bytes).digest('hex'));
		await addAttachments(t.db, parentA, child, early, [{ name: 'oud-bericht.png', bytes: await photo(20, 'png') }]);

		const contact = (fields: Record<string, unknown>) => v.parse(contactSchema, { rung: 'leerkracht', channel: 'talk', ...fields });
		await recordContact(t.db, parentA, child, contact({ ...parts('contactedOn', '2025-03-03'), personName: 'Juf Anja', summary: 'Zij gaat opletten in de pauze.', agreement1: 'De juf let op bij het klimrek.', ...parts('followUp1', '2025-03-17'), agreement2: 'Nieuw gesprek na de vakantie.' }));
		await recordContact(t.db, parentA, child, contact({ ...parts('contactedOn', '2025-01-12'), rung: 'mentor', channel: 'email', summary: 'Eerste mail aan school.' }));
		const [march] = (await listContacts(t.db, parentA, child)).filter((c) => c.contactedOn === '2025-03-03');
		await setAgreementStatus(t.db, parentA, child, march!.id, march!.agreements[1]!.id, 'kept');
	});
	afterAll(async () => t?.dispose());

	it('is a tagged PDF 1.7 with the language, the title shown, and embedded fonts only', async () => {
		const bytes = await build();
		expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
		const pdf = inspectPdf(bytes);
		expect(pdf.lang).toBe('nl');
		expect(pdf.info.Title).toBe('Dossier van Zoë');
		expect(pdf.info.Subject).toBe('Eigen verslag van een ouder over pesten op school');
		expect(pdf.catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
		expect(pdf.catalog).toMatch(/\/MarkInfo \d+ 0 R/);
		const markInfo = pdf.objects.get(Number(/\/MarkInfo (\d+) 0 R/.exec(pdf.catalog)![1]))!.dict;
		expect(markInfo).toContain('/Marked true');
		const viewer = pdf.objects.get(Number(/\/ViewerPreferences (\d+) 0 R/.exec(pdf.catalog)![1]))!.dict;
		expect(viewer).toContain('/DisplayDocTitle true');
		// Every font is embedded (a /FontFile2 per font), none of the 14 standard fonts.
		const fonts = [...pdf.objects.values()].filter((o) => /\/Type \/Font\b/.test(o.dict) && /\/Subtype \/Type0/.test(o.dict));
		expect(fonts.length).toBeGreaterThanOrEqual(2);
		expect([...pdf.objects.values()].filter((o) => /\/FontFile2 \d+ 0 R/.test(o.dict))).toHaveLength(fonts.length);
		expect([...pdf.objects.values()].some((o) => /\/BaseFont \/Helvetica/.test(o.dict))).toBe(false);
		// No external requests, nothing that runs.
		expect(bytes.toString('latin1')).not.toMatch(/\/URI|\/JavaScript|\/JS |\/Launch/);
	});

	it('has a structure tree in reading order: H1, then H2 sections with H3, P, lists, a table and figures with alt text', async () => {
		const pdf = await read();
		expect(pdf.structure.map((n) => n.type)).toEqual(['Document']);
		const all = types(pdf.structure);
		expect(all.filter((x) => x === 'H1')).toHaveLength(1);
		expect(all.indexOf('H1')).toBe(1);
		// Headings never skip a level.
		const headings = all.filter((x) => /^H\d$/.test(x)).map((x) => Number(x.slice(1)));
		headings.forEach((level, i) => expect(level - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1));
		for (const type of ['H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Sect']) expect(all, type).toContain(type);
		// Every table row of the timeline has its cells, the header has a scope.
		const table = flattenStructure(pdf.structure).find((n) => n.type === 'Table')!;
		expect(table.children.map((r) => r.children.map((c) => c.type).join())).toEqual(['TH,TH,TH', 'TD,TD,TD', 'TD,TD,TD', 'TD,TD,TD']);
		expect([...pdf.objects.values()].filter((o) => /\/S \/TH/.test(o.dict)).every((o) => /\/Scope \/Column/.test(o.dict))).toBe(true);
		// Figures: alt text with the file name and the date, and a bounding box.
		const figures = flattenStructure(pdf.structure).filter((n) => n.type === 'Figure');
		expect(figures).toHaveLength(MAX_IMAGES_PER_INCIDENT + 1);
		expect(figures.map((f) => f.alt)).toContain('Bewijs bij het voorval van 2 maart 2025: foto-1.jpg');
		expect(figures.every((f) => f.contentCount === 1)).toBe(true);
		expect([...pdf.objects.values()].filter((o) => /\/S \/Figure/.test(o.dict)).every((o) => /\/BBox \[/.test(o.dict))).toBe(true);
		// Every element that holds content holds some; nothing is drawn outside the tree except artifacts.
		expect(pdf.untagged).toEqual({ text: [], images: 0 });
		expect(pdf.unbalancedPages).toEqual([]);
	});

	it('puts the whole dossier in, in the parent language, oldest first, with page numbers as artifacts', async () => {
		const pdf = await read();
		const text = pdf.text.replace(/\s+/g, ' ');
		expect(text).toContain('Dossier van Zoë');
		expect(text).toContain('Dit is het eigen verslag van de ouder.');
		expect(text).toContain('De Regenboog');
		expect(text).toContain('groep 6');
		expect(text).toContain('Periode: alles wat is opgeschreven');
		expect(text).toContain('Gemaakt op 1 juni 2025 met Pestwijzer.');
		// Summary of the whole period.
		expect(text).toContain('3 voorvallen sinds 10 januari 2025');
		expect(text).toContain('2 dagen niet naar school');
		expect(text).toContain('Lichamelijk geweld: 1 keer');
		expect(text).toContain('Contact met school: 2 keer');
		// The detailed incident, every field filled in.
		for (const s of [
			'Voorval van 2 maart 2025',
			'Tijd: 12:30',
			'Plek: Op het schoolplein (bij het klimrek)',
			'Soort pesten: Slaan, schoppen of duwen, Buitensluiten',
			'Ze duwden haar van het klimrek.',
			'Daarna mocht ze niet meer meedoen.',
			'Wie het deed: Twee kinderen uit groep 7',
			'Wie het zag: Meester Joris',
			'Wat het kind deed: Ze liep weg.',
			'Volwassenen die het wisten: De overblijfmoeder',
			'Hoe het kind zich voelt: Bang om naar school te gaan',
			'Lichamelijke klachten: Buikpijn',
			'Dagen niet naar school: 2',
			'Lichamelijk geweld: Ja',
			'Bij dit voorval horen nog 2 afbeeldingen.',
			'Voorval van rond 15 april 2025',
			'App of spel: WhatsApp'
		])
			expect(text, s).toContain(s);
		// Oldest first.
		expect(text.indexOf('Voorval van 10 januari 2025')).toBeLessThan(text.indexOf('Voorval van 2 maart 2025'));
		// Contacts with agreements and their state.
		expect(text).toContain('Juf Anja');
		expect(text).toContain('De juf let op bij het klimrek.');
		expect(text).toContain('Nakijken op 17 maart 2025 (te laat)');
		expect(text).toContain('Is de afspraak nagekomen? Ja, nagekomen');
		// Every attachment with its fingerprint, the PDF too.
		expect(pdf.text).toContain(pdfSha);
		for (const sha of photoShas) expect(pdf.text).toContain(sha);
		expect(text).toContain('brief-van-school.pdf');
		expect(text).toContain('Document (PDF)');
		// Page numbers: on every page, never part of the content.
		expect(pdf.pageCount).toBeGreaterThan(3);
		for (let page = 1; page <= pdf.pageCount; page++) expect(pdf.artifactText).toContain(`Pagina ${page} van ${pdf.pageCount}`);
		expect(pdf.text).not.toContain('Pagina 1 van');
	});

	it('keeps the PDF small: photo copies of at most 400 pixels, at most six per incident', async () => {
		const bytes = await build();
		const pdf = inspectPdf(bytes);
		const images = [...pdf.objects.values()].filter((o) => /\/Subtype \/Image/.test(o.dict) && !/\/SMask/.test(o.dict) && /\/Filter \/DCTDecode/.test(o.dict));
		expect(images).toHaveLength(MAX_IMAGES_PER_INCIDENT + 1);
		for (const image of images) expect(Math.max(Number(/\/Width (\d+)/.exec(image.dict)![1]), Number(/\/Height (\d+)/.exec(image.dict)![1]))).toBeLessThanOrEqual(400);
		expect(bytes.byteLength).toBeLessThan(1024 * 1024);
	});

	it('respects the period: incidents, contacts and attachments of those days only', async () => {
		const pdf = await read({ from: '2025-03-01', to: '2025-03-31' });
		const text = pdf.text.replace(/\s+/g, ' ');
		expect(text).toContain('Periode: 1 maart 2025 tot en met 31 maart 2025');
		expect(text).toContain('1 voorval sinds 2 maart 2025');
		expect(text).toContain('Voorval van 2 maart 2025');
		expect(text).not.toContain('Uitgescholden');
		expect(text).not.toContain('15 april 2025');
		expect(text).not.toContain('Eerste mail aan school.');
		expect(text).toContain('Zij gaat opletten in de pauze.');
		expect(text).not.toContain('oud-bericht.png');
		expect(pdf.text).toContain(pdfSha);
		expect(text).toContain('Contact met school: 1 keer');

		const empty = (await read({ from: '2025-05-01' })).text.replace(/\s+/g, ' ');
		expect(empty).toContain('Periode: vanaf 1 mei 2025');
		expect(empty).toContain('In deze periode is niets opgeschreven.');
		expect(empty).toContain('In deze periode is geen contact met school opgeschreven.');
		expect(empty).toContain('In deze periode zijn geen bijlagen bewaard.');
	});

	it('respects the parts chosen; the cover is always there', async () => {
		const timelineOnly = await read({ items: ['timeline'] });
		const all = types(timelineOnly.structure);
		expect(all).toContain('Table');
		expect(all).not.toContain('H3');
		expect(all).not.toContain('Figure');
		expect(timelineOnly.text).not.toContain(pdfSha);
		expect(timelineOnly.text).not.toContain('Juf Anja');
		expect(timelineOnly.text.replace(/\s+/g, ' ')).toContain('In deze PDF • Tijdlijn');

		const noImages = await read({ items: ['incidents', 'attachments'] });
		expect(types(noImages.structure)).not.toContain('Figure');
		expect(noImages.text).toContain(pdfSha);
		expect(noImages.text).not.toContain('Overzicht');
		expect(noImages.text).not.toContain('Bij dit voorval horen nog');

		const cover = await read({ items: [] });
		expect(cover.pageCount).toBe(1);
		expect(cover.text).toContain('Dossier van Zoë');
		expect(types(cover.structure).filter((x) => /^H/.test(x))).toEqual(['H1']);
	});

	it('speaks English when asked', async () => {
		const pdf = await read({ locale: 'en' });
		expect(pdf.lang).toBe('en');
		expect(pdf.info.Title).toBe('Dossier of Zoë');
		expect(pdf.text.replace(/\s+/g, ' ')).toContain('This is the parent\'s own record.');
		expect(pdf.artifactText).toContain(`Page 1 of ${pdf.pageCount}`);
	});

	it('is only for the child\'s own guardians, and writes an audit event with ids only', async () => {
		await expect(build({}, parentB)).rejects.toBeInstanceOf(NotFoundError);
		await expect(build({}, null)).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(build({}, parentA, newId())).rejects.toBeInstanceOf(NotFoundError);
		await expect(build({}, parentA, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		const events = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'dossier.pdf').where('subject_id', '=', child).execute();
		expect(events.length).toBeGreaterThan(0);
		expect(events.every((e) => e.actor_user_id === parentA.userId)).toBe(true);
		expect(events.map((e) => e.detail).join()).not.toMatch(/Zoë|Regenboog|klimrek/);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});

describe('the PDF form', () => {
	const parse = (input: Record<string, unknown>) => v.safeParse(dossierPdfSchema, input);

	it('takes an empty form as everything, in the order of the parts', () => {
		expect(parse({})).toMatchObject({ success: true, output: { van: undefined, tot: undefined, onderdelen: [] } });
		expect(parse({ onderdelen: ['attachments', 'summary'] })).toMatchObject({ success: true, output: { onderdelen: ['summary', 'attachments'] } });
		expect(parse({ onderdelen: 'timeline', van: '2025-01-01', tot: '2025-01-01' })).toMatchObject({ success: true, output: { van: '2025-01-01', tot: '2025-01-01', onderdelen: ['timeline'] } });
	});

	it('refuses days that do not exist, a period the wrong way round and unknown parts', () => {
		const issue = (input: Record<string, unknown>) => {
			const result = parse(input);
			return result.success ? null : result.issues.map((i) => [v.getDotPath(i), i.message]);
		};
		expect(issue({ van: '2025-02-30' })).toEqual([['van', 'dossier_pdf_error_date']]);
		expect(issue({ tot: '1-3-2025' })).toEqual([['tot', 'dossier_pdf_error_date']]);
		expect(issue({ van: '2025-03-02', tot: '2025-03-01' })).toEqual([['tot', 'dossier_pdf_error_order']]);
		expect(issue({ onderdelen: ['summary', 'secrets'] })).toEqual([['onderdelen', 'dossier_error_choose']]);
	});

	it('names the download in plain ASCII', () => {
		expect(dossierPdfFileName('Zoë', '2025-06-01')).toBe('dossier-zoe-2025-06-01.pdf');
		expect(dossierPdfFileName('Anne-Fleur van ’t Hof', '2025-06-01')).toBe('dossier-anne-fleur-van-t-hof-2025-06-01.pdf');
		expect(dossierPdfFileName('"; rm -rf', '2025-06-01')).toBe('dossier-rm-rf-2025-06-01.pdf');
		expect(dossierPdfFileName('李', '2025-06-01')).toBe('dossier-kind-2025-06-01.pdf');
	});
});
