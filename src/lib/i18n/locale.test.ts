import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, isLocale } from './locale';

describe('dates and numbers', () => {
	it('follow nl-NL and en-GB in Amsterdam time', () => {
		expect(formatDate('2026-09-21T10:00:00Z', 'nl')).toBe('21 september 2026');
		expect(formatDate('2026-09-21T10:00:00Z', 'en')).toBe('21 September 2026');
		// 23:30 UTC is already the next day in Amsterdam.
		expect(formatDate('2026-12-31T23:30:00Z', 'nl')).toBe('1 januari 2027');
		expect(formatDateTime('2026-07-01T12:05:00Z', 'nl')).toBe('1 juli 2026 om 14:05');
		expect(formatNumber(1234.5, 'nl')).toBe('1.234,5');
		expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
	});
	it('know the supported languages', () => {
		expect(isLocale('nl')).toBe(true);
		expect(isLocale('en')).toBe(true);
		expect(isLocale('de')).toBe(false);
		expect(isLocale(undefined)).toBe(false);
	});
});
