/**
 * The receipt code and passphrase a reporter gets after sending a report (issue 11 item 2, decision 0019).
 *
 * Both are Crockford base32 (digits and letters without I, L, O and U), so they can be read aloud, written by hand
 * and typed on a phone. The code has 50 bits (10 characters, `XXXXX-XXXXX`) and finds the report; the passphrase
 * has 80 bits (16 characters, `XXXX-XXXX-XXXX-XXXX`) and proves it is yours. Together 130 bits: beyond guessing
 * even without the rate limits, and the code alone (50 bits) is never enough to open a report.
 *
 * Parsing is tolerant: any case, spaces and dashes anywhere, O read as 0, I and L read as 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const CODE_BITS = 50;
export const PASSPHRASE_BITS = 80;
const CODE_CHARS = CODE_BITS / 5;
const PASSPHRASE_CHARS = PASSPHRASE_BITS / 5;

/** `bytes` random bytes; in the browser and in Node alike. */
function randomBytes(count: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(count));
}

/** The first `chars` × 5 bits of `bytes` as Crockford characters. */
export function encodeBase32(bytes: Uint8Array, chars: number): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5 && out.length < chars) {
			bits -= 5;
			out += ALPHABET[(buffer >> bits) & 31];
		}
		buffer &= (1 << bits) - 1;
	}
	if (out.length < chars) throw new Error('Not enough random bytes');
	return out;
}

function group(text: string, size: number): string {
	return text.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');
}

export interface Receipt {
	/** For showing: `XXXXX-XXXXX`. */
	code: string;
	/** For showing: `XXXX-XXXX-XXXX-XXXX`. */
	passphrase: string;
}

export function newReceipt(random: (count: number) => Uint8Array = randomBytes): Receipt {
	return {
		code: group(encodeBase32(random(Math.ceil(CODE_BITS / 8)), CODE_CHARS), 5),
		passphrase: group(encodeBase32(random(Math.ceil(PASSPHRASE_BITS / 8)), PASSPHRASE_CHARS), 4)
	};
}

/** Upper case, without spaces and dashes, with O → 0 and I, L → 1; undefined when it cannot be ours. */
function normalise(input: string, chars: number): string | undefined {
	if (input.length > 100) return undefined;
	const text = input
		.toUpperCase()
		.replace(/[\s\-\u2010-\u2015]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (text.length !== chars) return undefined;
	for (const c of text) if (!ALPHABET.includes(c)) return undefined;
	return text;
}

export function normaliseCode(input: string): string | undefined {
	return normalise(input, CODE_CHARS);
}

export function normalisePassphrase(input: string): string | undefined {
	return normalise(input, PASSPHRASE_CHARS);
}
