/**
 * The app's own message catalogues, so tests look for the words users see without copying them.
 * A key that no longer exists fails the test loudly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './environment';

export type Locale = 'nl' | 'en';

function load(locale: Locale): Record<string, string> {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
}

const catalogues: Record<Locale, Record<string, string>> = { nl: load('nl'), en: load('en') };

/** The text of a message, with {placeholders} filled in. */
export function t(key: string, params: Record<string, string | number> = {}, locale: Locale = 'nl'): string {
	const message = catalogues[locale][key];
	if (message === undefined) throw new Error(`Message "${key}" is missing from messages/${locale}.json.`);
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The English text of a message. */
export function en(key: string, params: Record<string, string | number> = {}): string {
	return t(key, params, 'en');
}

/** The title in the browser tab: "<page> – Pestwijzer", with "Fout: " in front when a form has errors. */
export function pageTitle(key: string, options: { error?: boolean; locale?: Locale } = {}): string {
	const locale = options.locale ?? 'nl';
	const prefix = options.error ? `${t('form_title_error_prefix', {}, locale)} ` : '';
	return `${prefix}${t(key, {}, locale)} – ${t('service_name', {}, locale)}`;
}
