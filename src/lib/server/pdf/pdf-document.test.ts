/**
 * The accessible PDF writer on its own (it is shared by the dossier export and, later, letters): every block lands in
 * the structure tree in reading order, also when it runs over a page; a repeated table header and the page numbers
 * are artifacts; marked content is balanced on every page; nothing is drawn outside the tree.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fontDirectory } from './fonts';
import { PdfWriter } from './pdf-document';
import { flattenStructure, inspectPdf } from './pdf-inspect';

const writer = () => new PdfWriter({ title: 'Proef – één', lang: 'nl', compress: false, creationDate: new Date('2025-01-01T00:00:00Z') });

describe('PdfWriter', () => {
	it('finds the bundled fonts in the repository', () => {
		expect(fontDirectory()).toBe(path.resolve('assets/fonts'));
	});

	it('keeps a paragraph that runs over a page as one P, and a long table as one Table with its header once', async () => {
		const pdf = writer();
		pdf.heading(1, 'Proef');
		pdf.paragraph('Een zin die steeds terugkomt. '.repeat(400));
		pdf.section(() => {
			pdf.heading(2, 'Tabel');
			pdf.table(
				['Datum', 'Wat'],
				Array.from({ length: 80 }, (_, i) => [`${i + 1} maart`, `Regel ${i + 1}`])
			);
		});
		const read = inspectPdf(await pdf.finish((page, pages) => `Pagina ${page} van ${pages}`));
		expect(read.pageCount).toBeGreaterThanOrEqual(4);
		const nodes = flattenStructure(read.structure);
		const paragraph = nodes.find((n) => n.type === 'P')!;
		expect(paragraph.contentCount).toBeGreaterThanOrEqual(2);
		const table = nodes.find((n) => n.type === 'Table')!;
		expect(table.children).toHaveLength(81);
		expect(nodes.filter((n) => n.type === 'TH')).toHaveLength(2);
		// The header again on the next pages, but only as an artifact.
		expect(read.artifactText.match(/Datum/g)!.length).toBeGreaterThanOrEqual(1);
		expect(read.text.match(/Datum/g)).toHaveLength(1);
		expect(read.text).toContain('Regel 80');
		expect(read.unbalancedPages).toEqual([]);
		expect(read.untagged).toEqual({ text: [], images: 0 });
		// Bookmarks for the headings.
		expect(read.catalog).toMatch(/\/Outlines \d+ 0 R/);
	});

	it('tags lists, key-value pairs and figures with their alt text, the caption inside the figure', async () => {
		const photo = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#777' } }).jpeg().toBuffer();
		const pdf = writer();
		pdf.heading(1, 'Proef');
		pdf.keyValue('Naam', 'Zoë');
		pdf.keyValue('Verhaal', 'Eerste regel.\nTweede regel.');
		pdf.list(['Een', { lead: 'bestand.jpg', text: 'Soort: Foto\nGrootte: 1 kB' }]);
		pdf.image({ bytes: photo, width: 60, height: 40, alt: 'Een grijze foto', caption: 'grijs.jpg' });
		pdf.imageGrid([1, 2, 3, 4].map((n) => ({ bytes: photo, width: 60, height: 40, alt: `Foto ${n}` })));
		const read = inspectPdf(await pdf.finish());
		const nodes = flattenStructure(read.structure);
		expect(nodes.map((n) => n.type)).toEqual([
			'Document',
			'H1',
			'P',
			'P',
			'L',
			'LI',
			'Lbl',
			'LBody',
			'LI',
			'Lbl',
			'LBody',
			'Figure',
			'Figure',
			'Figure',
			'Figure',
			'Figure'
		]);
		expect(nodes.filter((n) => n.type === 'Figure').map((n) => n.alt)).toEqual(['Een grijze foto', 'Foto 1', 'Foto 2', 'Foto 3', 'Foto 4']);
		// A space at every line end, so extracted text does not run words together.
		expect(read.text).toContain('Naam: ');
		expect(read.text).toContain('Eerste regel. ');
		expect(read.text).toContain('bestand.jpg ');
		expect(read.text).toContain('grijs.jpg');
		expect(read.info.Title).toBe('Proef – één');
		expect(read.untagged).toEqual({ text: [], images: 0 });
		expect(read.unbalancedPages).toEqual([]);
	});

	it('is finished once', async () => {
		const pdf = writer();
		pdf.paragraph('Klaar.');
		await pdf.finish();
		await expect(pdf.finish()).rejects.toThrow();
	});
});
