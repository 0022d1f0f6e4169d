import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { createVerifiedUser } from './account.service';
import { createSession, deleteSessionByToken, pruneSessions, validateSession } from './session.service';
import { hashToken } from './tokens';

describe.each(testDatabaseKinds())('sessions on %s', (kind) => {
	let t: TestDatabase;
	let userId: string;
	const policy = { idleMinutes: 60, absoluteHours: 12 };

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		userId = (await createVerifiedUser(t.db, { email: 'anna@example.nl', password: 'paarse olifant danst', displayName: 'Anna', locale: 'nl' })).id;
	});
	afterAll(async () => t.dispose());

	it('stores only a hash of the token', async () => {
		const { token, session } = await createSession(t.db, userId, { pendingSecondFactor: false, policy });
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(session.id).toBe(hashToken(token));
		const stored = await t.db.selectFrom('session').select('id').where('user_id', '=', userId).execute();
		expect(stored.map((s) => s.id)).not.toContain(token);
		expect((await validateSession(t.db, token, policy))?.user.email).toBe('anna@example.nl');
		expect(await validateSession(t.db, 'guess', policy)).toBeUndefined();
	});

	it('ends after the idle time, and is kept alive by use', async () => {
		const start = new Date('2026-03-01T10:00:00Z');
		const { token } = await createSession(t.db, userId, { pendingSecondFactor: false, policy, now: start });
		expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 50 * 60_000))).toBeDefined();
		// Used at +50 min, so +100 min is only 50 idle minutes.
		expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 100 * 60_000))).toBeDefined();
		expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 170 * 60_000))).toBeUndefined();
		// An ended session is removed, not only refused.
		expect(await t.db.selectFrom('session').select('id').where('id', '=', hashToken(token)).executeTakeFirst()).toBeUndefined();
	});

	it('ends after the absolute lifetime however active it is', async () => {
		const start = new Date('2026-03-02T08:00:00Z');
		const { token } = await createSession(t.db, userId, { pendingSecondFactor: false, policy, now: start });
		for (let minutes = 30; minutes < 12 * 60; minutes += 30) {
			expect(await validateSession(t.db, token, policy, new Date(start.getTime() + minutes * 60_000))).toBeDefined();
		}
		expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 12 * 60 * 60_000 + 1000))).toBeUndefined();
	});

	it('gives a pending second-factor session only 10 minutes', async () => {
		const start = new Date('2026-03-03T08:00:00Z');
		const { token, session } = await createSession(t.db, userId, { pendingSecondFactor: true, policy, now: start });
		expect(session.pending_second_factor).toBe(1);
		expect((await validateSession(t.db, token, policy, new Date(start.getTime() + 9 * 60_000)))?.session.pending_second_factor).toBe(1);
		expect(await validateSession(t.db, token, policy, new Date(start.getTime() + 11 * 60_000))).toBeUndefined();
	});

	it('logs out on the server and prunes expired sessions', async () => {
		const { token } = await createSession(t.db, userId, { pendingSecondFactor: false, policy });
		await deleteSessionByToken(t.db, token);
		expect(await validateSession(t.db, token, policy)).toBeUndefined();
		await createSession(t.db, userId, { pendingSecondFactor: false, policy, now: new Date('2000-01-01T00:00:00Z') });
		await pruneSessions(t.db);
		const old = await t.db.selectFrom('session').select('id').where('expires_at', '<', '2001-01-01').execute();
		expect(old).toEqual([]);
	});
});
