/**
 * Domain errors to HTTP, in one place (DESIGN.md). Routes wrap service calls with `orHttpError`.
 */
import { localHref } from '$lib/i18n/local-href';
import { error, redirect } from '@sveltejs/kit';
import * as m from '../../paraglide/messages.js';
import { ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../errors';
import { paths } from '../../paths';

/** The calm "wait N minutes" message for a rate limit, in the user's language. */
export function rateLimitedMessage(error: RateLimitedError): string {
	return m.auth_error_rate_limited({ minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
}

export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, m.error_not_found_text());
		if (e instanceof ForbiddenError) error(403, m.error_forbidden_text());
		if (e instanceof UnauthenticatedError) redirect(303, localHref(paths.login));
		if (e instanceof RateLimitedError) error(429, rateLimitedMessage(e));
		throw e;
	}
}
