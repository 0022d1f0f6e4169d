/**
 * The evidence check (issue 5, SECURITY.md: uploads): types by content only, images re-encoded without metadata or
 * trailers, bombs refused before decoding. Test images are made here with sharp itself, so no binary fixture has
 * to be trusted.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fileTypeFromBuffer } from 'file-type';
import { checkEvidence, MAX_EVIDENCE_FILE_BYTES, MAX_IMAGE_PIXELS, thumbnail, THUMBNAIL_SIZE, type EvidenceResult } from './evidence-check';
import { minimalPdf } from '../testing/sample-files';

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const has = (bytes: Uint8Array, needle: string | number[]) => Buffer.from(bytes).indexOf(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : Buffer.from(needle)) !== -1;

const GPS_EXIF = {
	IFD0: { Make: 'Pestwijzer test phone', ImageDescription: 'secret-marker-in-exif' },
	IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 15/1', GPSMapDatum: 'WGS-84' }
};

/** A 64 × 48 photo, marked as "turn 90° clockwise to view", with EXIF that holds a GPS position. */
async function gpsJpeg(): Promise<Uint8Array> {
	return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
		.jpeg()
		.withExif(GPS_EXIF)
		.withMetadata({ orientation: 6 })
		.toBuffer();
}

/** The GPS latitude in EXIF (degrees, minutes, seconds), read by hand from the TIFF structure; undefined without. */
function gpsLatitude(exif: Buffer | undefined): number[] | undefined {
	if (!exif) return undefined;
	const start = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
	const tiff = exif.subarray(start);
	const little = tiff.subarray(0, 2).toString('latin1') === 'II';
	const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
	const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
	const entries = (ifd: number) => Array.from({ length: u16(ifd) }, (_, i) => ({ tag: u16(ifd + 2 + i * 12), value: u32(ifd + 2 + i * 12 + 8) }));
	const gps = entries(u32(4)).find((e) => e.tag === 0x8825);
	if (!gps) return undefined;
	const latitude = entries(gps.value).find((e) => e.tag === 0x0002);
	if (!latitude) return undefined;
	return [0, 1, 2].map((i) => u32(latitude.value + i * 8) / u32(latitude.value + i * 8 + 4));
}

/** A PNG that only declares its size: an IHDR of width × height and a tiny IDAT (a decompression bomb if decoded). */
function declaredPng(width: number, height: number): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body) >>> 0);
		return Buffer.concat([length, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 0; // greyscale
	// Rows of zeros compress about 1000 to 1: 10 rows here, and the decoder would have to make all the others up.
	const idat = zlib.deflateSync(Buffer.alloc((width + 1) * 10));
	return concat(Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0)));
}

function accepted(result: EvidenceResult): Extract<EvidenceResult, { ok: true }> {
	if (!result.ok) throw new Error(`refused: ${result.reason}`);
	return result;
}

describe('images are re-encoded without metadata', () => {
	it('a JPEG with EXIF and GPS comes out upright, with no EXIF, GPS or other metadata at all', async () => {
		const input = await gpsJpeg();
		// The test image really carries what must go.
		const before = await sharp(input).metadata();
		expect(gpsLatitude(before.exif)).toEqual([52, 5, 30]);
		expect(before.orientation).toBe(6);
		for (const marker of ['Exif', 'WGS-84', 'secret-marker-in-exif']) expect(has(input, marker), marker).toBe(true);

		const result = accepted(await checkEvidence(input));
		expect(result.contentType).toBe('image/jpeg');
		const after = await sharp(result.bytes).metadata();
		expect(after.format).toBe('jpeg');
		expect(after.exif).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(after.iptc).toBeUndefined();
		expect(after.icc).toBeUndefined();
		expect(after.orientation).toBeUndefined();
		expect(gpsLatitude(after.exif)).toBeUndefined();
		for (const marker of ['Exif', 'GPS', 'WGS-84', 'secret-marker-in-exif', 'Pestwijzer test phone']) expect(has(result.bytes, marker), marker).toBe(false);
		// Turned upright from the orientation tag before the tag went: 64 × 48 shown as 48 × 64.
		expect([result.width, result.height]).toEqual([48, 64]);
		expect([after.width, after.height]).toEqual([48, 64]);
	});

	it('a PNG and a WebP lose their EXIF too and keep their own type', async () => {
		const base = () => sharp({ create: { width: 20, height: 10, channels: 4, background: '#336699' } });
		const png = await base().png().withExif(GPS_EXIF).toBuffer();
		const webp = await base().webp().withExif(GPS_EXIF).toBuffer();
		for (const [input, type, format] of [
			[png, 'image/png', 'png'],
			[webp, 'image/webp', 'webp']
		] as const) {
			expect(has(input, 'secret-marker-in-exif'), format).toBe(true);
			const result = accepted(await checkEvidence(input));
			expect(result.contentType).toBe(type);
			expect((await fileTypeFromBuffer(result.bytes))?.mime).toBe(type);
			const after = await sharp(result.bytes).metadata();
			expect(after.format).toBe(format);
			expect(after.exif, format).toBeUndefined();
			expect(has(result.bytes, 'secret-marker-in-exif'), format).toBe(false);
			expect(has(result.bytes, 'WGS-84'), format).toBe(false);
			expect([result.width, result.height]).toEqual([20, 10]);
		}
	});

	it('a polyglot JPEG with HTML appended is stored without the HTML', async () => {
		const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#fff' } }).jpeg().toBuffer();
		const polyglot = concat(jpeg, text('<html><body><script>alert(1)</script></body></html>'));
		// Magic bytes alone call it a JPEG: that is why it must be re-encoded.
		expect((await fileTypeFromBuffer(polyglot))?.mime).toBe('image/jpeg');
		const result = accepted(await checkEvidence(polyglot));
		expect(has(result.bytes, '<script')).toBe(false);
		expect(has(result.bytes, '<html')).toBe(false);
		// The file ends where the image ends: with the JPEG end-of-image marker.
		expect(Buffer.from(result.bytes.subarray(-2)).toString('hex')).toBe('ffd9');
	});

	it('a PNG with a script after IEND is stored without it', async () => {
		const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
		const polyglot = concat(png, text('<script>alert(document.cookie)</script>'));
		const result = accepted(await checkEvidence(polyglot));
		expect(result.contentType).toBe('image/png');
		expect(has(result.bytes, '<script')).toBe(false);
		expect(Buffer.from(result.bytes.subarray(-8, -4)).toString('latin1')).toBe('IEND');
	});
});

describe('refused, each with its reason', () => {
	it('a decompression bomb: a tiny PNG that declares 50000 × 50000 pixels, refused from its header', async () => {
		const bomb = declaredPng(50_000, 50_000);
		expect(bomb.byteLength).toBeLessThan(10_000);
		const started = performance.now();
		expect(await checkEvidence(bomb)).toEqual({ ok: false, reason: 'evidence_refused_too_many_pixels' });
		// Decoding 2.5 billion pixels would take far longer than this, and gigabytes of memory.
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('an image just over the pixel limit is refused, and one within it is not', async () => {
		const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 1;
		expect(await checkEvidence(declaredPng(side, side))).toEqual({ ok: false, reason: 'evidence_refused_too_many_pixels' });
		// Within the limit it is decoded, and a PNG whose rows are missing is damaged.
		expect(await checkEvidence(declaredPng(300, 200))).toEqual({ ok: false, reason: 'evidence_refused_damaged' });
		const fine = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#000' } }).png().toBuffer();
		expect(accepted(await checkEvidence(fine)).width).toBe(300);
	});

	it('a text file called x.png: not an image, whatever its name', async () => {
		expect(await checkEvidence(text('Dit is gewoon tekst, geen plaatje.\n'))).toEqual({ ok: false, reason: 'evidence_refused_type' });
	});

	it.each([
		['SVG', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'],
		['SVG with an XML prolog', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'],
		['HTML', '<!doctype html><html><body><script>alert(1)</script></body></html>'],
		['JSON', '{"name":"x.png"}']
	])('%s is refused before any decoder sees it', async (_, source) => {
		expect(await checkEvidence(text(source))).toEqual({ ok: false, reason: 'evidence_refused_type' });
	});

	it('a GIF is not on the list', async () => {
		const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).gif().toBuffer();
		expect(await checkEvidence(gif)).toEqual({ ok: false, reason: 'evidence_refused_type' });
	});

	it.each([
		['heic', 'mif1heic'],
		['mif1', 'mif1miaf'],
		['hevc', 'hevcmif1']
	])('a HEIC photo (ftyp%s) gets the HEIC reason', async (brand, compatible) => {
		const heic = concat(Buffer.from([0, 0, 0, 0x18]), text(`ftyp${brand}`), Buffer.from([0, 0, 0, 0]), text(compatible), new Uint8Array(200));
		expect(await checkEvidence(heic)).toEqual({ ok: false, reason: 'evidence_refused_heic' });
	});

	it('an empty file', async () => {
		expect(await checkEvidence(new Uint8Array(0))).toEqual({ ok: false, reason: 'evidence_refused_empty' });
	});

	it('a file over the size limit, before anything looks at it', async () => {
		const pdf = minimalPdf();
		expect(await checkEvidence(pdf, pdf.byteLength - 1)).toEqual({ ok: false, reason: 'evidence_refused_too_large' });
		expect(await checkEvidence(new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1))).toEqual({ ok: false, reason: 'evidence_refused_too_large' });
	});

	it('a truncated JPEG and a JPEG header with garbage behind it are damaged', async () => {
		const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } }).jpeg().toBuffer();
		expect(await checkEvidence(jpeg.subarray(0, jpeg.byteLength - 200))).toEqual({ ok: false, reason: 'evidence_refused_damaged' });
		expect(await checkEvidence(concat(Buffer.from('ffd8ffe000104a46494600', 'hex'), new Uint8Array(300).fill(0x41)))).toEqual({ ok: false, reason: 'evidence_refused_damaged' });
	});

	it('an animated WebP (only its first frame would be kept)', async () => {
		const frame = (colour: string) => sharp({ create: { width: 8, height: 8, channels: 4, background: colour } }).png().toBuffer();
		const animated = await sharp([await frame('#f00'), await frame('#0f0')], { join: { animated: true } }).webp({ loop: 0 }).toBuffer();
		expect(await checkEvidence(animated)).toEqual({ ok: false, reason: 'evidence_refused_animated' });
	});

	it('a PDF that lost its end', async () => {
		const pdf = minimalPdf();
		expect(await checkEvidence(pdf.subarray(0, Buffer.from(pdf).lastIndexOf('%%EOF')))).toEqual({ ok: false, reason: 'evidence_refused_damaged' });
	});
});

describe('PDFs', () => {
	it('are accepted by content and stored unchanged', async () => {
		const pdf = minimalPdf('bewijs');
		const result = accepted(await checkEvidence(pdf));
		expect(result.contentType).toBe('application/pdf');
		expect(Buffer.from(result.bytes).equals(Buffer.from(pdf))).toBe(true);
		expect([result.width, result.height]).toEqual([null, null]);
	});
});

describe('thumbnail', () => {
	it('is a small copy in the same type', async () => {
		const big = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#0a0' } }).jpeg().toBuffer();
		const small = await thumbnail(big, 'image/jpeg');
		const meta = await sharp(small).metadata();
		expect(meta.format).toBe('jpeg');
		expect([meta.width, meta.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE / 2]);
	});
});
