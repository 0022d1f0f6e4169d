import { describe, expect, it } from 'vitest';
import { CODE_BITS, PASSPHRASE_BITS, encodeBase32, newReceipt, normaliseCode, normalisePassphrase } from './receipt-code';

describe('receipt code', () => {
	it('has at least 128 bits together, the code alone 50', () => {
		expect(CODE_BITS + PASSPHRASE_BITS).toBeGreaterThanOrEqual(128);
		const receipt = newReceipt();
		expect(receipt.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
		expect(receipt.passphrase).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$/);
	});

	it('encodes bits in order (Crockford alphabet)', () => {
		expect(encodeBase32(new Uint8Array([0, 0]), 3)).toBe('000');
		expect(encodeBase32(new Uint8Array([0xff, 0xff]), 3)).toBe('ZZZ');
		// 0b00001 00010 00011 0 → 1, 2, 3
		expect(encodeBase32(new Uint8Array([0b00001000, 0b10000110]), 3)).toBe('123');
		expect(() => encodeBase32(new Uint8Array([1]), 2)).toThrow();
	});

	it('is different every time', () => {
		const codes = new Set(Array.from({ length: 1000 }, () => newReceipt().code));
		expect(codes.size).toBe(1000);
	});

	it('parses what a person types: case, spaces, dashes, O/0 and I/L/1', () => {
		expect(normaliseCode('abcde-fghjk')).toBe('ABCDEFGHJK');
		expect(normaliseCode(' AB CD E FGHJK ')).toBe('ABCDEFGHJK');
		expect(normaliseCode('oOiIl-LOOOO')).toBe('0011110000');
		expect(normalisePassphrase('abcd efgh jkmn pqrs')).toBe('ABCDEFGHJKMNPQRS');
		const { code, passphrase } = newReceipt();
		expect(normaliseCode(code.toLowerCase())).toBe(code.replace('-', ''));
		expect(normalisePassphrase(passphrase)).toBe(passphrase.replaceAll('-', ''));
	});

	it('refuses what cannot be a code', () => {
		expect(normaliseCode('')).toBeUndefined();
		expect(normaliseCode('ABCDE-FGHJ')).toBeUndefined();
		expect(normaliseCode('ABCDE-FGHJKM')).toBeUndefined();
		expect(normaliseCode('ABCDE-FGHJU')).toBeUndefined();
		expect(normaliseCode('ABCDE-FGH<>')).toBeUndefined();
		expect(normaliseCode('A'.repeat(10_000))).toBeUndefined();
		expect(normalisePassphrase('ABCDE-FGHJK')).toBeUndefined();
	});
});
