/**
 * Turns text into search terms: fold (NFKD, no diacritics, lower case), split into words, drop stop words, stem.
 * The index and the query go through exactly this function, so they always agree on what a term is.
 * Browser-safe, no dependencies; never throws (any string, including lone surrogates, only yields fewer terms).
 */
import { stemDutch } from './stem-nl';
import { stemEnglish } from './stem-en';

export type SearchLocale = 'nl' | 'en';

export interface Token {
	/** The stemmed term. */
	term: string;
	/** Where the word that produced the term starts and ends in the original text (UTF-16 offsets), for snippets. */
	start: number;
	end: number;
}

/**
 * Small on purpose: only words that occur on almost every page and do not carry what a query is about. Compared with
 * the folded word before stemming. Words that matter on this site stay searchable even when frequent ("hulp", "help",
 * "school", "kind", "geen"). A query of stop words only finds nothing, which is better than finding everything.
 */
const STOP_WORDS: Record<SearchLocale, ReadonlySet<string>> = {
	nl: new Set(
		(
			'de het een en of van in op aan te met voor door bij uit naar om tot over als dan dat die dit deze er ' +
			'is zijn was waren ben bent wordt worden werd kan kunnen moet moeten zal zou heeft hebben heb had ' +
			'ik je jij u uw hij zij ze we wij hem haar hun ons onze mijn jouw jullie men zich ' +
			'maar ook nog wel al zo dus want omdat niet wat wie hoe waar hier daar zonder'
		).split(' ')
	),
	en: new Set(
		(
			'the a an and or of to in on at for with by from as into about than then so if but ' +
			'is are was were be been being am do does did has have had can will would should could may must ' +
			'i me my you your he him his she her it its we us our they them their this that these those ' +
			'what which who how there here not also'
		).split(' ')
	)
};

// Words as they appear in the original text: letters, digits and combining marks (so "ë" written as e + ¨ stays one
// word). Splitting the original text rather than a normalised copy keeps the offsets valid for snippets.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const DIGIT = /\p{N}/u;
/**
 * Stemming is most of the cost of building the index, and a page repeats its words a lot, so stems are remembered.
 * Bounded, because queries (anyone's input) go through here too: when full, the cache simply starts again.
 */
const STEM_CACHE_SIZE = 20_000;
const stemCache: Record<SearchLocale, Map<string, string>> = { nl: new Map(), en: new Map() };
function cachedStem(word: string, locale: SearchLocale): string {
	const cache = stemCache[locale];
	let stem = cache.get(word);
	if (stem === undefined) {
		stem = locale === 'en' ? stemEnglish(word) : stemDutch(word);
		if (cache.size >= STEM_CACHE_SIZE) cache.clear();
		cache.set(word, stem);
	}
	return stem;
}

// Nothing real is longer (Dutch compounds included); longer "words" are noise or an attack, and are skipped.
const MAX_WORD_LENGTH = 50;

/** Lower case without diacritics: "Ëën" -> "een", "ĳs" -> "ijs", "İ" -> "i". */
export function fold(text: string): string {
	return text.normalize('NFKD').toLowerCase().replace(MARKS, '');
}

/** The terms of `text` with where each came from. */
export function tokenizeWithOffsets(text: string, locale: SearchLocale): Token[] {
	if (typeof text !== 'string' || text === '') return [];
	const language: SearchLocale = locale === 'en' ? 'en' : 'nl';
	const stopWords = STOP_WORDS[language];
	const tokens: Token[] = [];
	for (const match of text.matchAll(WORD)) {
		const raw = match[0];
		// Skipped before folding, so a 10,000-letter "word" costs nothing (twice the limit leaves room for marks).
		if (raw.length > MAX_WORD_LENGTH * 2) continue;
		const start = match.index ?? 0;
		// Folding can split a "word" further (NFKD turns "½" into "1⁄2"), hence the second split.
		const folded = fold(raw);
		for (const word of NOT_LETTER_OR_DIGIT.test(folded) ? folded.split(NOT_LETTER_OR_DIGIT) : [folded]) {
			if (word === '' || word.length > MAX_WORD_LENGTH || stopWords.has(word)) continue;
			const hasDigit = DIGIT.test(word);
			// Single letters carry nothing; single digits may ("groep 8", "artikel 4").
			if (word.length < 2 && !hasDigit) continue;
			// Numbers and codes ("112", "4c") are kept as they are: a stemmer would only mangle them.
			const term = hasDigit ? word : cachedStem(word, language);
			if (term !== '') tokens.push({ term, start, end: start + raw.length });
		}
	}
	return tokens;
}

/** The terms of `text`, in order, duplicates kept. */
export function tokenize(text: string, locale: SearchLocale): string[] {
	return tokenizeWithOffsets(text, locale).map((t) => t.term);
}
