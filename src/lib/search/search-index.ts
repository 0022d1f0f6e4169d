/**
 * In-memory full-text search over the guide pages and the help directory, in Dutch and English.
 *
 * Built once at server start-up (a few dozen documents, a few thousand words each), so everything is plain Maps
 * and arrays: an inverted index per locale, term -> postings with the term frequency per field. Queries are scored
 * with BM25 per field and a weighted sum (title > summary > body), AND first, OR as a fall-back.
 * Browser-safe, no dependencies. Everything returned is plain text: no HTML, no Markdown.
 */
import { tokenize, tokenizeWithOffsets, type SearchLocale } from './tokenize';

export interface SearchDocument {
	id: string;
	locale: 'nl' | 'en';
	kind: 'guide' | 'help';
	url: string;
	title: string;
	summary: string;
	body: string;
}

export interface SearchResult {
	id: string;
	kind: 'guide' | 'help';
	url: string;
	title: string;
	summary: string;
	snippet: string;
	score: number;
}

type Field = 'title' | 'summary' | 'body';

/** One term in one document: how often it occurs per field. */
interface Posting {
	doc: number;
	title: number;
	summary: number;
	body: number;
}

interface IndexedDocument {
	id: string;
	kind: 'guide' | 'help';
	url: string;
	/** Plain-text versions of the fields (markup removed), which is what is indexed and returned. */
	title: string;
	summary: string;
	body: string;
	length: Record<Field, number>;
	/** Term -> offset in `body` of its first occurrence: snippets cost a lookup, not a re-tokenisation. */
	firstInBody: Map<string, number>;
}

/** The index of one language. Exported for typing only; treat it as opaque. */
export interface LocaleIndex {
	docs: IndexedDocument[];
	postings: Map<string, Posting[]>;
	averageLength: Record<Field, number>;
	collator: Intl.Collator;
}

export type SearchIndex = Readonly<Record<SearchLocale, LocaleIndex>>;

/**
 * Field weights. Each field is scored with BM25 on its own and the scores are added with these weights (simpler than
 * BM25F, and predictable). A field's BM25 score saturates at K1 + 1 = 2.2, so one title occurrence (about 1 x 5) beats
 * a body that repeats the word any number of times (at most 2.2 x 1), unless the title is many times longer than the
 * average title. Titles use a smaller b for the same reason: a long title should not be punished much for its length.
 */
const FIELDS: readonly { field: Field; weight: number; b: number }[] = [
	{ field: 'title', weight: 5, b: 0.3 },
	{ field: 'summary', weight: 2, b: 0.75 },
	{ field: 'body', weight: 1, b: 0.75 }
];
const K1 = 1.2;

const MAX_QUERY_CHARS = 200;
const MAX_QUERY_TERMS = 10;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
const SNIPPET_LENGTH = 200;
/** How much text a snippet shows before the match, so the match is near the start but has some context. */
const SNIPPET_LEAD = 60;
const ELLIPSIS = '…';

/**
 * Markdown/HTML to plain text, good enough for indexing and snippets (not a renderer): tags, comments, script and
 * style elements, link and
 * image syntax, heading/list/quote markers and emphasis go; entities for & " ' and spaces are decoded. Any < or >
 * left over is removed, so nothing this module returns can be read as HTML.
 */
export function toPlainText(input: string): string {
	if (typeof input !== 'string') return '';
	return input
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
		.replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
		.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
		.replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d{1,3}[.)])[ \t]+/gm, '')
		.replace(/[*_`~]+/g, '')
		.replace(/\|/g, ' ')
		.replace(/&nbsp;|&#160;/g, ' ')
		.replace(/&quot;|&#34;/g, '"')
		.replace(/&apos;|&#39;/g, "'")
		.replace(/&amp;|&#38;/g, '&')
		.replace(/&[a-zA-Z]+;|&#\d+;|[<>]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function emptyLocaleIndex(locale: SearchLocale): LocaleIndex {
	return {
		docs: [],
		postings: new Map(),
		averageLength: { title: 0, summary: 0, body: 0 },
		collator: new Intl.Collator(locale, { sensitivity: 'base', numeric: true })
	};
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function addDocument(index: LocaleIndex, locale: SearchLocale, source: SearchDocument): void {
	const docNumber = index.docs.length;
	const doc: IndexedDocument = {
		id: text(source.id),
		kind: source.kind === 'help' ? 'help' : 'guide',
		url: text(source.url),
		title: toPlainText(text(source.title)),
		summary: toPlainText(text(source.summary)),
		body: toPlainText(text(source.body)),
		length: { title: 0, summary: 0, body: 0 },
		firstInBody: new Map()
	};
	const postings = new Map<string, Posting>();
	for (const { field } of FIELDS) {
		const tokens = tokenizeWithOffsets(doc[field], locale);
		doc.length[field] = tokens.length;
		for (const { term, start } of tokens) {
			let posting = postings.get(term);
			if (posting === undefined) {
				posting = { doc: docNumber, title: 0, summary: 0, body: 0 };
				postings.set(term, posting);
			}
			posting[field]++;
			if (field === 'body' && !doc.firstInBody.has(term)) doc.firstInBody.set(term, start);
		}
	}
	index.docs.push(doc);
	for (const [term, posting] of postings) {
		const list = index.postings.get(term);
		if (list === undefined) index.postings.set(term, [posting]);
		else list.push(posting);
	}
}

/** Builds the index of all documents; documents with an unknown locale are skipped. */
export function buildIndex(docs: SearchDocument[]): SearchIndex {
	const index: Record<SearchLocale, LocaleIndex> = { nl: emptyLocaleIndex('nl'), en: emptyLocaleIndex('en') };
	for (const doc of Array.isArray(docs) ? docs : []) {
		if (doc === null || typeof doc !== 'object' || (doc.locale !== 'nl' && doc.locale !== 'en')) continue;
		addDocument(index[doc.locale], doc.locale, doc);
	}
	for (const localeIndex of Object.values(index)) {
		const count = Math.max(1, localeIndex.docs.length);
		for (const { field } of FIELDS) {
			const total = localeIndex.docs.reduce((sum, d) => sum + d.length[field], 0);
			localeIndex.averageLength[field] = Math.max(1, total / count);
		}
	}
	return index;
}

/** The distinct terms of a query, after cutting it to a size that keeps every search cheap. */
export function queryTerms(query: string, locale: SearchLocale): string[] {
	if (typeof query !== 'string') return [];
	const terms = tokenize(query.trim().slice(0, MAX_QUERY_CHARS), locale);
	return [...new Set(terms)].slice(0, MAX_QUERY_TERMS);
}

function scorePosting(index: LocaleIndex, posting: Posting, idf: number): number {
	const doc = index.docs[posting.doc];
	if (doc === undefined) return 0;
	let score = 0;
	for (const { field, weight, b } of FIELDS) {
		const tf = posting[field];
		if (tf === 0) continue;
		const norm = 1 - b + (b * doc.length[field]) / index.averageLength[field];
		score += (weight * (tf * (K1 + 1))) / (tf + K1 * norm);
	}
	return idf * score;
}

/** Cuts `body` to at most SNIPPET_LENGTH characters around `at`, at word boundaries, with "…" where it was cut. */
export function excerpt(body: string, at: number): string {
	if (body.length <= SNIPPET_LENGTH) return body;
	const room = SNIPPET_LENGTH - 2 * ELLIPSIS.length;
	const position = Math.min(Math.max(0, Math.floor(at) || 0), body.length);
	// Start a little before the match, but not so late that the excerpt would end up shorter than it could be.
	let start = Math.max(0, Math.min(position - SNIPPET_LEAD, body.length - room));
	if (start > 0 && body[start - 1] !== ' ') {
		const space = body.slice(start, position).indexOf(' ');
		start = space === -1 ? position : start + space + 1;
	}
	const prefix = start > 0 ? ELLIPSIS : '';
	if (body.length - start <= SNIPPET_LENGTH - prefix.length) return prefix + body.slice(start);
	let end = start + SNIPPET_LENGTH - prefix.length - ELLIPSIS.length;
	const space = body.lastIndexOf(' ', end);
	if (space > start) end = space;
	// A hard cut (one very long "word") must not split a surrogate pair.
	else if (/[\uDC00-\uDFFF]/.test(body[end] ?? '')) end--;
	const cut = body.slice(start, end).replace(/[\s,;:([{-]+$/u, '');
	return prefix + cut + ELLIPSIS;
}

function snippet(doc: IndexedDocument, terms: readonly string[]): string {
	let first = Infinity;
	for (const term of terms) first = Math.min(first, doc.firstInBody.get(term) ?? Infinity);
	if (first !== Infinity) return excerpt(doc.body, first);
	// Matched in the title or summary only: the summary says best what the page is about.
	return excerpt(doc.summary !== '' ? doc.summary : doc.body, 0);
}

/**
 * Searches one language. Documents containing every query term come first; only when there are none, documents
 * with any of the terms. Sorted by score, then title. Empty or stop-word-only queries give [].
 */
export function search(index: SearchIndex, query: string, locale: 'nl' | 'en', limit: number = DEFAULT_LIMIT): SearchResult[] {
	const localeIndex = locale === 'en' ? index?.en : locale === 'nl' ? index?.nl : undefined;
	if (localeIndex === undefined || localeIndex.docs.length === 0) return [];
	const terms = queryTerms(query, locale);
	if (terms.length === 0) return [];
	const max = Number.isFinite(limit) ? Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit))) : DEFAULT_LIMIT;

	const n = localeIndex.docs.length;
	const scores = new Map<number, { score: number; matched: number }>();
	for (const term of terms) {
		const postings = localeIndex.postings.get(term) ?? [];
		const idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
		for (const posting of postings) {
			const entry = scores.get(posting.doc) ?? { score: 0, matched: 0 };
			entry.score += scorePosting(localeIndex, posting, idf);
			entry.matched++;
			scores.set(posting.doc, entry);
		}
	}
	const all = [...scores];
	const everyTerm = all.filter(([, s]) => s.matched === terms.length);
	const hits = everyTerm.length > 0 ? everyTerm : all;

	const ranked: { doc: IndexedDocument; score: number }[] = [];
	for (const [docNumber, { score }] of hits) {
		const doc = localeIndex.docs[docNumber];
		if (doc !== undefined) ranked.push({ doc, score });
	}
	const { collator } = localeIndex;
	ranked.sort((a, b) => b.score - a.score || collator.compare(a.doc.title, b.doc.title) || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
	// Snippets only for what is returned.
	return ranked.slice(0, max).map(({ doc, score }) => ({
		id: doc.id,
		kind: doc.kind,
		url: doc.url,
		title: doc.title,
		summary: doc.summary,
		snippet: snippet(doc, terms),
		score
	}));
}
