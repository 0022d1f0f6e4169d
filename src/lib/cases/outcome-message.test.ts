import { describe, expect, it } from 'vitest';
import { GENERAL_MEASURES, outcomeMessage, OutcomeMessageError } from './outcome-message';

describe('outcome message', () => {
	it('says what the school did in general terms and what to do if it goes on, in nl and en', () => {
		const nl = outcomeMessage(['talked_with_pupils', 'keeps_watching'], 'pupil', 'nl');
		expect(nl).toContain('Bedankt dat je het aan ons hebt verteld.');
		expect(nl).toContain('- We hebben gesproken met de leerlingen die erbij betrokken waren.');
		expect(nl).toContain('- We blijven de komende tijd goed opletten.');
		expect(nl).toContain('Gaat het pesten door');
		expect(nl).not.toContain('informed');
		const en = outcomeMessage(['talked_with_pupils'], 'parent', 'en');
		expect(en).toContain('Thank you for your report.');
		expect(en).toContain('complaints procedure');
		expect(en).not.toMatch(/[Bb]edankt/);
	});

	it('addresses pupils with "je" and parents with "u"', () => {
		expect(outcomeMessage(['agreements_made'], 'pupil', 'nl')).toMatch(/\bje\b/);
		expect(outcomeMessage(['agreements_made'], 'pupil', 'nl')).not.toMatch(/\bu\b/);
		expect(outcomeMessage(['agreements_made'], 'parent', 'nl')).toMatch(/\bu\b/);
		expect(outcomeMessage(['agreements_made'], 'parent', 'nl')).not.toMatch(/\bje\b/);
	});

	it('lists each measure once in a fixed order, whatever order they were ticked in', () => {
		const a = outcomeMessage(['keeps_watching', 'informed_parents', 'keeps_watching'], 'parent', 'nl');
		const b = outcomeMessage(['informed_parents', 'keeps_watching'], 'parent', 'nl');
		expect(a).toBe(b);
		expect(a.match(/^- /gm)).toHaveLength(2);
	});

	it('has a text for every measure in both languages', () => {
		for (const locale of ['nl', 'en'] as const) {
			const all = outcomeMessage(GENERAL_MEASURES, 'pupil', locale);
			expect(all.match(/^- /gm)).toHaveLength(GENERAL_MEASURES.length);
			expect(all).not.toMatch(/case_outcome/);
		}
	});

	it('refuses no measure and an unknown one: there is no way to put free text in', () => {
		expect(() => outcomeMessage([], 'pupil', 'nl')).toThrow(OutcomeMessageError);
		expect(() => outcomeMessage(['Daan is geschorst'], 'pupil', 'nl')).toThrow(OutcomeMessageError);
	});
});
