import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { createVerifiedUser } from './account.service';
import { beginTotpSetup, confirmTotpSetup, countUnusedRecoveryCodes, disableTotp, verifySecondFactor } from './two-factor.service';
import { insertRole, findUserById } from './user.repository';
import { newId, nowIso } from './tokens';
import { ForbiddenError, RateLimitedError } from '../errors';

function codeAt(secret: string, when: Date): string {
	return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: when.getTime() });
}

describe.each(testDatabaseKinds())('two-step log-in on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	async function newUser(role?: 'mentor') {
		const user = await createVerifiedUser(t.db, { email: `${newId()}@example.nl`, password: 'paarse olifant danst', displayName: 'X', locale: 'nl' });
		if (role) await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: null, board_id: null, created_at: nowIso() });
		return user;
	}

	it('keeps the same pending secret until confirmed, stores it encrypted, then gives 10 recovery codes', async () => {
		const user = await newUser();
		const first = await beginTotpSetup(t.db, user.id);
		const again = await beginTotpSetup(t.db, user.id);
		expect(again.secret).toBe(first.secret);
		expect(first.uri).toMatch(/^otpauth:\/\/totp\/Pestwijzer:/);
		const stored = (await findUserById(t.db, user.id))!.totp_secret!;
		expect(stored.startsWith('v1.')).toBe(true);
		expect(stored).not.toContain(first.secret);

		const now = new Date();
		expect(await confirmTotpSetup(t.db, user.id, '000000', now)).toBeUndefined();
		const codes = await confirmTotpSetup(t.db, user.id, codeAt(first.secret, now), now);
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		expect(await countUnusedRecoveryCodes(t.db, user.id)).toBe(10);
		await expect(beginTotpSetup(t.db, user.id)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('accepts a code once (no replay), accepts the neighbouring step, refuses old ones', async () => {
		const user = await newUser();
		const { secret } = await beginTotpSetup(t.db, user.id);
		const start = new Date('2026-01-01T10:00:00Z');
		await confirmTotpSetup(t.db, user.id, codeAt(secret, start), start);
		const later = new Date(start.getTime() + 60_000);
		expect(await verifySecondFactor(t.db, user.id, codeAt(secret, later), later)).toBe(true);
		expect(await verifySecondFactor(t.db, user.id, codeAt(secret, later), later)).toBe(false);
		const next = new Date(later.getTime() + 30_000);
		expect(await verifySecondFactor(t.db, user.id, codeAt(secret, new Date(next.getTime() + 30_000)), next)).toBe(true);
		const muchLater = new Date(next.getTime() + 10 * 60_000);
		expect(await verifySecondFactor(t.db, user.id, codeAt(secret, next), muchLater)).toBe(false);
	});

	it('accepts each recovery code once, in any case and with spaces', async () => {
		const user = await newUser();
		const { secret } = await beginTotpSetup(t.db, user.id);
		const now = new Date();
		const codes = (await confirmTotpSetup(t.db, user.id, codeAt(secret, now), now))!;
		expect(await verifySecondFactor(t.db, user.id, ` ${codes[0]!.toUpperCase()} `)).toBe(true);
		expect(await verifySecondFactor(t.db, user.id, codes[0]!)).toBe(false);
		expect(await countUnusedRecoveryCodes(t.db, user.id)).toBe(9);
	});

	it('stops guessing after 5 wrong codes', async () => {
		const user = await newUser();
		const { secret } = await beginTotpSetup(t.db, user.id);
		const now = new Date();
		await confirmTotpSetup(t.db, user.id, codeAt(secret, now), now);
		for (let i = 0; i < 5; i++) expect(await verifySecondFactor(t.db, user.id, '12345' + i)).toBe(false);
		await expect(verifySecondFactor(t.db, user.id, codeAt(secret, new Date(now.getTime() + 30_000)))).rejects.toBeInstanceOf(RateLimitedError);
	});

	it('lets a parent turn it off, never a staff member', async () => {
		const parent = await newUser();
		const mentor = await newUser('mentor');
		for (const user of [parent, mentor]) {
			const { secret } = await beginTotpSetup(t.db, user.id);
			const now = new Date();
			await confirmTotpSetup(t.db, user.id, codeAt(secret, now), now);
		}
		await expect(disableTotp(t.db, mentor.id)).rejects.toBeInstanceOf(ForbiddenError);
		await disableTotp(t.db, parent.id);
		const after = (await findUserById(t.db, parent.id))!;
		expect(after.totp_enabled_at).toBeNull();
		expect(after.totp_secret).toBeNull();
		expect(await countUnusedRecoveryCodes(t.db, parent.id)).toBe(0);
	});
});
