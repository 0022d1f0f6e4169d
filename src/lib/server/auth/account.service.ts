/**
 * Registration, e-mail verification, log-in with the password, and password reset.
 * Answers never tell whether an e-mail address has an account (SECURITY.md: no enumeration).
 */
import type { Db } from '../db/connect';
import type { EmailTokenPurpose, User } from '../db/schema';
import type { Locale } from '../../i18n/locale';
import { isLocale } from '../../i18n/locale';
import { config } from '../config';
import { sendMail } from '../mail/mailer';
import { accountExistsMail, resetPasswordMail, verifyEmailMail } from '../mail/templates';
import { RateLimitedError } from '../errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash';
import { clearLimit, countAttempt, limitKey, peekLimit, type Limit } from './rate-limit';
import { findKnownDevice, forgetDevices, LOGIN_LIMIT_DEVICE } from './login-device.service';
import { deleteAllSessions } from './session.service';
import { addMinutes, hashToken, newId, nowIso, randomToken } from './tokens';
import { findUserByEmail, findUserById, insertRole, insertUser, updateUser } from './user.repository';
import { paths } from '../../paths';

/** Failed log-ins per IP address, and per account, in 15 minutes. */
export const LOGIN_LIMIT_IP: Limit = { max: 30, windowSeconds: 15 * 60 };
export const LOGIN_LIMIT_ACCOUNT: Limit = { max: 10, windowSeconds: 15 * 60 };
/** Mails about one address (registration, reset) per hour, so nobody can flood someone's inbox. */
const MAIL_LIMIT: Limit = { max: 5, windowSeconds: 60 * 60 };

const VERIFY_HOURS = 48;
const RESET_MINUTES = 60;

export function normaliseEmail(email: string): string {
	return email.normalize('NFC').trim().toLowerCase();
}

function userLocale(user: User): Locale {
	return isLocale(user.locale) ? user.locale : 'nl';
}

async function issueEmailToken(db: Db, userId: string, purpose: EmailTokenPurpose, minutes: number): Promise<string> {
	const token = randomToken();
	const now = new Date();
	// One live link per purpose: asking again makes the older link useless.
	await db.deleteFrom('email_token').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
	await db
		.insertInto('email_token')
		.values({ id: hashToken(token), user_id: userId, purpose, created_at: nowIso(now), expires_at: nowIso(addMinutes(now, minutes)), used_at: null })
		.execute();
	return token;
}

/** Uses a link token once. Returns the user id, or undefined for an unknown, used or expired token. */
async function consumeEmailToken(db: Db, token: string, purpose: EmailTokenPurpose): Promise<string | undefined> {
	const now = nowIso();
	const row = await db
		.selectFrom('email_token')
		.select(['id', 'user_id'])
		.where('id', '=', hashToken(token))
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	if (!row) return undefined;
	const result = await db.updateTable('email_token').set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1 ? row.user_id : undefined;
}

async function mayMail(db: Db, email: string): Promise<boolean> {
	const key = limitKey('mail', email);
	const state = await peekLimit(db, key, MAIL_LIMIT);
	if (state.allowed) await countAttempt(db, key, MAIL_LIMIT);
	return state.allowed;
}

async function sendVerification(db: Db, user: User): Promise<void> {
	const token = await issueEmailToken(db, user.id, 'verify_email', VERIFY_HOURS * 60);
	const link = `${config().origin}${paths.verifyEmail(token)}`;
	await sendMail(db, mailSettings(), verifyEmailMail(user.email, userLocale(user), { name: user.display_name, link }));
}

function mailSettings() {
	return { smtpUrl: config().smtpUrl, from: config().mailFrom };
}

async function newUserRecord(input: Registration, verifiedAt: string | null): Promise<User> {
	const now = nowIso();
	return {
		id: newId(),
		email: input.email,
		email_verified_at: verifiedAt,
		password_hash: await hashPassword(input.password, config().passwordHash),
		display_name: input.displayName,
		locale: input.locale,
		totp_secret: null,
		totp_enabled_at: null,
		totp_last_step: null,
		created_at: now,
		updated_at: now
	};
}

export interface Registration {
	email: string;
	password: string;
	displayName: string;
	locale: Locale;
}

/**
 * Creates a parent account and sends the verification mail. For an address that already has an account
 * the owner gets a mail saying so, and the caller sees exactly the same result.
 */
export async function registerParent(db: Db, input: Registration): Promise<void> {
	const email = normaliseEmail(input.email);
	const existing = await findUserByEmail(db, email);
	if (existing) {
		await verifyAgainstDummy(input.password, config().passwordHash);
		if (await mayMail(db, email)) {
			const link = `${config().origin}${paths.login}`;
			await sendMail(db, mailSettings(), accountExistsMail(email, userLocale(existing), { name: existing.display_name, link }));
		}
		return;
	}
	const user = await newUserRecord({ ...input, email }, null);
	await insertUser(db, user);
	await insertRole(db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: user.created_at });
	await mayMail(db, email);
	await sendVerification(db, user);
}

/** Marks the address as verified. Returns false for an unknown, used or expired link. */
export async function verifyEmail(db: Db, token: string): Promise<boolean> {
	const userId = await consumeEmailToken(db, token, 'verify_email');
	if (!userId) return false;
	await updateUser(db, userId, { email_verified_at: nowIso(), updated_at: nowIso() });
	return true;
}

export type LoginResult =
	| { kind: 'ok'; user: User; needsSecondFactor: boolean; knownDevice: boolean }
	| { kind: 'invalid' }
	| { kind: 'unverified' };

/**
 * Checks e-mail and password. Unknown address and wrong password give the same answer in the same time.
 * Throws RateLimitedError after too many failures from one IP address or for one account, except for a browser
 * that logged in to this account before (its device cookie): it counts against its own allowance only
 * (login-device.service.ts), so a throttled address or account does not keep the owner out.
 */
export async function logInWithPassword(db: Db, input: { email: string; password: string; ip: string; deviceToken?: string }): Promise<LoginResult> {
	const email = normaliseEmail(input.email);
	const user = await findUserByEmail(db, email);
	const device = await findKnownDevice(db, input.deviceToken);
	const known = device !== undefined && user !== undefined && device.userId === user.id;
	const ipKey = limitKey('login-ip', input.ip);
	const accountKey = limitKey('login-account', email);
	const deviceKey = device ? limitKey('login-device', device.id) : '';
	const states = known
		? [await peekLimit(db, deviceKey, LOGIN_LIMIT_DEVICE)]
		: await Promise.all([peekLimit(db, ipKey, LOGIN_LIMIT_IP), peekLimit(db, accountKey, LOGIN_LIMIT_ACCOUNT)]);
	if (states.some((state) => !state.allowed)) throw new RateLimitedError(Math.max(...states.map((state) => state.retryAfterSeconds)));
	const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password, config().passwordHash);
	if (!user || !ok) {
		if (known) {
			await countAttempt(db, deviceKey, LOGIN_LIMIT_DEVICE);
		} else {
			await countAttempt(db, ipKey, LOGIN_LIMIT_IP);
			await countAttempt(db, accountKey, LOGIN_LIMIT_ACCOUNT);
		}
		return { kind: 'invalid' };
	}
	await clearLimit(db, known ? deviceKey : accountKey);
	if (!user.email_verified_at) {
		if (await mayMail(db, email)) await sendVerification(db, user);
		return { kind: 'unverified' };
	}
	return { kind: 'ok', user, needsSecondFactor: user.totp_enabled_at !== null, knownDevice: known };
}

/** Sends a reset link when the address has an account; the caller always shows the same answer. */
export async function requestPasswordReset(db: Db, rawEmail: string): Promise<void> {
	const email = normaliseEmail(rawEmail);
	const user = await findUserByEmail(db, email);
	if (!user || !(await mayMail(db, email))) return;
	const token = await issueEmailToken(db, user.id, 'reset_password', RESET_MINUTES);
	const link = `${config().origin}${paths.resetPassword(token)}`;
	await sendMail(db, mailSettings(), resetPasswordMail(user.email, userLocale(user), { name: user.display_name, link }));
}

/** Whether a reset link can still be used, without using it (to show the form or a clear message). */
export async function isResetTokenUsable(db: Db, token: string): Promise<boolean> {
	const row = await db
		.selectFrom('email_token')
		.select('id')
		.where('id', '=', hashToken(token))
		.where('purpose', '=', 'reset_password')
		.where('used_at', 'is', null)
		.where('expires_at', '>', nowIso())
		.executeTakeFirst();
	return row !== undefined;
}

/** Sets a new password with a reset link and ends every session of that account. */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<boolean> {
	const userId = await consumeEmailToken(db, token, 'reset_password');
	if (!userId) return false;
	const now = nowIso();
	// The link came through the mailbox, which also proves the address.
	const user = await findUserById(db, userId);
	await updateUser(db, userId, {
		password_hash: await hashPassword(newPassword, config().passwordHash),
		email_verified_at: user?.email_verified_at ?? now,
		updated_at: now
	});
	await deleteAllSessions(db, userId);
	await forgetDevices(db, userId);
	return true;
}

/** Checks the current password again before a sensitive change (SECURITY.md: re-authentication). */
export async function confirmPassword(db: Db, userId: string, password: string): Promise<boolean> {
	const user = await findUserById(db, userId);
	return user ? verifyPassword(user.password_hash, password) : false;
}

/**
 * Changes the password of a signed-in account after checking the current one, and ends every session
 * of the account; the caller starts a fresh one for this browser.
 */
export async function changePassword(db: Db, userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
	if (!(await confirmPassword(db, userId, currentPassword))) return false;
	await updateUser(db, userId, { password_hash: await hashPassword(newPassword, config().passwordHash), updated_at: nowIso() });
	await deleteAllSessions(db, userId);
	await forgetDevices(db, userId);
	return true;
}

/** Makes an account with a known, verified address (CLI: create-admin, demo). */
export async function createVerifiedUser(db: Db, input: Registration): Promise<User> {
	const user = await newUserRecord({ ...input, email: normaliseEmail(input.email) }, nowIso());
	await insertUser(db, user);
	return user;
}
