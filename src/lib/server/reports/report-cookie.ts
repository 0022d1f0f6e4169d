/**
 * Keeps a reporter "signed in" to their report for 30 minutes without storing anything on the server (decision
 * 0019): the cookie holds the report id and an end time, encrypted and authenticated (AES-256-GCM) under a key
 * derived from the secret key. Nothing on the server knows the cookie exists; closing the report clears it.
 */
import crypto from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';

/** `__Host-` binds the cookie to this host and path `/`, and requires https, like the session cookie. */
export function reportCookieName(): string {
	return config().secure ? '__Host-pw_report' : 'pw_report';
}
export const REPORT_COOKIE_MINUTES = 30;
const AAD = Buffer.from('pestwijzer report cookie v1');

function cookieKey(): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', config().secretKey, Buffer.alloc(0), 'pestwijzer report cookie v1', 32));
}

export function sealReportCookie(reportId: string, now = new Date()): string {
	const iv = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', cookieKey(), iv);
	cipher.setAAD(AAD);
	const payload = JSON.stringify({ r: reportId, e: now.getTime() + REPORT_COOKIE_MINUTES * 60_000 });
	const data = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** The report id, or undefined when the cookie is missing, altered, made with another key or past its end. */
export function openReportCookie(value: string | undefined, now = new Date()): string | undefined {
	if (!value || value.length > 500) return undefined;
	try {
		const sealed = Buffer.from(value, 'base64url');
		const decipher = crypto.createDecipheriv('aes-256-gcm', cookieKey(), sealed.subarray(0, 12));
		decipher.setAAD(AAD);
		decipher.setAuthTag(sealed.subarray(12, 28));
		const payload = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as { r?: unknown; e?: unknown };
		if (typeof payload.r !== 'string' || typeof payload.e !== 'number' || payload.e <= now.getTime()) return undefined;
		return payload.r;
	} catch {
		return undefined;
	}
}

/** Opens the report for this browser for 30 minutes; strict, so no other site's link or form carries it. */
export function setReportCookie(cookies: Cookies, reportId: string, now = new Date()): void {
	cookies.set(reportCookieName(), sealReportCookie(reportId, now), { path: '/', httpOnly: true, sameSite: 'strict', secure: config().secure, maxAge: REPORT_COOKIE_MINUTES * 60 });
}

export function clearReportCookie(cookies: Cookies): void {
	cookies.delete(reportCookieName(), { path: '/', httpOnly: true, sameSite: 'strict', secure: config().secure });
}

/** The report this browser has open, if any. */
export function reportOfCookie(cookies: Cookies, now = new Date()): string | undefined {
	return openReportCookie(cookies.get(reportCookieName()), now);
}
