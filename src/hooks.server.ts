/**
 * Every request passes here: correlation id, language, session, the route's access rule, security headers and one log line.
 */
import crypto from 'node:crypto';
import { redirect, type Handle, type HandleServerError, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { defineCustomServerStrategy } from '$lib/paraglide/runtime';
import * as m from '$lib/paraglide/messages';
import { config, ConfigError } from '$lib/server/config';
import { logger } from '$lib/server/log';
import { database, startDatabase, stopDatabase } from '$lib/server/db';
import { runHousekeeping } from '$lib/server/housekeeping';
import { isDatabaseUnavailable } from '$lib/server/db/connect';
import { accessFor, isAnonymousRoute } from '$lib/server/auth/route-access';
import { loadActor } from '$lib/server/auth/current-actor';
import { clearSessionCookie, sessionCookieName } from '$lib/server/auth/session-cookie';
import { hasAnyRole, mustSetUpSecondFactor } from '$lib/server/auth/actor';
import { validateSession } from '$lib/server/auth/session.service';
import { securityHeaders } from '$lib/server/http/security-headers';
import { problem } from '$lib/server/api/problem';
import { localePath, loginWithReturn, pathLocale, paths } from '$lib/paths';
import { discardBody, limitRequestBody } from '$lib/server/http/body-limit';
import { cachedPage, hasCookie, isCacheable } from '$lib/server/page-cache/page-cache';
import { openFrontDoor } from '$lib/server/page-cache/front-door';
import { requestLocale, withLocale } from '$lib/server/http/request-locale';
import { currentContentVersion } from '$lib/server/page-cache/content-version';

export const init: ServerInit = async () => {
	try {
		const cfg = config();
		logger.level = cfg.logLevel;
		if (cfg.nextSecretKey) {
			// Half-way through a rotation some data keys may be wrapped by the new key: serving now could fail on them.
			throw new ConfigError('A rotation of the secret key did not finish: run `npm run cli -- rotate-secret-key` again, then start the app.');
		}
		await startDatabase();
		// server.js (and adapter-node) emit this once running requests finished. PostgreSQL's pool keeps its idle
		// connections open, and with them the process, until they time out: close it, so a stop takes no longer.
		process.once('sveltekit:shutdown', () => void stopDatabase());
		scheduleHousekeeping();
		openFrontDoor();
		logger.info({ database: cfg.database.kind, origin: cfg.origin }, 'Pestwijzer started');
	} catch (error) {
		// One clear sentence and a non-zero exit, never a stack trace (issue 2: bad configuration).
		const message =
			error instanceof ConfigError
				? error.message
				: isDatabaseUnavailable(error)
					? 'The database cannot be reached: start PostgreSQL or correct DATABASE_URL.'
					: `Pestwijzer could not start: ${error instanceof Error ? error.message : String(error)}`;
		console.error(message);
		process.exit(1);
	}
};

function scheduleHousekeeping(): void {
	const run = () =>
		runHousekeeping(database()).catch((error: unknown) =>
			logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'housekeeping failed; will try again')
		);
	void run();
	// unref: housekeeping never keeps the process alive on shutdown.
	setInterval(run, config().housekeepingIntervalSeconds * 1000).unref();
}

// Requests get their language from handleLocale (request-locale.ts). This strategy, first in Paraglide's list
// (vite.config.ts, package.json), gives the same answer to Paraglide's own helpers if one is ever called with a
// request: the address decides on pages with one per language (decision 0016).
defineCustomServerStrategy('custom-language-path', {
	getLocale: (request) => (request ? pathLocale(new URL(request.url).pathname) : undefined)
});

/** The English school pages had /schools as address until decision 0016: links to it keep working. */
const OLD_ENGLISH_SCHOOLS = /^\/schools(?=\/|$)/;

const handleMovedAddresses: Handle = ({ event, resolve }) => {
	if (OLD_ENGLISH_SCHOOLS.test(event.url.pathname)) {
		redirect(308, event.url.pathname.replace(OLD_ENGLISH_SCHOOLS, localePath(paths.schools, 'en')) + event.url.search);
	}
	return resolve(event);
};

const handleLocale: Handle = ({ event, resolve }) => {
	const locale = requestLocale(event.url.pathname, event.request.headers.get('cookie'));
	event.locals.locale = locale;
	return withLocale(locale, event.url.origin, () => resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) }));
};

/** Bodies are limited per route (src/lib/server/http/body-limit.ts); forms read the limited body. */
const handleBodyLimit: Handle = async ({ event, resolve }) => {
	const limited = limitRequestBody(event.request, event.route.id);
	if (limited === 'too-large') {
		await discardBody(event.request);
		// Close the connection: the unread body would otherwise be taken for the next request.
		return new Response('Payload Too Large', { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' } });
	}
	event.request = limited;
	return resolve(event);
};

/** Internal pages that render the 403 and 503 answers inside the normal layout. */
const DENIED_PAGE = '/geen-toegang';
const UNAVAILABLE_PAGE = '/niet-beschikbaar';

async function renderAs(event: RequestEvent, page: string, status: number): Promise<Response> {
	const inner = await event.fetch(page, { headers: { accept: 'text/html' } });
	const headers = new Headers(inner.headers);
	if (status === 503) headers.set('retry-after', '30');
	return new Response(await inner.text(), { status, headers });
}

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(sessionCookieName());
	if (token && event.url.pathname !== UNAVAILABLE_PAGE) {
		try {
			const cfg = config();
			const valid = await validateSession(database(), token, cfg.session);
			if (!valid) {
				clearSessionCookie(event.cookies);
			} else if (valid.session.pending_second_factor) {
				event.locals.pendingUserId = valid.user.id;
				event.locals.sessionId = valid.session.id;
			} else {
				event.locals.actor = await loadActor(database(), valid.user);
				event.locals.sessionId = valid.session.id;
			}
		} catch (error) {
			if (!isDatabaseUnavailable(error)) throw error;
			logger.warn({ requestId: event.locals.requestId }, 'database unavailable while reading the session');
			return renderAs(event, UNAVAILABLE_PAGE, 503);
		}
	}
	return resolve(event);
};

const handleAccess: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	// No route matched: SvelteKit answers 404 itself.
	if (routeId === null) return resolve(event);
	const access = accessFor(routeId);
	const { actor, pendingUserId } = event.locals;
	const here = event.url.pathname + event.url.search;

	if (!access) {
		logger.error({ routeId }, 'route has no access rule: denied');
		return renderAs(event, DENIED_PAGE, 403);
	}
	switch (access.kind) {
		case 'public':
			return resolve(event);
		case 'second-factor-pending':
			if (!pendingUserId) redirect(303, actor ? paths.account : localePath(paths.login, event.locals.locale));
			return resolve(event);
		case 'signed-in':
		case 'roles':
			if (!actor) redirect(303, localePath(pendingUserId ? paths.loginSecondFactor : loginWithReturn(here), event.locals.locale));
			if (access.kind === 'roles' && !hasAnyRole(actor, access.roles)) return renderAs(event, DENIED_PAGE, 403);
			if (mustSetUpSecondFactor(actor) && !(access.kind === 'signed-in' && access.beforeSecondFactorSetup)) {
				redirect(303, paths.twoFactor);
			}
			return resolve(event);
	}
};

/** Anonymous public pages from memory (decision 0018); everyone else, and any doubt, gets a fresh render. */
const handlePageCache: Handle = async ({ event, resolve }) => {
	const access = event.route.id === null ? undefined : accessFor(event.route.id);
	// The request's own cookie header: handleSession may delete an invalid session cookie from event.cookies, and
	// that answer (with its Set-Cookie) must not be cached or replaced by a cached one.
	const hasSession = hasCookie(event.request.headers.get('cookie'), sessionCookieName());
	if (!isCacheable({ event, access, hasSession })) return resolve(event);
	let version: string;
	try {
		version = await currentContentVersion(database());
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		// The page itself will say the database is away.
		return resolve(event);
	}
	return cachedPage(event.request, event.url.pathname + event.url.search, version, event.route.id!, () => Promise.resolve(resolve(event)));
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = crypto.randomUUID();
	const response = await resolve(event);
	const anonymous = isAnonymousRoute(event.route.id);
	securityHeaders(response.headers, { secure: config().secure, personal: anonymous || Boolean(event.locals.actor || event.locals.pendingUserId || event.locals.sessionId) });
	// Database outages reach here as 500 pages marked by handleError: answer 503 so clients retry.
	let result = response;
	// The API answers errors as problem details, also for paths no route matched (Dutch API Design Rules).
	if (event.url.pathname.startsWith('/api/') && response.status >= 400 && response.headers.get('content-type')?.startsWith('text/html')) {
		result = problem(response.status, response.status === 404 ? 'Not found' : 'Error');
		securityHeaders(result.headers, { secure: config().secure, personal: false });
	}
	if (response.status === 500 && event.locals.unavailable && result === response) {
		result = new Response(response.body, { status: 503, headers: response.headers });
		result.headers.set('retry-after', '30');
	}
	logger.info(
		{
			requestId: event.locals.requestId,
			method: event.request.method,
			// The path only: query strings can hold tokens and search words. A reporter's path names their school.
			path: anonymous ? undefined : event.url.pathname,
			route: event.route.id,
			status: result.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return result;
};

// The page cache comes before language, session and access: a page it holds needs none of them (decision 0018),
// and the pages it may hold are public (route-access.ts).
export const handle = sequence(handleHeaders, handleMovedAddresses, handleBodyLimit, handlePageCache, handleLocale, handleSession, handleAccess);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status === 404) return { message: m.error_not_found_text(), id };
	if (isDatabaseUnavailable(error)) {
		event.locals.unavailable = true;
		logger.warn({ requestId: id, path: isAnonymousRoute(event.route.id) ? undefined : event.url.pathname }, 'database unavailable');
		return { message: m.error_unavailable_text(), id, kind: 'unavailable' };
	}
	const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
	logger.error({ requestId: id, path: isAnonymousRoute(event.route.id) ? undefined : event.url.pathname, route: event.route.id, status, err }, 'unexpected error');
	return { message: m.error_server_text(), id };
};
