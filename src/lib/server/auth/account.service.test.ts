import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import {
	changePassword,
	confirmPassword,
	isResetTokenUsable,
	logInWithPassword,
	LOGIN_LIMIT_ACCOUNT,
	registerParent,
	requestPasswordReset,
	resetPassword,
	verifyEmail
} from './account.service';
import { createSession, validateSession } from './session.service';
import { RateLimitedError } from '../errors';
import { findRoles, findUserByEmail } from './user.repository';

function linkToken(text: string): string {
	const match = /token=([A-Za-z0-9_%-]+)/.exec(text);
	if (!match?.[1]) throw new Error(`No link in mail:\n${text}`);
	return decodeURIComponent(match[1]);
}

describe.each(testDatabaseKinds())('accounts on %s', (kind) => {
	let t: TestDatabase;
	const password = 'paarse olifant danst';

	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());
	beforeEach(async () => {
		for (const table of ['mail_outbox', 'rate_limit', 'session', 'email_token', 'recovery_code', 'role_assignment', 'app_user'] as const) {
			await t.db.deleteFrom(table).execute();
		}
	});

	async function mails(to: string) {
		return t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
	}

	async function registerAndVerify(email: string) {
		await registerParent(t.db, { email, password, displayName: 'Anna', locale: 'nl' });
		const [mail] = await mails(email);
		expect(await verifyEmail(t.db, linkToken(mail!.text_body))).toBe(true);
	}

	it('registers a parent, sends a Dutch verification mail and stores only a hash of the password', async () => {
		await registerParent(t.db, { email: ' Anna@Example.NL ', password, displayName: 'Anna', locale: 'nl' });
		const user = await findUserByEmail(t.db, 'anna@example.nl');
		expect(user).toBeDefined();
		expect(user!.email_verified_at).toBeNull();
		expect(user!.password_hash).toMatch(/^\$argon2id\$/);
		expect(user!.password_hash).not.toContain(password);
		expect((await findRoles(t.db, user!.id)).map((r) => r.role)).toEqual(['parent']);
		const [mail] = await mails('anna@example.nl');
		expect(mail!.subject).toBe('Bevestig uw e-mailadres voor Pestwijzer');
		expect(mail!.text_body).toContain('Hallo Anna,');
		expect(mail!.text_body).toContain('http://localhost:3000/e-mail-bevestigen?token=');
	});

	it('writes mail in the language the parent chose', async () => {
		await registerParent(t.db, { email: 'sam@example.nl', password, displayName: '', locale: 'en' });
		const [mail] = await mails('sam@example.nl');
		expect(mail!.subject).toBe('Confirm your e-mail address for Pestwijzer');
		expect(mail!.text_body.startsWith('Hello,')).toBe(true);
	});

	it('does not reveal an existing account: same result, a different mail to the owner, no second account', async () => {
		await registerAndVerify('anna@example.nl');
		await expect(registerParent(t.db, { email: 'anna@example.nl', password: 'iets anders helemaal', displayName: 'X', locale: 'nl' })).resolves.toBeUndefined();
		const all = await mails('anna@example.nl');
		expect(all.map((m) => m.subject)).toEqual(['Bevestig uw e-mailadres voor Pestwijzer', 'U heeft al een account bij Pestwijzer']);
		const count = await t.db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(1);
	});

	it('uses a verification link only once', async () => {
		await registerParent(t.db, { email: 'anna@example.nl', password, displayName: 'Anna', locale: 'nl' });
		const token = linkToken((await mails('anna@example.nl'))[0]!.text_body);
		expect(await verifyEmail(t.db, token)).toBe(true);
		expect(await verifyEmail(t.db, token)).toBe(false);
		expect(await verifyEmail(t.db, 'not-a-token')).toBe(false);
	});

	it('refuses log-in before verification and sends a fresh link', async () => {
		await registerParent(t.db, { email: 'anna@example.nl', password, displayName: 'Anna', locale: 'nl' });
		const result = await logInWithPassword(t.db, { email: 'anna@example.nl', password, ip: '192.0.2.1' });
		expect(result.kind).toBe('unverified');
		expect(await mails('anna@example.nl')).toHaveLength(2);
	});

	it('answers an unknown address and a wrong password the same way', async () => {
		await registerAndVerify('anna@example.nl');
		const unknown = await logInWithPassword(t.db, { email: 'nobody@example.nl', password, ip: '192.0.2.1' });
		const wrong = await logInWithPassword(t.db, { email: 'anna@example.nl', password: 'wrong password here', ip: '192.0.2.1' });
		expect(unknown).toEqual({ kind: 'invalid' });
		expect(wrong).toEqual({ kind: 'invalid' });
		const ok = await logInWithPassword(t.db, { email: 'ANNA@example.nl', password, ip: '192.0.2.1' });
		expect(ok.kind).toBe('ok');
	});

	it('limits failed log-ins per account, with the right password too, and lets other accounts in', async () => {
		await registerAndVerify('anna@example.nl');
		await registerAndVerify('bram@example.nl');
		for (let i = 0; i < LOGIN_LIMIT_ACCOUNT.max; i++) {
			await logInWithPassword(t.db, { email: 'anna@example.nl', password: 'wrong password here', ip: `198.51.100.${i}` });
		}
		await expect(logInWithPassword(t.db, { email: 'anna@example.nl', password, ip: '203.0.113.9' })).rejects.toBeInstanceOf(RateLimitedError);
		expect((await logInWithPassword(t.db, { email: 'bram@example.nl', password, ip: '203.0.113.9' })).kind).toBe('ok');
	});

	it('limits failed log-ins per IP address across accounts', async () => {
		await registerAndVerify('anna@example.nl');
		for (let i = 0; i < 30; i++) {
			await logInWithPassword(t.db, { email: `guess${i}@example.nl`, password: 'wrong password here', ip: '198.51.100.7' });
		}
		await expect(logInWithPassword(t.db, { email: 'anna@example.nl', password, ip: '198.51.100.7' })).rejects.toBeInstanceOf(RateLimitedError);
		expect((await logInWithPassword(t.db, { email: 'anna@example.nl', password, ip: '198.51.100.8' })).kind).toBe('ok');
	});

	it('resets a password with a one-time link and ends every session', async () => {
		await registerAndVerify('anna@example.nl');
		const user = (await findUserByEmail(t.db, 'anna@example.nl'))!;
		const { token: sessionToken } = await createSession(t.db, user.id, { pendingSecondFactor: false, policy: t.config.session });
		await requestPasswordReset(t.db, 'anna@example.nl');
		await requestPasswordReset(t.db, 'nobody@example.nl');
		expect(await mails('nobody@example.nl')).toHaveLength(0);
		const resetMail = (await mails('anna@example.nl')).at(-1)!;
		expect(resetMail.subject).toBe('Nieuw wachtwoord voor Pestwijzer');
		const token = linkToken(resetMail.text_body);
		expect(await isResetTokenUsable(t.db, token)).toBe(true);
		expect(await resetPassword(t.db, token, 'een nieuw lang wachtwoord')).toBe(true);
		expect(await resetPassword(t.db, token, 'nog een ander wachtwoord')).toBe(false);
		expect(await validateSession(t.db, sessionToken, t.config.session)).toBeUndefined();
		expect(await confirmPassword(t.db, user.id, 'een nieuw lang wachtwoord')).toBe(true);
		expect(await confirmPassword(t.db, user.id, password)).toBe(false);
	});

	it('changes a password only with the current one, and ends every session', async () => {
		await registerAndVerify('anna@example.nl');
		const user = (await findUserByEmail(t.db, 'anna@example.nl'))!;
		const { token } = await createSession(t.db, user.id, { pendingSecondFactor: false, policy: t.config.session });
		expect(await changePassword(t.db, user.id, 'not my password', 'een nieuw lang wachtwoord')).toBe(false);
		expect(await validateSession(t.db, token, t.config.session)).toBeDefined();
		expect(await changePassword(t.db, user.id, password, 'een nieuw lang wachtwoord')).toBe(true);
		expect(await validateSession(t.db, token, t.config.session)).toBeUndefined();
		expect((await logInWithPassword(t.db, { email: 'anna@example.nl', password: 'een nieuw lang wachtwoord', ip: '192.0.2.1' })).kind).toBe('ok');
	});

	it('refuses an expired reset link', async () => {
		await registerAndVerify('anna@example.nl');
		await requestPasswordReset(t.db, 'anna@example.nl');
		const token = linkToken((await mails('anna@example.nl')).at(-1)!.text_body);
		await t.db.updateTable('email_token').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
		expect(await isResetTokenUsable(t.db, token)).toBe(false);
		expect(await resetPassword(t.db, token, 'een nieuw lang wachtwoord')).toBe(false);
	});

	it('stores text exactly as given, including non-Latin names', async () => {
		const name = 'Zoë Nguyễn-Ödegaard';
		await registerParent(t.db, { email: 'zoe@example.nl', password, displayName: name, locale: 'nl' });
		const user = await findUserByEmail(t.db, 'zoe@example.nl');
		expect(user!.display_name).toBe(name);
		const raw = await sql<{ n: string }>`select display_name as n from app_user where email = ${'zoe@example.nl'}`.execute(t.db);
		expect(raw.rows[0]!.n).toBe(name);
	});
});
