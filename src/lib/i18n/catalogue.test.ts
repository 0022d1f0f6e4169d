/**
 * The message catalogues: both languages have every key with the same placeholders,
 * and the Dutch text stays at B1 level (short sentences).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const load = (locale: string): Record<string, string> => {
	const { $schema: _, ...messages } = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8'));
	return messages;
};
const nl = load('nl');
const en = load('en');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
	it('have the same keys in Dutch and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
	});

	it('use the same placeholders in both languages', () => {
		for (const key of Object.keys(nl)) expect(placeholders(en[key]!), key).toEqual(placeholders(nl[key]!));
	});

	it('have no empty messages', () => {
		for (const [key, value] of [...Object.entries(nl), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
	});

	it('keep Dutch sentences short (B1): on average at most 15 words, none over 25', () => {
		const sentences = Object.values(nl)
			.join('\n')
			.replace(/\{\w+\}/g, 'x')
			.split(/(?<=[.!?])\s+|\n+/)
			.map((s) => s.trim())
			.filter((s) => /\p{L}/u.test(s));
		const lengths = sentences.map((s) => s.split(/\s+/).length);
		const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
		expect(average).toBeLessThanOrEqual(15);
		const long = sentences.filter((s) => s.split(/\s+/).length > 25);
		expect(long).toEqual([]);
	});
});
