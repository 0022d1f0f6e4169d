/**
 * The dossier as a PDF for the talk with school (issue 5, item 7): a cover, the summary, a timeline, the incidents in
 * full with small copies of the photos, the contacts with school and their agreements, and the list of attachments
 * with their SHA-256 fingerprints. The parent chooses the period and the parts; the cover is always there.
 *
 * Only the child's own guardians get it (requireChild through getChild, before anything is read). The PDF is made in
 * memory and answered at once: nothing is stored, and nothing is fetched from elsewhere. It is tagged for screen
 * readers and plain black on white for printing (pdf/pdf-document.ts). Texts are in the parent's language; the
 * labels speak about "the child", because the reader is the school.
 *
 * The incidents and the timeline run oldest first: on paper the dossier reads as a story, from the start.
 */
import sharp from 'sharp';
import * as v from 'valibot';
import * as m from '../../paraglide/messages.js';
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import { listDossierAttachments } from './attachment.service';
import { isImageType, MAX_IMAGE_PIXELS, type EvidenceType } from '../files/evidence-check';
import { PdfWriter, type PdfImage } from '../pdf/pdf-document';
import { getChild } from './child.service';
import { getTimeline, type IncidentView } from './incident.service';
import { listContacts, type ContactView } from './contact.service';
import { summarise } from '../../dossier/dossier';
import { formatDate, formatDateTime, formatNumber, todayInNetherlands, type Locale } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/translate';

export const PDF_ITEMS = ['summary', 'timeline', 'incidents', 'images', 'contacts', 'attachments'] as const;
export type PdfItem = (typeof PDF_ITEMS)[number];

/** Photos shown per incident: enough to see what happened; all files stay in the list of attachments. */
export const MAX_IMAGES_PER_INCIDENT = 6;
/**
 * The longest side of a photo copy in the PDF, in pixels. A photo is printed at most about 5 cm wide (three in a
 * row), so 400 pixels is about 200 dpi: sharp enough on paper, and 20–40 kB instead of megabytes per photo.
 */
const IMAGE_PIXELS = 400;
/** Photos made smaller at the same time: sharp works in its own threads, and 20 large photos at once would take a lot of memory. */
const IMAGE_CONCURRENCY = 4;

export interface DossierPdfOptions {
	/** First and last day (yyyy-mm-dd), both included; without them, everything. */
	from?: string;
	to?: string;
	items: readonly PdfItem[];
	locale: Locale;
	/** Tests read the raw PDF. */
	compress?: boolean;
	/** "Made on", and the PDF's creation date. */
	now?: Date;
}

// The form: two native date inputs and checkboxes (the page /dossier/<child>/pdf).

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const day = v.pipe(
	v.optional(v.string(), ''),
	v.transform((s) => s.trim()),
	v.check((s) => s === '' || isDay(s), 'dossier_pdf_error_date'),
	v.transform((s) => s || undefined)
);

/** Field names as in the address bar of the dossier's own filter: van, tot; and onderdelen for the parts. */
export const dossierPdfSchema = v.pipe(
	v.object({
		van: day,
		tot: day,
		onderdelen: v.pipe(
			v.optional(v.union([v.string(), v.array(v.string())]), []),
			v.transform((value) => (Array.isArray(value) ? value : [value])),
			v.check((values) => values.every((x) => (PDF_ITEMS as readonly string[]).includes(x)), 'dossier_error_choose'),
			v.transform((values) => PDF_ITEMS.filter((item) => values.includes(item)))
		)
	}),
	v.forward(
		v.check((input) => !input.van || !input.tot || input.van <= input.tot, 'dossier_pdf_error_order'),
		['tot']
	)
);
export type DossierPdfRequest = v.InferOutput<typeof dossierPdfSchema>;

/** A file name for the download: ASCII letters, digits and dashes only (the name is the child's, typed by a parent). */
export function dossierPdfFileName(childName: string, day: string): string {
	const name =
		childName
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.replace(/[^A-Za-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.toLowerCase()
			.slice(0, 40) || 'kind';
	return `dossier-${name}-${day}.pdf`;
}

interface AttachmentEntry {
	id: string;
	incidentId: string;
	name: string;
	contentType: EvidenceType;
	size: number;
	sha256: string;
	receivedAt: string;
	fileKey: string;
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/**
 * A small JPEG of a stored image: pdfkit reads only JPEG and PNG, and a JPEG is the smallest and fastest for photos.
 * Transparency becomes white, as on paper. A file that is gone or cannot be read is left out (it stays in the list).
 */
async function photoCopy(attachment: AttachmentEntry, readFile: (fileKey: string) => Promise<Buffer | undefined>): Promise<{ bytes: Buffer; width: number; height: number } | null> {
	const stored = await readFile(attachment.fileKey);
	if (!stored) return null;
	try {
		const { data, info } = await sharp(stored, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
			.resize(IMAGE_PIXELS, IMAGE_PIXELS, { fit: 'inside', withoutEnlargement: true })
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: 72, mozjpeg: false })
			.toBuffer({ resolveWithObject: true });
		return { bytes: data, width: info.width, height: info.height };
	} catch {
		return null;
	}
}

export async function buildDossierPdf(db: Db, actor: Actor | undefined, childId: string, options: DossierPdfOptions): Promise<Buffer> {
	const child = await getChild(db, actor, childId);
	const { locale } = options;
	const items = new Set(options.items);
	const period = { from: options.from, to: options.to };
	const inPeriod = (day: string) => (!period.from || day >= period.from) && (!period.to || day <= period.to);

	const needContacts = items.has('contacts') || items.has('summary');
	const needAttachments = items.has('incidents') || items.has('attachments');
	const [timeline, allContacts, stored] = await Promise.all([
		getTimeline(db, actor, child.id, period),
		needContacts ? listContacts(db, actor, child.id) : Promise.resolve([] as ContactView[]),
		needAttachments ? listDossierAttachments(db, actor, child.id) : Promise.resolve({ attachments: [], readFile: async () => undefined })
	]);
	const incidents = [...timeline.incidents].reverse();
	const contacts = allContacts.filter((c) => inPeriod(c.contactedOn)).reverse();
	const incidentIds = new Set(incidents.map((i) => i.id));
	const attachments: AttachmentEntry[] = stored.attachments.filter((a) => incidentIds.has(a.incidentId));
	const byIncident = new Map<string, AttachmentEntry[]>();
	for (const a of attachments) byIncident.set(a.incidentId, [...(byIncident.get(a.incidentId) ?? []), a]);

	// The photos first, all at once (a few at a time): the layout below is synchronous.
	const photos = new Map<string, PdfImage>();
	if (items.has('incidents') && items.has('images')) {
		const wanted = incidents.flatMap((incident) => (byIncident.get(incident.id) ?? []).filter((a) => isImageType(a.contentType)).slice(0, MAX_IMAGES_PER_INCIDENT).map((a) => ({ a, incident })));
		const copies = await mapLimited(wanted, IMAGE_CONCURRENCY, ({ a }) => photoCopy(a, stored.readFile));
		wanted.forEach(({ a, incident }, i) => {
			const copy = copies[i];
			if (copy) photos.set(a.id, { ...copy, caption: a.name, alt: t(locale, 'dossier_pdf_image_alt', { date: formatDate(incident.occurredOn, locale), name: a.name }) });
		});
	}

	const now = options.now ?? new Date();
	const title = t(locale, 'dossier_child_title', { name: child.name });
	const pdf = new PdfWriter({ title, lang: locale, subject: t(locale, 'dossier_pdf_subject'), compress: options.compress, creationDate: now });
	const say = (key: MessageKey, params: Record<string, string | number> = {}) => t(locale, key, params);
	const date = (day: string) => formatDate(day, locale);

	// The cover: who, which school, which period, made when and by whom.
	pdf.heading(1, title);
	pdf.paragraph(say('dossier_pdf_own_record'), { bold: true });
	pdf.keyValue(say('dossier_pdf_label_child'), child.name);
	if (child.yearGroup) pdf.keyValue(say('dossier_pdf_label_year_group'), yearGroup(locale, child.yearGroup));
	const school = child.school ? `${child.school.name}, ${child.school.place}` : child.schoolName;
	if (school) pdf.keyValue(say('dossier_pdf_label_school'), school);
	pdf.keyValue(say('dossier_pdf_label_period'), periodText(locale, period.from, period.to));
	pdf.paragraph(say('dossier_pdf_made', { date: formatDate(todayInNetherlands(now), locale) }));
	// What is in it, by the titles of its parts (the form's labels speak to the parent; this is read by the school).
	const contents: Record<Exclude<PdfItem, 'images'>, MessageKey> = {
		summary: 'dossier_summary_title',
		timeline: 'dossier_pdf_timeline_title',
		incidents: items.has('images') ? 'dossier_pdf_contents_incidents_images' : 'dossier_pdf_incidents_title',
		contacts: 'dossier_contacts_title',
		attachments: 'dossier_pdf_attachments_title'
	};
	const chosen = PDF_ITEMS.filter((item): item is Exclude<PdfItem, 'images'> => item !== 'images' && items.has(item));
	if (chosen.length > 0) {
		pdf.heading(2, say('dossier_pdf_contents'));
		pdf.list(chosen.map((item) => say(contents[item])));
	}

	if (items.has('summary')) {
		pdf.section(() => {
			pdf.heading(2, say('dossier_summary_title'));
			const summary = summarise(incidents);
			if (summary.count === 0) pdf.paragraph(say('dossier_pdf_none_in_period'));
			else {
				const lines = [
					`${summary.count === 1 ? say('dossier_incidents_one') : say('dossier_incidents_count', { count: summary.count })}${summary.since ? ` ${say('dossier_summary_since', { date: date(summary.since) })}` : ''}`
				];
				if (summary.forms.length > 0) lines.push(`${say('dossier_summary_forms')} ${summary.forms.map((f) => `${formName(locale, f.form)} (${f.count}×)`).join(', ')}`);
				if (summary.absenceDays > 0) lines.push(say('dossier_summary_absence', { days: summary.absenceDays }));
				if (summary.physicalViolence > 0) lines.push(say('dossier_summary_violence', { count: summary.physicalViolence }));
				if (contacts.length > 0) lines.push(say('dossier_pdf_summary_contacts', { count: contacts.length }));
				pdf.list(lines);
			}
		});
	}

	if (items.has('timeline')) {
		pdf.newPage();
		pdf.section(() => {
			pdf.heading(2, say('dossier_pdf_timeline_title'));
			if (incidents.length === 0) pdf.paragraph(say('dossier_pdf_none_in_period'));
			else
				pdf.table(
					[say('dossier_pdf_col_date'), say('dossier_pdf_col_place'), say('dossier_pdf_col_forms')],
					incidents.map((i) => [incidentDate(locale, i), i.place ? placeName(locale, i.place) : '', i.forms.map((f) => formName(locale, f)).join(', ')]),
					{ widths: [0.3, 0.2, 0.5] }
				);
		});
	}

	if (items.has('incidents')) {
		pdf.newPage();
		pdf.section(() => {
			pdf.heading(2, say('dossier_pdf_incidents_title'));
			if (incidents.length === 0) pdf.paragraph(say('dossier_pdf_none_in_period'));
			for (const incident of incidents) {
				pdf.section(() => {
					pdf.heading(3, say('dossier_incident_title', { date: incidentDate(locale, incident, false) }));
					for (const [label, value] of incidentFields(locale, incident)) pdf.keyValue(label, value);
					const files = byIncident.get(incident.id) ?? [];
					if (files.length > 0) pdf.keyValue(say('dossier_pdf_field_evidence'), files.map((f) => f.name).join(', '));
					const shown = files.map((f) => photos.get(f.id)).filter((p): p is PdfImage => p !== undefined);
					if (shown.length > 0) pdf.imageGrid(shown, { perRow: 3, maxHeight: 180 });
					const images = files.filter((f) => isImageType(f.contentType)).length;
					if (items.has('images') && images > MAX_IMAGES_PER_INCIDENT) pdf.paragraph(say('dossier_pdf_more_images', { count: images - MAX_IMAGES_PER_INCIDENT }));
				});
			}
		});
	}

	if (items.has('contacts')) {
		pdf.newPage();
		pdf.section(() => {
			pdf.heading(2, say('dossier_contacts_title'));
			if (contacts.length === 0) pdf.paragraph(say('dossier_pdf_contacts_none'));
			for (const contact of contacts) {
				pdf.section(() => {
					pdf.heading(3, say('dossier_pdf_contact_heading', { date: date(contact.contactedOn), rung: rungName(locale, contact.rung) }));
					if (contact.personName) pdf.keyValue(say('dossier_pdf_field_person'), contact.personName);
					pdf.keyValue(say('dossier_pdf_field_channel'), channelName(locale, contact.channel));
					if (contact.summary) pdf.keyValue(say('dossier_pdf_field_contact_summary'), contact.summary);
					if (contact.agreements.length > 0) {
						pdf.paragraph(say('dossier_agreements_title'), { bold: true });
						pdf.list(
							contact.agreements.map((a) =>
								[
									a.description,
									a.followUpOn ? `${say('dossier_agreement_follow_up', { date: date(a.followUpOn) })}${a.overdue ? ` ${say('dossier_pdf_agreement_overdue')}` : ''}` : '',
									`${say('dossier_agreement_status')} ${statusName(locale, a.status)}`
								]
									.filter(Boolean)
									.join('\n')
							)
						);
					}
				});
			}
		});
	}

	if (items.has('attachments')) {
		pdf.newPage();
		pdf.section(() => {
			pdf.heading(2, say('dossier_pdf_attachments_title'));
			if (attachments.length === 0) pdf.paragraph(say('dossier_pdf_attachments_none'));
			else {
				pdf.paragraph(say('dossier_pdf_attachments_lead'));
				pdf.list(
					incidents.flatMap((incident) =>
						(byIncident.get(incident.id) ?? []).map((a) => ({
							lead: a.name,
							text: [
								say('dossier_pdf_attachment_incident', { date: incidentDate(locale, incident, false) }),
								`${say('evidence_field_type')}: ${typeName(locale, a.contentType)}`,
								`${say('evidence_field_size')}: ${sizeText(locale, a.size)}`,
								`${say('evidence_field_received')}: ${formatDateTime(a.receivedAt, locale)}`,
								`${say('evidence_field_sha256')}:`,
								a.sha256
							].join('\n')
						}))
					),
					{ size: 10 }
				);
			}
		});
	}

	const bytes = await pdf.finish((page, pages) => say('dossier_pdf_page', { page, pages }));

	// Which parts and whether a period was chosen: never the child's name or any content (audit.service.ts).
	const audit = (trx: Db) =>
		recordAudit(trx, { actorUserId: actor!.userId, action: 'dossier.pdf', subjectType: 'child', subjectId: child.id, detail: { items: [...items], period: Boolean(period.from || period.to) } });
	if (db.isTransaction) await audit(db);
	else await db.transaction().execute(audit);
	return bytes;
}

// Texts in the requested language (the request's own language may differ in tests and jobs).

function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
	return (m[key] as (p: Record<string, string | number>, o: { locale: Locale }) => string)(params, { locale });
}

function periodText(locale: Locale, from: string | undefined, to: string | undefined): string {
	const d = (day: string) => formatDate(day, locale);
	if (from && to) return t(locale, 'dossier_pdf_period_between', { from: d(from), to: d(to) });
	if (from) return t(locale, 'dossier_pdf_period_from', { from: d(from) });
	if (to) return t(locale, 'dossier_pdf_period_to', { to: d(to) });
	return t(locale, 'dossier_pdf_period_all');
}

/** The day ("around" it when the parent was not sure), with the time when `withTime` and known. */
function incidentDate(locale: Locale, incident: IncidentView, withTime = true): string {
	const day = formatDate(incident.occurredOn, locale);
	return `${incident.approximate ? t(locale, 'dossier_date_around', { date: day }) : day}${withTime && incident.occurredTime ? `, ${incident.occurredTime}` : ''}`;
}

const formName = (locale: Locale, form: IncidentView['forms'][number]) => t(locale, `form_kind_${form}`);
const placeName = (locale: Locale, place: NonNullable<IncidentView['place']>) => t(locale, `place_${place}`);
const rungName = (locale: Locale, rung: ContactView['rung']) => t(locale, `rung_${rung}`);
const channelName = (locale: Locale, channel: ContactView['channel']) => t(locale, `channel_${channel}`);
const statusName = (locale: Locale, status: ContactView['agreements'][number]['status']) => t(locale, `agreement_status_${status}`);

function yearGroup(locale: Locale, group: string): string {
	const [kind, n] = group.split('-');
	return t(locale, kind === 'groep' ? 'dossier_year_group_primary' : 'dossier_year_group_secondary', { n: n ?? '' });
}

const TYPE_KEYS: Record<EvidenceType, MessageKey> = {
	'image/jpeg': 'evidence_type_jpeg',
	'image/png': 'evidence_type_png',
	'image/webp': 'evidence_type_webp',
	'application/pdf': 'evidence_type_pdf'
};
const typeName = (locale: Locale, type: EvidenceType) => t(locale, TYPE_KEYS[type]);

function sizeText(locale: Locale, bytes: number): string {
	if (bytes < 1024 * 1024) return t(locale, 'evidence_size_kb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
	return t(locale, 'evidence_size_mb', { size: formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 }) });
}

/** Every filled-in field of an incident, label and value, in the order of the form. */
function incidentFields(locale: Locale, i: IncidentView): [string, string][] {
	const fields: [MessageKey, string | null][] = [
		['dossier_pdf_field_time', i.occurredTime],
		['dossier_pdf_field_place', i.place ? `${placeName(locale, i.place)}${i.placeDetail ? ` (${i.placeDetail})` : ''}` : i.placeDetail],
		['dossier_pdf_field_online_platform', i.onlinePlatform],
		['dossier_pdf_field_forms', i.forms.length > 0 ? i.forms.map((f) => formName(locale, f)).join(', ') : null],
		['dossier_pdf_field_what_happened', i.whatHappened],
		['dossier_pdf_field_perpetrators', i.perpetrators],
		['dossier_pdf_field_witnesses', i.witnesses],
		['dossier_pdf_field_child_response', i.childResponse],
		['dossier_pdf_field_adults_knew', i.adultsKnew],
		['dossier_pdf_field_impact_emotional', i.impactEmotional],
		['dossier_field_impact_physical', i.impactPhysical],
		['dossier_field_absence_days', i.absenceDays === null ? null : formatNumber(i.absenceDays, locale)],
		// Only a yes: the quick entry has no answer at all until the parent chooses, so "no" could be a guess.
		['dossier_pdf_field_violence', i.physicalViolence ? t(locale, 'form_yes') : null]
	];
	return fields.filter((f): f is [MessageKey, string] => f[1] !== null && f[1] !== '').map(([key, value]) => [t(locale, key), value]);
}
