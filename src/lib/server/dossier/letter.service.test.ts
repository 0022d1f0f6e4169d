import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { LOCALES, todayInNetherlands } from '../../i18n/locale';
import { childSchema, incidentDetailSchema, incidentQuickSchema } from '../../dossier/dossier';
import { contactSchema } from '../../dossier/contacts';
import { LETTER_BODY_MAX_LENGTH, LETTER_IDS, letterSchema } from '../../dossier/letters';
import { fieldErrors } from '../../forms/text';
import { addChild } from './child.service';
import { recordIncident, updateIncident } from './incident.service';
import { getContact, recordContact, setAgreementStatus } from './contact.service';
import { draftLetter, letterFile, letterFileHeaders, letterParagraphs, listLetters, parseLetterTemplate, requireLetter } from './letter.service';
import { flattenStructure, inspectPdf } from '../pdf/pdf-inspect';
import { seedReferenceData } from '../reference-data/seed';

const today = todayInNetherlands();
const thisYear = Number(today.slice(0, 4));
const lastYear = (md: string) => `${thisYear - 1}-${md}`;
const parts = (name: string, iso: string) => {
	const [y, m, d] = iso.split('-');
	return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};
const LEFTOVER = /\{[A-Za-z]+\}/;

describe('letter templates', () => {
	it('exist for every letter in every language', () => {
		expect(listLetters()).toEqual(LETTER_IDS.map((id) => ({ id, languages: [...LOCALES] })));
	});

	it('refuse a template with an unknown placeholder, a missing subject or a wrong place', () => {
		expect(() => parseLetterTemplate('/content/letters/meeting-request/nl.md', '---\nsubject: Hallo {childName}\n---\nBeste {nobody}')).toThrow(/unknown placeholder \{nobody\}/);
		expect(() => parseLetterTemplate('/content/letters/meeting-request/nl.md', 'Geen onderwerp')).toThrow(/subject/);
		expect(() => parseLetterTemplate('/content/letters/not-a-letter/nl.md', '---\nsubject: x\n---\ny')).toThrow(/content\/letters/);
		expect(parseLetterTemplate('/content/letters/doctor-summary/en.md', '---\nsubject: About {childName}\n---\r\nText\n')).toMatchObject({ id: 'doctor-summary', locale: 'en', subject: 'About {childName}', body: 'Text' });
	});
});

describe('the edited letter (letterSchema)', () => {
	const errors = (input: Record<string, unknown>) => {
		const result = v.safeParse(letterSchema, input);
		return result.success ? {} : fieldErrors(result.issues);
	};

	it('needs a subject and a body, and a body of at most 20 000 characters', () => {
		expect(errors({})).toEqual({ subject: 'dossier_letter_error_subject_required', body: 'dossier_letter_error_body_required' });
		expect(errors({ subject: 'Gesprek', body: 'x'.repeat(LETTER_BODY_MAX_LENGTH + 1) })).toEqual({ body: 'dossier_letter_error_body_too_long' });
		expect(errors({ subject: 'x'.repeat(201), body: 'Tekst' })).toEqual({ subject: 'dossier_letter_error_subject_too_long' });
		expect(errors({ subject: 'Gesprek', body: 'Tekst\u0000' })).toEqual({ body: 'dossier_error_invalid_text' });
		expect(errors({ subject: 'Ge\nsprek', body: 'Tekst' })).toEqual({ subject: 'dossier_error_invalid_text' });
	});

	it('keeps one kind of line break, counted once', () => {
		const body = `${'a'.repeat(9_999)}\r\n${'b'.repeat(9_999)}`;
		expect(v.parse(letterSchema, { subject: ' Gesprek ', body }).body).toBe(`${'a'.repeat(9_999)}\n${'b'.repeat(9_999)}`);
		expect(v.parse(letterSchema, { subject: 'Gesprek', body: 'Regel 1\r\nRegel 2\rRegel 3' })).toEqual({ subject: 'Gesprek', body: 'Regel 1\nRegel 2\nRegel 3' });
	});
});

describe('letter files', () => {
	it('are plain text with the subject first, saved as brief-<id>.txt and never sniffed or cached', async () => {
		const file = await letterFile('meeting-request', { subject: 'Gesprek over Noor', body: 'Geachte heer, mevrouw,\n\nTekst' }, 'nl');
		expect(file).toEqual({ filename: 'brief-meeting-request.txt', contentType: 'text/plain; charset=utf-8', body: 'Onderwerp: Gesprek over Noor\n\nGeachte heer, mevrouw,\n\nTekst\n' });
		expect((await letterFile('meeting-request', { subject: 'About Noor', body: 'Text' }, 'en')).body).toBe('Subject: About Noor\n\nText\n');
		expect(letterFileHeaders(file)).toEqual({
			'content-type': 'text/plain; charset=utf-8',
			'content-disposition': 'attachment; filename="brief-meeting-request.txt"',
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		});
	});

	it('are a tagged PDF in the letter language: the subject as title and heading, a paragraph per blank-line block', async () => {
		const letter = { subject: 'Gesprek over Noor – één vraag', body: 'Geachte juf Anja,\n\nIk wil graag praten over Noor.\nDeze week nog.\n  \n- eerste punt\n- tweede punt\n\n\nMet vriendelijke groet,\nAnna' };
		const file = await letterFile('meeting-request', letter, 'en', 'pdf', { compress: false, now: new Date('2025-03-01T00:00:00Z') });
		expect(file.filename).toBe('brief-meeting-request.pdf');
		expect(file.contentType).toBe('application/pdf');
		const bytes = Buffer.from(file.body as Uint8Array);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const read = inspectPdf(bytes);
		expect(read.lang).toBe('en');
		expect(read.info.Title).toBe(letter.subject);
		const nodes = flattenStructure(read.structure);
		expect(nodes.map((n) => n.type)).toEqual(['Document', 'H1', 'P', 'P', 'P', 'P']);
		expect(read.text).toContain('Gesprek over Noor – één vraag');
		expect(read.text).toContain('Deze week nog.');
		expect(read.text).toContain('Met vriendelijke groet,');
		expect(read.untagged).toEqual({ text: [], images: 0 });
		expect(read.unbalancedPages).toEqual([]);
		expect(letterFileHeaders(file)).toMatchObject({ 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="brief-meeting-request.pdf"' });
		// Compressed as served, and still a PDF with the title.
		const served = await letterFile('meeting-request', letter, 'nl', 'pdf');
		const readServed = inspectPdf(Buffer.from(served.body as Uint8Array));
		expect(readServed.lang).toBe('nl');
		expect(readServed.info.Title).toBe(letter.subject);
	});

	it('split the body at blank lines only, with Windows line breaks too', () => {
		expect(letterParagraphs('Een\r\ntwee\r\n\r\nDrie \n\t\n\nVier\n')).toEqual(['Een\ntwee', 'Drie', 'Vier']);
		expect(letterParagraphs('  \n\n')).toEqual([]);
	});

	it('a long letter runs over pages, with page numbers as artifacts', async () => {
		const body = Array.from({ length: 60 }, (_, i) => `Alinea ${i + 1}. ${'Een zin over wat er gebeurde. '.repeat(6)}`).join('\n\n');
		const read = inspectPdf(Buffer.from((await letterFile('doctor-summary', { subject: 'Lang', body }, 'nl', 'pdf', { compress: false })).body as Uint8Array));
		expect(read.pageCount).toBeGreaterThan(1);
		expect(read.artifactText).toContain(`Pagina 1 van ${read.pageCount}`);
		expect(read.text).toContain('Alinea 60.');
		expect(flattenStructure(read.structure).filter((n) => n.type === 'P')).toHaveLength(60);
	});
});

describe.each(testDatabaseKinds())('letters from the dossier on %s', (kind) => {
	let t: TestDatabase;
	let parentA: Actor;
	let parentB: Actor;
	let childA: string;
	let schoolId: string;

	async function parent(email: string, displayName: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	const contact = (fields: Record<string, unknown>) => v.parse(contactSchema, { ...parts('contactedOn', lastYear('03-01')), rung: 'leerkracht', channel: 'talk', ...fields });

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		await seedReferenceData(t.db);
		parentA = await parent('anna@example.nl', 'Anna de Vries');
		parentB = await parent('bram@example.nl', 'Bram');
		childA = await addChild(t.db, parentA, v.parse(childSchema, { name: 'Noor', birthYear: String(thisYear - 10), yearGroup: 'groep-6' }));
		await addChild(t.db, parentB, v.parse(childSchema, { name: 'Bas', birthYear: String(thisYear - 10) }));

		// Three incidents: one with physical violence and complaints, one with absence.
		await recordIncident(t.db, parentA, childA, v.parse(incidentQuickSchema, { ...parts('occurredOn', lastYear('02-03')), forms: ['verbal', 'exclusion'] }));
		const hit = await recordIncident(t.db, parentA, childA, v.parse(incidentQuickSchema, { ...parts('occurredOn', lastYear('02-10')), forms: 'physical', physicalViolence: 'yes' }));
		await updateIncident(
			t.db,
			parentA,
			childA,
			hit,
			v.parse(incidentDetailSchema, { ...parts('occurredOn', lastYear('02-10')), forms: 'physical', physicalViolence: 'yes', impactPhysical: 'Buikpijn en slecht slapen', impactEmotional: 'Wil niet naar school', absenceDays: '2' })
		);
		await recordIncident(t.db, parentA, childA, v.parse(incidentQuickSchema, { ...parts('occurredOn', lastYear('02-20')), approximate: 'on', forms: 'verbal' }));

		// Two contacts with school; the newest with agreements, one of them broken.
		await recordContact(t.db, parentA, childA, contact({ personName: 'Juf Anja' }));
		const talk = await recordContact(t.db, parentA, childA, contact({ ...parts('contactedOn', lastYear('03-08')), personName: 'Meneer Karim', rung: 'aanspreekpunt', agreement1: 'De juf let op in de pauze', ...parts('followUp1', lastYear('03-22')), agreement2: 'Nieuw gesprek' }));
		const [first] = (await getContact(t.db, parentA, childA, talk)).agreements;
		await setAgreementStatus(t.db, parentA, childA, talk, first!.id, 'broken');

		const boardId = newId();
		schoolId = newId();
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardId, code: 'B-L', name: 'Stichting Brieven', created_at: now }).execute();
		await t.db
			.insertInto('school')
			.values({ id: schoolId, vestigingscode: '96ZZ00', instellingscode: '96ZZ', name: 'De Brievenbus', place: 'Utrecht', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now })
			.execute();
	});
	afterAll(async () => t?.dispose());

	it('drafts every letter in both languages, filled in, with the child and the incident count', async () => {
		for (const id of LETTER_IDS) {
			for (const locale of LOCALES) {
				const draft = await draftLetter(t.db, parentA, childA, id, locale);
				const where = `${id}/${locale}`;
				expect(draft.subject, where).not.toMatch(LEFTOVER);
				expect(draft.body, where).not.toMatch(LEFTOVER);
				expect(draft.body, where).toContain('Noor');
				expect(draft.body, where).toContain(locale === 'nl' ? '3 voorvallen' : '3 incidents');
				expect(draft.body, where).toContain('Anna de Vries');
				expect(v.safeParse(letterSchema, draft).success, where).toBe(true);
			}
		}
	});

	it('writes the facts in the letter language, whatever the page language', async () => {
		const nl = (await draftLetter(t.db, parentA, childA, 'complaint-board', 'nl')).body;
		expect(nl).toContain('Uitschelden of belachelijk maken (2×)');
		expect(nl).toContain('Lichamelijk geweld: ja (1×).');
		expect(nl).toContain('Dagen niet naar school (opgeschreven): 2.');
		expect(nl).toContain(`rond 20 februari ${thisYear - 1}: Uitschelden of belachelijk maken`);
		expect(nl).toContain('Slaan, schoppen of duwen; lichamelijk geweld');
		expect(nl).toMatch(/Aanspreekpunt pesten \(Meneer Karim\)/);
		expect(nl).toContain(`De juf let op in de pauze (afgesproken op 8 maart ${thisYear - 1}, nakijken op 22 maart ${thisYear - 1}: niet nagekomen)`);
		expect(nl).toContain('Nieuw gesprek (afgesproken op 8 maart');
		expect(nl).toContain('[naam van de school]');
		const en = (await draftLetter(t.db, parentA, childA, 'complaint-board', 'en')).body;
		expect(en).toContain('Physical violence: yes (1×).');
		expect(en).toContain(`to check on 22 March ${thisYear - 1}: not kept`);
		expect(en).not.toContain('Lichamelijk');
	});

	it('follows up the agreements of the latest contact, addressed to the person spoken to', async () => {
		const draft = await draftLetter(t.db, parentA, childA, 'agreements-follow-up', 'nl');
		expect(draft.body).toContain('Geachte Meneer Karim,');
		expect(draft.body).toContain(`het gesprek van 8 maart ${thisYear - 1}`);
		expect(draft.body).toContain(`- De juf let op in de pauze (nakijken op 22 maart ${thisYear - 1}: niet nagekomen)`);
	});

	it('keeps the doctor summary to the facts, written by the parent', async () => {
		const nl = (await draftLetter(t.db, parentA, childA, 'doctor-summary', 'nl')).body;
		expect(nl).toContain('Geschreven door: Anna de Vries, ouder van Noor');
		expect(nl).toContain('Het is geen medisch verslag.');
		expect(nl).toContain(`10 februari ${thisYear - 1}: Lichamelijke klachten: Buikpijn en slecht slapen; Gevoel en gedrag: Wil niet naar school; Dagen niet naar school: 2`);
		expect(nl).toContain(`Geboortejaar: ${thisYear - 10}`);
		expect(nl).toContain('Groep of klas: groep 6');
		const en = (await draftLetter(t.db, parentA, childA, 'doctor-summary', 'en')).body;
		expect(en).toContain('Written by: Anna de Vries, parent of Noor');
		expect(en).toContain('Physical complaints: Buikpijn en slecht slapen');
	});

	it('never invents an address: the LKC as legal-framework.md gives it, or the committee the school published', async () => {
		const lkc = await draftLetter(t.db, parentA, childA, 'complaint-commission', 'nl');
		expect(lkc.body).toContain('Stichting Onderwijsgeschillen\nPostbus 85191\n3508 AD Utrecht\ninfo@onderwijsgeschillen.nl');
		expect(lkc.body).not.toMatch(/\b0\d{2,3}[- ]?\d/);
		expect(lkc.otherCommission).toBeNull();
		expect(lkc.links).toEqual([{ name: 'Landelijke Klachtencommissie Onderwijs (LKC) / Stichting Onderwijsgeschillen', url: 'https://www.onderwijsgeschillen.nl' }]);
		const inspectorate = await draftLetter(t.db, parentA, childA, 'inspectorate-report', 'nl');
		expect(inspectorate.body).toContain('Inspectie van het Onderwijs');
		// The inspectorate's phone number is in the help directory, but letters print no phone numbers.
		expect(inspectorate.body).not.toContain('088');
		expect(inspectorate.links.map((l) => l.url)).toEqual(['https://www.onderwijsinspectie.nl']);
		for (const id of LETTER_IDS) expect((await draftLetter(t.db, parentA, childA, id, 'nl')).body, id).not.toMatch(/\b0[1-9]\d{1,2}-?\s?\d{3}/);
	});

	it('uses what the school published: the aanspreekpunt by name, only when public, the board and the committee', async () => {
		await t.db.updateTable('child').set({ school_id: schoolId, school_name: null }).where('id', '=', childA).execute();
		const contactId = newId();
		await t.db
			.insertInto('school_contact')
			.values({ id: contactId, school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Els Jansen', job_title: null, email: 'e.jansen@example.nl', phone: '030-1234567', hours: null, public: 0, updated_at: nowIso() })
			.execute();
		let draft = await draftLetter(t.db, parentA, childA, 'meeting-request', 'nl');
		expect(draft.body).not.toContain('Els Jansen');
		expect(draft.body).toContain('Geachte heer, mevrouw,');
		expect(draft.body).toContain('[naam van de leerkracht of het aanspreekpunt pesten]\nDe Brievenbus');

		await t.db.updateTable('school_contact').set({ public: 1 }).where('id', '=', contactId).execute();
		draft = await draftLetter(t.db, parentA, childA, 'meeting-request', 'nl');
		expect(draft.body).toContain('Els Jansen, aanspreekpunt pesten\nDe Brievenbus');
		expect(draft.body).toContain('Geachte Els Jansen,');
		expect(draft.body).not.toContain('030-1234567');
		const en = await draftLetter(t.db, parentA, childA, 'meeting-request', 'en');
		expect(en.body).toContain('Els Jansen, anti-bullying contact person');
		expect(en.body).toContain('Dear Els Jansen,');

		const board = await draftLetter(t.db, parentA, childA, 'complaint-board', 'nl');
		expect(board.subject).toBe('Klacht over de aanpak van pesten op De Brievenbus');
		expect(board.body).toContain('Het bestuur van De Brievenbus\nStichting Brieven\n[adres: zie de klachtenregeling in de schoolgids]');

		await t.db
			.insertInto('school_profile')
			.values({
				school_id: schoolId,
				coordinator_is_aanspreekpunt: null,
				mentor_text: null,
				complaints_commission: 'other',
				complaints_commission_name: 'Klachtencommissie Christelijk Onderwijs',
				complaints_commission_url: null,
				complaints_text: null,
				mr_consent_safety_policy: null,
				mr_consent_on: null,
				programme_choice: null,
				programme_name: null,
				programme_since_year: null,
				monitor_on: null,
				monitor_instrument: null,
				updated_at: nowIso()
			})
			.execute();
		const commission = await draftLetter(t.db, parentA, childA, 'complaint-commission', 'nl');
		expect(commission.body).toContain('Klachtencommissie Christelijk Onderwijs\n[adres: zie de klachtenregeling]');
		expect(commission.body).not.toContain('Postbus 85191');
		expect(commission.otherCommission).toBe('Klachtencommissie Christelijk Onderwijs');
		expect(commission.links).toEqual([]);
	});

	it('never lets another family draft a letter, and knows only its own letters', async () => {
		await expect(draftLetter(t.db, parentB, childA, 'meeting-request', 'nl')).rejects.toBeInstanceOf(NotFoundError);
		await expect(requireLetter(t.db, parentB, childA, 'meeting-request')).rejects.toBeInstanceOf(NotFoundError);
		await expect(draftLetter(t.db, parentA, childA, 'love-letter', 'nl')).rejects.toBeInstanceOf(NotFoundError);
		await expect(draftLetter(t.db, parentA, 'not-an-id', 'meeting-request', 'nl')).rejects.toBeInstanceOf(NotFoundError);
		expect(await requireLetter(t.db, parentA, childA, 'doctor-summary')).toBe('doctor-summary');
	});

	it('stays under the length limit with a very long dossier', async () => {
		const child = await addChild(t.db, parentA, v.parse(childSchema, { name: 'Sem', birthYear: String(thisYear - 12) }));
		const long = (word: string, max = 2000) => `${word} `.repeat(400).trim().slice(0, max);
		for (let day = 1; day <= 60; day++) {
			const occurredOn = new Date(Date.UTC(thisYear - 1, 0, day)).toISOString().slice(0, 10);
			const id = await recordIncident(t.db, parentA, child, v.parse(incidentQuickSchema, { ...parts('occurredOn', occurredOn), forms: ['verbal', 'physical', 'exclusion', 'threats', 'rumours'] }));
			await updateIncident(
				t.db,
				parentA,
				child,
				id,
				v.parse(incidentDetailSchema, { ...parts('occurredOn', occurredOn), forms: ['verbal', 'physical', 'exclusion'], impactPhysical: long('pijn'), impactEmotional: long('verdriet'), absenceDays: '1', physicalViolence: 'yes' })
			);
		}
		for (let n = 0; n < 30; n++) {
			await recordContact(t.db, parentA, child, contact({ personName: 'x'.repeat(120), agreement1: long('afspraak', 1000), agreement2: long('nog een', 1000), agreement3: long('en nog een', 1000), ...parts('followUp1', lastYear('06-01')) }));
		}
		for (const id of LETTER_IDS) {
			for (const locale of LOCALES) {
				const draft = await draftLetter(t.db, parentA, child, id, locale);
				expect(draft.body.length, `${id}/${locale}`).toBeLessThanOrEqual(LETTER_BODY_MAX_LENGTH);
				expect(v.safeParse(letterSchema, draft).success, `${id}/${locale}`).toBe(true);
			}
		}
		const board = (await draftLetter(t.db, parentA, child, 'complaint-board', 'nl')).body;
		expect(board).toContain('60 voorvallen');
		expect(board).toContain('(40 eerdere staan in mijn aantekeningen.)');
	});
});
