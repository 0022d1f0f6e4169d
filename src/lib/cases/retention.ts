/**
 * How long a closed case is kept (issue 11 item 10): a number of whole school years after the school year in which it
 * closed, default two. Browser-safe and pure. A case closed on 10 March 2026 (school year 2025-2026) is kept through
 * 2026-2027 and 2027-2028, and is removed from 1 August 2028.
 */
import { schoolYearOf } from '../schools/legal-duties';

export const DEFAULT_RETENTION_SCHOOL_YEARS = 2;
export const MIN_RETENTION_SCHOOL_YEARS = 1;
export const MAX_RETENTION_SCHOOL_YEARS = 10;

/** The first day on which a case closed on `closedOn` is no longer kept. */
export function removableFrom(closedOn: string, schoolYears: number): string {
	const startYear = Number(schoolYearOf(closedOn).label.slice(0, 4));
	return `${startYear + 1 + schoolYears}-08-01`;
}

export function isRemovable(closedOn: string, schoolYears: number, today: string): boolean {
	return today >= removableFrom(closedOn, schoolYears);
}
