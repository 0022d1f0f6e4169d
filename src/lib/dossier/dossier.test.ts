import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrors } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';
import {
	BULLYING_FORMS,
	childSchema,
	incidentDetailSchema,
	incidentQuickSchema,
	MAX_AGE,
	MIN_AGE,
	PLACES,
	readTimelineFilter,
	summarise,
	YEAR_GROUPS,
	type IncidentSummaryItem
} from './dossier';

/** Field → message key of the first problem, or {} when the input is accepted. */
function problems(schema: v.GenericSchema, input: unknown): Record<string, string> {
	const result = v.safeParse(schema, input);
	return result.success ? {} : fieldErrors(result.issues);
}

function parsed<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
	const result = v.safeParse(schema, input);
	if (!result.success) throw new Error(`Refused: ${JSON.stringify(fieldErrors(result.issues))}`);
	return result.output;
}

// The Dutch calendar decides "this year" and "today", as the schemas do; never a fixed year.
const today = todayInNetherlands();
const thisYear = Number(today.slice(0, 4));

/** yyyy-mm-dd plus some days, in plain calendar arithmetic. */
function addDays(iso: string, days: number): string {
	const date = new Date(`${iso}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** The three date fields of a yyyy-mm-dd, as a browser sends them (no leading zeros). */
function dateFields(iso: string): Record<string, string> {
	const [year, month, day] = iso.split('-');
	return { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year! };
}

const lastYear = (day: string, month: string) => ({ 'occurredOn-day': day, 'occurredOn-month': month, 'occurredOn-year': String(thisYear - 1) });

const child = (fields: Record<string, string>) => ({ name: 'Sam', birthYear: String(thisYear - 10), ...fields });

describe('childSchema', () => {
	describe('name', () => {
		it.each(['Sam', 'Zoë', "D'Angelo", 'Anne-Marie', 'Jan Willem', 'Noah 2', 'Ümit', 'Đorđe', 'Олена', '美咲', 'O’Neill'])('accepts %j', (name) => {
			expect(parsed(childSchema, child({ name })).name).toBe(name);
		});

		it('trims and normalises to NFC', () => {
			expect(parsed(childSchema, child({ name: '  Zoe\u0308  ' })).name).toBe('Zoë');
		});

		it.each(['', '   '])('%j is required', (name) => {
			expect(problems(childSchema, child({ name }))).toEqual({ name: 'dossier_error_child_name_required' });
		});

		it.each(['<script>alert(1)</script>', 'Sam<b>', 'Sam & Co', 'sam@example.nl', 'Sam/Tim', 'Sam"', 'Sam\u0000', 'Sam\nTim', 'Sam\u202e', '😀'])('refuses %j', (name) => {
			expect(problems(childSchema, child({ name }))).toEqual({ name: 'dossier_error_child_name_invalid' });
		});

		it('takes 50 characters, not 51', () => {
			expect(parsed(childSchema, child({ name: 'a'.repeat(50) })).name).toHaveLength(50);
			expect(problems(childSchema, child({ name: 'a'.repeat(51) }))).toEqual({ name: 'dossier_error_child_name_too_long' });
		});
	});

	describe('birth year', () => {
		it(`accepts ${MIN_AGE} to ${MAX_AGE} years before this Dutch year, as a number`, () => {
			expect(parsed(childSchema, child({ birthYear: String(thisYear - MIN_AGE) })).birthYear).toBe(thisYear - MIN_AGE);
			expect(parsed(childSchema, child({ birthYear: String(thisYear - MAX_AGE) })).birthYear).toBe(thisYear - MAX_AGE);
			expect(parsed(childSchema, child({ birthYear: ` ${thisYear - 8} ` })).birthYear).toBe(thisYear - 8);
		});

		it('refuses a child too young or too old', () => {
			for (const year of [thisYear - MIN_AGE + 1, thisYear, thisYear + 1, thisYear - MAX_AGE - 1, 1900]) {
				expect(problems(childSchema, child({ birthYear: String(year) })), String(year)).toEqual({ birthYear: 'dossier_error_birth_year' });
			}
		});

		it.each(['15', '20a5', `${thisYear - 10}.0`, `+${thisYear - 10}`, '٢٠١٥', `${thisYear - 10}0`])('refuses %j', (birthYear) => {
			expect(problems(childSchema, child({ birthYear }))).toEqual({ birthYear: 'dossier_error_birth_year' });
		});

		it.each(['', '  '])('%j is required, also when the field is missing', (birthYear) => {
			expect(problems(childSchema, child({ birthYear }))).toEqual({ birthYear: 'dossier_error_birth_year_required' });
			expect(problems(childSchema, { name: 'Sam' })).toEqual({ birthYear: 'dossier_error_birth_year_required' });
		});
	});

	describe('year group', () => {
		it('offers groep 1–8 and klas 1–6', () => {
			expect(YEAR_GROUPS).toEqual(['groep-1', 'groep-2', 'groep-3', 'groep-4', 'groep-5', 'groep-6', 'groep-7', 'groep-8', 'klas-1', 'klas-2', 'klas-3', 'klas-4', 'klas-5', 'klas-6']);
		});

		it.each(YEAR_GROUPS.map((g) => [g]))('accepts %s', (yearGroup) => {
			expect(parsed(childSchema, child({ yearGroup })).yearGroup).toBe(yearGroup);
		});

		it('an empty choice is null', () => {
			expect(parsed(childSchema, child({ yearGroup: '' })).yearGroup).toBeNull();
			expect(parsed(childSchema, child({})).yearGroup).toBeNull();
		});

		it.each(['groep-0', 'groep-9', 'klas-7', 'Groep-1', 'groep 1', '8'])('refuses %j', (yearGroup) => {
			expect(problems(childSchema, child({ yearGroup }))).toEqual({ yearGroup: 'dossier_error_choose' });
		});
	});

	describe('school', () => {
		it("'none' (not listed) and no choice are null; a code is upper-cased", () => {
			expect(parsed(childSchema, child({ schoolCode: 'none', schoolName: 'De Zonnebloem' }))).toMatchObject({ schoolCode: null, schoolName: 'De Zonnebloem' });
			expect(parsed(childSchema, child({ schoolCode: '' })).schoolCode).toBeNull();
			expect(parsed(childSchema, child({})).schoolCode).toBeNull();
			expect(parsed(childSchema, child({ schoolCode: '98zz00' })).schoolCode).toBe('98ZZ00');
			expect(parsed(childSchema, child({ schoolCode: '98ZZ00' })).schoolCode).toBe('98ZZ00');
		});

		it.each(['98ZZ0', '98ZZ000', '98-Z00', "98ZZ0'", 'NONE', ' 98ZZ00'])('refuses the code %j', (schoolCode) => {
			expect(problems(childSchema, child({ schoolCode }))).toEqual({ schoolCode: 'dossier_error_choose' });
		});

		it('the typed school name is optional, trimmed, at most 120 characters', () => {
			expect(parsed(childSchema, child({ schoolName: '' })).schoolName).toBeNull();
			expect(parsed(childSchema, child({ schoolName: '  OBS Het Anker ' })).schoolName).toBe('OBS Het Anker');
			expect(parsed(childSchema, child({ schoolName: 'x'.repeat(120) })).schoolName).toHaveLength(120);
			expect(problems(childSchema, child({ schoolName: 'x'.repeat(121) }))).toEqual({ schoolName: 'dossier_error_too_long' });
			expect(problems(childSchema, child({ schoolName: 'OBS\u0007' }))).toEqual({ schoolName: 'dossier_error_invalid_text' });
		});
	});
});

describe('incidentQuickSchema', () => {
	const quick = (fields: Record<string, unknown>) => ({ ...dateFields(today), ...fields });

	describe('date', () => {
		it('today and earlier days are accepted as yyyy-mm-dd', () => {
			expect(parsed(incidentQuickSchema, quick({})).occurredOn).toBe(today);
			expect(parsed(incidentQuickSchema, { ...lastYear('3', '2') }).occurredOn).toBe(`${thisYear - 1}-02-03`);
			expect(parsed(incidentQuickSchema, { ...lastYear(' 09 ', '11') }).occurredOn).toBe(`${thisYear - 1}-11-09`);
		});

		it('is required', () => {
			expect(problems(incidentQuickSchema, {})).toEqual({ occurredOn: 'dossier_error_date_required' });
			expect(problems(incidentQuickSchema, { 'occurredOn-day': '', 'occurredOn-month': ' ', 'occurredOn-year': '' })).toEqual({ occurredOn: 'dossier_error_date_required' });
		});

		it.each([
			['31 February', lastYear('31', '2')],
			['30 February', lastYear('30', '2')],
			['31 April', lastYear('31', '4')],
			['month 13', lastYear('1', '13')],
			['day 0', lastYear('0', '5')],
			['letters', lastYear('een', '5')],
			['a two-digit year', { 'occurredOn-day': '1', 'occurredOn-month': '5', 'occurredOn-year': '25' }],
			['only a year', { 'occurredOn-year': String(thisYear - 1) }],
			['a day before 2000', { 'occurredOn-day': '31', 'occurredOn-month': '12', 'occurredOn-year': '1999' }]
		])('%s is not a date', (_, fields) => {
			expect(problems(incidentQuickSchema, fields)).toEqual({ occurredOn: 'dossier_error_date' });
		});

		it('refuses a day in the future (the Dutch calendar)', () => {
			expect(problems(incidentQuickSchema, quick(dateFields(addDays(today, 1))))).toEqual({ occurredOn: 'dossier_error_date_future' });
			expect(problems(incidentQuickSchema, quick(dateFields(`${thisYear + 1}-01-01`)))).toEqual({ occurredOn: 'dossier_error_date_future' });
		});
	});

	it('approximate is a flag', () => {
		expect(parsed(incidentQuickSchema, quick({ approximate: 'on' })).approximate).toBe(1);
		expect(parsed(incidentQuickSchema, quick({ approximate: 'yes' })).approximate).toBe(1);
		expect(parsed(incidentQuickSchema, quick({})).approximate).toBe(0);
		expect(parsed(incidentQuickSchema, quick({ approximate: '' })).approximate).toBe(0);
	});

	describe('forms', () => {
		it('one checkbox is a list of one; none is an empty list', () => {
			expect(parsed(incidentQuickSchema, quick({ forms: 'verbal' })).forms).toEqual(['verbal']);
			expect(parsed(incidentQuickSchema, quick({})).forms).toEqual([]);
			expect(parsed(incidentQuickSchema, quick({ forms: '' })).forms).toEqual([]);
		});

		it('takes every form, in the order sent, without duplicates', () => {
			expect(parsed(incidentQuickSchema, quick({ forms: [...BULLYING_FORMS] })).forms).toEqual([...BULLYING_FORMS]);
			expect(parsed(incidentQuickSchema, quick({ forms: ['threats', 'verbal', 'threats', 'verbal', 'online_threats'] })).forms).toEqual(['threats', 'verbal', 'online_threats']);
		});

		it.each([[['verbal', 'hitting']], ['hitting'], [['Verbal']], [['verbal', '']]])('refuses an unknown form in %j', (forms) => {
			expect(problems(incidentQuickSchema, quick({ forms }))).toEqual({ forms: 'dossier_error_choose' });
		});
	});

	it('physical violence is yes or no', () => {
		expect(parsed(incidentQuickSchema, quick({ physicalViolence: 'yes' })).physicalViolence).toBe(1);
		expect(parsed(incidentQuickSchema, quick({ physicalViolence: 'no' })).physicalViolence).toBe(0);
		expect(parsed(incidentQuickSchema, quick({})).physicalViolence).toBe(0);
		expect(problems(incidentQuickSchema, quick({ physicalViolence: 'on' }))).toEqual({ physicalViolence: 'dossier_error_choose' });
		expect(problems(incidentQuickSchema, quick({ physicalViolence: 'ja' }))).toEqual({ physicalViolence: 'dossier_error_choose' });
	});

	it('what happened is optional, several lines, at most 5000 characters', () => {
		expect(parsed(incidentQuickSchema, quick({ whatHappened: '' })).whatHappened).toBeNull();
		expect(parsed(incidentQuickSchema, quick({ whatHappened: ' Ze lachten.\r\nIk ging weg. ' })).whatHappened).toBe('Ze lachten.\r\nIk ging weg.');
		expect(parsed(incidentQuickSchema, quick({ whatHappened: 'x'.repeat(5000) })).whatHappened).toHaveLength(5000);
		expect(problems(incidentQuickSchema, quick({ whatHappened: 'x'.repeat(5001) }))).toEqual({ whatHappened: 'dossier_error_too_long' });
		expect(problems(incidentQuickSchema, quick({ whatHappened: 'a\u0000b' }))).toEqual({ whatHappened: 'dossier_error_invalid_text' });
		expect(problems(incidentQuickSchema, quick({ whatHappened: 'a\ud800b' }))).toEqual({ whatHappened: 'dossier_error_invalid_text' });
	});

	it('reports every field problem at once', () => {
		expect(problems(incidentQuickSchema, quick({ forms: 'hitting', physicalViolence: 'maybe', whatHappened: 'x'.repeat(5001) }))).toEqual({
			forms: 'dossier_error_choose',
			physicalViolence: 'dossier_error_choose',
			whatHappened: 'dossier_error_too_long'
		});
	});
});

describe('incidentDetailSchema', () => {
	const detail = (fields: Record<string, unknown>) => ({ ...lastYear('14', '3'), ...fields });

	it('an entry with only a date is all nulls and no', () => {
		expect(parsed(incidentDetailSchema, detail({}))).toMatchObject({
			occurredOn: `${thisYear - 1}-03-14`,
			occurredTime: null,
			approximate: 0,
			place: null,
			placeDetail: null,
			onlinePlatform: null,
			forms: [],
			perpetrators: null,
			witnesses: null,
			whatHappened: null,
			childResponse: null,
			adultsKnew: null,
			impactEmotional: null,
			impactPhysical: null,
			absenceDays: null,
			physicalViolence: 0
		});
	});

	it('checks the date like the quick entry', () => {
		expect(problems(incidentDetailSchema, {})).toEqual({ occurredOn: 'dossier_error_date_required' });
		expect(problems(incidentDetailSchema, lastYear('31', '2'))).toEqual({ occurredOn: 'dossier_error_date' });
		expect(problems(incidentDetailSchema, dateFields(addDays(today, 1)))).toEqual({ occurredOn: 'dossier_error_date_future' });
	});

	describe('time', () => {
		it.each([
			['9:05', '09:05'],
			['09:05', '09:05'],
			['12.30', '12:30'],
			[' 7:15 ', '07:15'],
			['0:00', '00:00'],
			['23:59', '23:59'],
			['', null],
			['  ', null]
		])('%j is %j', (occurredTime, expected) => {
			expect(parsed(incidentDetailSchema, detail({ occurredTime })).occurredTime).toBe(expected);
		});

		it.each(['24:00', '12:60', '9', '905', '9:5', '12:30:00', '12,30', 'half een', '-1:00', '12:30 uur'])('refuses %j', (occurredTime) => {
			expect(problems(incidentDetailSchema, detail({ occurredTime }))).toEqual({ occurredTime: 'dossier_error_time' });
		});
	});

	describe('absence days', () => {
		it.each([
			['0', 0],
			['2', 2],
			[' 15 ', 15],
			['200', 200],
			['', null]
		])('%j is %j', (absenceDays, expected) => {
			expect(parsed(incidentDetailSchema, detail({ absenceDays })).absenceDays).toBe(expected);
		});

		it.each(['201', '999', '1000', '-1', '2.5', '1,5', 'twee', '1e2'])('refuses %j', (absenceDays) => {
			expect(problems(incidentDetailSchema, detail({ absenceDays }))).toEqual({ absenceDays: 'dossier_error_absence' });
		});
	});

	it('place is one of the list', () => {
		for (const place of PLACES) expect(parsed(incidentDetailSchema, detail({ place })).place).toBe(place);
		expect(problems(incidentDetailSchema, detail({ place: 'moon' }))).toEqual({ place: 'dossier_error_choose' });
	});

	it('refuses a 1 MB story with the too-long message instead of cutting it off', () => {
		const result = v.safeParse(incidentDetailSchema, detail({ whatHappened: 'x'.repeat(1024 * 1024), perpetrators: 'Tim' }));
		expect(result.success).toBe(false);
		expect(fieldErrors(result.issues!)).toEqual({ whatHappened: 'dossier_error_too_long' });
		expect(problems(incidentQuickSchema, { ...dateFields(today), whatHappened: 'x'.repeat(1024 * 1024) })).toEqual({ whatHappened: 'dossier_error_too_long' });
	});

	it('keeps the limits of each text field', () => {
		expect(problems(incidentDetailSchema, detail({ placeDetail: 'x'.repeat(201) }))).toEqual({ placeDetail: 'dossier_error_too_long' });
		expect(problems(incidentDetailSchema, detail({ onlinePlatform: 'x'.repeat(101) }))).toEqual({ onlinePlatform: 'dossier_error_too_long' });
		expect(problems(incidentDetailSchema, detail({ perpetrators: 'x'.repeat(2001) }))).toEqual({ perpetrators: 'dossier_error_too_long' });
		expect(problems(incidentDetailSchema, detail({ placeDetail: 'bij de\nfietsen' }))).toEqual({ placeDetail: 'dossier_error_invalid_text' });
		expect(parsed(incidentDetailSchema, detail({ perpetrators: 'x'.repeat(2000), impactPhysical: 'Buikpijn\nSlecht slapen' }))).toMatchObject({ impactPhysical: 'Buikpijn\nSlecht slapen' });
	});
});

describe('summarise', () => {
	const item = (occurredOn: string, forms: IncidentSummaryItem['forms'], absenceDays: number | null = null, physicalViolence = false): IncidentSummaryItem => ({ occurredOn, forms, absenceDays, physicalViolence });

	it('an empty dossier', () => {
		expect(summarise([])).toEqual({ count: 0, since: null, latest: null, forms: [], absenceDays: 0, physicalViolence: 0 });
	});

	it('counts, the first and last day, forms by frequency, absence and violence', () => {
		const summary = summarise([
			item('2025-03-10', ['verbal', 'exclusion'], 1),
			item('2024-11-02', ['exclusion'], null, true),
			item('2025-05-01', ['physical', 'exclusion', 'verbal'], 3, true),
			item('2025-01-15', ['online_threats'], 0),
			item('2025-02-01', [], null)
		]);
		expect(summary).toEqual({
			count: 5,
			since: '2024-11-02',
			latest: '2025-05-01',
			forms: [
				{ form: 'exclusion', count: 3 },
				{ form: 'verbal', count: 2 },
				{ form: 'physical', count: 1 },
				{ form: 'online_threats', count: 1 }
			],
			absenceDays: 4,
			physicalViolence: 2
		});
	});

	it('forms with the same count follow the order of the list of forms', () => {
		const summary = summarise([item('2025-01-01', ['online_group_exclusion', 'rumours', 'verbal'])]);
		expect(summary.forms.map((f) => f.form)).toEqual(['verbal', 'rumours', 'online_group_exclusion']);
	});

	it('one incident is its own first and last day', () => {
		expect(summarise([item('2025-06-30', ['threats'], 5)])).toMatchObject({ count: 1, since: '2025-06-30', latest: '2025-06-30', absenceDays: 5, physicalViolence: 0 });
	});
});

describe('readTimelineFilter', () => {
	const read = (query: string) => readTimelineFilter(new URLSearchParams(query));

	it('reads form and period', () => {
		expect(read('vorm=exclusion&van=2025-01-01&tot=2025-06-30')).toEqual({ form: 'exclusion', from: '2025-01-01', to: '2025-06-30' });
		expect(read('vorm=online_fake_profile')).toEqual({ form: 'online_fake_profile', from: undefined, to: undefined });
	});

	it('nothing given is no filter', () => {
		expect(read('')).toEqual({ form: undefined, from: undefined, to: undefined });
		expect(read('vorm=&van=&tot=')).toEqual({ form: undefined, from: undefined, to: undefined });
	});

	it.each([
		'vorm=hitting',
		'vorm=VERBAL',
		'vorm=verbal%00',
		'van=1-1-2025',
		'van=2025-13-01',
		'van=2025-02-30',
		'van=2025-1-1',
		"van=2025-01-01'--",
		'tot=gisteren',
		'tot=2025-00-10',
		'tot=2025-01-32',
		'tot=20250101'
	])('ignores a bad value: %s', (query) => {
		expect(read(query)).toEqual({ form: undefined, from: undefined, to: undefined });
	});

	it('keeps the good values next to a bad one', () => {
		expect(read('vorm=nonsense&van=2025-02-01&tot=2025-99-99')).toEqual({ form: undefined, from: '2025-02-01', to: undefined });
	});
});
