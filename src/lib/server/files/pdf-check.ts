/**
 * Is this upload really a PDF? Decided by its content (file-type reads the magic bytes), never by its name or
 * the browser's content type, and within the size limit (SECURITY.md: allow-list by decoded content).
 */
import { fileTypeFromBuffer } from 'file-type';

export type PdfProblem = 'empty' | 'too_large' | 'not_pdf';

export async function pdfProblem(bytes: Uint8Array, maxBytes: number): Promise<PdfProblem | undefined> {
	if (bytes.byteLength === 0) return 'empty';
	if (bytes.byteLength > maxBytes) return 'too_large';
	const type = await fileTypeFromBuffer(bytes);
	// A PDF must also end like one: a truncated upload would show an empty or broken document to parents.
	const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1');
	if (type?.mime !== 'application/pdf' || !tail.includes('%%EOF')) return 'not_pdf';
	return undefined;
}
