/**
 * TOTP second factor (RFC 6238) with single-use recovery codes.
 * Required for every school, board and platform role; available to parents.
 */
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../db/connect';
import type { User } from '../db/schema';
import { config } from '../config';
import { ForbiddenError, RateLimitedError } from '../errors';
import { countAttempt, clearLimit, limitKey, peekLimit, type Limit } from './rate-limit';
import { open, seal } from './secret-box';
import { hashToken, newId, nowIso } from './tokens';
import { findRoles, findUserById, updateUser } from './user.repository';
import { requiresSecondFactor } from '../../auth/roles';

const PERIOD = 30;
const RECOVERY_CODES = 10;
/** Wrong codes per account in 15 minutes: six digits must not be guessable by trying. */
const CODE_LIMIT: Limit = { max: 5, windowSeconds: 15 * 60 };

function totpFor(user: User, secretBase32: string): TOTP {
	return new TOTP({ issuer: 'Pestwijzer', label: user.email, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

export interface TotpSetup {
	secret: string;
	uri: string;
}

/** Starts (or continues) setting up TOTP: a secret that is stored, but not used until a code confirms it. */
export async function beginTotpSetup(db: Db, userId: string): Promise<TotpSetup> {
	const user = await findUserById(db, userId);
	if (!user || user.totp_enabled_at) throw new ForbiddenError();
	let secret = user.totp_secret ? open(user.totp_secret, config().secretKey) : undefined;
	if (!secret) {
		secret = new Secret({ size: 20 }).base32;
		await updateUser(db, userId, { totp_secret: seal(secret, config().secretKey), updated_at: nowIso() });
	}
	return { secret, uri: totpFor(user, secret).toString() };
}

/** The time step a code belongs to, or undefined when it is wrong or was used before. */
function acceptedStep(user: User, code: string, now: Date): number | undefined {
	if (!user.totp_secret || !/^\d{6}$/.test(code)) return undefined;
	const totp = totpFor(user, open(user.totp_secret, config().secretKey));
	const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
	if (delta === null) return undefined;
	const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
	if (user.totp_last_step !== null && step <= Number(user.totp_last_step)) return undefined;
	return step;
}

function newRecoveryCode(): string {
	// 10 characters from a 32-letter alphabet without look-alikes: 50 bits, shown as xxxxx-xxxxx.
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = crypto.randomBytes(10);
	const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
	return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
	return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

async function guardAttempts(db: Db, userId: string): Promise<string> {
	const key = limitKey('second-factor', userId);
	const state = await peekLimit(db, key, CODE_LIMIT);
	if (!state.allowed) throw new RateLimitedError(state.retryAfterSeconds);
	return key;
}

/** Confirms the set-up with a first code. Returns the recovery codes, shown once. */
export async function confirmTotpSetup(db: Db, userId: string, code: string, now = new Date()): Promise<string[] | undefined> {
	const key = await guardAttempts(db, userId);
	const user = await findUserById(db, userId);
	if (!user || user.totp_enabled_at) throw new ForbiddenError();
	const step = acceptedStep(user, code.trim(), now);
	if (step === undefined) {
		await countAttempt(db, key, CODE_LIMIT);
		return undefined;
	}
	await clearLimit(db, key);
	await updateUser(db, userId, { totp_enabled_at: nowIso(now), totp_last_step: step, updated_at: nowIso(now) });
	return replaceRecoveryCodes(db, userId);
}

async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
	await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
	const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
	const now = nowIso();
	await db
		.insertInto('recovery_code')
		.values(codes.map((code) => ({ id: newId(), user_id: userId, code_hash: hashToken(normaliseRecoveryCode(code)), used_at: null, created_at: now })))
		.execute();
	return codes;
}

/** Checks a TOTP code or a recovery code at log-in. A recovery code works once. */
export async function verifySecondFactor(db: Db, userId: string, code: string, now = new Date()): Promise<boolean> {
	const key = await guardAttempts(db, userId);
	const user = await findUserById(db, userId);
	if (!user?.totp_enabled_at) return false;
	const trimmed = code.trim().replace(/\s/g, '');
	let ok = false;
	if (/^\d{6}$/.test(trimmed)) {
		const step = acceptedStep(user, trimmed, now);
		if (step !== undefined) {
			await updateUser(db, userId, { totp_last_step: step });
			ok = true;
		}
	} else {
		const result = await db
			.updateTable('recovery_code')
			.set({ used_at: nowIso(now) })
			.where('user_id', '=', userId)
			.where('code_hash', '=', hashToken(normaliseRecoveryCode(trimmed)))
			.where('used_at', 'is', null)
			.executeTakeFirst();
		ok = Number(result.numUpdatedRows) === 1;
	}
	if (ok) await clearLimit(db, key);
	else await countAttempt(db, key, CODE_LIMIT);
	return ok;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
	const row = await db
		.selectFrom('recovery_code')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** New recovery codes; the old ones stop working. The caller has checked the password again. */
export async function regenerateRecoveryCodes(db: Db, userId: string): Promise<string[]> {
	const user = await findUserById(db, userId);
	if (!user?.totp_enabled_at) throw new ForbiddenError();
	return replaceRecoveryCodes(db, userId);
}

/** Turns TOTP off. Only for accounts without a staff role; the caller has checked the password again. */
export async function disableTotp(db: Db, userId: string): Promise<void> {
	const roles = await findRoles(db, userId);
	if (roles.some((r) => requiresSecondFactor(r.role))) throw new ForbiddenError();
	await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
	await updateUser(db, userId, { totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: nowIso() });
}

/**
 * Re-seals every stored TOTP secret from one secret key to another, in the caller's transaction (rotation of the
 * secret key). A secret that opens with the new key already (a rotation run again after a crash) is left as it is.
 */
export async function resealTotpSecrets(db: Db, oldKey: Buffer, newKey: Buffer): Promise<number> {
	const users = await db.selectFrom('app_user').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute();
	let resealed = 0;
	for (const user of users) {
		let secret: string;
		try {
			secret = open(user.totp_secret!, oldKey);
		} catch {
			open(user.totp_secret!, newKey);
			continue;
		}
		await db.updateTable('app_user').set({ totp_secret: seal(secret, newKey) }).where('id', '=', user.id).execute();
		resealed++;
	}
	return resealed;
}
