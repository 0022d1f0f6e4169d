/**
 * The dates of the Week Tegen Pesten. No official rule exists: sources say "the fourth week of September",
 * and every known year but 2017 was ISO week 39, Monday to Friday (../shared/data/week-tegen-pesten.json).
 * A year with dates entered from a source gives those; any other year gives ISO week 39, marked as expected.
 */

export interface KnownWeek {
	year: number;
	/** yyyy-mm-dd */
	start: string;
	end: string;
	theme?: string;
	source?: string;
}

export interface WeekTegenPesten {
	year: number;
	start: string;
	end: string;
	/** True when the dates follow the rule rather than a source: show them as "verwacht". */
	expected: boolean;
	theme?: string;
	source?: string;
}

function isoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Monday of ISO week `week` of `year`: week 1 is the week with 4 January in it. */
export function mondayOfIsoWeek(year: number, week: number): Date {
	const january4 = new Date(Date.UTC(year, 0, 4));
	const isoDay = january4.getUTCDay() || 7;
	return new Date(Date.UTC(year, 0, 4 - (isoDay - 1) + (week - 1) * 7));
}

export function weekTegenPesten(year: number, known: readonly KnownWeek[]): WeekTegenPesten {
	const entry = known.find((k) => k.year === year);
	if (entry) return { year, start: entry.start, end: entry.end, expected: false, theme: entry.theme, source: entry.source };
	const monday = mondayOfIsoWeek(year, 39);
	const friday = new Date(monday.getTime() + 4 * 24 * 60 * 60 * 1000);
	return { year, start: isoDate(monday), end: isoDate(friday), expected: true };
}

/** This year's week and next year's, as the guide shows them. */
export function upcomingWeeks(today: Date, known: readonly KnownWeek[]): [WeekTegenPesten, WeekTegenPesten] {
	const year = today.getUTCFullYear();
	return [weekTegenPesten(year, known), weekTegenPesten(year + 1, known)];
}
