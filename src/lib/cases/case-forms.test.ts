import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { FIELD_OF, dayFromParts, openCaseSchema, pupilSchema, reportIdsSchema, transitionProblemField } from './case-forms';
import type { TransitionProblem } from './case-state';

const TODAY = '2026-12-07';
const ID = '5eed0000-0000-4000-8000-00000000e001';

describe('dayFromParts', () => {
	const day = (d: string, m: string, y: string, future = false) => dayFromParts({ 'x-day': d, 'x-month': m, 'x-year': y }, 'x', TODAY, { future });

	it('reads a day, and nothing as null', () => {
		expect(day('7', '12', '2026')).toEqual({ value: '2026-12-07' });
		expect(day('', '', '')).toEqual({ value: null });
	});

	it('refuses impossible days, letters, short years and the far past', () => {
		for (const [d, m, y] of [['31', '2', '2027'], ['a', '1', '2026'], ['1', '1', '26'], ['1', '13', '2026'], ['1', '1', '1999']]) {
			expect(day(d!, m!, y!, true), `${d}-${m}-${y}`).toEqual({ error: 'case_error_date_invalid' });
		}
	});

	it('refuses a future day unless the field is a due day, and then not ten years ahead', () => {
		expect(day('8', '12', '2026')).toEqual({ error: 'case_error_date_future' });
		expect(day('8', '12', '2026', true)).toEqual({ value: '2026-12-08' });
		expect(day('8', '12', '2036', true)).toEqual({ error: 'case_error_date_invalid' });
	});
});

describe('report ids from the inbox', () => {
	it('takes one or several ids, drops empty and repeated ones', () => {
		expect(v.parse(reportIdsSchema, ID)).toEqual([ID]);
		expect(v.parse(reportIdsSchema, [ID, ID.toUpperCase(), ''])).toEqual([ID]);
		expect(v.parse(reportIdsSchema, undefined)).toEqual([]);
	});

	it('refuses what is not an id, and more than 50', () => {
		expect(v.safeParse(reportIdsSchema, ['1 OR 1=1']).success).toBe(false);
		expect(v.safeParse(reportIdsSchema, Array.from({ length: 51 }, (_, i) => `5eed0000-0000-4000-8000-${String(i).padStart(12, '0')}`)).success).toBe(false);
	});

	it('the opening form refuses unknown codes', () => {
		expect(v.safeParse(openCaseSchema, { place: 'roof' }).success).toBe(false);
		expect(v.safeParse(openCaseSchema, { forms: ['verbal', 'made-up'] }).success).toBe(false);
		expect(v.parse(openCaseSchema, { place: '', forms: 'verbal' })).toMatchObject({ place: null, forms: ['verbal'], motives: [], melding: [] });
	});
});

describe('pupil names', () => {
	it("takes names as schools write them and refuses markup", () => {
		expect(v.safeParse(pupilSchema, { pupilRole: 'target', pupilName: "Zoë van 't Hof-Bakker", pupilClass: 'groep 8-2' }).success).toBe(true);
		expect(v.safeParse(pupilSchema, { pupilRole: 'target', pupilName: '<b>Sam</b>' }).success).toBe(false);
		expect(v.safeParse(pupilSchema, { pupilRole: 'target', pupilDescription: 'jongen met <rode> jas' }).success).toBe(true);
	});
});

describe('where a problem is shown', () => {
	it('gives every transition problem a field and a message', () => {
		const problems: TransitionProblem[] = ['not_allowed', 'handler_required', 'reopen_reason_required', 'stopped_required', 'weeks_invalid', 'weeks_longer_than_case', 'checked_on_invalid', 'checked_on_future', 'checked_on_before_opened'];
		for (const problem of problems) expect(transitionProblemField(problem).key).toMatch(/^case_error_/);
		expect(transitionProblemField('checked_on_future')).toEqual({ field: 'evalCheckedOn', key: 'case_error_date_future' });
	});

	it('maps the service fields of a form onto the page’s own', () => {
		expect(FIELD_OF.action?.text).toBe('actionText');
		expect(FIELD_OF.note?.body).toBe('noteBody');
		expect(FIELD_OF.confidential?.body).toBe('confidentialBody');
	});
});
