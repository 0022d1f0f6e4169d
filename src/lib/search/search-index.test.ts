import { describe, expect, it } from 'vitest';
import { buildIndex, excerpt, queryTerms, search, toPlainText, type SearchDocument } from './search-index';

const doc = (d: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'locale' | 'title'>): SearchDocument => ({
	kind: 'guide',
	url: `/${d.id}`,
	summary: '',
	body: '',
	...d
});

const docs: SearchDocument[] = [
	doc({
		id: 'nl-signalen',
		locale: 'nl',
		title: 'Signalen herkennen',
		summary: 'Waar u thuis op let.',
		body: 'Kinderen die pesten doen dat vaak stiekem. Let op stille signalen, zoals buikpijn en slecht slapen.'
	}),
	doc({
		id: 'nl-dader',
		locale: 'nl',
		title: 'Als uw kind zelf pest',
		summary: 'Wat u doet als uw kind anderen lastigvalt.',
		body: 'Praat rustig met uw kind. Vraag wat er gebeurde en waarom.'
	}),
	doc({
		id: 'nl-online',
		locale: 'nl',
		title: 'Online lastiggevallen',
		summary: 'Bewijs bewaren.',
		body: 'Maak schermafbeeldingen van berichten. Meld het bij de school.'
	}),
	doc({
		id: 'nl-politie',
		locale: 'nl',
		title: 'Melden bij de politie',
		summary: 'Aangifte doen.',
		body: 'Bij bedreiging of geweld kunt u aangifte doen bij de politie.'
	}),
	doc({
		id: 'nl-mentor',
		locale: 'nl',
		title: 'De mentor',
		summary: 'De eerste persoon op school.',
		body: 'U kunt het melden bij de mentor. Melden mag altijd; ook anoniem melden kan. Iedereen mag melden.'
	}),
	doc({
		id: 'nl-markup',
		locale: 'nl',
		kind: 'help',
		title: '<b>Kindertelefoon</b>',
		summary: 'Gratis &amp; anoniem.',
		body: '<script>alert(1)</script> **Bellen** kan [altijd](https://www.kindertelefoon.nl) <img src=x onerror=alert(1)>, ook 1 < 2 over schelden.'
	}),
	doc({
		id: 'en-recognising',
		locale: 'en',
		title: 'Recognising bullying',
		summary: 'Signs at home.',
		body: 'Children who are bullying others often hide it at school.'
	}),
	doc({ id: 'en-childline', locale: 'en', kind: 'help', title: 'Childline', summary: 'Free and confidential.', body: 'Call if you are worried.' })
];

const index = buildIndex(docs);
const ids = (query: string, locale: 'nl' | 'en' = 'nl') => search(index, query, locale).map((r) => r.id);

describe('search', () => {
	it('finds "pesten" when searching "gepest", and "pest" when searching "pester"', () => {
		expect(ids('gepest')).toContain('nl-signalen');
		expect(ids('pester')).toContain('nl-dader');
		expect(ids('pesters')).toEqual(ids('gepest'));
	});

	it('finds "bullying" when searching "bullied"', () => {
		expect(ids('bullied', 'en')).toEqual(['en-recognising']);
	});

	it('keeps the languages apart', () => {
		expect(ids('school', 'nl').sort()).toEqual(['nl-mentor', 'nl-online']);
		expect(ids('school', 'en')).toEqual(['en-recognising']);
		expect(ids('bullied', 'nl')).toEqual([]);
		expect(ids('gepest', 'en')).toEqual([]);
	});

	it('ranks a title match above a body-only match', () => {
		const results = search(index, 'melden', 'nl');
		// The mentor page says "melden" four times in its body; the police page has it once, in its title.
		expect(results.map((r) => r.id).slice(0, 2)).toEqual(['nl-politie', 'nl-mentor']);
		expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
	});

	it('wants every term, and falls back to any term when no document has them all', () => {
		expect(ids('online melden')).toEqual(['nl-online']);
		expect(ids('online politie').sort()).toEqual(['nl-online', 'nl-politie']);
		expect(ids('online xyzzy')).toEqual(['nl-online']);
	});

	it('sorts equal scores by title', () => {
		const twins = buildIndex([
			doc({ id: 'b', locale: 'nl', title: 'Beta hulp', body: 'pesten' }),
			doc({ id: 'a', locale: 'nl', title: 'Alfa hulp', body: 'pesten' })
		]);
		const results = search(twins, 'pesten', 'nl');
		expect(results.map((r) => r.title)).toEqual(['Alfa hulp', 'Beta hulp']);
		expect(results[0]!.score).toBe(results[1]!.score);
	});

	it('returns [] for empty and stop-word-only queries', () => {
		for (const query of ['', '   ', 'de het een', '?!', 'u']) expect(search(index, query, 'nl')).toEqual([]);
		for (const query of ['', 'the and of', 'a']) expect(search(index, query, 'en')).toEqual([]);
	});

	it('cuts queries to 200 characters and 10 distinct terms', () => {
		const fifteen = 'een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien';
		expect(queryTerms(fifteen, 'nl')).toHaveLength(10);
		expect(queryTerms('pesten pesten gepest pester', 'nl')).toEqual(['pest']);
		expect(queryTerms(`${'x '.repeat(100)}politie`, 'nl')).toEqual([]);
		expect(ids(`${' '.repeat(300)}politie`)).toEqual(['nl-politie']);
	});

	it('respects the limit', () => {
		expect(search(index, 'pesten', 'nl', 1)).toHaveLength(1);
		expect(search(index, 'pesten', 'nl', 0)).toHaveLength(1);
		expect(search(index, 'pesten', 'nl', Number.NaN).length).toBeGreaterThan(1);
	});

	it('returns plain text: no markup in titles, summaries or snippets', () => {
		const [result] = search(index, 'schelden', 'nl');
		expect(result).toMatchObject({ id: 'nl-markup', kind: 'help', title: 'Kindertelefoon', summary: 'Gratis & anoniem.' });
		expect(result!.snippet).toBe('Bellen kan altijd , ook 1 2 over schelden.');
		for (const query of ['kindertelefoon', 'script', 'img', 'onerror', 'alert']) {
			for (const r of search(index, query, 'nl')) expect(`${r.title}${r.summary}${r.snippet}`).not.toMatch(/[<>]/);
		}
		// Markup is not indexed either: the tag and attribute names are gone.
		expect(ids('onerror')).toEqual([]);
	});

	it('gives a snippet around the first body match, or the summary', () => {
		const filler = 'Dit is gewone tekst over school en thuis. '.repeat(30);
		const body = `${filler}Bel de lijn voor zelfmoordpreventie als het niet meer gaat. ${filler}`;
		const long = buildIndex([doc({ id: 'long', locale: 'nl', title: 'Hulp', summary: 'Wie u kunt bellen.', body })]);
		const [hit] = search(long, 'zelfmoordpreventie', 'nl');
		const snippet = hit!.snippet;
		expect(snippet.length).toBeLessThanOrEqual(200);
		expect(snippet).toContain('zelfmoordpreventie');
		expect(snippet.startsWith('…') && snippet.endsWith('…')).toBe(true);
		// Cut at word boundaries: the inner text is a run of whole words of the body.
		const inner = snippet.slice(1, -1);
		const at = body.indexOf(inner);
		expect(at).toBeGreaterThan(0);
		expect(body[at - 1]).toBe(' ');
		expect(body[at + inner.length]).toBe(' ');
		// A title-only match shows the summary.
		expect(search(long, 'hulp', 'nl')[0]!.snippet).toBe('Wie u kunt bellen.');
	});

	it('never throws on hostile queries', () => {
		const queries = [
			'x'.repeat(10_000),
			'pesten '.repeat(2_000),
			'😀🙈👍🏽',
			'<script>alert(1)</script>',
			"' OR 1=1 --",
			'"; DROP TABLE users; --',
			'a\uD800b',
			'\uDFFF',
			'\u0000\u202e',
			'constructor __proto__ toString hasOwnProperty',
			'%00 %s %n ${x} {{x}}'
		];
		for (const query of queries) {
			for (const locale of ['nl', 'en'] as const) {
				const results = search(index, query, locale);
				expect(Array.isArray(results)).toBe(true);
				for (const r of results) expect(r.snippet).not.toMatch(/[<>]/);
			}
		}
		expect(search(buildIndex([]), 'pesten', 'nl')).toEqual([]);
		expect(search(index, 'pesten', 'de' as 'nl')).toEqual([]);
		expect(search(index, undefined as unknown as string, 'nl')).toEqual([]);
	});

	// Speed is measured by `npm run bench` (the search targets), not asserted in tests.
});

describe('toPlainText and excerpt', () => {
	it('strips Markdown and HTML', () => {
		expect(toPlainText('## Kop\n\n- **vet** en _schuin_\n> citaat met [link](https://x.nl)\n<div onclick="x">tekst</div> a<b')).toBe(
			'Kop vet en schuin citaat met link tekst a b'
		);
	});

	it('keeps short text whole and never exceeds 200 characters', () => {
		expect(excerpt('kort', 0)).toBe('kort');
		const text = 'woord '.repeat(100).trim();
		for (const at of [0, 1, 50, 300, 599, 10_000, -5, Number.NaN]) {
			const cut = excerpt(text, at);
			expect(cut.length).toBeLessThanOrEqual(200);
			expect(cut.replace(/…/g, '').trim().split(' ').every((w) => w === 'woord')).toBe(true);
		}
		// One endless "word" is cut hard, without splitting an emoji.
		const emoji = excerpt('😀'.repeat(300), 0);
		expect(emoji.length).toBeLessThanOrEqual(200);
		expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
	});
});
