/** Links in the language of the page being rendered (decision 0016). Browser-safe. */
import { getLocale } from '$lib/paraglide/runtime';
import { localePath } from '$lib/paths';

/** The address of a page in the current language: the English address on English pages, where the page has one. */
export function localHref(path: string): string {
	return localePath(path, getLocale());
}
