/**
 * Letters from templates (issue 5): a parent picks a letter, Pestwijzer fills it in from the dossier, the parent
 * edits it and copies it or downloads it. Letters are never stored: the dossier is the record, the letter a copy of it.
 *
 * Templates are plain text in content/letters/<id>/<nl|en>.md: a `subject:` between --- lines, then the body with
 * {placeholders}. Facts in them (addresses, legal duties) come only from ../shared/data; what the dossier does not
 * know is left as a [hint between brackets] for the parent to fill in, never guessed.
 */
import * as m from '../../paraglide/messages.js';
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { requireChild } from './dossier-access';
import { getTimeline, type IncidentView } from './incident.service';
import { listContacts, type AgreementView, type ContactView } from './contact.service';
import { findPublicProfile, type PublicProfile } from '../schools/school-profile.service';
import { findPublicHelp } from '../help/help-directory.service';
import { isLetterId, LETTER_IDS, type LetterId, type LetterText } from '../../dossier/letters';
import type { BullyingForm, DossierSummary } from '../../dossier/dossier';
import type { ContactRung } from '../../dossier/contacts';
import { bullyingFormName, rungName } from '../../i18n/dossier-names';
import { formatDate, LOCALES, type Locale } from '../../i18n/locale';
import { PdfWriter } from '../pdf/pdf-document';

// Templates

/** Every placeholder a template may use; a template with any other fails at load (and in the tests). */
export const LETTER_PLACEHOLDERS = [
	'parentName',
	'childName',
	'schoolName',
	'date',
	'addressee',
	'salutation',
	'summary',
	'incidents',
	'contacts',
	'agreements',
	'lastContactDate',
	'lastAgreements',
	'healthNotes',
	'birthYear',
	'yearGroup'
] as const;
type Placeholder = (typeof LETTER_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export interface LetterTemplate {
	id: LetterId;
	locale: Locale;
	subject: string;
	body: string;
}

export class LetterTemplateError extends Error {
	override name = 'LetterTemplateError';
}

export function parseLetterTemplate(path: string, source: string): LetterTemplate {
	const match = /content\/letters\/([a-z-]+)\/([a-z]{2})\.md$/.exec(path);
	const id = match?.[1] ?? '';
	const locale = match?.[2];
	if (!isLetterId(id) || !(LOCALES as readonly string[]).includes(locale ?? '')) throw new LetterTemplateError(`${path}: expected content/letters/<letter id>/<nl|en>.md`);
	const parts = /^---\nsubject: ([^\n]+)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, '\n'));
	if (!parts) throw new LetterTemplateError(`${path}: a "subject:" line between --- lines is missing`);
	const template = { id, locale: locale as Locale, subject: parts[1]!.trim(), body: parts[2]!.trim() };
	for (const text of [template.subject, template.body]) {
		for (const [, name] of text.matchAll(PLACEHOLDER)) {
			if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(name!)) throw new LetterTemplateError(`${path}: unknown placeholder {${name}}`);
		}
	}
	return template;
}

const files = import.meta.glob('/content/letters/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let templates: Map<string, LetterTemplate> | undefined;

/** Every template, parsed once; a missing or broken one stops the first request (and the tests). */
function allTemplates(): Map<string, LetterTemplate> {
	if (!templates) {
		const parsed = new Map(Object.entries(files).map(([path, source]) => [path, parseLetterTemplate(path, source)] as const));
		const byKey = new Map([...parsed.values()].map((t) => [`${t.id}/${t.locale}`, t]));
		for (const id of LETTER_IDS) for (const locale of LOCALES) if (!byKey.has(`${id}/${locale}`)) throw new LetterTemplateError(`content/letters/${id}/${locale}.md is missing`);
		templates = byKey;
	}
	return templates;
}

function templateOf(id: LetterId, locale: Locale): LetterTemplate {
	return allTemplates().get(`${id}/${locale}`)!;
}

/** Fills the placeholders in one pass, so a value that happens to contain "{…}" is never filled in again. */
function fill(text: string, values: Record<Placeholder, string>): string {
	return text.replace(PLACEHOLDER, (whole, name: string) => values[name as Placeholder] ?? whole);
}

// The dossier's facts, in the letter's language (which may differ from the page's)

/** How many lines a list in a letter holds: the newest, so even a long dossier stays well under the length limit. */
const MAX_INCIDENTS = 20;
const MAX_CONTACTS = 20;
const MAX_AGREEMENTS = 15;
const MAX_HEALTH_NOTES = 15;
/** Free text from the dossier is quoted short: the letter points to the notes, it does not copy them. */
const MAX_QUOTE = 200;

/**
 * The Landelijke Klachtencommissie Onderwijs, as ../shared/data/legal-framework.md gives it (postal address and
 * e-mail from onderwijsgeschillen.nl). No phone number: the one in help-directory.json is not verified.
 */
const LKC_ADDRESS = ['Landelijke Klachtencommissie Onderwijs (LKC)', 'Stichting Onderwijsgeschillen', 'Postbus 85191', '3508 AD Utrecht', 'info@onderwijsgeschillen.nl'];

/** Help directory records that say where a letter goes; only their verified website is shown (toPublic). */
const HELP_FOR_LETTER: Partial<Record<LetterId, string>> = {
	'complaint-commission': 'onderwijsgeschillen-lkc',
	'inspectorate-report': 'loket-onderwijsinspectie'
};

function quote(text: string, max = MAX_QUOTE): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function bullets(lines: string[], empty: string, max: number, locale: Locale): string {
	if (lines.length === 0) return `- ${empty}`;
	const shown = lines.length > max ? [m.letter_more_earlier({ count: lines.length - max }, { locale }), ...lines.slice(-max)] : lines;
	return shown.map((line) => `- ${line}`).join('\n');
}

interface Facts {
	parentName: string;
	child: { name: string; birthYear: number; yearGroup: string | null };
	schoolName: string | null;
	boardName: string | null;
	profile: PublicProfile | undefined;
	summary: DossierSummary;
	/** Oldest first, as a letter tells a story. */
	incidents: IncidentView[];
	contacts: ContactView[];
}

async function gatherFacts(db: Db, actor: Actor | undefined, childId: string): Promise<Facts> {
	const child = await requireChild(db, actor, childId);
	const [timeline, contacts, school] = await Promise.all([
		getTimeline(db, actor, child.id),
		listContacts(db, actor, child.id),
		child.school_id
			? db
					.selectFrom('school')
					.leftJoin('board', 'board.id', 'school.board_id')
					.select(['school.vestigingscode', 'school.name', 'board.name as board_name'])
					.where('school.id', '=', child.school_id)
					.executeTakeFirst()
			: undefined
	]);
	return {
		parentName: actor!.displayName.trim(),
		child: { name: child.name, birthYear: Number(child.birth_year), yearGroup: child.year_group },
		schoolName: school?.name ?? child.school_name,
		boardName: school?.board_name ?? null,
		profile: school ? await findPublicProfile(db, school.vestigingscode) : undefined,
		summary: timeline.summary,
		incidents: [...timeline.incidents].reverse(),
		contacts: [...contacts].reverse()
	};
}

function values(id: LetterId, f: Facts, locale: Locale): Record<Placeholder, string> {
	const o = { locale };
	const date = (iso: string) => formatDate(iso, locale);
	const school = f.schoolName ?? m.letter_fill_school({}, o);
	const s = f.summary;

	const summary =
		s.count === 0
			? `- ${m.letter_fact_none({}, o)}`
			: [
					s.count === 1 ? m.letter_fact_count_one({ date: date(s.since!) }, o) : m.letter_fact_count({ count: s.count, since: date(s.since!), latest: date(s.latest!) }, o),
					...(s.forms.length > 0 ? [m.letter_fact_forms({ forms: s.forms.map((x) => `${bullyingFormName(x.form, o.locale)} (${x.count}×)`).join(', ') }, o)] : []),
					s.physicalViolence > 0 ? m.letter_fact_violence_yes({ count: s.physicalViolence }, o) : m.letter_fact_violence_no({}, o),
					m.letter_fact_absence({ days: s.absenceDays }, o)
				]
					.map((line) => `- ${line}`)
					.join('\n');

	const incidentDate = (i: IncidentView) => (i.approximate ? m.letter_date_around({ date: date(i.occurredOn) }, o) : date(i.occurredOn));
	const incidents = f.incidents.map((i) => {
		const what = i.forms.length > 0 ? i.forms.map((form) => bullyingFormName(form, o.locale)).join(', ') : m.letter_incident_no_forms({}, o);
		return `${incidentDate(i)}: ${what}${i.physicalViolence ? `; ${m.letter_incident_violence({}, o)}` : ''}`;
	});
	const healthNotes = f.incidents
		.map((i) => {
			const notes = [
				...(i.impactPhysical ? [m.letter_health_physical({ text: quote(i.impactPhysical) }, o)] : []),
				...(i.impactEmotional ? [m.letter_health_emotional({ text: quote(i.impactEmotional) }, o)] : []),
				...(i.absenceDays ? [m.letter_health_absence({ days: i.absenceDays }, o)] : [])
			];
			return notes.length > 0 ? `${incidentDate(i)}: ${notes.join('; ')}` : null;
		})
		.filter((line): line is string => line !== null);

	const contacts = f.contacts.map((c) => `${date(c.contactedOn)}: ${rungName(c.rung, o.locale)}${c.personName ? ` (${quote(c.personName)})` : ''}`);
	const agreementLine = (a: AgreementView, madeOn?: string) => {
		const status = a.status === 'kept' ? m.letter_agreement_kept({}, o) : a.status === 'broken' ? m.letter_agreement_broken({}, o) : a.overdue ? m.letter_agreement_overdue({}, o) : m.letter_agreement_open({}, o);
		const followUp = a.followUpOn ? m.letter_agreement_follow_up({ date: date(a.followUpOn) }, o) : m.letter_agreement_no_date({}, o);
		return `${quote(a.description)} (${[madeOn ? m.letter_agreement_made({ date: date(madeOn) }, o) : null, followUp].filter(Boolean).join(', ')}: ${status})`;
	};
	const agreements = f.contacts.flatMap((c) => c.agreements.map((a) => agreementLine(a, c.contactedOn)));
	const lastContact = [...f.contacts].reverse().find((c) => c.agreements.length > 0);

	const aanspreekpunt = f.profile?.contacts.find((c) => c.kind === 'aanspreekpunt');
	const toSchoolPerson = (): [string[], string] =>
		aanspreekpunt
			? [[`${aanspreekpunt.name}, ${m.letter_role_aanspreekpunt({}, o)}`, school], m.letter_dear_named({ name: aanspreekpunt.name }, o)]
			: [[m.letter_fill_person({}, o), school], m.letter_dear_unnamed({}, o)];
	let [addressee, salutation] = toSchoolPerson();
	if (id === 'agreements-follow-up' && lastContact?.personName) {
		const name = quote(lastContact.personName);
		[addressee, salutation] = [[`${name} (${rungName(lastContact.rung, o.locale)})`, school], m.letter_dear_named({ name }, o)];
	} else if (id === 'complaint-board') {
		[addressee, salutation] = [[m.letter_to_board({ school }, o), ...(f.boardName ? [f.boardName] : []), m.letter_fill_board_address({}, o)], m.letter_dear_board({}, o)];
	} else if (id === 'complaint-commission') {
		const other = f.profile?.complaints?.commission === 'other';
		const lines = other ? [f.profile?.complaints?.name ?? m.letter_fill_commission({}, o), m.letter_fill_commission_address({}, o)] : LKC_ADDRESS;
		[addressee, salutation] = [lines, m.letter_dear_commission({}, o)];
	} else if (id === 'inspectorate-report' || id === 'doctor-summary') {
		[addressee, salutation] = [[], m.letter_dear_unnamed({}, o)];
	}

	const yearGroup = f.child.yearGroup
		? (([kind, n]) => (kind === 'groep' ? m.dossier_year_group_primary({ n: n ?? '' }, o) : m.dossier_year_group_secondary({ n: n ?? '' }, o)))(f.child.yearGroup.split('-'))
		: m.letter_fill_year_group({}, o);

	return {
		parentName: f.parentName || m.letter_fill_your_name({}, o),
		childName: f.child.name,
		schoolName: school,
		date: formatDate(new Date(), locale),
		addressee: addressee.join('\n'),
		salutation,
		summary,
		incidents: bullets(incidents, m.letter_none_incidents({}, o), MAX_INCIDENTS, locale),
		contacts: bullets(contacts, m.letter_none_contacts({}, o), MAX_CONTACTS, locale),
		agreements: bullets(agreements, m.letter_none_agreements({}, o), MAX_AGREEMENTS, locale),
		lastContactDate: lastContact ? date(lastContact.contactedOn) : m.letter_fill_date({}, o),
		lastAgreements: bullets(lastContact?.agreements.map((a) => agreementLine(a)) ?? [], m.letter_none_last_agreements({}, o), MAX_AGREEMENTS, locale),
		healthNotes: bullets(healthNotes, m.letter_none_health({}, o), MAX_HEALTH_NOTES, locale),
		birthYear: String(f.child.birthYear),
		yearGroup
	};
}

// Use cases

export interface LetterInfo {
	id: LetterId;
	/** The languages the letter can be written in. */
	languages: readonly Locale[];
}

/** The letters a parent can write, in ladder order. */
export function listLetters(): LetterInfo[] {
	const loaded = allTemplates();
	return LETTER_IDS.map((id) => ({ id, languages: LOCALES.filter((locale) => loaded.has(`${id}/${locale}`)) }));
}

/** The child is the actor's own and the letter exists; otherwise NotFound, like everything in another family's dossier. */
export async function requireLetter(db: Db, actor: Actor | undefined, childId: string, letterId: string): Promise<LetterId> {
	await requireChild(db, actor, childId);
	if (!isLetterId(letterId)) throw new NotFoundError();
	return letterId;
}

export interface LetterDraft extends LetterText {
	id: LetterId;
	language: Locale;
	/** Where to send it: the verified website of the help directory record for this letter, if any. */
	links: { name: string; url: string }[];
	/** The complaints committee the school published, when it is not the LKC (the letter is then addressed to it). */
	otherCommission: string | null;
}

/** A letter filled in from the child's dossier, in the language asked for, for the parent to edit. */
export async function draftLetter(db: Db, actor: Actor | undefined, childId: string, letterId: string, locale: Locale): Promise<LetterDraft> {
	const id = await requireLetter(db, actor, childId, letterId);
	const facts = await gatherFacts(db, actor, childId);
	const template = templateOf(id, locale);
	const filled = values(id, facts, locale);
	const otherCommission = id === 'complaint-commission' && facts.profile?.complaints?.commission === 'other' ? (facts.profile.complaints.name ?? null) : null;
	const helpId = HELP_FOR_LETTER[id];
	const help = helpId && !(id === 'complaint-commission' && facts.profile?.complaints?.commission === 'other') ? await findPublicHelp(db, helpId, locale) : undefined;
	return {
		id,
		language: locale,
		subject: fill(template.subject, filled),
		body: fill(template.body, filled),
		links: help?.website ? [{ name: help.name, url: help.website }] : [],
		otherCommission
	};
}

// Downloads

/** The formats a letter is downloaded in: plain text to paste anywhere, or a tagged PDF to print or attach. */
export const LETTER_FORMATS = ['txt', 'pdf'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

export interface LetterFile {
	filename: string;
	contentType: string;
	body: string | Uint8Array<ArrayBuffer>;
}

export interface LetterFileOptions {
	/** Tests read the raw PDF. */
	compress?: boolean;
	/** The PDF's creation date; fixed in tests. */
	now?: Date;
}

/**
 * The letter as one file. Text: the subject line, a blank line and the body. PDF: the subject as the title and the
 * heading, the body in paragraphs (split at blank lines; a single line break stays a line break), in the letter's
 * language, with page numbers when it runs over a page.
 */
export async function letterFile(id: LetterId, letter: LetterText, locale: Locale, format: LetterFormat = 'txt', options: LetterFileOptions = {}): Promise<LetterFile> {
	switch (format) {
		case 'txt':
			return { filename: `brief-${id}.txt`, contentType: 'text/plain; charset=utf-8', body: `${m.letter_file_subject({ subject: letter.subject }, { locale })}\n\n${letter.body}\n` };
		case 'pdf': {
			const pdf = new PdfWriter({ title: letter.subject, lang: locale, compress: options.compress, creationDate: options.now });
			pdf.heading(1, letter.subject);
			for (const paragraph of letterParagraphs(letter.body)) pdf.paragraph(paragraph);
			const bytes = await pdf.finish((page, pages) => (pages > 1 ? m.dossier_pdf_page({ page, pages }, { locale }) : ''));
			return { filename: `brief-${id}.pdf`, contentType: 'application/pdf', body: new Uint8Array(bytes) };
		}
	}
}

/** The body's paragraphs: text between blank lines (or lines of only spaces), without trailing spaces. */
export function letterParagraphs(body: string): string[] {
	return body
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((paragraph) => paragraph.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''))
		.filter((paragraph) => paragraph.trim() !== '');
}

/** Headers for a letter download: a file to save, never shown or sniffed as a page, never kept in a cache. */
export function letterFileHeaders(file: LetterFile): Record<string, string> {
	return {
		'content-type': file.contentType,
		'content-disposition': `attachment; filename="${file.filename}"`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}
