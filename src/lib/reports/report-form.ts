/**
 * The report form (issue 11 item 1): what a pupil or parent tells the school. Browser-safe; failures are message
 * keys (src/lib/i18n/translate.ts) that the page turns into words in the reader's language.
 *
 * Markup is not refused: it is stored as text and always shown escaped. Control characters, text that is not
 * well-formed and text over the limits are refused with a message, and the page keeps what was typed.
 */
import * as v from 'valibot';
import { optionalTextField, textField } from '../forms/text';
import { dateFromParts } from '../schools/school-profile';
import { BULLYING_FORMS, type BullyingForm } from '../dossier/dossier';

/** The grounds of Dutch discrimination law a pupil can recognise, plus "other". */
export const MOTIVES = ['appearance', 'origin_or_skin_colour', 'religion', 'sexual_orientation', 'gender_identity', 'disability', 'other'] as const;
export type Motive = (typeof MOTIVES)[number];

export const ONGOING = ['yes', 'no', 'unknown'] as const;
export type Ongoing = (typeof ONGOING)[number];

/** "When" for someone who does not know the date. */
export const OCCURRED_AROUND = ['this_week', 'last_week', 'this_month', 'longer_ago'] as const;
export type OccurredAround = (typeof OCCURRED_AROUND)[number];

export const REPORTER_KINDS = ['pupil', 'parent', 'other'] as const;
export type ReporterKind = (typeof REPORTER_KINDS)[number];

/** Limits: a long story fits (about four pages), a pasted megabyte does not. */
export const MAX_STORY_LENGTH = 10_000;
export const MAX_LINE_LENGTH = 300;
export const MAX_MESSAGE_LENGTH = 5_000;
/** Photos or screenshots with one report: enough for a chat, few enough to check while the pupil waits. */
export const MAX_REPORT_FILES = 5;

const invalid = 'report_error_invalid_text';
const tooLong = 'report_error_too_long';

const optionalLine = (max: number) => optionalTextField({ max, invalid, tooLong });
const optionalText = (max: number) => optionalTextField({ max, multiline: true, invalid, tooLong });

function codeList<T extends string>(codes: readonly T[]) {
	return v.pipe(
		v.optional(v.union([v.string(), v.array(v.string())]), []),
		v.transform((value) => (Array.isArray(value) ? value : value ? [value] : [])),
		v.check((values) => values.length <= codes.length && values.every((x) => (codes as readonly string[]).includes(x)), 'report_error_choose'),
		v.transform((values) => codes.filter((code) => values.includes(code)))
	);
}

function oneOf<T extends string>(codes: readonly T[], fallback: T | '') {
	return v.pipe(
		v.optional(v.string(), fallback),
		v.check((s) => s === '' || (codes as readonly string[]).includes(s), 'report_error_choose'),
		v.transform((s) => (s || null) as T | null)
	);
}

const fields = v.looseObject({
	reporterKind: v.pipe(oneOf(REPORTER_KINDS, 'pupil'), v.transform((s) => s ?? 'pupil')),
	whatHappened: textField({ max: MAX_STORY_LENGTH, multiline: true, required: 'report_error_what_required', invalid, tooLong }),
	occurredAround: oneOf(OCCURRED_AROUND, ''),
	place: optionalLine(MAX_LINE_LENGTH),
	peopleInvolved: optionalText(2_000),
	forms: codeList<BullyingForm>(BULLYING_FORMS),
	motives: codeList<Motive>(MOTIVES),
	ongoing: v.pipe(oneOf(ONGOING, 'unknown'), v.transform((s) => s ?? 'unknown')),
	identity: v.pipe(
		v.optional(v.string(), 'anonymous'),
		v.check((s) => s === 'anonymous' || s === 'named', 'report_error_choose')
	),
	reporterName: optionalLine(120),
	contact: optionalLine(MAX_LINE_LENGTH)
});

export interface ReportInput {
	reporterKind: ReporterKind;
	whatHappened: string;
	occurredOn: string | null;
	occurredAround: OccurredAround | null;
	place: string | null;
	peopleInvolved: string | null;
	forms: BullyingForm[];
	motives: Motive[];
	ongoing: Ongoing;
	anonymous: boolean;
	/** Only when named. */
	reporterName: string | null;
	/** Only when named: an anonymous report keeps no way to reach its sender. */
	contact: string | null;
}

/** The date (day, month, year fields `occurredOn-*`) if given wins over "around"; a day in the future is refused. */
export const reportSchema = v.pipe(
	fields,
	v.rawTransform<v.InferOutput<typeof fields>, ReportInput>(({ dataset, addIssue, NEVER }) => {
		const value = dataset.value;
		const issue = (key: string, message: string) => addIssue({ message, path: [{ type: 'object', origin: 'value', input: value, key, value: value[key] }] });
		const date = dateFromParts(value, 'occurredOn');
		if ('error' in date) {
			issue('occurredOn', date.error === 'profile_error_date_future' ? 'report_error_date_future' : 'report_error_date');
			return NEVER;
		}
		const named = value.identity === 'named';
		if (named && !value.reporterName) {
			issue('reporterName', 'report_error_name_required');
			return NEVER;
		}
		return {
			reporterKind: value.reporterKind,
			whatHappened: value.whatHappened,
			occurredOn: date.value,
			occurredAround: date.value ? null : value.occurredAround,
			place: value.place,
			peopleInvolved: value.peopleInvolved,
			forms: value.forms,
			motives: value.motives,
			ongoing: value.ongoing,
			anonymous: !named,
			reporterName: named ? value.reporterName : null,
			contact: named ? value.contact : null
		};
	})
);

/** A message from the reporter or the school on a report. */
export const reportMessageSchema = v.object({
	body: textField({ max: MAX_MESSAGE_LENGTH, multiline: true, required: 'report_error_message_required', invalid, tooLong })
});

/** The receipt form on /melding: the shapes are checked by the service, which answers the same for every refusal. */
export const receiptSchema = v.object({
	receiptCode: v.pipe(v.optional(v.string(), ''), v.maxLength(100, 'report_error_receipt')),
	passphrase: v.pipe(v.optional(v.string(), ''), v.maxLength(100, 'report_error_receipt')),
	/** A message written while the report was open, kept across a new opening when the half hour ran out. */
	body: v.optional(v.string(), '')
});

/** The most incidents a parent can share in one report: a whole school year of a dossier, not more. */
export const MAX_SHARED_INCIDENTS = 200;

const idList = (max: number) =>
	v.pipe(
		v.optional(v.union([v.string(), v.array(v.string())]), []),
		v.transform((value) => (Array.isArray(value) ? value : value ? [value] : [])),
		v.check((values) => values.length <= max && values.every((x) => x.length <= 80), 'report_error_choose'),
		v.transform((values) => [...new Set(values)])
	);

const dossierFields = v.looseObject({
	whatHappened: textField({ max: MAX_STORY_LENGTH, multiline: true, required: 'dossier_report_error_what_required', invalid, tooLong }),
	motives: codeList<Motive>(MOTIVES),
	ongoing: v.pipe(oneOf(ONGOING, 'unknown'), v.transform((s) => s ?? 'unknown')),
	incidents: idList(MAX_SHARED_INCIDENTS),
	attachments: idList(MAX_SHARED_INCIDENTS * 20),
	consent: v.optional(v.string(), '')
});

/**
 * A parent's report from the dossier: their own words, and the incidents and files they choose to share. Sharing
 * needs the explicit consent box ticked; without anything chosen there is nothing to consent to.
 */
export const dossierReportSchema = v.pipe(
	dossierFields,
	v.rawTransform<v.InferOutput<typeof dossierFields>, { whatHappened: string; motives: Motive[]; ongoing: Ongoing; incidentIds: string[]; attachments: string[] }>(({ dataset, addIssue, NEVER }) => {
		const value = dataset.value;
		if ((value.incidents.length > 0 || value.attachments.length > 0) && value.consent !== 'yes') {
			addIssue({ message: 'dossier_report_error_consent', path: [{ type: 'object', origin: 'value', input: value, key: 'consent', value: value.consent }] });
			return NEVER;
		}
		return { whatHappened: value.whatHappened, motives: value.motives, ongoing: value.ongoing, incidentIds: value.incidents, attachments: value.attachments };
	})
);
