/**
 * How long a school keeps what it holds about bullying (issue 11 item 10; decisions 0023 and 0026): a number of whole
 * school years after the school year of a day, default two. For a closed case that day is the day it closed; for a
 * report that never became a case, the last day something happened to it (reportLastActivity). Browser-safe and pure.
 * A case closed on 10 March 2026 (school year 2025-2026) is kept through 2026-2027 and 2027-2028, and is removed from
 * 1 August 2028.
 */
import * as v from 'valibot';
import { schoolYearOf } from '../schools/legal-duties';

export const DEFAULT_RETENTION_SCHOOL_YEARS = 2;
export const MIN_RETENTION_SCHOOL_YEARS = 1;
export const MAX_RETENTION_SCHOOL_YEARS = 10;

/** The first day on which a case closed on `closedOn` (or a report last active then) is no longer kept. */
export function removableFrom(closedOn: string, schoolYears: number): string {
	const startYear = Number(schoolYearOf(closedOn).label.slice(0, 4));
	return `${startYear + 1 + schoolYears}-08-01`;
}

export function isRemovable(closedOn: string, schoolYears: number, today: string): boolean {
	return today >= removableFrom(closedOn, schoolYears);
}

/**
 * The same rule seen from today: the earliest day that still keeps what happened on it. Anything whose day is before
 * it is removable (`day < keptSince(today, n)` exactly when `isRemovable(day, n, today)`), so one comparison in SQL
 * can re-check a removal inside the delete that claims it.
 */
export function keptSince(today: string, schoolYears: number): string {
	const startYear = Number(schoolYearOf(today).label.slice(0, 4));
	return `${startYear - schoolYears}-08-01`;
}

/**
 * The days on which something happened to a report, as stored (days only, never times: anonymous reports keep no
 * more). What adds to the report or changes its status counts; a withdrawal or a staff decision about a pair of
 * reports does not, because it adds nothing the school keeps (decision 0026).
 */
export interface ReportDays {
	receivedOn: string;
	acknowledgedOn: string | null;
	/** The day of the newest message, from the reporter or the school; null without messages. */
	lastMessageOn: string | null;
	/** The day the newest item was shared from a dossier; null without shared items. */
	lastSharedOn: string | null;
}

/** The last day something happened to a report: the period of a report outside any case counts from it. */
export function reportLastActivity(days: ReportDays): string {
	return [days.acknowledgedOn, days.lastMessageOn, days.lastSharedOn].reduce<string>((last, day) => (day !== null && day > last ? day : last), days.receivedOn);
}

/** The retention form: a whole number of school years, 1 to 10 (a text input, so "abc" or "2,5" are answered here). */
export const retentionSchema = v.object({
	schoolYears: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => s.trim()),
		v.check((s) => /^[0-9]{1,2}$/.test(s) && Number(s) >= MIN_RETENTION_SCHOOL_YEARS && Number(s) <= MAX_RETENTION_SCHOOL_YEARS, 'case_error_retention_years'),
		v.transform((s) => Number(s))
	)
});
