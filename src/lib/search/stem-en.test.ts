import { describe, expect, it } from 'vitest';
import { stemEnglish } from './stem-en';

describe('stemEnglish (Porter2)', () => {
	it('bully, bullied, bullying and bullies share one stem', () => {
		expect(new Set(['bully', 'bullied', 'bullying', 'bullies', 'Bullying'].map(stemEnglish))).toEqual(new Set(['bulli']));
	});

	it('school and schools share one stem', () => {
		expect(stemEnglish('schools')).toBe(stemEnglish('school'));
	});

	it('help, helping and helped share one stem', () => {
		expect(new Set(['help', 'helping', 'helped', 'helps'].map(stemEnglish))).toEqual(new Set(['help']));
	});

	// Expected stems are PostgreSQL 15's `english_stem` (Snowball english = Porter2); they cover every step.
	const reference: [string, string][] = [
		['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'tie'], ['cats', 'cat'], ['feed', 'feed'], ['agreed', 'agre'],
		['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'], ['sing', 'sing'], ['conflated', 'conflat'],
		['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'], ['tanned', 'tan'], ['falling', 'fall'], ['hissing', 'hiss'],
		['fizzed', 'fizz'], ['failing', 'fail'], ['filing', 'file'], ['happy', 'happi'], ['sky', 'sky'], ['dying', 'die'],
		['generate', 'generat'], ['generously', 'generous'], ['communication', 'communic'], ['arsenal', 'arsenal'],
		['relational', 'relat'], ['conditional', 'condit'], ['rational', 'ration'], ['digitizer', 'digit'],
		['vietnamization', 'vietnam'], ['hopefulness', 'hope'], ['callousness', 'callous'], ['formality', 'formal'],
		['electrical', 'electr'], ['goodness', 'good'], ['adjustment', 'adjust'], ['adoption', 'adopt'], ['effective', 'effect'],
		['consistency', 'consist'], ['knightly', 'knight'], ['kneeling', 'kneel']
	];
	it.each(reference)('%s -> %s', (word, stem) => expect(stemEnglish(word)).toBe(stem));

	it('never throws on odd input', () => {
		for (const word of ['', 'a', "'", "'s", 'constructor', '__proto__', 'yyy', '\uD800', 'x'.repeat(10_000)]) {
			expect(typeof stemEnglish(word)).toBe('string');
		}
		expect(stemEnglish('constructor')).toBe('constructor');
	});
});
