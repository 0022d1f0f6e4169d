/**
 * Pure rules of the school's report inbox (issue 11 item 4, decision 0020). Browser-safe.
 */
import * as v from 'valibot';
import { addDays, addSchoolDays, type AcknowledgementTarget } from '../cases/school-days';
import { reportSchema, type ReportInput } from './report-form';
import { dateFromParts } from '../schools/school-profile';

export const INBOX_PAGE_SIZE = 25;

/** The channels staff enter a report from; "online" is only ever the reporter's own form. */
export const STAFF_CHANNELS = ['in_person', 'phone', 'email', 'paper'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];
export const CHANNELS = ['online', ...STAFF_CHANNELS] as const;
export type Channel = (typeof CHANNELS)[number];

export const INBOX_FILTERS = ['new', 'all'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/**
 * The first day of receipt that is NOT overdue today: a report still unacknowledged is overdue exactly when it was
 * received before this day. addSchoolDays grows with its start day, so one bound replaces a rule per row and the
 * inbox counts overdue reports with one indexed range (received_on < cutoff) instead of reading every row.
 */
export function overdueCutoff(today: string, target: AcknowledgementTarget): string {
	// Walk back from today while the due day of a report received that day is still today or later.
	let day = today;
	for (let guard = 0; guard < 400; guard++) {
		const previous = addDays(day, -1);
		if (addSchoolDays(previous, target.schoolDays, target.noSchoolDays) < today) return day;
		day = previous;
	}
	return day;
}

/** Calendar days from receipt to today: "3 days old" (the target itself counts school days). */
export function ageInDays(receivedOn: string, today: string): number {
	return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${receivedOn}T00:00:00Z`)) / 86_400_000));
}

/**
 * The names in a report's "who was involved" text, for duplicate suggestions: one per line, comma, semicolon or
 * " en " / " and ". A part with a digit is a description ("iemand uit groep 8", "twee jongens uit 2b"), not a name:
 * left out, or every report mentioning the same class would be suggested as the same pupil.
 */
export function pupilNamesFrom(text: string | null): string[] {
	if (!text) return [];
	return text
		.split(/[\n,;]+|\s+(?:en|and|&)\s+/i)
		.map((part) => part.trim())
		.filter((part) => part.length > 1 && part.length <= 80 && !/\d/.test(part));
}

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return)
 * gets a leading apostrophe (OWASP: CSV injection); every cell is quoted, with its quotes doubled.
 */
export function csvCell(value: string | number | null): string {
	let text = value === null ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(cells: readonly (string | number | null)[]): string {
	return `${cells.map(csvCell).join(',')}\r\n`;
}

const ORAL_FIELDS = v.looseObject({
	channel: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => (STAFF_CHANNELS as readonly string[]).includes(s), 'inbox_error_channel')
	),
	receipt: v.pipe(
		v.optional(v.string(), 'no'),
		v.check((s) => s === 'yes' || s === 'no', 'report_error_choose')
	)
});

export interface StaffReportInput {
	report: ReportInput;
	channel: StaffChannel;
	receivedOn: string;
	withReceipt: boolean;
}

/**
 * The form staff fill in for a report heard in person, by phone, e-mail or on paper: the reporter's own fields
 * (reportSchema), the channel, the day it came in (empty = today; never in the future) and whether the reporter
 * gets a receipt code. The errors of all parts are reported at once.
 */
export const staffReportSchema = v.pipe(
	v.looseObject({}),
	v.rawTransform<Record<string, unknown>, StaffReportInput>(({ dataset, addIssue, NEVER }) => {
		const value = dataset.value;
		const issue = (key: string, message: string) => addIssue({ message, path: [{ type: 'object', origin: 'value', input: value, key, value: value[key] }] });
		let failed = false;
		const own = v.safeParse(ORAL_FIELDS, value);
		if (!own.success) {
			for (const i of own.issues) issue(String(i.path?.[0]?.key ?? 'channel'), i.message);
			failed = true;
		}
		const received = dateFromParts(value, 'receivedOn');
		if ('error' in received) {
			issue('receivedOn', received.error === 'profile_error_date_future' ? 'inbox_error_received_future' : 'report_error_date');
			failed = true;
		}
		const report = v.safeParse(reportSchema, value);
		if (!report.success) {
			for (const i of report.issues) issue(String(i.path?.[0]?.key ?? 'whatHappened'), i.message);
			failed = true;
		}
		if (failed || !own.success || !report.success || 'error' in received) return NEVER;
		return {
			report: report.output,
			channel: own.output.channel as StaffChannel,
			receivedOn: received.value ?? '',
			withReceipt: own.output.receipt === 'yes'
		};
	})
);
