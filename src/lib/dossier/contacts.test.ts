import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrors } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';
import { contactSchema, isOverdue } from './contacts';

const today = todayInNetherlands();
const [y, mo, d] = today.split('-');
const todayParts = (name: string) => ({ [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! });
const nextYear = (name: string) => ({ [`${name}-day`]: '1', [`${name}-month`]: '2', [`${name}-year`]: String(Number(y) + 1) });

describe('contactSchema', () => {
	it('reads a contact with its agreements; empty agreement slots are left out', () => {
		const result = v.parse(contactSchema, {
			...todayParts('contactedOn'),
			rung: 'leerkracht',
			channel: 'talk',
			personName: ' Juf Anja ',
			summary: 'Gesprek over de pauze.',
			agreement1: 'De juf let op in de pauze.',
			...nextYear('followUp1'),
			agreement2: '',
			agreement3: 'Nieuw gesprek'
		});
		expect(result).toEqual({
			contactedOn: today,
			personName: 'Juf Anja',
			rung: 'leerkracht',
			channel: 'talk',
			summary: 'Gesprek over de pauze.',
			agreements: [
				{ description: 'De juf let op in de pauze.', followUpOn: `${Number(y) + 1}-02-01` },
				{ description: 'Nieuw gesprek', followUpOn: null }
			]
		});
	});

	it('refuses a contact in the future, a missing rung or channel, and a broken follow-up date', () => {
		const result = v.safeParse(contactSchema, { ...nextYear('contactedOn'), 'followUp1-day': '31', 'followUp1-month': '2', 'followUp1-year': y });
		expect(result.success).toBe(false);
		const errors = fieldErrors(result.issues ?? []);
		expect(errors).toMatchObject({ rung: 'dossier_error_rung_required', channel: 'dossier_error_channel_required' });
		const dates = v.safeParse(contactSchema, { ...nextYear('contactedOn'), rung: 'mentor', channel: 'phone', 'followUp1-day': '31', 'followUp1-month': '2', 'followUp1-year': y });
		expect(fieldErrors(dates.issues ?? [])).toEqual({ contactedOn: 'dossier_error_date_future', followUp1: 'dossier_error_date' });
	});

	it('refuses a rung that is not on the ladder', () => {
		const result = v.safeParse(contactSchema, { ...todayParts('contactedOn'), rung: 'admin', channel: 'talk' });
		expect(fieldErrors(result.issues ?? [])).toEqual({ rung: 'dossier_error_choose' });
	});
});

describe('isOverdue', () => {
	it('is an open agreement past its follow-up day', () => {
		expect(isOverdue({ status: 'open', followUpOn: '2026-01-01' }, '2026-01-02')).toBe(true);
		expect(isOverdue({ status: 'open', followUpOn: '2026-01-02' }, '2026-01-02')).toBe(false);
		expect(isOverdue({ status: 'kept', followUpOn: '2026-01-01' }, '2026-01-02')).toBe(false);
		expect(isOverdue({ status: 'open', followUpOn: null }, '2026-01-02')).toBe(false);
	});
});
