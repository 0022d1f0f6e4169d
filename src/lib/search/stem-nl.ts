/**
 * Dutch stemmer for the site search. Browser-safe, no dependencies.
 *
 * `snowballDutch` is the classic Snowball Dutch algorithm (snowballstem.org/algorithms/dutch/stemmer.html; newer
 * Snowball releases ship a different Dutch stemmer and keep this one as "dutch_porter"). PostgreSQL 15's `dutch_stem`
 * runs the same algorithm; the reference tests and the whole guide vocabulary were cross-checked against it. `stemDutch` adds two rules Pestwijzer needs on top, so that "gepest", "pesten",
 * "pest", "pester" and "pesters" find each other. Both rules are deliberately narrow: a stemmer that merges too much
 * makes search results worse, and a false merge is harder to notice than a missed one.
 */

// Snowball's vowels. The prelude turns some i/y into I/Y, which are then NOT vowels (they act as consonants).
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'è']);
const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.has(ch);

// Snowball removes these accents first (only these: è is kept, it is a vowel of its own).
const ACCENTS = new Map(Object.entries({ ä: 'a', á: 'a', ë: 'e', é: 'e', ï: 'i', í: 'i', ö: 'o', ó: 'o', ü: 'u', ú: 'u' }));

/**
 * R1 and R2 as Snowball defines them: R1 starts after the first non-vowel that follows a vowel (but never before
 * position 3), R2 is the same rule applied again inside R1. Suffixes are only removed when they lie in these regions,
 * which is what keeps short words such as "pest" or "geld" intact.
 */
function regions(w: string): { p1: number; p2: number } {
	const n = w.length;
	const afterVowelThenConsonant = (from: number): number => {
		let i = from;
		while (i < n && !isVowel(w[i])) i++;
		while (i < n && isVowel(w[i])) i++;
		return i < n ? i + 1 : n;
	};
	const p1 = afterVowelThenConsonant(0);
	// R2 is searched from the unadjusted p1; the "at least 3" rule only moves R1 itself.
	const p2 = p1 < n ? afterVowelThenConsonant(p1) : n;
	return { p1: Math.max(p1, 3), p2 };
}

/** The classic Snowball Dutch stemmer, without Pestwijzer's additions. Expects one word; lower-cases it. */
export function snowballDutch(word: string): string {
	// Prelude: drop accents, then mark y (initial or after a vowel) and i (between vowels) as consonants.
	const chars = word.toLowerCase().split('').map((c) => ACCENTS.get(c) ?? c);
	if (chars[0] === 'y') chars[0] = 'Y';
	for (let i = 1; i < chars.length; i++) {
		if (!isVowel(chars[i - 1])) continue;
		if (chars[i] === 'y') chars[i] = 'Y';
		else if (chars[i] === 'i' && isVowel(chars[i + 1])) chars[i] = 'I';
	}
	let w = chars.join('');
	const { p1, p2 } = regions(w);
	const inR1 = (start: number) => start >= p1;
	const inR2 = (start: number) => start >= p2;
	let eFound = false;

	const undouble = () => {
		if (w.endsWith('kk') || w.endsWith('dd') || w.endsWith('tt')) w = w.slice(0, -1);
	};
	// -en/-ene only go after a consonant and not after "gem" (so "gemene" keeps its "gem").
	const enEnding = (len: number) => {
		const start = w.length - len;
		const before = w.slice(0, start);
		if (!inR1(start) || before === '' || isVowel(before[before.length - 1]) || before.endsWith('gem')) return;
		w = before;
		undouble();
	};
	const eEnding = () => {
		eFound = false;
		const start = w.length - 1;
		if (!w.endsWith('e') || !inR1(start) || start < 1 || isVowel(w[start - 1])) return;
		w = w.slice(0, start);
		eFound = true;
		undouble();
	};

	// Step 1: the longest of -heden, -ene/-en, -se/-s. Only the longest match is tried, as in Snowball's `among`.
	if (w.endsWith('heden')) {
		if (inR1(w.length - 5)) w = w.slice(0, -5) + 'heid';
	} else if (w.endsWith('ene')) enEnding(3);
	else if (w.endsWith('en')) enEnding(2);
	else if (w.endsWith('s') || w.endsWith('se')) {
		const start = w.length - (w.endsWith('se') ? 2 : 1);
		const before = w[start - 1];
		if (inR1(start) && before !== undefined && !isVowel(before) && before !== 'j') w = w.slice(0, start);
	}

	// Step 2: -e after a consonant.
	eEnding();

	// Step 3a: -heid (not -cheid), then a preceding -en as in step 1.
	if (w.endsWith('heid')) {
		const start = w.length - 4;
		if (inR2(start) && w[start - 1] !== 'c') {
			w = w.slice(0, start);
			if (w.endsWith('en')) enEnding(2);
		}
	}

	// Step 3b: derivational suffixes, all in R2.
	if (w.endsWith('end') || w.endsWith('ing')) {
		if (inR2(w.length - 3)) {
			w = w.slice(0, -3);
			const ig = w.length - 2;
			if (w.endsWith('ig') && inR2(ig) && w[ig - 1] !== 'e') w = w.slice(0, ig);
			else undouble();
		}
	} else if (w.endsWith('ig')) {
		const start = w.length - 2;
		if (inR2(start) && w[start - 1] !== 'e') w = w.slice(0, start);
	} else if (w.endsWith('lijk')) {
		if (inR2(w.length - 4)) {
			w = w.slice(0, -4);
			eEnding();
		}
	} else if (w.endsWith('baar')) {
		if (inR2(w.length - 4)) w = w.slice(0, -4);
	} else if (w.endsWith('bar')) {
		if (inR2(w.length - 3) && eFound) w = w.slice(0, -3);
	}

	// Step 4: consonant + double vowel + consonant at the end loses one vowel ("maan" -> "man"), so that the
	// open and closed syllable spellings of one word meet ("school" / "scholen" -> "schol").
	const n = w.length;
	const last = w[n - 1];
	const vowel = w[n - 2];
	if (
		last !== undefined &&
		!isVowel(last) &&
		last !== 'I' &&
		vowel !== undefined &&
		'aeou'.includes(vowel) &&
		w[n - 3] === vowel &&
		w[n - 4] !== undefined &&
		!isVowel(w[n - 4])
	) {
		w = w.slice(0, n - 2) + last;
	}

	// Postlude.
	return w.replace(/I/g, 'i').replace(/Y/g, 'y');
}

/**
 * Stems that start with "ge" and end in t/d but are not past participles. Stripping their "ge" would merge them with
 * unrelated words: gebied(en) with "bieden", gedicht with "dicht", gerecht with "recht", gezond(heid) with "zond",
 * gemeente(n) ("gemeent") with "meent" (from menen), gebeurt with "beurt", geniet with "niet", gewend with "wenden",
 * gewicht with "wicht".
 */
const NOT_PARTICIPLES = new Set(['gebied', 'gedicht', 'gerecht', 'gezond', 'gemeent', 'gebeurt', 'gebeurd', 'geniet', 'gewend', 'gewicht']);

/**
 * Pestwijzer rule 1: past participles. "gepest" -> "pest", "gemeld" -> "meld", "gescholden" -> "schold".
 *
 * Applied to the Snowball stem, not to the word, so every form of one word is treated alike: "gezicht" and
 * "gezichten" both become "zicht" instead of the singular and the plural drifting apart. Only stems ending in t or d
 * (weak participles, and strong ones like gescholden/gevonden whose root ends in t/d), with at least 4 letters
 * (containing a vowel) left, so "geld", "gehad", "geest" and "geven" are untouched. Stems ending in other letters are
 * left alone on purpose: that would catch the many nouns that start with ge- (gedrag, gesprek, geval, getuige).
 */
function stripParticiplePrefix(stem: string): string {
	if (!stem.startsWith('ge') || NOT_PARTICIPLES.has(stem)) return stem;
	const rest = stem.slice(2);
	if (rest.length < 4 || !/[td]$/.test(rest) || !/[aeiouy]/.test(rest)) return stem;
	return rest;
}

/**
 * Stems that end in consonant + "er" but are not agent nouns or comparatives, and would collide if stripped:
 * moeder/moed, meester (a teacher)/meest, winter/wint, poster/post, achter/acht, zonder/zond, wonder/wond.
 */
const NOT_AGENTS = new Set(['moeder', 'meester', 'winter', 'poster', 'achter', 'zonder', 'wonder']);

/**
 * Pestwijzer rule 2: the agent suffix -er (-ers loses its s in Snowball step 1). "pester(s)" -> "pest".
 * Only after a consonant ("papier", "boer" and "sfeer" keep theirs) and only when 4 or more letters remain after
 * undoubling, so "ouder(s)" stays "ouder" rather than becoming "oud", and "letter" does not become "let".
 * Comparatives merge too ("kleiner" -> "klein", "jongeren" -> "jong"), and "kinderen" -> "kinder" -> "kind", which is
 * what a search for "kind" should find.
 */
function stripAgentSuffix(stem: string): string {
	if (!stem.endsWith('er') || NOT_AGENTS.has(stem)) return stem;
	let rest = stem.slice(0, -2);
	const before = rest[rest.length - 1];
	if (before === undefined || isVowel(before)) return stem;
	if (rest.endsWith('kk') || rest.endsWith('dd') || rest.endsWith('tt')) rest = rest.slice(0, -1);
	return rest.length >= 4 ? rest : stem;
}

/** Stems one Dutch word (already split from its text): Snowball Dutch plus Pestwijzer's ge- and -er rules. */
export function stemDutch(word: string): string {
	return stripAgentSuffix(stripParticiplePrefix(snowballDutch(word)));
}
