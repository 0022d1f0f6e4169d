/**
 * Where the PDF fonts are: DejaVu Sans (regular and bold), bundled in the repository under assets/fonts with its
 * licence (LICENSE-DejaVu.txt). We never use the PDF standard fonts (Helvetica …): they are not embedded, cover
 * only Latin-1, and an accessible PDF needs every font embedded. Nor the machine's fonts: CI machines may lack them.
 *
 * The folder is found by walking up from this module's own file to the first folder with assets/fonts in it. That
 * one rule works wherever the code runs from: src/lib/server/pdf (vitest, tsx, vite dev) and build/server/chunks
 * (the built app) both lie inside the repository, whatever the working directory is. The working directory is only
 * tried last (a build copied away from the repository but started from a folder that has assets/).
 *
 * Each font is parsed once per process (fontkit, the parser pdfkit uses) and shared by every document: parsing and
 * decoding a font's tables again for every PDF took about 0.5 s of a 50-incident dossier. A parsed font is only
 * read from afterwards (its caches fill up, nothing else changes); each document keeps its own subset of it.
 */
import { create, type Font } from 'fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
export type FontStyle = keyof typeof FONT_FILES;

const FONT_DIR = path.join('assets', 'fonts');

function candidates(): string[] {
	const found: string[] = [];
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		found.push(path.join(dir, FONT_DIR));
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	found.push(path.resolve(process.cwd(), FONT_DIR));
	return found;
}

let fontDir: string | undefined;

/** The folder with the bundled fonts; throws one sentence that says what is missing. */
export function fontDirectory(): string {
	if (fontDir) return fontDir;
	const dir = candidates().find((d) => fs.existsSync(path.join(d, FONT_FILES.regular)) && fs.existsSync(path.join(d, FONT_FILES.bold)));
	if (!dir) throw new Error(`The PDF fonts (${FONT_DIR}/${FONT_FILES.regular} and ${FONT_FILES.bold}) were not found next to the app or in ${process.cwd()}.`);
	fontDir = dir;
	return dir;
}

const cache = new Map<FontStyle, Font>();

/** The parsed font, read and parsed once per process (about 0.7 MB each). */
export function font(style: FontStyle): Font {
	let parsed = cache.get(style);
	if (!parsed) {
		parsed = create(fs.readFileSync(path.join(fontDirectory(), FONT_FILES[style])));
		cache.set(style, parsed);
	}
	return parsed;
}
