/**
 * Reads back a PDF written by pdf-document.ts, for tests: the objects, the catalogue and info dictionary, the
 * structure tree (tags in reading order, with alt texts) and the text as it was drawn. Only as much PDF as pdfkit
 * writes (no object streams, no encryption); not a general PDF parser, and never used on uploaded files.
 *
 * Text in an embedded font is stored as glyph numbers, so it is decoded through the font's ToUnicode map: what a
 * screen reader or a copy-and-paste gets, too.
 */
import zlib from 'node:zlib';

export interface PdfObject {
	id: number;
	dict: string;
	stream: Buffer | null;
}

export interface StructNode {
	type: string;
	alt: string | null;
	/** Marked-content pieces that belong to this element directly. */
	contentCount: number;
	children: StructNode[];
}

export interface InspectedPdf {
	version: string;
	objects: Map<number, PdfObject>;
	catalog: string;
	lang: string | null;
	info: Record<string, string>;
	pageCount: number;
	/** The children of StructTreeRoot; empty when the PDF is not tagged. */
	structure: StructNode[];
	/** The text of every page in drawing order, one line per text run, pages separated by a form feed. */
	text: string;
	/** The text inside /Artifact marked content only (page numbers, repeated headers). */
	artifactText: string;
	/** Text and images drawn outside any marked content: neither in the structure tree nor an artifact. */
	untagged: { text: string[]; images: number };
	/** Pages (from 1) whose marked content does not close every BDC/BMC with one EMC. */
	unbalancedPages: number[];
}

const latin1 = (b: Buffer) => b.toString('latin1');

function readObjects(pdf: Buffer): Map<number, PdfObject> {
	const source = latin1(pdf);
	const objects = new Map<number, PdfObject>();
	const start = /(\d+) 0 obj\s*/g;
	let match: RegExpExecArray | null;
	while ((match = start.exec(source))) {
		const id = Number(match[1]);
		const from = start.lastIndex;
		const streamAt = source.indexOf('stream', from);
		const endAt = source.indexOf('endobj', from);
		if (streamAt !== -1 && streamAt < endAt) {
			const dict = source.slice(from, streamAt).trim();
			const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
			const dataStart = streamAt + 'stream'.length + (source[streamAt + 6] === '\r' ? 2 : 1);
			let stream = pdf.subarray(dataStart, dataStart + length);
			if (/\/Filter \/FlateDecode/.test(dict)) stream = zlib.inflateSync(stream);
			objects.set(id, { id, dict, stream });
			start.lastIndex = source.indexOf('endobj', dataStart + length) + 'endobj'.length;
		} else {
			objects.set(id, { id, dict: source.slice(from, endAt).trim(), stream: null });
			start.lastIndex = endAt + 'endobj'.length;
		}
	}
	return objects;
}

/** A PDF literal string's content, unescaped; UTF-16BE when it starts with a byte order mark. */
export function decodePdfString(literal: string): string {
	let bytes = '';
	for (let i = 0; i < literal.length; i++) {
		const c = literal[i]!;
		if (c !== '\\') {
			bytes += c;
			continue;
		}
		const next = literal[++i] ?? '';
		const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
		if (next in simple) bytes += simple[next];
		else if (/[0-7]/.test(next)) {
			const octal = /^[0-7]{1,3}/.exec(literal.slice(i))![0];
			bytes += String.fromCharCode(parseInt(octal, 8));
			i += octal.length - 1;
		}
	}
	if (bytes.startsWith('\u00fe\u00ff')) {
		const buffer = Buffer.from(bytes.slice(2), 'latin1');
		let out = '';
		for (let i = 0; i + 1 < buffer.length; i += 2) out += String.fromCharCode(buffer.readUInt16BE(i));
		return out;
	}
	return bytes;
}

/** The value of `/Key (string)` in a dictionary, decoded. */
function stringEntry(dict: string, key: string): string | null {
	const at = dict.indexOf(`/${key} (`);
	if (at === -1) return null;
	let i = at + key.length + 3;
	let depth = 1;
	let raw = '';
	for (; i < dict.length; i++) {
		const c = dict[i]!;
		if (c === '\\') {
			raw += c + (dict[++i] ?? '');
			continue;
		}
		if (c === '(') depth++;
		if (c === ')' && --depth === 0) break;
		raw += c;
	}
	return decodePdfString(raw);
}

const ref = (dict: string, key: string) => {
	const found = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
	return found ? Number(found[1]) : null;
};

function structNode(objects: Map<number, PdfObject>, id: number): StructNode | null {
	const dict = objects.get(id)?.dict ?? '';
	const type = /\/S \/(\w+)/.exec(dict)?.[1];
	if (!type) return null;
	const kids = /\/K \[([^\]]*)\]/.exec(dict)?.[1] ?? '';
	const children: StructNode[] = [];
	let contentCount = 0;
	// MCR dictionaries (content on another page) and plain MCIDs are content; references to /S objects are elements.
	const withoutMcr = kids.replace(/<<[\s\S]*?>>/g, () => {
		contentCount++;
		return ' ';
	});
	for (const token of withoutMcr.matchAll(/(\d+) 0 R|(\d+)/g)) {
		if (token[1]) {
			const child = structNode(objects, Number(token[1]));
			if (child) children.push(child);
		} else contentCount++;
	}
	return { type, alt: stringEntry(dict, 'Alt'), contentCount, children };
}

/** glyph code (4 hex digits) → text, from a ToUnicode CMap as pdfkit writes it (bfrange with arrays). */
function toUnicodeMap(cmap: string): Map<string, string> {
	const map = new Map<string, string>();
	for (const range of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
		let code = parseInt(range[1]!, 16);
		for (const entry of range[3]!.matchAll(/<([0-9a-f ]+)>/gi)) {
			const units = entry[1]!.trim().split(/\s+/).map((h) => parseInt(h, 16));
			map.set(code.toString(16).padStart(4, '0'), String.fromCharCode(...units));
			code++;
		}
	}
	return map;
}

interface PageContent {
	text: string[];
	artifacts: string[];
	untaggedText: string[];
	untaggedImages: number;
	balanced: boolean;
}

function pageText(content: string, fonts: Map<string, Map<string, string>>): PageContent {
	const page: PageContent = { text: [], artifacts: [], untaggedText: [], untaggedImages: 0, balanced: true };
	const marks: boolean[] = [];
	let font = new Map<string, string>();
	const tokens = /\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|\/(\w+)(?: <<[^>]*>>)? BDC|\/(\w+) BMC|\bEMC\b|\/\w+ Do\b/gi;
	for (const t of content.matchAll(tokens)) {
		if (t[1]) font = fonts.get(t[1]) ?? new Map();
		else if (t[2] !== undefined) {
			const line = [...t[2].matchAll(/<([0-9a-f]*)>/gi)].map((hex) => (hex[1]!.match(/.{4}/g) ?? []).map((code) => font.get(code) ?? '\ufffd').join('')).join('');
			if (marks.length === 0) page.untaggedText.push(line);
			else (marks.includes(true) ? page.artifacts : page.text).push(line);
		} else if (t[3] || t[4]) marks.push((t[3] ?? t[4]) === 'Artifact');
		else if (t[0] === 'EMC') {
			if (marks.length === 0) page.balanced = false;
			marks.pop();
		} else if (marks.length === 0) page.untaggedImages++;
	}
	if (marks.length > 0) page.balanced = false;
	return page;
}

export function inspectPdf(pdf: Buffer): InspectedPdf {
	const version = /^%PDF-(\d\.\d)/.exec(latin1(pdf.subarray(0, 16)))?.[1] ?? '';
	const objects = readObjects(pdf);
	const trailer = latin1(pdf.subarray(Math.max(0, pdf.length - 2048)));
	const rootId = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1]);
	const infoId = Number(/\/Info (\d+) 0 R/.exec(trailer)?.[1]);
	const catalog = objects.get(rootId)?.dict ?? '';
	const infoDict = objects.get(infoId)?.dict ?? '';
	const info: Record<string, string> = {};
	for (const key of ['Title', 'Subject', 'Author', 'Creator', 'Producer']) {
		// pdfkit writes each info value as an object of its own.
		const indirect = ref(infoDict, key);
		const value = indirect === null ? stringEntry(infoDict, key) : stringEntry(`/V ${objects.get(indirect)?.dict ?? ''}`, 'V');
		if (value !== null) info[key] = value;
	}

	const structRoot = ref(catalog, 'StructTreeRoot');
	const structure: StructNode[] = [];
	if (structRoot !== null) {
		const kids = /\/K \[([^\]]*)\]/.exec(objects.get(structRoot)?.dict ?? '')?.[1] ?? '';
		for (const token of kids.matchAll(/(\d+) 0 R/g)) {
			const node = structNode(objects, Number(token[1]));
			if (node) structure.push(node);
		}
	}

	// Pages in order, from the page tree (pdfkit writes one flat /Kids list).
	const pagesDict = objects.get(ref(catalog, 'Pages') ?? -1)?.dict ?? '';
	const pageIds = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
	const fontCache = new Map<number, Map<string, string>>();
	const texts: string[] = [];
	const artifactTexts: string[] = [];
	const untagged = { text: [] as string[], images: 0 };
	const unbalancedPages: number[] = [];
	for (const [index, pageId] of pageIds.entries()) {
		const page = objects.get(pageId)?.dict ?? '';
		const resources = objects.get(ref(page, 'Resources') ?? -1)?.dict ?? page;
		const fonts = new Map<string, Map<string, string>>();
		const fontBlock = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
		for (const entry of fontBlock.matchAll(/\/(\w+) (\d+) 0 R/g)) {
			const fontId = Number(entry[2]);
			if (!fontCache.has(fontId)) {
				const cmapId = ref(objects.get(fontId)?.dict ?? '', 'ToUnicode');
				const cmap = cmapId === null ? '' : latin1(objects.get(cmapId)?.stream ?? Buffer.alloc(0));
				fontCache.set(fontId, toUnicodeMap(cmap));
			}
			fonts.set(entry[1]!, fontCache.get(fontId)!);
		}
		const contentId = ref(page, 'Contents');
		const content = contentId === null ? '' : latin1(objects.get(contentId)?.stream ?? Buffer.alloc(0));
		const found = pageText(content, fonts);
		texts.push(found.text.join('\n'));
		artifactTexts.push(found.artifacts.join('\n'));
		untagged.text.push(...found.untaggedText);
		untagged.images += found.untaggedImages;
		if (!found.balanced) unbalancedPages.push(index + 1);
	}

	return {
		version,
		objects,
		catalog,
		lang: stringEntry(catalog, 'Lang'),
		info,
		pageCount: pageIds.length,
		structure,
		text: texts.join('\n\f\n'),
		artifactText: artifactTexts.join('\n\f\n'),
		untagged,
		unbalancedPages
	};
}

/** Every element of the structure tree, depth first (reading order). */
export function flattenStructure(nodes: readonly StructNode[]): StructNode[] {
	return nodes.flatMap((node) => [node, ...flattenStructure(node.children)]);
}
