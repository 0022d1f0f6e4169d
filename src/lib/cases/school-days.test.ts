import { describe, expect, it } from 'vitest';
import { acknowledgementDueOn, addDays, addSchoolDays, DEFAULT_ACKNOWLEDGEMENT_SCHOOL_DAYS, isDay, isOverdue, schoolDaysBetween, schoolYearLabelOf } from './school-days';

// 2026-12-07 is a Monday; 2026-12-04 a Friday; 2026-12-05 a Saturday.
const twoDays = { schoolDays: DEFAULT_ACKNOWLEDGEMENT_SCHOOL_DAYS, noSchoolDays: [] };

describe('isDay and addDays', () => {
	it('accepts real days only', () => {
		expect(isDay('2026-12-07')).toBe(true);
		expect(isDay('2028-02-29')).toBe(true);
		expect(isDay('2026-02-29')).toBe(false);
		expect(isDay('2026-13-01')).toBe(false);
		expect(isDay('7-12-2026')).toBe(false);
		expect(isDay('2026-12-07T00:00')).toBe(false);
	});

	it('crosses months, years and the daylight-saving change', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
		expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});

describe('addSchoolDays', () => {
	it('skips the weekend and never counts the day of receipt', () => {
		expect(addSchoolDays('2026-12-07', 2)).toBe('2026-12-09'); // Monday → Wednesday
		expect(addSchoolDays('2026-12-03', 2)).toBe('2026-12-07'); // Thursday → Monday
		expect(addSchoolDays('2026-12-04', 2)).toBe('2026-12-08'); // Friday → Tuesday
		expect(addSchoolDays('2026-12-05', 2)).toBe('2026-12-08'); // Saturday → Tuesday
		expect(addSchoolDays('2026-12-06', 1)).toBe('2026-12-07'); // Sunday → Monday
		expect(addSchoolDays('2026-12-07', 0)).toBe('2026-12-07');
		expect(addSchoolDays('2026-12-07', 5)).toBe('2026-12-14');
	});

	it('skips the no-school days the school gave', () => {
		// A Christmas holiday entered by the school (not data of ours): 21 December 2026 – 1 January 2027.
		const holiday = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01'];
		expect(addSchoolDays('2026-12-18', 2, holiday)).toBe('2027-01-05');
		expect(addSchoolDays('2026-12-17', 2, holiday)).toBe('2027-01-04');
		// A study day on the Tuesday.
		expect(addSchoolDays('2026-12-07', 2, ['2026-12-08'])).toBe('2026-12-10');
		// A no-school day in a weekend changes nothing.
		expect(addSchoolDays('2026-12-04', 1, ['2026-12-05'])).toBe('2026-12-07');
	});

	it('refuses a negative or broken count and a list that closes the school for good', () => {
		expect(() => addSchoolDays('2026-12-07', -1)).toThrow(RangeError);
		expect(() => addSchoolDays('2026-12-07', 1.5)).toThrow(RangeError);
		expect(() => addSchoolDays('2026-02-30', 1)).toThrow(RangeError);
		const everyDay = Array.from({ length: 800 }, (_, i) => addDays('2026-12-08', i));
		expect(() => addSchoolDays('2026-12-07', 1, everyDay)).toThrow(RangeError);
	});
});

describe('isOverdue', () => {
	it('is not overdue on the due day, overdue the school day after', () => {
		expect(acknowledgementDueOn('2026-12-07', twoDays)).toBe('2026-12-09');
		expect(isOverdue('2026-12-07', undefined, '2026-12-08', twoDays)).toBe(false);
		expect(isOverdue('2026-12-07', undefined, '2026-12-09', twoDays)).toBe(false);
		expect(isOverdue('2026-12-07', undefined, '2026-12-10', twoDays)).toBe(true);
	});

	it('a weekend in between gives the school the full two school days', () => {
		expect(isOverdue('2026-12-04', undefined, '2026-12-07', twoDays)).toBe(false);
		expect(isOverdue('2026-12-04', undefined, '2026-12-08', twoDays)).toBe(false);
		expect(isOverdue('2026-12-04', undefined, '2026-12-09', twoDays)).toBe(true);
	});

	it('judges an acknowledged report by the day it was acknowledged, not by today', () => {
		expect(isOverdue('2026-12-07', '2026-12-09', '2027-03-01', twoDays)).toBe(false);
		expect(isOverdue('2026-12-07', '2026-12-10', '2027-03-01', twoDays)).toBe(true);
	});

	it('follows the school’s own target and no-school days', () => {
		const oneDayWithStudyDay = { schoolDays: 1, noSchoolDays: ['2026-12-08'] };
		expect(isOverdue('2026-12-07', undefined, '2026-12-09', oneDayWithStudyDay)).toBe(false);
		expect(isOverdue('2026-12-07', undefined, '2026-12-10', oneDayWithStudyDay)).toBe(true);
	});
});

describe('schoolDaysBetween', () => {
	it('counts the school days a report has waited', () => {
		expect(schoolDaysBetween('2026-12-07', '2026-12-07')).toBe(0);
		expect(schoolDaysBetween('2026-12-07', '2026-12-08')).toBe(1);
		expect(schoolDaysBetween('2026-12-04', '2026-12-07')).toBe(1);
		expect(schoolDaysBetween('2026-12-04', '2026-12-14')).toBe(6);
		expect(schoolDaysBetween('2026-12-04', '2026-12-14', ['2026-12-09'])).toBe(5);
		expect(schoolDaysBetween('2026-12-09', '2026-12-07')).toBe(0);
	});
});

describe('schoolYearLabelOf', () => {
	it('runs from 1 August to 31 July', () => {
		expect(schoolYearLabelOf('2026-08-01')).toBe('2026-2027');
		expect(schoolYearLabelOf('2027-07-31')).toBe('2026-2027');
		expect(schoolYearLabelOf('2026-07-31')).toBe('2025-2026');
		expect(schoolYearLabelOf('2026-12-07')).toBe('2026-2027');
	});
});
