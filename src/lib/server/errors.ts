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

/**
 * A rule of the domain refused the request (an invitation already used, the last school admin removed …).
 * It names the form field and a message key, so the route can show it in the error summary with the input kept.
 */
export class RuleError extends Error {
	override name = 'RuleError';
	constructor(
		readonly field: string,
		readonly messageKey: string
	) {
		super(messageKey);
	}
}
