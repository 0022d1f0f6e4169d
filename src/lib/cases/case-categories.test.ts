import { describe, expect, it } from 'vitest';
import { isCasePlace, isTimeOfDay, normalisePupilText, pupilLinkInput } from './case-categories';

describe('pupil link input', () => {
	it('ignores case, accents, spaces and punctuation', () => {
		expect(normalisePupilText('  Zoë van der-Berg ')).toBe('zoevanderberg');
		expect(normalisePupilText('Groep 7B')).toBe(normalisePupilText('groep7b'));
		expect(normalisePupilText('Ｚｏｅ')).toBe('zoe');
	});

	it('keeps different spellings apart: a wrong link would join two children', () => {
		expect(normalisePupilText('Zoey')).not.toBe(normalisePupilText('Zoë'));
	});

	it('binds the school year and the class, and gives nothing for a pupil without a name', () => {
		expect(pupilLinkInput('2026-2027', 'Zoë', '7b')).toBe('2026-2027\nzoe\n7b');
		expect(pupilLinkInput('2026-2027', 'Zoë', '7b')).not.toBe(pupilLinkInput('2027-2028', 'Zoë', '7b'));
		expect(pupilLinkInput('2026-2027', 'Zoë', '7b')).not.toBe(pupilLinkInput('2026-2027', 'Zoë', '8a'));
		expect(pupilLinkInput('2026-2027', 'Zoë', null)).toBe('2026-2027\nzoe\n');
		expect(pupilLinkInput('2026-2027', null, '7b')).toBeUndefined();
		expect(pupilLinkInput('2026-2027', ' - ', '7b')).toBeUndefined();
	});

	it('knows the hotspot codes', () => {
		expect(isCasePlace('playground')).toBe(true);
		expect(isCasePlace('toilet')).toBe(false);
		expect(isTimeOfDay('break')).toBe(true);
		expect(isTimeOfDay('night')).toBe(false);
	});
});
