import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { clearLimit, countAttempt, limitKey, peekLimit } from './rate-limit';

describe.each(testDatabaseKinds())('rate limits on %s', (kind) => {
	let t: TestDatabase;
	const limit = { max: 3, windowSeconds: 60 };
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	it('allows max attempts per window, then says how long to wait, then resets', async () => {
		const key = limitKey('test', 'anna@example.nl');
		const start = new Date('2026-05-01T12:00:00Z');
		for (let i = 0; i < 3; i++) {
			expect((await peekLimit(t.db, key, limit, start)).allowed).toBe(true);
			await countAttempt(t.db, key, limit, start);
		}
		const blocked = await peekLimit(t.db, key, limit, new Date(start.getTime() + 20_000));
		expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 40 });
		const later = new Date(start.getTime() + 61_000);
		expect((await peekLimit(t.db, key, limit, later)).allowed).toBe(true);
		await countAttempt(t.db, key, limit, later);
		const row = await t.db.selectFrom('rate_limit').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
		expect(Number(row.count)).toBe(1);
		await clearLimit(t.db, key);
		expect(await t.db.selectFrom('rate_limit').selectAll().where('key', '=', key).executeTakeFirst()).toBeUndefined();
	});

	it('keeps no personal data in its keys', () => {
		const key = limitKey('login-account', 'anna@example.nl');
		expect(key).not.toContain('anna');
		expect(key).toBe(limitKey('login-account', 'ANNA@example.nl'));
	});

	it('counts concurrent attempts without losing any', async () => {
		const key = limitKey('test', 'concurrent');
		const now = new Date();
		await Promise.all(Array.from({ length: 20 }, () => countAttempt(t.db, key, { max: 100, windowSeconds: 60 }, now)));
		const row = await t.db.selectFrom('rate_limit').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
		expect(Number(row.count)).toBe(20);
	});
});
