import type { Cookies } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { setConfigForTests } from '../config';
import { testConfig } from '../testing/test-database';
import { holdReceipt, RECEIPT_COOKIE_SECONDS, takeReceipt } from './receipt-once';

/** Cookies as a browser keeps them between two answers: set, read, deleted. */
function jar(): Cookies & { values: Map<string, string> } {
	const values = new Map<string, string>();
	return {
		values,
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name),
		serialize: () => ''
	};
}

const RECEIPT = { code: 'K7M2Q-9XB4T', passphrase: 'AB12-CD34-EF56-GH78' };
const PAGE = '/scholen/99ZZ00/melden';

describe('a receipt shown once after the redirect', () => {
	beforeAll(() => setConfigForTests(testConfig()));

	it('is there for the page it was held for, once, and the cookie holds neither the code nor the passphrase', () => {
		const cookies = jar();
		holdReceipt(cookies, RECEIPT, PAGE);
		const [value] = [...cookies.values.values()];
		expect(value).toBeDefined();
		expect(value).not.toContain('K7M2Q');
		expect(value).not.toContain('AB12');
		expect(takeReceipt(cookies, PAGE)).toEqual(RECEIPT);
		expect(cookies.values.size).toBe(0);
		expect(takeReceipt(cookies, PAGE)).toBeUndefined();
	});

	it('is not shown on another page, and is spent by trying', () => {
		const cookies = jar();
		holdReceipt(cookies, RECEIPT, PAGE);
		expect(takeReceipt(cookies, '/scholen/12ZC00/melden')).toBeUndefined();
		expect(cookies.values.size).toBe(0);
	});

	it('ends after two minutes', () => {
		const now = new Date('2026-12-07T09:00:00Z');
		const cookies = jar();
		holdReceipt(cookies, RECEIPT, PAGE, now);
		const late = jar();
		late.values.set(...([...cookies.values][0] as [string, string]));
		expect(takeReceipt(cookies, PAGE, new Date(now.getTime() + (RECEIPT_COOKIE_SECONDS - 1) * 1000))).toEqual(RECEIPT);
		expect(takeReceipt(late, PAGE, new Date(now.getTime() + RECEIPT_COOKIE_SECONDS * 1000))).toBeUndefined();
	});

	it('refuses an altered value and a report cookie passed off as a receipt', async () => {
		const cookies = jar();
		holdReceipt(cookies, RECEIPT, PAGE);
		const [name, value] = [...cookies.values][0] as [string, string];
		const bytes = Buffer.from(value, 'base64url');
		bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
		cookies.values.set(name, bytes.toString('base64url'));
		expect(takeReceipt(cookies, PAGE)).toBeUndefined();
		const { sealReportCookie } = await import('./report-cookie');
		cookies.values.set(name, sealReportCookie('5b0b2c1e-1111-4222-8333-444455556666'));
		expect(takeReceipt(cookies, PAGE)).toBeUndefined();
	});
});
