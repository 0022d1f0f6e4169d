/**
 * Fixed-window counters in the database, so limits hold across several app servers.
 * Keys never contain personal data in clear: e-mail addresses are hashed before they become part of a key.
 */
import type { Db } from '../db/connect';
import { hashToken, nowIso } from './tokens';

export interface Limit {
	/** How many attempts a window allows. */
	max: number;
	windowSeconds: number;
}

export interface LimitState {
	allowed: boolean;
	retryAfterSeconds: number;
}

export function limitKey(kind: string, ...parts: string[]): string {
	return `${kind}:${hashToken(parts.join('\u0000').toLowerCase())}`;
}

/** Whether another attempt is allowed now, without counting one. */
export async function peekLimit(db: Db, key: string, limit: Limit, now = new Date()): Promise<LimitState> {
	const row = await db.selectFrom('rate_limit').selectAll().where('key', '=', key).executeTakeFirst();
	if (!row) return { allowed: true, retryAfterSeconds: 0 };
	const ends = new Date(row.window_started_at).getTime() + limit.windowSeconds * 1000;
	if (ends <= now.getTime() || row.count < limit.max) return { allowed: true, retryAfterSeconds: 0 };
	return { allowed: false, retryAfterSeconds: Math.ceil((ends - now.getTime()) / 1000) };
}

/** Counts one attempt, in one statement so it is atomic on both databases and works inside a transaction. */
export async function countAttempt(db: Db, key: string, limit: Limit, now = new Date()): Promise<void> {
	const windowStartedBefore = nowIso(new Date(now.getTime() - limit.windowSeconds * 1000));
	await db
		.insertInto('rate_limit')
		.values({ key, window_started_at: nowIso(now), count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet((eb) => {
				const expired = eb('rate_limit.window_started_at', '<=', windowStartedBefore);
				return {
					count: eb.case().when(expired).then(1).else(eb('rate_limit.count', '+', 1)).end(),
					window_started_at: eb.case().when(expired).then(eb.ref('excluded.window_started_at')).else(eb.ref('rate_limit.window_started_at')).end()
				};
			})
		)
		.execute();
}

export async function clearLimit(db: Db, key: string): Promise<void> {
	await db.deleteFrom('rate_limit').where('key', '=', key).execute();
}

/** Removes windows that ended long ago; run from time to time. */
export async function pruneLimits(db: Db, olderThan: Date): Promise<void> {
	await db.deleteFrom('rate_limit').where('window_started_at', '<', nowIso(olderThan)).execute();
}
