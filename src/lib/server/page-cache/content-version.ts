/**
 * The version of what public pages show (migration 008: triggers bump it with every change to those tables).
 * Every cached page is keyed by it, so an edit on one app server is seen by the caches of all servers at their
 * next request. One primary-key read per request, on purpose not shared between requests: a request that
 * arrives after an edit was committed must never get a version read before it.
 */
import type { Db } from '../db';

export async function currentContentVersion(db: Db): Promise<string> {
	const row = await db.selectFrom('content_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
	return String(row.version);
}
