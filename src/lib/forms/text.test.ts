import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { cleanQuery, isCleanText, textField } from './text';

const field = textField({ max: 100, tooLong: 'long', invalid: 'invalid' });
const blns: string[] = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/bad-input/blns.json'), 'utf8'));

describe('text fields', () => {
	it('refuses lone surrogates, NUL and control characters, keeps newlines only where asked', () => {
		expect(isCleanText('a\uD800b')).toBe(false);
		expect(isCleanText('a\u0000b')).toBe(false);
		expect(isCleanText('a\u0007b')).toBe(false);
		expect(isCleanText('a\nb')).toBe(false);
		expect(isCleanText('a\nb', true)).toBe(true);
		expect(isCleanText('a\u0000b', true)).toBe(false);
	});

	it('normalises to NFC and trims', () => {
		const result = v.parse(field, '  Zoe\u0308 ');
		expect(result).toBe('Zoë');
	});

	it('refuses text that is too long rather than cutting it', () => {
		expect(v.safeParse(field, 'a'.repeat(101)).issues?.[0]?.message).toBe('long');
		expect(v.safeParse(field, 'a'.repeat(1_000_000)).success).toBe(false);
	});

	it('either keeps every naughty string exactly (after NFC and trim) or refuses it with a message, never throws', () => {
		expect(blns.length).toBeGreaterThan(400);
		for (const s of blns) {
			const result = v.safeParse(field, s);
			if (result.success) expect(result.output).toBe(s.normalize('NFC').trim());
			else expect(['long', 'invalid']).toContain(result.issues[0].message);
		}
	});
});

describe('cleanQuery', () => {
	it('keeps a query searchable and safe to show, never refuses it', () => {
		expect(cleanQuery(null, 10)).toBe('');
		expect(cleanQuery('  pesten\n\u0000school ', 100)).toBe('pesten  school');
		expect(cleanQuery('pest\uD800en', 100).isWellFormed()).toBe(true);
		expect(cleanQuery('x'.repeat(10_000), 200)).toHaveLength(200);
	});
});
