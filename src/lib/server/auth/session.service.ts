/**
 * Sessions live in the database; the cookie holds a random token whose SHA-256 is the session id.
 * A new token is issued at every log-in and after the second factor (rotation), and sessions end
 * after an idle period and an absolute lifetime (SECURITY.md).
 */
import type { Db } from '../db/connect';
import type { Session, User } from '../db/schema';
import { addMinutes, hashToken, nowIso, randomToken } from './tokens';

export interface SessionPolicy {
	idleMinutes: number;
	absoluteHours: number;
}

/** A pending session (password right, second factor owed) lives only this long. */
const PENDING_MINUTES = 10;
/** last_seen_at is written at most this often, so reading pages does not mean writing the database. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(
	db: Db,
	userId: string,
	options: { pendingSecondFactor: boolean; policy: SessionPolicy; now?: Date }
): Promise<{ token: string; session: Session }> {
	const now = options.now ?? new Date();
	const token = randomToken();
	const lifetime = options.pendingSecondFactor ? PENDING_MINUTES : options.policy.absoluteHours * 60;
	const session: Session = {
		id: hashToken(token),
		user_id: userId,
		pending_second_factor: options.pendingSecondFactor ? 1 : 0,
		created_at: nowIso(now),
		last_seen_at: nowIso(now),
		expires_at: nowIso(addMinutes(now, lifetime))
	};
	await db.insertInto('session').values(session).execute();
	return { token, session };
}

export interface ValidSession {
	session: Session;
	user: User;
}

/** The session and user for a cookie token, or undefined when it is unknown, idle too long or expired. */
export async function validateSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): Promise<ValidSession | undefined> {
	const id = hashToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('app_user', 'app_user.id', 'session.user_id')
		.selectAll('app_user')
		.select([
			'session.id as s_id',
			'session.pending_second_factor as s_pending',
			'session.created_at as s_created_at',
			'session.last_seen_at as s_last_seen_at',
			'session.expires_at as s_expires_at'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const { s_id, s_pending, s_created_at, s_last_seen_at, s_expires_at, ...user } = row;
	const session: Session = {
		id: s_id,
		user_id: user.id,
		pending_second_factor: Number(s_pending) ? 1 : 0,
		created_at: s_created_at,
		last_seen_at: s_last_seen_at,
		expires_at: s_expires_at
	};
	const idleEnds = addMinutes(new Date(session.last_seen_at), policy.idleMinutes);
	if (new Date(session.expires_at) <= now || idleEnds <= now) {
		await deleteSession(db, id);
		return undefined;
	}
	if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
		session.last_seen_at = nowIso(now);
		await db.updateTable('session').set({ last_seen_at: session.last_seen_at }).where('id', '=', id).execute();
	}
	return { session, user: user as User };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
	await deleteSession(db, hashToken(token));
}

/** Ends every session of a user, e.g. after a password reset. */
export async function deleteAllSessions(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

export async function pruneSessions(db: Db, now = new Date()): Promise<void> {
	await db.deleteFrom('session').where('expires_at', '<=', nowIso(now)).execute();
}
