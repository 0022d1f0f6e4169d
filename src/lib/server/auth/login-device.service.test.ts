/**
 * Issue 10, item 8: one pupil on the school's Wi-Fi must not be able to keep a teacher out, and an attacker must
 * get no more guesses than before.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { changePassword, createVerifiedUser, LOGIN_LIMIT_ACCOUNT, LOGIN_LIMIT_IP, logInWithPassword } from './account.service';
import { findKnownDevice, LOGIN_LIMIT_DEVICE, pruneDevices, rememberDevice } from './login-device.service';
import { RateLimitedError } from '../errors';

const PASSWORD = 'paarse olifant danst';
const WRONG = 'wrong password here';
const SCHOOL_WIFI = '198.51.100.20';

describe.each(testDatabaseKinds())('log-in limits with device cookies on %s', (kind) => {
	let t: TestDatabase;
	let teacherId: string;
	let otherId: string;

	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(() => t.dispose());
	beforeEach(async () => {
		for (const table of ['rate_limit', 'login_device', 'session', 'app_user'] as const) await t.db.deleteFrom(table).execute();
		teacherId = (await createVerifiedUser(t.db, { email: 'juf@school.nl', password: PASSWORD, displayName: 'Juf', locale: 'nl' })).id;
		otherId = (await createVerifiedUser(t.db, { email: 'meester@school.nl', password: PASSWORD, displayName: 'Meester', locale: 'nl' })).id;
	});

	const logIn = (email: string, password: string, deviceToken?: string, ip = SCHOOL_WIFI) => logInWithPassword(t.db, { email, password, ip, deviceToken });

	/** A pupil on the school's network: 30 failures over many addresses' worth of guesses, 10 of them on the teacher. */
	async function pupilThrottles(): Promise<void> {
		for (let i = 0; i < LOGIN_LIMIT_ACCOUNT.max; i++) await logIn('juf@school.nl', WRONG);
		for (let i = LOGIN_LIMIT_ACCOUNT.max; i < LOGIN_LIMIT_IP.max; i++) await logIn(`gok${i}@school.nl`, WRONG);
		await expect(logIn('juf@school.nl', PASSWORD)).rejects.toBeInstanceOf(RateLimitedError);
		await expect(logIn('juf@school.nl', PASSWORD, undefined, '203.0.113.5')).rejects.toBeInstanceOf(RateLimitedError);
	}

	it("lets the teacher's own browser in while the school's address and her account are throttled for everyone else", async () => {
		const device = await rememberDevice(t.db, teacherId);
		await pupilThrottles();
		const result = await logIn('juf@school.nl', PASSWORD, device);
		expect(result).toMatchObject({ kind: 'ok', knownDevice: true });
		// A fresh browser of the same teacher, on the same network or another, is still held back.
		await expect(logIn('juf@school.nl', PASSWORD)).rejects.toBeInstanceOf(RateLimitedError);
		await expect(logIn('juf@school.nl', PASSWORD, undefined, '203.0.113.5')).rejects.toBeInstanceOf(RateLimitedError);
	});

	it('gives a known browser its own allowance and no more', async () => {
		const device = await rememberDevice(t.db, teacherId);
		for (let i = 0; i < LOGIN_LIMIT_DEVICE.max; i++) expect((await logIn('juf@school.nl', WRONG, device)).kind).toBe('invalid');
		await expect(logIn('juf@school.nl', PASSWORD, device)).rejects.toBeInstanceOf(RateLimitedError);
		// Its failures did not count against the account for other browsers, so they never lock the owner out either.
		expect((await logIn('juf@school.nl', PASSWORD, undefined, '203.0.113.5')).kind).toBe('ok');
	});

	it("gives nothing for another account's device cookie, a forged one or an expired one", async () => {
		const othersDevice = await rememberDevice(t.db, otherId);
		await pupilThrottles();
		await expect(logIn('juf@school.nl', PASSWORD, othersDevice)).rejects.toBeInstanceOf(RateLimitedError);
		await expect(logIn('juf@school.nl', PASSWORD, `${othersDevice.slice(0, -2)}xx`)).rejects.toBeInstanceOf(RateLimitedError);
		await expect(logIn('juf@school.nl', PASSWORD, 'x'.repeat(5000))).rejects.toBeInstanceOf(RateLimitedError);
		const past = new Date(Date.now() - 400 * 86_400_000);
		const expired = await rememberDevice(t.db, teacherId, past);
		expect(await findKnownDevice(t.db, expired)).toBeUndefined();
		await expect(logIn('juf@school.nl', PASSWORD, expired)).rejects.toBeInstanceOf(RateLimitedError);
		await pruneDevices(t.db);
		expect(await t.db.selectFrom('login_device').select('id').where('user_id', '=', teacherId).execute()).toEqual([]);
	});

	it('forgets every device of an account when its password changes', async () => {
		const device = await rememberDevice(t.db, teacherId);
		expect(await findKnownDevice(t.db, device)).toEqual(expect.objectContaining({ userId: teacherId }));
		expect(await changePassword(t.db, teacherId, PASSWORD, 'een nieuw lang wachtwoord')).toBe(true);
		expect(await findKnownDevice(t.db, device)).toBeUndefined();
	});

	it('answers a wrong password and an unknown address alike, with or without a device cookie', async () => {
		const device = await rememberDevice(t.db, teacherId);
		expect(await logIn('juf@school.nl', WRONG, device)).toEqual({ kind: 'invalid' });
		expect(await logIn('niemand@school.nl', WRONG, device)).toEqual({ kind: 'invalid' });
		expect(await logIn('niemand@school.nl', WRONG)).toEqual({ kind: 'invalid' });
	});
});
