import { json } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { isReachable } from '$lib/server/db/connect';
import type { RequestHandler } from './$types';

/** Readiness: the database answers. A load balancer sends no traffic while this is 503. */
export const GET: RequestHandler = async () => {
	const ok = await isReachable(database());
	return json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
