import { describe, expect, it } from 'vitest';
import { fold, tokenize, tokenizeWithOffsets } from './tokenize';

describe('tokenize', () => {
	it('folds, splits, drops stop words and stems (nl)', () => {
		expect(tokenize('Mijn kind wordt gepest op de SCHOOL!', 'nl')).toEqual(['kind', 'pest', 'schol']);
		expect(tokenize('Wat zijn de ideeën van de pesters?', 'nl')).toEqual(['ideeen', 'pest']);
	});

	it('folds, splits, drops stop words and stems (en)', () => {
		expect(tokenize('My child is being bullied at school.', 'en')).toEqual(['child', 'bulli', 'school']);
	});

	it('strips diacritics and ligatures', () => {
		expect(fold('Ëën CAFÉ ĳs İ')).toBe('een cafe ijs i');
		expect(tokenize('café', 'en')).toEqual(tokenize('cafe', 'en'));
	});

	it('keeps numbers and codes unstemmed, drops single letters', () => {
		expect(tokenize('Bel 112 of 0800-0432, artikel 4c, groep 8, x', 'nl')).toEqual(['bel', '112', '0800', '0432', 'artikel', '4c', 'groep', '8']);
	});

	it('reports where each term came from in the original text', () => {
		const text = 'Dat Zoë gepést wordt, ½ kind';
		const tokens = tokenizeWithOffsets(text, 'nl');
		expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Zoë', 'gepést', '½', '½', 'kind']);
	});

	it('never throws, whatever it gets', () => {
		const inputs = [
			'',
			' ',
			'x'.repeat(10_000),
			'pesten '.repeat(1_500),
			'😀🙈 pesten 👍🏽',
			'a\uD800b',
			'\uDFFF\uD800',
			"' OR 1=1 --",
			'<script>alert(1)</script>',
			'<img src=x onerror=alert(1)>',
			'\u0000\u200b\u202e',
			'e\u0301\u0301\u0301'
		];
		for (const input of inputs) {
			for (const locale of ['nl', 'en'] as const) {
				const tokens = tokenize(input, locale);
				expect(Array.isArray(tokens)).toBe(true);
				for (const token of tokens) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
			}
		}
		expect(tokenize('<script>alert(1)</script>', 'en')).toEqual(['script', 'alert', '1', 'script']);
		expect(tokenize('x'.repeat(10_000), 'nl')).toEqual([]);
	});
});
