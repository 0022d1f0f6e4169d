import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';

/** `__Host-` binds the cookie to this host and path `/`, and requires https (SECURITY.md). */
export function sessionCookieName(): string {
	return config().secure ? '__Host-pw_session' : 'pw_session';
}

export function setSessionCookie(cookies: Cookies, token: string): void {
	// No max-age: the cookie ends with the browser, which matters on a shared family computer.
	cookies.set(sessionCookieName(), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config().secure });
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(sessionCookieName(), { path: '/', httpOnly: true, sameSite: 'lax', secure: config().secure });
}

/** The device cookie (login-device.service.ts): kept for a year, so the owner's browser keeps its log-in allowance. */
export function deviceCookieName(): string {
	return config().secure ? '__Host-pw_device' : 'pw_device';
}

export function setDeviceCookie(cookies: Cookies, token: string, days: number): void {
	cookies.set(deviceCookieName(), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config().secure, maxAge: days * 86_400 });
}
