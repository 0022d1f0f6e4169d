import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mondayOfIsoWeek, upcomingWeeks, weekTegenPesten, type KnownWeek } from './week-tegen-pesten';

const data: { known_years: KnownWeek[] } = JSON.parse(fs.readFileSync(path.resolve('src/lib/server/reference-data/week-tegen-pesten.json'), 'utf8'));

describe('Week Tegen Pesten', () => {
	it.each(data.known_years.map((k) => [k.year, k] as const))('%i gives the dates of the source', (year, known) => {
		const week = weekTegenPesten(year, data.known_years);
		expect(week).toMatchObject({ start: known.start, end: known.end, expected: false, theme: known.theme, source: known.source });
	});

	it.each(data.known_years.filter((k) => k.year !== 2017).map((k) => [k.year, k] as const))('the ISO-week-39 rule matches the known dates of %i', (year, known) => {
		expect(weekTegenPesten(year, [])).toEqual({ year, start: known.start, end: known.end, expected: true });
	});

	it('2017 is the one known exception (ISO week 38)', () => {
		expect(weekTegenPesten(2017, []).start).toBe('2017-09-25');
		expect(weekTegenPesten(2017, data.known_years).start).toBe('2017-09-18');
	});

	it('gives unknown years ISO week 39, Monday to Friday, marked as expected', () => {
		expect(weekTegenPesten(2026, data.known_years)).toEqual({ year: 2026, start: '2026-09-21', end: '2026-09-25', expected: true });
		expect(weekTegenPesten(2027, data.known_years)).toEqual({ year: 2027, start: '2027-09-27', end: '2027-10-01', expected: true });
		// 2020 had 53 ISO weeks; 2021 starts its week 1 on 4 January.
		expect(mondayOfIsoWeek(2021, 1).toISOString().slice(0, 10)).toBe('2021-01-04');
		expect(mondayOfIsoWeek(2015, 1).toISOString().slice(0, 10)).toBe('2014-12-29');
	});

	it('shows this year and next year', () => {
		const [now, next] = upcomingWeeks(new Date('2026-11-26T12:00:00Z'), data.known_years);
		expect([now.year, next.year]).toEqual([2026, 2027]);
	});
});
