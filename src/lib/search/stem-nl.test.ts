import { describe, expect, it } from 'vitest';
import { snowballDutch, stemDutch } from './stem-nl';

describe('snowballDutch (classic Snowball Dutch)', () => {
	// The words from the Snowball page's sample vocabulary, plus a few per rule (-se, -baar/-bar, -ig, -lijk, the
	// i/y prelude, diaeresis). Expected stems are PostgreSQL 15's `dutch_stem`, which runs the same algorithm.
	const reference: [string, string][] = [
		['lichaamsziek', 'lichaamsziek'], ['lichamelijk', 'licham'], ['lichamelijke', 'licham'], ['lichamelijkheden', 'licham'],
		['lichamen', 'licham'], ['lichere', 'licher'], ['licht', 'licht'], ['lichtbeelden', 'lichtbeeld'], ['lichtbron', 'lichtbron'],
		['lichte', 'licht'], ['lichten', 'licht'], ['lichtende', 'lichtend'], ['lichtere', 'lichter'], ['lichtgevend', 'lichtgev'],
		['lichtgevende', 'lichtgev'], ['lichtgewicht', 'lichtgewicht'], ['lichtheid', 'lichtheid'], ['lichting', 'lichting'],
		['lichtingen', 'lichting'], ['lichtjes', 'lichtjes'], ['lichtkrant', 'lichtkrant'], ['kanaal', 'kanal'], ['kanalen', 'kanal'],
		['kanaliseren', 'kanaliser'], ['kanalisering', 'kanaliser'], ['mogelijkheden', 'mogelijk'], ['bereikbaar', 'bereik'],
		['eetbare', 'eetbar'], ['heilige', 'heilig'], ['ijverig', 'ijver'], ['koninklijke', 'konink'], ['losse', 'los'],
		['meisjes', 'meisjes'], ['haaien', 'haai'], ['mooie', 'mooi'], ['kooien', 'kooi'], ['ideeën', 'ideeen'], ['knieën', 'knieen'],
		['kopiëren', 'kopier'], ['café', 'caf']
	];
	it.each(reference)('%s -> %s', (word, stem) => expect(snowballDutch(word)).toBe(stem));

	it('lower-cases and keeps short words', () => {
		expect(snowballDutch('Pesten')).toBe('pest');
		expect(snowballDutch('en')).toBe('en');
		expect(snowballDutch('')).toBe('');
	});
});

describe('stemDutch (Snowball plus the Pestwijzer rules)', () => {
	it('gepest, pesten, pester, pesters and pest share one stem', () => {
		const stems = ['gepest', 'pesten', 'pester', 'pesters', 'pest', 'gepeste'].map(stemDutch);
		expect(new Set(stems)).toEqual(new Set(['pest']));
	});

	it('scholen and school share one stem (Snowball step 4: vowel undoubling)', () => {
		expect(stemDutch('scholen')).toBe(stemDutch('school'));
		expect(stemDutch('school')).toBe('schol');
	});

	it('kinderen and kind share one stem: Snowball gives "kinder", the -er rule then gives "kind"', () => {
		expect(snowballDutch('kinderen')).toBe('kinder');
		expect(stemDutch('kinderen')).toBe('kind');
		expect(stemDutch('kind')).toBe('kind');
	});

	describe('ge- (past participles)', () => {
		it.each([
			['gepest', 'pest'],
			['gemeld', 'meld'],
			['gescholden', 'schold'],
			['gevonden', 'vond'],
			['getest', 'test'],
			['gedachten', 'dacht'],
			['gedachte', 'dacht']
		])('%s -> %s', (word, stem) => expect(stemDutch(word)).toBe(stem));

		it('meets the other forms of the verb', () => {
			expect(stemDutch('gemeld')).toBe(stemDutch('melden'));
			expect(stemDutch('gescholden')).toBe(stemDutch('scholden'));
			expect(stemDutch('gemaakt')).toBe(stemDutch('maakt'));
		});

		it('leaves words that only start with ge- alone', () => {
			for (const word of ['geld', 'gelden', 'geven', 'gehad', 'geest', 'geeft', 'gered', 'gedrag', 'gesprek', 'geval', 'getuige', 'gemeen']) {
				expect(stemDutch(word), word).toBe(snowballDutch(word));
			}
			expect(stemDutch('geld')).toBe('geld');
		});

		// The rule looks at the Snowball stem, so it treats all forms that Snowball merges alike. (Snowball itself
		// keeps geval/gevallen apart: it only undoubles kk, dd and tt.)
		it('keeps singular and plural of ge- nouns together', () => {
			for (const [one, more] of [['gezicht', 'gezichten'], ['getuige', 'getuigen'], ['gesprek', 'gesprekken'], ['gebied', 'gebieden'], ['gemeente', 'gemeenten']]) {
				expect(stemDutch(one as string), one).toBe(stemDutch(more as string));
			}
		});

		it('does not merge ge- nouns with unrelated words', () => {
			const unrelated: [string, string][] = [
				['gemeente', 'meent'], // municipality / "means"
				['gebied', 'bieden'], // area / to offer
				['gedicht', 'dicht'], // poem / closed
				['gerecht', 'recht'], // dish, court / right
				['gezond', 'zond'], // healthy / sent
				['gebeurt', 'beurt'], // happens / turn
				['gewend', 'wenden'], // used to / to turn to
				['geleden', 'leden'], // ago / members
				['gevallen', 'vallen'] // cases / to fall
			];
			for (const [word, other] of unrelated) expect(stemDutch(word), word).not.toBe(stemDutch(other));
			expect(stemDutch('gemeente')).toBe('gemeent');
		});

		it('gegeven does not reach geven: only stems ending in t/d lose their ge- (documented limit)', () => {
			expect(stemDutch('gegeven')).toBe('gegev');
			expect(stemDutch('geven')).toBe('gev');
		});
	});

	describe('-er/-ers (agent nouns, comparatives)', () => {
		it.each([
			['pester', 'pest'],
			['pesters', 'pest'],
			['kleiner', 'klein'],
			['jongeren', 'jong'],
			['slachtoffers', 'slachtoff']
		])('%s -> %s', (word, stem) => expect(stemDutch(word)).toBe(stem));

		it('meets the base word', () => {
			expect(stemDutch('kleiner')).toBe(stemDutch('klein'));
			expect(stemDutch('slachtoffer')).toBe(stemDutch('slachtoffers'));
		});

		it('keeps -er when too little would remain, after a vowel, or in known non-agents', () => {
			for (const word of ['ouder', 'ouders', 'letter', 'papier', 'boer', 'sfeer', 'water', 'moeder', 'meester', 'winter', 'achter']) {
				expect(stemDutch(word), word).toBe(snowballDutch(word));
			}
			expect(stemDutch('ouders')).toBe('ouder');
			expect(stemDutch('moeder')).not.toBe(stemDutch('moed'));
			expect(stemDutch('meester')).not.toBe(stemDutch('meest'));
			expect(stemDutch('letter')).not.toBe(stemDutch('let'));
		});
	});

	it('never throws and stays a string on odd input', () => {
		for (const word of ['', 'y', 'ij', 'ëëë', '\uD800', '😀', 'a'.repeat(10_000), 'gege', 'erer', 'heden', 'ene']) {
			expect(typeof stemDutch(word)).toBe('string');
		}
	});
});
