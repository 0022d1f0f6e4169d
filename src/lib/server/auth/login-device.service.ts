/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that logged in to an
 * account successfully gets a long-lived cookie for that account. At the next log-in to the same account it has an
 * allowance of its own, so when one pupil on the school's Wi-Fi throttles the school's network address and a
 * teacher's e-mail address, the teacher's own browser still gets in. Browsers without such a cookie keep the limits
 * per address and per account they always had, so an attacker gets no extra guesses; a cookie of another account
 * counts as none, and a device that fails too often is throttled on its own.
 */
import type { Db } from '../db/connect';
import { hashToken, nowIso, randomToken } from './tokens';
import type { Limit } from './rate-limit';

/** Failures a known browser may make for its account in the window before it, too, has to wait. */
export const LOGIN_LIMIT_DEVICE: Limit = { max: 10, windowSeconds: 15 * 60 };
export const DEVICE_DAYS = 365;
/** Enough for a person's phones, computers and browsers; older ones are forgotten first. */
const DEVICES_PER_ACCOUNT = 20;

export interface KnownDevice {
	/** The stored id (hash of the token): the key of this device's own allowance. */
	id: string;
	userId: string;
}

/** The account a device cookie belongs to, if the cookie is real and not expired; anything else is no device. */
export async function findKnownDevice(db: Db, token: string | undefined, now = new Date()): Promise<KnownDevice | undefined> {
	if (!token || token.length > 100) return undefined;
	const row = await db.selectFrom('login_device').select(['id', 'user_id']).where('id', '=', hashToken(token)).where('expires_at', '>', nowIso(now)).executeTakeFirst();
	return row ? { id: row.id, userId: row.user_id } : undefined;
}

/** After a complete log-in (password and, for staff, the second factor): the token for the device cookie. */
export async function rememberDevice(db: Db, userId: string, now = new Date()): Promise<string> {
	const token = randomToken();
	await db
		.insertInto('login_device')
		.values({ id: hashToken(token), user_id: userId, created_at: nowIso(now), expires_at: nowIso(new Date(now.getTime() + DEVICE_DAYS * 86_400_000)) })
		.execute();
	const keep = await db.selectFrom('login_device').select('id').where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(DEVICES_PER_ACCOUNT).execute();
	await db
		.deleteFrom('login_device')
		.where('user_id', '=', userId)
		.where(
			'id',
			'not in',
			keep.map((d) => d.id)
		)
		.execute();
	return token;
}

/** A new password ends every device's allowance: whoever knew the old one may have logged in from a device too. */
export async function forgetDevices(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('login_device').where('user_id', '=', userId).execute();
}

export async function pruneDevices(db: Db, now = new Date()): Promise<void> {
	await db.deleteFrom('login_device').where('expires_at', '<=', nowIso(now)).execute();
}
