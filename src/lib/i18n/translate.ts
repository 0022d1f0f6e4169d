/**
 * Looks up a message by key, for messages chosen at run time (validation errors carry their message key).
 * Static text in components calls the message functions directly.
 */
import * as m from '../paraglide/messages.js';

type Messages = typeof m;
export type MessageKey = { [K in keyof Messages]: Messages[K] extends (...args: never[]) => string ? K : never }[keyof Messages];

export function isMessageKey(key: string): key is MessageKey {
	return typeof (m as Record<string, unknown>)[key] === 'function';
}

export function translate(key: string, params: Record<string, string | number> = {}): string {
	if (!isMessageKey(key)) return key;
	return (m[key] as (p: Record<string, string | number>) => string)(params);
}

/**
 * Field → message key becomes field → words in the current language. A problem without a message key of ours
 * (a field missing from a tampered request, say) gets a general sentence rather than the library's English.
 */
export function translateErrors(errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, isMessageKey(key) ? translate(key) : m.form_error_invalid()]));
}

/** The page title, with "Fout:" in front when the form has errors (GOV.UK pattern, read first by screen readers). */
export function pageTitle(title: string, hasErrors = false): string {
	return `${hasErrors ? `${m.form_title_error_prefix()} ` : ''}${title} – ${m.service_name()}`;
}
