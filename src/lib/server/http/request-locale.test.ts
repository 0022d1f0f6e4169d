import { describe, expect, it } from 'vitest';
import { getLocale } from '$lib/paraglide/runtime';
import * as m from '$lib/paraglide/messages';
import { requestLocale, withLocale } from './request-locale';

describe('the language of a request (decision 0016)', () => {
	it.each([
		['/en/guide', null, 'en'],
		['/en/guide', 'PARAGLIDE_LOCALE=nl', 'en'],
		['/gids', 'PARAGLIDE_LOCALE=en', 'nl'],
		['/', 'PARAGLIDE_LOCALE=en', 'nl'],
		['/account', 'PARAGLIDE_LOCALE=en', 'en'],
		['/account', 'a=b; PARAGLIDE_LOCALE=en; c=d', 'en'],
		['/account', 'PARAGLIDE_LOCALE=de', 'nl'],
		['/account', 'XPARAGLIDE_LOCALE=en', 'nl'],
		['/account', null, 'nl'],
		['/dossier', '', 'nl']
	])('%s with cookie %s is %s', (path, cookie, expected) => {
		expect(requestLocale(path, cookie)).toBe(expected);
	});

	it('makes the messages speak that language inside, and only inside', async () => {
		const inside = await withLocale('en', 'http://localhost', async () => {
			await new Promise((resolve) => setTimeout(resolve, 1));
			return { locale: getLocale(), title: m.home_title() };
		});
		expect(inside.locale).toBe('en');
		expect(inside.title).toBe(withLocale('en', 'http://localhost', () => m.home_title()));
		expect(inside.title).not.toBe(withLocale('nl', 'http://localhost', () => m.home_title()));
	});
});
