import { describe, expect, it } from 'vitest';
import { dutchPath, englishPath, languageAlternates, localePath, pathLocale, paths, safeReturnPath } from './paths';

describe('safeReturnPath', () => {
	it.each(['/account', '/school?x=1', '/'])('keeps same-site path %s', (p) => expect(safeReturnPath(p)).toBe(p));
	it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined, '/a\nb'])(
		'refuses %s',
		(p) => expect(safeReturnPath(p)).toBe(paths.home)
	);
});

describe('addresses per language', () => {
	it.each([
		['/', '/en'],
		['/?x=1', '/en?x=1'],
		['/gids', '/en/guide'],
		['/gids/vormen-van-pesten', '/en/guide/vormen-van-pesten'],
		['/hulp?vorm=online#lijst', '/en/help?vorm=online#lijst'],
		['/scholen', '/en/schools'],
		['/scholen?q=Zwolle', '/en/schools?q=Zwolle'],
		['/scholen/12ZC00', '/en/schools/12ZC00'],
		['/zoeken?q=pesten', '/en/search?q=pesten'],
		['/toegankelijkheid', '/en/accessibility'],
		['/inloggen/tweede-stap', '/en/log-in/tweede-stap'],
		['/scholen/12ZC00/melden', '/en/schools/12ZC00/report'],
		['/melding', '/en/report']
	])('pairs %s with %s', (nl, en) => {
		expect(englishPath(nl)).toBe(en);
		expect(dutchPath(en)).toBe(nl);
		expect(languageAlternates(nl)).toEqual({ nl, en });
		expect(languageAlternates(en)).toEqual({ nl, en });
		expect(pathLocale(splitless(nl))).toBe('nl');
		expect(pathLocale(splitless(en))).toBe('en');
	});
	it.each(['/dossier', '/account', '/beheer/scholen', '/school/12ZC00', '/scholenlijst', '/gidsen', '/taal', '/api/v1/schools', '/constructor', '/toString/x'])(
		'keeps one address for %s',
		(path) => {
			expect(englishPath(path)).toBe(path);
			expect(languageAlternates(path)).toBeUndefined();
			expect(pathLocale(path)).toBeUndefined();
			expect(localePath(path, 'en')).toBe(path);
		}
	);
	it('names no page for an English path it does not know', () => {
		expect(dutchPath('/en/nope')).toBeUndefined();
		expect(dutchPath('/en/dossier')).toBeUndefined();
		expect(dutchPath('/en/constructor')).toBeUndefined();
		expect(languageAlternates('/en/nope')).toBeUndefined();
		expect(pathLocale('/en/nope')).toBe('en');
		expect(pathLocale('/enx')).toBeUndefined();
	});
	it('localises only into English', () => {
		expect(localePath('/gids', 'en')).toBe('/en/guide');
		expect(localePath('/gids', 'nl')).toBe('/gids');
	});
});

function splitless(path: string): string {
	return path.split(/[?#]/)[0] ?? path;
}
