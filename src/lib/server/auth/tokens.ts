import crypto from 'node:crypto';

/** A random token of 256 bits for a cookie or an e-mail link. */
export function randomToken(): string {
	return crypto.randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copy of the database holds no usable token. */
export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newId(): string {
	return crypto.randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a value from an address is shaped like an id newId makes: anything else is not found, without a query. */
export function isId(value: string): boolean {
	return UUID.test(value);
}

export function nowIso(now: Date = new Date()): string {
	return now.toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
	return new Date(date.getTime() + minutes * 60_000);
}
