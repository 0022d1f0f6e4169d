import { describe, expect, it } from 'vitest';
import { isRemovable, removableFrom } from './retention';

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
