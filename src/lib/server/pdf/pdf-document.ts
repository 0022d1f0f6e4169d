/**
 * Accessible PDFs (DESIGN.md: PDF; STACK.md: pdfkit is the one library that writes a real tag tree). One small writer
 * for every PDF we make (the dossier export, later letters): call the helpers in reading order and each block lands in
 * the structure tree in that order, with its own tag.
 *
 * What it guarantees, so a screen reader and a "reflow" view read the document as it is meant:
 *  - a tagged PDF 1.7 with /Lang, a /Title shown as the window title (DisplayDocTitle) and /MarkInfo;
 *  - headings H1–H3 (also as bookmarks), paragraphs P, lists L/LI/Lbl/LBody, tables Table/TR/TH/TD (TH with a
 *    scope), figures Figure with alt text and a bounding box, all under one Document element, in reading order;
 *  - running text that is not content (page numbers, a repeated table header) is marked as an Artifact;
 *  - black text on white, at least 10 pt, in an embedded font (DejaVu Sans, fonts.ts); meaning never in colour alone.
 * It does not claim PDF/UA conformance (no pdfuaid in the metadata): that needs a checker such as veraPDF or PAC,
 * which we do not run. The tests read the tree back (pdf-inspect.ts).
 *
 * pdfkit lets content be drawn inside a structure element's closure; when the text runs onto a new page, pdfkit
 * carries the marked content over and the closure form puts both parts in the parent tree. Everything here therefore
 * draws inside closures, and checks for room first where a block must not be split (a heading with what follows, an
 * image, a table row).
 */
import PDFDocument from 'pdfkit';
import { font as parsedFont } from './fonts';

/** A4 in points, with margins of about 2 cm; a little more at the bottom for the page number. */
const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 56, left: 56, right: 56, bottom: 64 } as const;

/** Sizes in points: body text 11, nothing under 10 (the smallest size that stays readable printed). */
export const TEXT_SIZE = 11;
export const SMALL_SIZE = 10;
const HEADING_SIZE: Record<HeadingLevel, number> = { 1: 20, 2: 16, 3: 13 };
const LINE_GAP = 2;
const BLACK = '#000000';
/** Rules and borders only: never text, and never the only way something is told apart. */
const RULE_GREY = '#555555';

export type HeadingLevel = 1 | 2 | 3;

export interface PdfDocumentOptions {
	/** The document title: /Title in the info dictionary, shown by viewers instead of the file name. */
	title: string;
	/** BCP 47 language of the content: /Lang of the document. */
	lang: string;
	subject?: string;
	author?: string;
	/** Tests read the raw file; production compresses the streams. */
	compress?: boolean;
	/** Fixed in tests so two runs give the same bytes. */
	creationDate?: Date;
}

export interface PdfImage {
	/** JPEG or PNG bytes (pdfkit reads no other format: convert first). */
	bytes: Buffer;
	/** What the image shows, for someone who cannot see it. */
	alt: string;
	/** Pixel size, to place the image without decoding it twice. */
	width: number;
	height: number;
	/** A short visible label under the image (a file name), part of the Figure. */
	caption?: string;
}

/** Options pdfkit 0.20 reads that @types/pdfkit (0.17) does not list yet. */
interface StructOptions extends PDFKit.Mixins.StructureElementOptions {
	/** Left, top, right, bottom in pdfkit's coordinates (origin top left): the /Layout BBox attribute. */
	bbox?: [number, number, number, number];
	placement?: 'Block' | 'Inline';
	scope?: 'Row' | 'Column' | 'Both';
}

type Struct = PDFKit.PDFStructureElement;

/** A list item: plain text, or a bold first line (`lead`) with text under it. */
export type ListItem = string | { lead: string; text: string };

/** A structure element for content drawn by `draw`; pdfkit runs `draw` once the element is in the tree. */
function element(doc: PDFKit.PDFDocument, type: string, options: StructOptions, draw: () => void): Struct {
	return doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, draw);
}

export class PdfWriter {
	readonly doc: PDFKit.PDFDocument;
	private readonly root: Struct;
	/** The open grouping elements (Sect); new blocks go into the innermost. */
	private readonly parents: Struct[] = [];
	private outlineLevel2: PDFKit.PDFOutline | undefined;
	private ended = false;

	constructor(options: PdfDocumentOptions) {
		this.doc = new PDFDocument({
			size: [PAGE.width, PAGE.height],
			margins: { ...MARGIN },
			pdfVersion: '1.7',
			tagged: true,
			lang: options.lang,
			displayTitle: true,
			// Page numbers need the page count: pages stay in memory until the end.
			bufferPages: true,
			compress: options.compress ?? true,
			// No default font: pdfkit would load its Helvetica (never embedded, so not allowed in an accessible PDF).
			// Ours are registered below, before any text.
			font: null as unknown as string,
			info: {
				Title: options.title,
				...(options.subject ? { Subject: options.subject } : {}),
				...(options.author ? { Author: options.author } : {}),
				Creator: 'Pestwijzer',
				Producer: 'Pestwijzer (PDFKit)',
				CreationDate: options.creationDate ?? new Date()
			}
		});
		// pdfkit takes a parsed font as well as a path; @types/pdfkit only lists the path, hence the casts.
		this.doc.registerFont('regular', parsedFont('regular') as unknown as string);
		this.doc.registerFont('bold', parsedFont('bold') as unknown as string);
		this.doc.font('regular').fontSize(TEXT_SIZE).fillColor(BLACK).lineGap(LINE_GAP);
		this.root = this.doc.struct('Document');
		this.doc.addStructure(this.root);
	}

	/** Where new blocks go. */
	private get parent(): Struct {
		return this.parents.at(-1) ?? this.root;
	}

	/** The width between the margins. */
	get contentWidth(): number {
		return PAGE.width - MARGIN.left - MARGIN.right;
	}

	private get bottom(): number {
		return PAGE.height - MARGIN.bottom;
	}

	/** Starts a new page when less than `height` points are left on this one. */
	ensureSpace(height: number): void {
		if (this.doc.y + height > this.bottom) this.newPage();
	}

	newPage(): void {
		this.doc.addPage();
		this.doc.x = MARGIN.left;
	}

	private add(type: string, draw: () => void, options: StructOptions = {}): void {
		this.parent.add(element(this.doc, type, options, draw));
	}

	private font(style: 'regular' | 'bold', size: number): PDFKit.PDFDocument {
		return this.doc.font(style).fontSize(size).fillColor(BLACK);
	}

	/** A group of blocks that belong together (a Sect element), such as one chapter. */
	section(build: () => void): void {
		const sect = this.doc.struct('Sect');
		this.parent.add(sect);
		this.parents.push(sect);
		try {
			build();
		} finally {
			this.parents.pop();
			sect.end();
		}
	}

	/**
	 * A heading, also a bookmark (an H3 under the H2 before it). Kept on one page with at least three lines of what
	 * follows. Levels never skip: the caller nests H3 in H2 in H1.
	 */
	heading(level: HeadingLevel, text: string): void {
		const size = HEADING_SIZE[level];
		this.ensureSpace(size * 1.4 + TEXT_SIZE * 4.5);
		if (level > 1 && this.doc.y > MARGIN.top + 1) this.doc.moveDown(level === 2 ? 0.8 : 0.5);
		this.doc.x = MARGIN.left;
		this.add(`H${level}`, () => {
			this.font('bold', size).text(spaced(text), MARGIN.left, this.doc.y, { width: this.contentWidth });
		});
		if (level === 1) this.doc.outline.addItem(text);
		else if (level === 2) this.outlineLevel2 = this.doc.outline.addItem(text);
		else this.outlineLevel2?.addItem(text);
		this.doc.moveDown(0.3);
		this.font('regular', TEXT_SIZE);
	}

	/** A paragraph; line breaks in the text stay line breaks. */
	paragraph(text: string, options: { bold?: boolean; size?: number } = {}): void {
		const size = Math.max(SMALL_SIZE, options.size ?? TEXT_SIZE);
		this.ensureSpace(size * 1.3);
		this.add('P', () => {
			this.font(options.bold ? 'bold' : 'regular', size).text(spaced(text), MARGIN.left, this.doc.y, { width: this.contentWidth });
		});
		this.doc.moveDown(0.4);
		this.font('regular', TEXT_SIZE);
	}

	/**
	 * A label with its value, as one paragraph: the label in bold (and followed by a colon, so the pair is clear
	 * without the bold too). A long or multi-line value starts on its own line under the label.
	 */
	keyValue(label: string, value: string): void {
		const own = value.includes('\n') || value.length > 80;
		this.ensureSpace(TEXT_SIZE * (own ? 2.6 : 1.3));
		this.add('P', () => {
			// One flow of text, so the space after the colon stays in the text a screen reader or a copy gets.
			this.font('bold', TEXT_SIZE).text(`${label}: `, MARGIN.left, this.doc.y, { width: this.contentWidth, continued: true });
			this.font('regular', TEXT_SIZE).text(own ? `\n${spaced(value)}` : spaced(value));
		});
		this.doc.moveDown(0.25);
	}

	/**
	 * A bulleted list (L, LI, Lbl, LBody). An item may span lines; one with a `lead` starts with it in bold (a name
	 * to scan for). An item that fits on a page is never split over two.
	 */
	list(items: readonly ListItem[], options: { size?: number } = {}): void {
		if (items.length === 0) return;
		const size = Math.max(SMALL_SIZE, options.size ?? TEXT_SIZE);
		const indent = 16;
		const width = this.contentWidth - indent;
		const list = this.doc.struct('L');
		this.parent.add(list);
		for (const item of items) {
			const { lead, text } = typeof item === 'string' ? { lead: '', text: spaced(item) } : { lead: item.lead, text: spaced(item.text) };
			this.font('bold', size);
			let height = lead ? this.doc.heightOfString(lead, { width }) : 0;
			this.font('regular', size);
			height += text ? this.doc.heightOfString(text, { width }) : 0;
			this.ensureSpace(Math.min(height, this.bottom - MARGIN.top));
			const y = this.doc.y;
			const li = this.doc.struct('LI');
			list.add(li);
			li.add(element(this.doc, 'Lbl', {}, () => this.doc.text('•', MARGIN.left + 4, y, { lineBreak: false })));
			li.add(
				element(this.doc, 'LBody', {}, () => {
					if (lead) this.font('bold', size).text(`${lead} `, MARGIN.left + indent, y, { width, continued: Boolean(text) });
					if (text && lead) this.font('regular', size).text(`\n${text}`, { width });
					else if (text) this.font('regular', size).text(text, MARGIN.left + indent, y, { width });
				})
			);
			li.end();
			this.doc.moveDown(0.2);
		}
		list.end();
		this.doc.x = MARGIN.left;
		this.doc.moveDown(0.3);
		this.font('regular', TEXT_SIZE);
	}

	/**
	 * A table with one header row (TH, scope Column) and data rows (TD). Rows are never split over pages; on a new
	 * page the header is drawn again, as an Artifact (it is in the tree once). For short cells (dates, names, a few
	 * words): a row taller than a page is not split. Longer text belongs in paragraphs.
	 */
	table(headers: readonly string[], rows: readonly (readonly string[])[], options: { widths?: readonly number[]; size?: number } = {}): void {
		const size = Math.max(SMALL_SIZE, options.size ?? SMALL_SIZE);
		const total = this.contentWidth;
		const widths = options.widths ? options.widths.map((w) => w * total) : headers.map(() => total / headers.length);
		const pad = 4;
		const rowHeight = (cells: readonly string[], style: 'regular' | 'bold') => {
			this.font(style, size);
			return Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - 2 * pad }))) + 2 * pad;
		};
		const headerHeight = rowHeight(headers, 'bold');
		const drawRow = (cells: readonly string[], style: 'regular' | 'bold', height: number, tag: 'TH' | 'TD' | null, tr: Struct | null) => {
			const top = this.doc.y;
			let x = MARGIN.left;
			cells.forEach((cell, i) => {
				const width = widths[i] ?? 0;
				const draw = () => this.font(style, size).text(spaced(cell), x + pad, top + pad, { width: width - 2 * pad });
				if (tr && tag) tr.add(element(this.doc, tag, tag === 'TH' ? { scope: 'Column' } : {}, draw));
				else draw();
				x += width;
			});
			// Inside the repeated header the whole row is one Artifact already (pdfkit cannot nest them).
			if (tr) this.rule(top + height, RULE_GREY, style === 'bold' ? 1 : 0.5);
			else this.line(top + height, RULE_GREY, 1);
			this.doc.y = top + height;
		};
		const drawHeaderArtifact = () => {
			this.doc.markContent('Artifact', { type: 'Pagination' });
			drawRow(headers, 'bold', headerHeight, null, null);
			this.doc.endMarkedContent();
		};

		this.ensureSpace(headerHeight + rowHeight(rows[0] ?? headers, 'regular'));
		const table = this.doc.struct('Table');
		this.parent.add(table);
		const head = this.doc.struct('TR');
		table.add(head);
		drawRow(headers, 'bold', headerHeight, 'TH', head);
		head.end();
		for (const row of rows) {
			const height = rowHeight(row, 'regular');
			if (this.doc.y + height > this.bottom) {
				this.newPage();
				drawHeaderArtifact();
			}
			const tr = this.doc.struct('TR');
			table.add(tr);
			drawRow(row, 'regular', height, 'TD', tr);
			tr.end();
		}
		table.end();
		this.doc.x = MARGIN.left;
		this.doc.moveDown(0.6);
		this.font('regular', TEXT_SIZE);
	}

	/** A thin horizontal line across the text width: decoration only, so an Artifact. */
	rule(y = this.doc.y, color = RULE_GREY, width = 0.5): void {
		this.doc.markContent('Artifact', { type: 'Layout' });
		this.line(y, color, width);
		this.doc.endMarkedContent();
	}

	private line(y: number, color: string, width: number): void {
		this.doc.save().lineWidth(width).strokeColor(color).moveTo(MARGIN.left, y).lineTo(PAGE.width - MARGIN.right, y).stroke().restore();
	}

	/**
	 * One image as a Figure with its alt text, scaled down (never up) to fit the box. A `caption` is printed under it
	 * inside the same Figure: a screen reader reads the alt text instead, so the words are not heard twice.
	 */
	image(image: PdfImage, options: { maxWidth?: number; maxHeight?: number } = {}): void {
		const { width, height } = fit(image, options.maxWidth ?? this.contentWidth, options.maxHeight ?? 300);
		const captionHeight = image.caption ? SMALL_SIZE * 1.6 : 0;
		this.ensureSpace(height + captionHeight + 4);
		const y = this.doc.y;
		this.figure(image, MARGIN.left, y, width, height, options.maxWidth ?? this.contentWidth);
		this.doc.x = MARGIN.left;
		this.doc.y = y + height + captionHeight + 8;
	}

	/** Images side by side in rows, each a Figure with its own alt text, in reading order (left to right, then down). */
	imageGrid(images: readonly PdfImage[], options: { perRow?: number; maxHeight?: number } = {}): void {
		const perRow = options.perRow ?? 3;
		const gap = 10;
		const cell = (this.contentWidth - gap * (perRow - 1)) / perRow;
		const maxHeight = options.maxHeight ?? cell;
		for (let start = 0; start < images.length; start += perRow) {
			const row = images.slice(start, start + perRow).map((image) => ({ image, ...fit(image, cell, maxHeight) }));
			const captionHeight = row.some((r) => r.image.caption) ? SMALL_SIZE * 1.6 : 0;
			const rowHeight = Math.max(...row.map((r) => r.height)) + captionHeight;
			this.ensureSpace(rowHeight + gap);
			const y = this.doc.y;
			row.forEach(({ image, width, height }, i) => this.figure(image, MARGIN.left + i * (cell + gap), y, width, height, cell));
			this.doc.x = MARGIN.left;
			this.doc.y = y + rowHeight + gap;
		}
	}

	private figure(image: PdfImage, x: number, y: number, width: number, height: number, captionWidth: number): void {
		const captionHeight = image.caption ? SMALL_SIZE * 1.6 : 0;
		this.add(
			'Figure',
			() => {
				this.doc.image(image.bytes, x, y, { width, height });
				// One line, cut with an ellipsis: the full name is in the alt text and wherever the caller lists it.
				if (image.caption) this.font('regular', SMALL_SIZE).text(image.caption, x, y + height + 3, { width: captionWidth, height: SMALL_SIZE * 1.3, ellipsis: true, lineBreak: false });
			},
			{ alt: image.alt, bbox: [x, y, x + Math.max(width, image.caption ? captionWidth : 0), y + height + captionHeight], placement: 'Block' }
		);
	}

	/** Vertical space, in lines of body text. */
	space(lines = 1): void {
		this.font('regular', TEXT_SIZE);
		this.doc.moveDown(lines);
	}

	/**
	 * Finishes the document: a footer on every page (an Artifact: "Page 3 of 7" is not content), then the bytes.
	 * `footer` gets the page number (from 1) and the page count.
	 */
	async finish(footer?: (page: number, pages: number) => string): Promise<Buffer> {
		if (this.ended) throw new Error('This PDF is finished already.');
		this.ended = true;
		this.root.end();
		const chunks: Buffer[] = [];
		const done = new Promise<Buffer>((resolve, reject) => {
			this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
			this.doc.on('end', () => resolve(Buffer.concat(chunks)));
			this.doc.on('error', reject);
		});
		if (footer) {
			const range = this.doc.bufferedPageRange();
			for (let i = range.start; i < range.start + range.count; i++) {
				this.doc.switchToPage(i);
				// Writing in the bottom margin must not start a new page.
				const margins = this.doc.page.margins;
				const bottom = margins.bottom;
				margins.bottom = 0;
				this.doc.markContent('Artifact', { type: 'Pagination' });
				this.font('regular', SMALL_SIZE).text(footer(i - range.start + 1, range.count), MARGIN.left, PAGE.height - MARGIN.bottom + 24, {
					width: this.contentWidth,
					align: 'center',
					lineBreak: false
				});
				this.doc.endMarkedContent();
				margins.bottom = bottom;
			}
		}
		this.doc.end();
		return done;
	}
}

/**
 * Text with a space before every line break. A line break in a PDF is only a new position, not a character: text
 * extraction and some screen readers would run "7 kB" and "Received" on the next line together as "7 kBReceived".
 */
function spaced(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/(?<! )\n/g, ' \n');
}

/** The size of an image scaled down (never up) to fit the box, keeping its shape. */
function fit(image: { width: number; height: number }, maxWidth: number, maxHeight: number): { width: number; height: number } {
	const w = Math.max(1, image.width);
	const h = Math.max(1, image.height);
	const scale = Math.min(1, maxWidth / w, maxHeight / h);
	return { width: w * scale, height: h * scale };
}
