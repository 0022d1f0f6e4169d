/**
 * Is this upload acceptable evidence, and what do we store? (issue 5, SECURITY.md: uploads)
 *
 * The type is decided by the decoded content only, never by the name or the browser's content type: JPEG, PNG and
 * WebP images and PDF documents. Anything else (SVG, HTML, text, archives …) is refused before any decoder sees it,
 * because file-type only reads magic bytes and sharp is only ever handed one of the three image types.
 *
 * Images are decoded and written again with sharp: turned upright from the EXIF orientation, then saved without any
 * metadata, so EXIF (with GPS), XMP, IPTC and anything appended after the image (a "polyglot" JPEG with HTML
 * behind it) are gone. The declared size is checked from the header before decoding, so a decompression bomb (a
 * tiny PNG that claims 50000 × 50000 pixels) is refused without being unpacked. PDFs are stored unchanged: they are
 * only ever served as a download with a sandboxing CSP.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { pdfProblem } from './pdf-check';

/** 10 MB per file: a phone photo is 2–6 MB, a long PDF export of a chat a few MB. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024;
/**
 * 40 megapixels: above any phone camera's normal photo (12–24 MP) and a very long screenshot (1170 × 20000 is 23 MP),
 * while a decoded image stays at most about 120 MB in memory.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** A picture this slow to decode is not a normal photo: stop rather than hold a worker thread. */
const DECODE_TIMEOUT_SECONDS = 20;
/** The longest side of a thumbnail on the attachments page. */
export const THUMBNAIL_SIZE = 320;

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export type ImageType = Exclude<EvidenceType, 'application/pdf'>;

/** The reasons a file is refused: each is a message key (messages/*.json). */
export type EvidenceRefusal =
	| 'evidence_refused_empty'
	| 'evidence_refused_too_large'
	| 'evidence_refused_type'
	| 'evidence_refused_heic'
	| 'evidence_refused_too_many_pixels'
	| 'evidence_refused_animated'
	| 'evidence_refused_damaged';

export type EvidenceResult =
	| { ok: true; contentType: EvidenceType; bytes: Uint8Array; width: number | null; height: number | null }
	| { ok: false; reason: EvidenceRefusal };

const SHARP_FORMAT: Record<ImageType, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

// No operation cache: every image is seen once, and cached pixel data would only keep memory in use.
sharp.cache(false);

export function isImageType(type: string): type is ImageType {
	return type in SHARP_FORMAT;
}

export function isEvidenceType(type: string): type is EvidenceType {
	return (EVIDENCE_TYPES as readonly string[]).includes(type);
}

/** HEIF brands written by iPhones and iPads (and other HEVC cameras); AVIF is refused as an ordinary unknown type. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function isHeic(bytes: Uint8Array, sniffed: string | undefined): boolean {
	if (sniffed === 'image/heic' || sniffed === 'image/heic-sequence' || sniffed === 'image/heif' || sniffed === 'image/heif-sequence') return true;
	if (sniffed !== undefined || bytes.byteLength < 12) return false;
	const head = Buffer.from(bytes.subarray(4, 12)).toString('latin1');
	return head.startsWith('ftyp') && HEIC_BRANDS.has(head.slice(4));
}

function decoder(bytes: Uint8Array) {
	// failOn 'error': broken or truncated pixel data is refused; mere warnings (stray bytes some phone apps write
	// between JPEG markers) are not, or ordinary photos would be refused. limitInputPixels is checked from the header.
	return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', sequentialRead: true }).timeout({ seconds: DECODE_TIMEOUT_SECONDS });
}

async function reencode(bytes: Uint8Array, type: ImageType): Promise<EvidenceResult> {
	let metadata: Metadata;
	try {
		metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
	} catch {
		return { ok: false, reason: 'evidence_refused_damaged' };
	}
	// The decoder must agree with the magic bytes; if not, the file is not what it claims to be.
	if (metadata.format !== SHARP_FORMAT[type]) return { ok: false, reason: 'evidence_refused_type' };
	const width = metadata.width ?? 0;
	const height = metadata.height ?? 0;
	if (width <= 0 || height <= 0) return { ok: false, reason: 'evidence_refused_damaged' };
	if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'evidence_refused_too_many_pixels' };
	// Only the first frame would be kept: an animation would silently lose what the parent wanted to show.
	if ((metadata.pages ?? 1) > 1) return { ok: false, reason: 'evidence_refused_animated' };
	try {
		// rotate() without an angle turns the picture upright from its EXIF orientation; without withMetadata/keep*
		// sharp writes no EXIF, XMP, IPTC or ICC profile (it converts to sRGB), and never the bytes after the image.
		const pipeline = decoder(bytes).rotate();
		const encoded =
			type === 'image/jpeg' ? pipeline.jpeg({ quality: 90 }) : type === 'image/png' ? pipeline.png() : pipeline.webp({ quality: 90 });
		const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
		return { ok: true, contentType: type, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
	} catch (error) {
		if (error instanceof Error && /pixel limit/i.test(error.message)) return { ok: false, reason: 'evidence_refused_too_many_pixels' };
		return { ok: false, reason: 'evidence_refused_damaged' };
	}
}

/** Decides about one uploaded file, by its content only. */
export async function checkEvidence(bytes: Uint8Array, maxBytes = MAX_EVIDENCE_FILE_BYTES): Promise<EvidenceResult> {
	if (bytes.byteLength === 0) return { ok: false, reason: 'evidence_refused_empty' };
	if (bytes.byteLength > maxBytes) return { ok: false, reason: 'evidence_refused_too_large' };
	const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
	if (isHeic(bytes, sniffed)) return { ok: false, reason: 'evidence_refused_heic' };
	if (sniffed === 'application/pdf') {
		const problem = await pdfProblem(bytes, maxBytes);
		// Empty and too large were answered above: a PDF that fails here is truncated or not a PDF after all.
		if (problem) return { ok: false, reason: 'evidence_refused_damaged' };
		return { ok: true, contentType: 'application/pdf', bytes, width: null, height: null };
	}
	// SVG, HTML, XML, text and every other type stop here: no decoder is ever given them.
	if (sniffed === undefined || !isImageType(sniffed)) return { ok: false, reason: 'evidence_refused_type' };
	return reencode(bytes, sniffed);
}

/**
 * A small copy of a stored image for the attachments page, so a cheap phone does not load every full photo.
 * The stored image was made by checkEvidence, but it is decoded with the same limits all the same.
 */
export async function thumbnail(bytes: Uint8Array, type: ImageType): Promise<Uint8Array> {
	const pipeline = decoder(bytes).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true });
	const encoded = type === 'image/png' ? pipeline.png() : type === 'image/webp' ? pipeline.webp({ quality: 80 }) : pipeline.jpeg({ quality: 80 });
	const data = await encoded.toBuffer();
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
