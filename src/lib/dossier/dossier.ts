/**
 * The parent's dossier (GLOSSARY: dossier, incident, BullyingForm): kinds, the summary of a timeline and the form
 * schemas. Browser-safe; messages are message keys (src/lib/i18n/translate.ts).
 */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';
import { dateFromParts } from '../schools/school-profile';

export const BULLYING_FORMS = [
	'verbal',
	'physical',
	'exclusion',
	'threats',
	'rumours',
	'belongings',
	'online_fake_profile',
	'online_threats',
	'online_private_images',
	'online_group_exclusion'
] as const;
export type BullyingForm = (typeof BULLYING_FORMS)[number];

export const PLACES = ['class', 'playground', 'corridor', 'gym', 'way_to_school', 'online', 'elsewhere'] as const;
export type Place = (typeof PLACES)[number];

/** Primary school groups and secondary school years (GLOSSARY: yearGroup). */
export const YEAR_GROUPS = [...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `groep-${n}`), ...[1, 2, 3, 4, 5, 6].map((n) => `klas-${n}`)] as const;

/** The youngest and oldest a child in the dossier can be: from toddler groups to the last year of secondary school and a bit. */
export const MIN_AGE = 3;
export const MAX_AGE = 21;

const invalid = 'dossier_error_invalid_text';
const tooLong = 'dossier_error_too_long';

const optionalLine = (max: number) => v.pipe(v.optional(textField({ max, invalid, tooLong }), ''), v.transform((s) => s || null));
const optionalText = (max: number) => v.pipe(v.optional(textField({ max, multiline: true, invalid, tooLong }), ''), v.transform((s) => s || null));

// Letters of any script, marks, spaces and the punctuation of names; a nickname may have digits.
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .'’-]+$/u;

function yearNow(): number {
	return Number(todayInNetherlands().slice(0, 4));
}

export const childSchema = v.object({
	name: v.pipe(textField({ max: 50, required: 'dossier_error_child_name_required', invalid: 'dossier_error_child_name_invalid', tooLong: 'dossier_error_child_name_too_long' }), v.regex(NAME_PATTERN, 'dossier_error_child_name_invalid')),
	birthYear: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim()),
		v.nonEmpty('dossier_error_birth_year_required'),
		v.check((s) => /^\d{4}$/.test(s) && Number(s) >= yearNow() - MAX_AGE && Number(s) <= yearNow() - MIN_AGE, 'dossier_error_birth_year'),
		v.transform(Number)
	),
	yearGroup: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => s === '' || (YEAR_GROUPS as readonly string[]).includes(s), 'dossier_error_choose'),
		v.transform((s) => s || null)
	),
	schoolCode: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => s === '' || s === 'none' || /^[0-9A-Za-z]{6}$/.test(s), 'dossier_error_choose'),
		v.transform((s) => (s === '' || s === 'none' ? null : s.toUpperCase()))
	),
	schoolName: optionalLine(120),
	schoolQuery: v.optional(v.string(), '')
});
export type ChildInput = v.InferOutput<typeof childSchema>;

const formsList = v.pipe(
	v.optional(v.union([v.string(), v.array(v.string())]), []),
	v.transform((value) => (Array.isArray(value) ? value : value ? [value] : [])),
	v.check((values) => values.every((x) => (BULLYING_FORMS as readonly string[]).includes(x)), 'dossier_error_choose'),
	v.transform((values) => [...new Set(values)] as BullyingForm[])
);

const flag = v.pipe(v.optional(v.string(), ''), v.transform((s) => (s === 'on' || s === 'yes' ? 1 : 0) as 0 | 1));

const yesNoFlag = v.pipe(
	v.optional(v.string(), ''),
	v.check((s) => s === '' || s === 'yes' || s === 'no', 'dossier_error_choose'),
	v.transform((s) => (s === 'yes' ? 1 : 0) as 0 | 1)
);

/** The date of an incident: required, a real day, not in the future (the child's birth year is checked by the service). */
function withOccurredOn<T extends Record<string, unknown>>() {
	return v.rawTransform<T, T & { occurredOn: string }>(({ dataset, addIssue, NEVER }) => {
		const result = dateFromParts(dataset.value, 'occurredOn');
		const error = 'error' in result ? result.error : result.value === null ? 'dossier_error_date_required' : undefined;
		if (error) {
			const key = error === 'profile_error_date_future' ? 'dossier_error_date_future' : error === 'profile_error_date' ? 'dossier_error_date' : error;
			addIssue({ message: key, path: [{ type: 'object', origin: 'value', input: dataset.value, key: 'occurredOn', value: undefined }] });
			return NEVER;
		}
		return { ...dataset.value, occurredOn: (result as { value: string }).value };
	});
}

/** The quick entry: what a parent can fill in on a phone in under a minute. */
const quickFields = v.looseObject({
	approximate: flag,
	forms: formsList,
	whatHappened: optionalText(5000),
	physicalViolence: yesNoFlag
});
export const incidentQuickSchema = v.pipe(quickFields, withOccurredOn<v.InferOutput<typeof quickFields>>());
export type IncidentQuickInput = v.InferOutput<typeof incidentQuickSchema>;

/** All details, filled in now or later. */
const detailFields = v.looseObject({
	approximate: flag,
	occurredTime: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim().replace('.', ':')),
		v.check((s) => s === '' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(s), 'dossier_error_time'),
		v.transform((s) => (s === '' ? null : s.padStart(5, '0')))
	),
	place: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => s === '' || (PLACES as readonly string[]).includes(s), 'dossier_error_choose'),
		v.transform((s) => (s || null) as Place | null)
	),
	placeDetail: optionalLine(200),
	onlinePlatform: optionalLine(100),
	forms: formsList,
	perpetrators: optionalText(2000),
	witnesses: optionalText(2000),
	whatHappened: optionalText(5000),
	childResponse: optionalText(2000),
	adultsKnew: optionalText(2000),
	impactEmotional: optionalText(2000),
	impactPhysical: optionalText(2000),
	absenceDays: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim()),
		v.check((s) => s === '' || (/^\d{1,3}$/.test(s) && Number(s) <= 200), 'dossier_error_absence'),
		v.transform((s) => (s === '' ? null : Number(s)))
	),
	physicalViolence: yesNoFlag
});
export const incidentDetailSchema = v.pipe(detailFields, withOccurredOn<v.InferOutput<typeof detailFields>>());
export type IncidentDetailInput = v.InferOutput<typeof incidentDetailSchema>;

// The timeline

export interface IncidentSummaryItem {
	occurredOn: string;
	forms: readonly BullyingForm[];
	absenceDays: number | null;
	physicalViolence: boolean;
}

export interface DossierSummary {
	count: number;
	/** The earliest and the latest date, yyyy-mm-dd. */
	since: string | null;
	latest: string | null;
	/** How often each form was written down, most frequent first. */
	forms: { form: BullyingForm; count: number }[];
	absenceDays: number;
	physicalViolence: number;
}

export function summarise(items: readonly IncidentSummaryItem[]): DossierSummary {
	const counts = new Map<BullyingForm, number>();
	let since: string | null = null;
	let latest: string | null = null;
	let absenceDays = 0;
	let physicalViolence = 0;
	for (const item of items) {
		for (const form of item.forms) counts.set(form, (counts.get(form) ?? 0) + 1);
		if (since === null || item.occurredOn < since) since = item.occurredOn;
		if (latest === null || item.occurredOn > latest) latest = item.occurredOn;
		absenceDays += item.absenceDays ?? 0;
		if (item.physicalViolence) physicalViolence++;
	}
	return { count: items.length, since, latest, forms: sortedFormCounts(counts), absenceDays, physicalViolence };
}

/** The summary's forms: most often first, then in the order of BULLYING_FORMS. */
export function sortedFormCounts(counts: ReadonlyMap<BullyingForm, number>): DossierSummary['forms'] {
	return [...counts].map(([form, count]) => ({ form, count })).sort((a, b) => b.count - a.count || BULLYING_FORMS.indexOf(a.form) - BULLYING_FORMS.indexOf(b.form));
}

export interface TimelineFilter {
	form?: BullyingForm;
	from?: string;
	to?: string;
}

/** Reads the timeline filter from the address bar; anything malformed is ignored, never an error page. */
export function readTimelineFilter(params: URLSearchParams): TimelineFilter {
	const form = params.get('vorm') ?? '';
	const from = params.get('van') ?? '';
	const to = params.get('tot') ?? '';
	const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
	return {
		form: (BULLYING_FORMS as readonly string[]).includes(form) ? (form as BullyingForm) : undefined,
		from: isDay(from) ? from : undefined,
		to: isDay(to) ? to : undefined
	};
}

/** The start of a long text for a list (the timeline, overdue agreements): at most 160 characters. */
export function excerpt(text: string | null): string {
	return text && text.length > 160 ? `${text.slice(0, 157)}…` : (text ?? '');
}

/** Incidents per page of the timeline: a long dossier stays a page that loads fast and reads well on a phone. */
export const TIMELINE_PAGE_SIZE = 25;

/**
 * The timeline page asked for in the address bar (?pagina=N). Anything that is not a whole number from 1 is page 1;
 * a number past the last page is brought back to the last page by the service. Never an error page.
 */
export function readTimelinePage(params: URLSearchParams): number {
	const raw = params.get('pagina') ?? '';
	if (!/^[0-9]+$/.test(raw)) return 1;
	return Math.max(1, Number(raw));
}

/** The query of a timeline address: the filter and the page (page 1 is the address without ?pagina). */
export function timelineQuery(filter: TimelineFilter, page: number): string {
	const params = new URLSearchParams();
	if (filter.form) params.set('vorm', filter.form);
	if (filter.from) params.set('van', filter.from);
	if (filter.to) params.set('tot', filter.to);
	if (page > 1) params.set('pagina', String(page));
	const query = params.toString();
	return query ? `?${query}` : '';
}
