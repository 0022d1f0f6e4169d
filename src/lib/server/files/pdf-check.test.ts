import { describe, expect, it } from 'vitest';
import { fileTypeFromBuffer } from 'file-type';
import { pdfProblem } from './pdf-check';
import { minimalPdf, tinyPng } from '../testing/sample-files';



const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const text = (s: string) => new TextEncoder().encode(s);

describe('pdfProblem', () => {
	it('accepts a small valid PDF, also exactly at the limit', async () => {
		const pdf = minimalPdf();
		expect(await pdfProblem(pdf, 5 * 1024 * 1024)).toBeUndefined();
		expect(await pdfProblem(pdf, pdf.byteLength)).toBeUndefined();
	});

	it('refuses a PNG, whatever it is called and even when it ends in %%EOF', async () => {
		expect((await fileTypeFromBuffer(tinyPng()))?.mime).toBe('image/png');
		expect(await pdfProblem(tinyPng(), 1024)).toBe('not_pdf');
		expect(await pdfProblem(concat(tinyPng(), text('\n%%EOF\n')), 1024)).toBe('not_pdf');
	});

	it('refuses a truncated PDF that lost its end', async () => {
		const pdf = minimalPdf();
		const cut = pdf.subarray(0, Buffer.from(pdf).lastIndexOf('%%EOF'));
		expect(await pdfProblem(cut, 1024 * 1024)).toBe('not_pdf');
		expect(await pdfProblem(pdf.subarray(0, 40), 1024 * 1024)).toBe('not_pdf');
	});

	it('refuses a PDF whose end marker is more than 1 KiB before the end', async () => {
		expect(await pdfProblem(concat(minimalPdf(), new Uint8Array(2048).fill(0x20)), 1024 * 1024)).toBe('not_pdf');
		expect(await pdfProblem(concat(minimalPdf(), new Uint8Array(512).fill(0x20)), 1024 * 1024)).toBeUndefined();
	});

	it('refuses text and HTML that merely mention a PDF', async () => {
		expect(await pdfProblem(text('Dit is geen %PDF-1.4 bestand\n%%EOF'), 1024)).toBe('not_pdf');
		expect(await pdfProblem(text('<html><body>%PDF-1.4</body></html>\n%%EOF'), 1024)).toBe('not_pdf');
	});

	it('calls an empty upload empty', async () => {
		expect(await pdfProblem(new Uint8Array(0), 1024)).toBe('empty');
	});

	it('refuses anything over the limit before looking at it', async () => {
		const pdf = minimalPdf();
		expect(await pdfProblem(pdf, pdf.byteLength - 1)).toBe('too_large');
		expect(await pdfProblem(new Uint8Array(2049), 2048)).toBe('too_large');
	});
});
