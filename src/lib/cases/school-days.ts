/**
 * School days for the school's acknowledgement target (issue 11: "default two school days"). Browser-safe and pure.
 *
 * Days are calendar days of the Dutch calendar written 'YYYY-MM-DD' (take "today" from todayInNetherlands, not the
 * server's UTC clock). A school day is a Monday to Friday that the school has not listed as a no-school day. We hold
 * no holiday data: the school gives its own list (holidays differ per region and per school, and study days per school).
 */
import { schoolYearOf } from '../schools/legal-duties';

/** The school year of a day, e.g. '2026-2027' (GLOSSARY: schoolYear, 1 August – 31 July). */
export function schoolYearLabelOf(day: string): string {
	return schoolYearOf(day).label;
}

export const DEFAULT_ACKNOWLEDGEMENT_SCHOOL_DAYS = 2;

export interface AcknowledgementTarget {
	/** Whole school days after the day of receipt by which the report must be acknowledged. */
	schoolDays: number;
	/** Days on which the school is closed (holidays, study days), 'YYYY-MM-DD'. */
	noSchoolDays: readonly string[];
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** True for a real calendar day written 'YYYY-MM-DD' (not '2026-02-30'). */
export function isDay(value: string): boolean {
	const match = DAY_PATTERN.exec(value);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === value;
}

function toUtc(day: string): Date {
	// A wrong day here is a programming error upstream: inputs are validated at the edge, so fail loudly.
	if (!isDay(day)) throw new RangeError(`not a day: ${day}`);
	return new Date(`${day}T00:00:00Z`);
}

function fromUtc(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** The day after (or, for negative n, before) a day. Calendar arithmetic in UTC, so no daylight-saving jumps. */
export function addDays(day: string, n: number): string {
	return fromUtc(new Date(toUtc(day).getTime() + n * MS_PER_DAY));
}

function isWeekend(day: string): boolean {
	const weekday = toUtc(day).getUTCDay();
	return weekday === 0 || weekday === 6;
}

export function isSchoolDay(day: string, noSchoolDays: ReadonlySet<string>): boolean {
	return !isWeekend(day) && !noSchoolDays.has(day);
}

/**
 * The n-th school day after `day` (n ≥ 0). The day of receipt itself never counts, so a report received on a Friday
 * evening or a Saturday with a target of two school days is due on Tuesday. n = 0 gives the day itself.
 */
export function addSchoolDays(day: string, n: number, noSchoolDays: readonly string[] = []): string {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`school days must be a whole number ≥ 0: ${n}`);
	const closed = new Set(noSchoolDays);
	let current = day;
	let left = n;
	// A list of no-school days cannot close a school for more than a year; the bound keeps a bad list from looping.
	for (let guard = 0; left > 0; guard++) {
		if (guard > 366 + n * 7) throw new RangeError('no school day found within a year');
		current = addDays(current, 1);
		if (isSchoolDay(current, closed)) left--;
	}
	return current;
}

/** The last day on which acknowledging a report received on `receivedOn` is still on time. */
export function acknowledgementDueOn(receivedOn: string, target: AcknowledgementTarget): string {
	return addSchoolDays(receivedOn, target.schoolDays, target.noSchoolDays);
}

/**
 * Whether the acknowledgement is (or was) late: acknowledged after the due day, or not yet acknowledged and the due
 * day has passed. On the due day itself an unacknowledged report is not yet overdue: the school still has that day.
 */
export function isOverdue(receivedOn: string, acknowledgedOn: string | undefined, today: string, target: AcknowledgementTarget): boolean {
	const due = acknowledgementDueOn(receivedOn, target);
	return (acknowledgedOn ?? today) > due;
}

/** School days from `from` (exclusive) to `to` (inclusive): the age of a report in the inbox. 0 when `to` ≤ `from`. */
export function schoolDaysBetween(from: string, to: string, noSchoolDays: readonly string[] = []): number {
	const closed = new Set(noSchoolDays);
	let count = 0;
	for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) if (isSchoolDay(current, closed)) count++;
	return count;
}
