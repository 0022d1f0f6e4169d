/**
 * A cookie value that only this app can read, and only until its end time: a small JSON payload encrypted and
 * authenticated (AES-256-GCM) under a key derived from the secret key for one purpose, so a value made for one
 * cookie never opens as another. Nothing on the server knows the value exists.
 */
import crypto from 'node:crypto';
import { config } from '../config';

/** Longer values are refused before any work: no cookie of ours comes near it. */
const MAX_LENGTH = 1000;

function keyFor(purpose: string): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', config().secretKey, Buffer.alloc(0), purpose, 32));
}

/** Seals `payload` for `purpose`, readable until `seconds` after `now`. */
export function sealCookieValue(purpose: string, payload: Record<string, string>, seconds: number, now = new Date()): string {
	const iv = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(purpose), iv);
	cipher.setAAD(Buffer.from(purpose));
	const data = Buffer.concat([cipher.update(JSON.stringify({ ...payload, e: now.getTime() + seconds * 1000 }), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** The payload, or undefined when the value is missing, altered, made for another purpose or key, or past its end. */
export function openCookieValue(purpose: string, value: string | undefined, now = new Date()): Record<string, string> | undefined {
	if (!value || value.length > MAX_LENGTH) return undefined;
	try {
		const sealed = Buffer.from(value, 'base64url');
		const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(purpose), sealed.subarray(0, 12));
		decipher.setAAD(Buffer.from(purpose));
		decipher.setAuthTag(sealed.subarray(12, 28));
		const payload = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as Record<string, unknown>;
		if (typeof payload.e !== 'number' || payload.e <= now.getTime()) return undefined;
		const strings: Record<string, string> = {};
		for (const [key, item] of Object.entries(payload)) if (typeof item === 'string') strings[key] = item;
		return strings;
	} catch {
		return undefined;
	}
}
