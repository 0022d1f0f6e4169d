import { describe, expect, it } from 'vitest';
import { AddressLimiter } from './address-limit';

describe('address limiter (memory only)', () => {
	it('allows max failures per window and per address, then refuses until the window has passed', () => {
		const limiter = new AddressLimiter({ max: 3, windowSeconds: 60 });
		const t0 = 1_000_000;
		for (let i = 0; i < 3; i++) {
			expect(limiter.allowed('a', t0)).toBe(true);
			limiter.count('a', t0);
		}
		expect(limiter.allowed('a', t0 + 59_999)).toBe(false);
		expect(limiter.allowed('b', t0)).toBe(true);
		expect(limiter.allowed('a', t0 + 60_000)).toBe(true);
		limiter.count('a', t0 + 60_000);
		expect(limiter.allowed('a', t0 + 60_000)).toBe(true);
	});
});
