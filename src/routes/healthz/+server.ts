import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness: the process answers. */
export const GET: RequestHandler = () => json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
