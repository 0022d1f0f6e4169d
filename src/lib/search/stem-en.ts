/**
 * English stemmer for the site search: Porter2 (the Snowball "english" stemmer, snowballstem.org/algorithms/english/
 * stemmer.html), written out compactly. Browser-safe, no dependencies. Porter2 rather than the 1980 Porter stemmer
 * because it handles -ies/-ied and short words better ("bullies"/"bullied" -> "bulli", "dying" -> "die").
 * The tests were cross-checked against PostgreSQL 15's `english_stem`, which is the same algorithm.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (ch: string | undefined): boolean => ch !== undefined && VOWELS.has(ch);
// Maps, not object literals: a word such as "constructor" must not find Object.prototype.
const EXCEPTIONS = new Map(
	Object.entries({
		skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli',
		early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
		cosmos: 'cosmos', bias: 'bias', andes: 'andes'
	})
);
// Words that step 1a leaves alone and that would otherwise lose -ing/-ed wrongly ("inning" is not "inn").
const INVARIANT_AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];

/** [suffix, replacement] lists; the longest matching suffix wins and only it is tried (Snowball's `among`). */
const STEP2: [string, string][] = [
	['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['entli', 'ent'],
	['ization', 'ize'], ['izer', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['alli', 'al'],
	['fulness', 'ful'], ['ousness', 'ous'], ['ousli', 'ous'], ['iveness', 'ive'], ['iviti', 'ive'], ['biliti', 'ble'],
	['bli', 'ble'], ['ogi', 'og'], ['fulli', 'ful'], ['lessli', 'less'], ['li', '']
];
const STEP3: [string, string][] = [
	['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''],
	['ness', ''], ['ative', '']
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];

const longest = <T>(w: string, list: T[], key: (x: T) => string): T | undefined => {
	let best: T | undefined;
	for (const x of list) if (w.endsWith(key(x)) && (best === undefined || key(x).length > key(best).length)) best = x;
	return best;
};

export function stemEnglish(word: string): string {
	let w = word.toLowerCase().replace(/[\u2018\u2019\u201b]/g, "'");
	const exception = EXCEPTIONS.get(w);
	if (exception !== undefined) return exception;
	if (w.length <= 2) return w;
	if (w.startsWith("'")) w = w.slice(1);

	// Prelude: y at the start or after a vowel is a consonant (Y).
	const chars = w.split('');
	for (let i = 0; i < chars.length; i++) if (chars[i] === 'y' && (i === 0 || isVowel(chars[i - 1]))) chars[i] = 'Y';
	w = chars.join('');

	// Regions: R1 after the first non-vowel following a vowel (or after gener-/commun-/arsen-), R2 likewise inside R1.
	const n = w.length;
	const after = (from: number): number => {
		let i = from;
		while (i < n && !isVowel(w[i])) i++;
		while (i < n && isVowel(w[i])) i++;
		return i < n ? i + 1 : n;
	};
	const prefix = ['gener', 'commun', 'arsen'].find((p) => w.startsWith(p));
	const p1 = prefix !== undefined ? prefix.length : after(0);
	const p2 = p1 < n ? after(p1) : n;
	const inR1 = (suffix: string) => w.length - suffix.length >= p1;
	const inR2 = (suffix: string) => w.length - suffix.length >= p2;
	const replace = (suffix: string, by: string) => (w = w.slice(0, w.length - suffix.length) + by);
	// A short syllable at the end: consonant-vowel-consonant (last not w, x or Y), or vowel-consonant at the start.
	const endsShort = (s: string): boolean => {
		const m = s.length;
		const [a, b, c] = [s[m - 3], s[m - 2], s[m - 1]];
		if (c === undefined || b === undefined || isVowel(c) || !isVowel(b)) return false;
		if (a === undefined) return true;
		return !isVowel(a) && c !== 'w' && c !== 'x' && c !== 'Y';
	};

	// Step 0: possessive apostrophes.
	for (const s of ["'s'", "'s", "'"]) if (w.endsWith(s)) { replace(s, ''); break; }

	// Step 1a: plurals.
	if (w.endsWith('sses')) replace('sses', 'ss');
	else if (w.endsWith('ied') || w.endsWith('ies')) replace(w.slice(-3), w.length > 4 ? 'i' : 'ie'); // cries -> cri, ties -> tie
	else if (w.endsWith('us') || w.endsWith('ss')) { /* unchanged */ }
	else if (w.endsWith('s') && /[aeiouy]/.test(w.slice(0, -2))) replace('s', '');
	if (INVARIANT_AFTER_1A.has(w)) return w;

	// Step 1b: -eed, -ed, -ing (and -edly, -ingly).
	const s1b = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly'], (s) => s);
	if (s1b === 'eed' || s1b === 'eedly') {
		if (inR1(s1b)) replace(s1b, 'ee');
	} else if (s1b !== undefined && /[aeiouy]/.test(w.slice(0, -s1b.length))) {
		replace(s1b, '');
		if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
		else if (DOUBLES.some((d) => w.endsWith(d))) w = w.slice(0, -1);
		else if (p1 === w.length && endsShort(w)) w += 'e'; // "a short word": R1 empty, ends short
	}

	// Step 1c: final y after a consonant (not the first letter) becomes i: "bully" -> "bulli", like "bullies".
	if ((w.endsWith('y') || w.endsWith('Y')) && w.length > 2 && !isVowel(w[w.length - 2])) replace('y', 'i');

	// Step 2 and 3: derivational suffixes in R1.
	const s2 = longest(w, STEP2, ([s]) => s);
	if (s2 !== undefined && inR1(s2[0])) {
		const [suffix, by] = s2;
		const before = w[w.length - suffix.length - 1];
		if (suffix === 'ogi') { if (before === 'l') replace(suffix, by); }
		else if (suffix === 'li') { if (before !== undefined && 'cdeghkmnrt'.includes(before)) replace(suffix, by); }
		else replace(suffix, by);
	}
	const s3 = longest(w, STEP3, ([s]) => s);
	if (s3 !== undefined && inR1(s3[0]) && (s3[0] !== 'ative' || inR2(s3[0]))) replace(s3[0], s3[1]);

	// Step 4: suffixes in R2; -ion only after s or t.
	const s4 = longest(w, STEP4, (s) => s);
	if (s4 !== undefined && inR2(s4)) {
		const before = w[w.length - s4.length - 1];
		if (s4 !== 'ion' || before === 's' || before === 't') replace(s4, '');
	}

	// Step 5: a final e (in R2, or in R1 unless after a short syllable) and the second l of -ll in R2.
	if (w.endsWith('e') && (inR2('e') || (inR1('e') && !endsShort(w.slice(0, -1))))) replace('e', '');
	else if (w.endsWith('ll') && inR2('l')) replace('l', '');

	return w.replace(/Y/g, 'y');
}
