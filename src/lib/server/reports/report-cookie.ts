/**
 * Keeps a reporter "signed in" to their report for 30 minutes without storing anything on the server (decision
 * 0019): the cookie holds the report id and an end time, sealed (http/sealed-cookie.ts). Nothing on the server knows
 * the cookie exists; closing the report clears it.
 */
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { openCookieValue, sealCookieValue } from '../http/sealed-cookie';

/** `__Host-` binds the cookie to this host and path `/`, and requires https, like the session cookie. */
export function reportCookieName(): string {
	return config().secure ? '__Host-pw_report' : 'pw_report';
}
export const REPORT_COOKIE_MINUTES = 30;
const PURPOSE = 'pestwijzer report cookie v1';

export function sealReportCookie(reportId: string, now = new Date()): string {
	return sealCookieValue(PURPOSE, { r: reportId }, REPORT_COOKIE_MINUTES * 60, now);
}

/** The report id, or undefined when the cookie is missing, altered, made with another key or past its end. */
export function openReportCookie(value: string | undefined, now = new Date()): string | undefined {
	return openCookieValue(PURPOSE, value, now)?.r;
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
