/**
 * The language of a request, and the store Paraglide's messages read it from. Decision 0016: the address decides
 * on pages that have one per language, the cookie on the others, Dutch otherwise. This replaces Paraglide's own
 * middleware, which copies every request into a new Request object to strip a locale from its URL, a step our
 * addresses never need (the CPU profile in decision 0018 put it at 6 % of the log-in page's time).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { cookieName, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';
import { DEFAULT_LOCALE, isLocale, type Locale } from '$lib/i18n/locale';
import { pathLocale } from '$lib/paths';

interface LocaleStore {
	locale: Locale;
	origin: string;
	/** Paraglide's runtime records message calls here when locale splitting is on (it is not). */
	messageCalls: Set<string>;
}

const store = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(store as unknown as Parameters<typeof overwriteServerAsyncLocalStorage>[0]);

/** The locale for this address and cookie header. */
export function requestLocale(pathname: string, cookieHeader: string | null): Locale {
	const byPath = pathLocale(pathname);
	if (byPath) return byPath;
	const prefix = `${cookieName}=`;
	const fromCookie = cookieHeader
		?.split(';')
		.map((part) => part.trim())
		.find((part) => part.startsWith(prefix))
		?.slice(prefix.length);
	return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

/** Runs `fn` with Paraglide's messages in `locale`. */
export function withLocale<T>(locale: Locale, origin: string, fn: () => T): T {
	return store.run({ locale, origin, messageCalls: new Set() }, fn);
}
