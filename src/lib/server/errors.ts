/**
 * The small closed set of domain errors. Services throw them; src/lib/server/http/respond.ts maps them to HTTP in one place.
 */
export class NotFoundError extends Error {
	override name = 'NotFoundError';
}

/** The actor may not do this. Objects of another family or school answer NotFound instead (SECURITY.md). */
export class ForbiddenError extends Error {
	override name = 'ForbiddenError';
}

export class UnauthenticatedError extends Error {
	override name = 'UnauthenticatedError';
}

export class RateLimitedError extends Error {
	override name = 'RateLimitedError';
	constructor(readonly retryAfterSeconds: number) {
		super('Too many attempts');
	}
}
