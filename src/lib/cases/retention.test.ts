import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isRemovable, keptSince, removableFrom, reportLastActivity, retentionSchema } from './retention';

describe('retention of closed cases', () => {
	it.each([
		['2026-03-10', 2, '2028-08-01'],
		['2026-07-31', 2, '2028-08-01'],
		// 1 August starts a new school year.
		['2026-08-01', 2, '2029-08-01'],
		['2026-12-31', 1, '2028-08-01']
	])('a case closed on %s, kept %i school years, goes from %s', (closedOn, years, from) => {
		expect(removableFrom(closedOn, years)).toBe(from);
	});

	it('keeps a case through its last school year and removes it on the first day after', () => {
		expect(isRemovable('2026-03-10', 2, '2028-07-31')).toBe(false);
		expect(isRemovable('2026-03-10', 2, '2028-08-01')).toBe(true);
	});
});

describe('the same rule seen from today', () => {
	it.each([
		['2028-08-01', 2, '2026-08-01'],
		['2028-07-31', 2, '2025-08-01'],
		['2026-12-07', 1, '2025-08-01'],
		['2026-12-07', 10, '2016-08-01']
	])('on %s, kept %i school years, what happened from %s on is still kept', (today, years, since) => {
		expect(keptSince(today, years)).toBe(since);
	});

	it('agrees with isRemovable for every day of four years, for every period', () => {
		const days: string[] = [];
		for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
		const disagree: string[] = [];
		for (const today of ['2026-07-31', '2026-08-01', '2027-03-10', '2029-08-01', '2031-07-31']) {
			for (let years = 1; years <= 10; years++) {
				const since = keptSince(today, years);
				for (const day of days) if (day < since !== isRemovable(day, years, today)) disagree.push(`${day}, ${years} years, on ${today}`);
			}
		}
		expect(disagree).toEqual([]);
	});
});

describe('the last activity of a report outside a case', () => {
	it('is the day it came in when nothing happened since', () => {
		expect(reportLastActivity({ receivedOn: '2025-03-10', acknowledgedOn: null, lastMessageOn: null, lastSharedOn: null })).toBe('2025-03-10');
	});

	it.each([
		['acknowledged', { acknowledgedOn: '2025-09-02' }, '2025-09-02'],
		['a message', { acknowledgedOn: '2025-03-11', lastMessageOn: '2026-01-15' }, '2026-01-15'],
		['an item shared from the dossier', { lastMessageOn: '2025-04-01', lastSharedOn: '2025-10-20' }, '2025-10-20']
	])('is the latest day: %s', (_, days, expected) => {
		expect(reportLastActivity({ receivedOn: '2025-03-10', acknowledgedOn: null, lastMessageOn: null, lastSharedOn: null, ...days })).toBe(expected);
	});
});

describe('the retention form', () => {
	const parse = (schoolYears: string | undefined) => v.safeParse(retentionSchema, schoolYears === undefined ? {} : { schoolYears });

	it.each([
		['1', 1],
		['2', 2],
		[' 10 ', 10],
		['03', 3]
	])('takes %j as %i school years', (input, years) => {
		expect(parse(input)).toMatchObject({ success: true, output: { schoolYears: years } });
	});

	it.each([['0'], ['11'], ['abc'], ['2,5'], ['-1'], ['1e1'], [''], ['２'], ['a'.repeat(1_000_000)], [undefined]])('refuses %j with one message', (input) => {
		const result = parse(input);
		expect(result.success).toBe(false);
		expect(result.issues?.[0]?.message).toBe('case_error_retention_years');
	});
});
