import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrors } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';
import { reportMessageSchema, reportSchema } from './report-form';

function parse(input: Record<string, unknown>) {
	const result = v.safeParse(reportSchema, input);
	return result.success ? { ok: true as const, value: result.output } : { ok: false as const, errors: fieldErrors(result.issues) };
}

describe('report form', () => {
	it('takes an anonymous report with only what happened', () => {
		const result = parse({ whatHappened: '  Ze lachen me uit in de gymles. ' });
		expect(result).toEqual({
			ok: true,
			value: {
				reporterKind: 'pupil',
				whatHappened: 'Ze lachen me uit in de gymles.',
				occurredOn: null,
				occurredAround: null,
				place: null,
				peopleInvolved: null,
				forms: [],
				motives: [],
				ongoing: 'unknown',
				anonymous: true,
				reporterName: null,
				contact: null
			}
		});
	});

	it('keeps codes in their own order, drops duplicates and refuses unknown codes', () => {
		const ok = parse({ whatHappened: 'x', forms: ['physical', 'verbal', 'verbal'], motives: ['religion', 'appearance'], occurredAround: 'last_week', ongoing: 'yes' });
		expect(ok.ok && ok.value).toMatchObject({ forms: ['verbal', 'physical'], motives: ['appearance', 'religion'], occurredAround: 'last_week', ongoing: 'yes' });
		expect(parse({ whatHappened: 'x', motives: ['politics'] })).toEqual({ ok: false, errors: { motives: 'report_error_choose' } });
		expect(parse({ whatHappened: 'x', ongoing: 'maybe' })).toEqual({ ok: false, errors: { ongoing: 'report_error_choose' } });
		expect(parse({ whatHappened: 'x', occurredAround: 'yesterday' })).toEqual({ ok: false, errors: { occurredAround: 'report_error_choose' } });
	});

	it('forgets a name and contact of an anonymous report, and asks for a name when named', () => {
		const anon = parse({ whatHappened: 'x', identity: 'anonymous', reporterName: 'Sam', contact: 'sam@example.org' });
		expect(anon.ok && anon.value).toMatchObject({ anonymous: true, reporterName: null, contact: null });
		const named = parse({ whatHappened: 'x', identity: 'named', reporterName: 'Sam', contact: '06 …' });
		expect(named.ok && named.value).toMatchObject({ anonymous: false, reporterName: 'Sam', contact: '06 …' });
		expect(parse({ whatHappened: 'x', identity: 'named' })).toEqual({ ok: false, errors: { reporterName: 'report_error_name_required' } });
	});

	it('takes a date over "around" and refuses a day in the future or that does not exist', () => {
		const today = todayInNetherlands();
		const [year, month, day] = today.split('-');
		const ok = parse({ whatHappened: 'x', occurredAround: 'this_week', 'occurredOn-day': day, 'occurredOn-month': month, 'occurredOn-year': year });
		expect(ok.ok && ok.value).toMatchObject({ occurredOn: today, occurredAround: null });
		const next = String(Number(year) + 1);
		expect(parse({ whatHappened: 'x', 'occurredOn-day': day, 'occurredOn-month': month, 'occurredOn-year': next })).toEqual({ ok: false, errors: { occurredOn: 'report_error_date_future' } });
		expect(parse({ whatHappened: 'x', 'occurredOn-day': '31', 'occurredOn-month': '2', 'occurredOn-year': '2025' })).toEqual({ ok: false, errors: { occurredOn: 'report_error_date' } });
	});

	it('refuses an empty story, a megabyte of text and control characters, but keeps markup as text', () => {
		expect(parse({ whatHappened: '   ' })).toEqual({ ok: false, errors: { whatHappened: 'report_error_what_required' } });
		expect(parse({ whatHappened: 'a'.repeat(1024 * 1024) })).toEqual({ ok: false, errors: { whatHappened: 'report_error_too_long' } });
		expect(parse({ whatHappened: 'x', place: 'gym\u0007' })).toEqual({ ok: false, errors: { place: 'report_error_invalid_text' } });
		expect(parse({ whatHappened: 'bad \u0000 byte' })).toEqual({ ok: false, errors: { whatHappened: 'report_error_invalid_text' } });
		const markup = parse({ whatHappened: '<script>alert(1)</script>' });
		expect(markup.ok && markup.value.whatHappened).toBe('<script>alert(1)</script>');
	});

	it('checks a message', () => {
		expect(v.safeParse(reportMessageSchema, { body: 'Het gaat nog door.' }).success).toBe(true);
		expect(v.safeParse(reportMessageSchema, { body: '' }).success).toBe(false);
		expect(v.safeParse(reportMessageSchema, { body: 'x'.repeat(5001) }).success).toBe(false);
	});
});
