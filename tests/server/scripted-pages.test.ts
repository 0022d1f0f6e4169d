/**
 * The browser tests run with JavaScript off only over the pages that ship a script (tests/e2e/support/scripted-pages.ts,
 * decision 0024). These tests hold the list to the scripts that exist, and show that the guard fails where it must.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCRIPTED_PAGES, unlistedScript } from '../e2e/support/scripted-pages';

describe('the pages that ship a script', () => {
	it('name every script in static/js, and only those', () => {
		const scripts = fs.readdirSync('static/js').map((file) => `/js/${file}`).sort();
		expect(SCRIPTED_PAGES.map((page) => page.script).sort()).toEqual(scripts);
	});

	it('let a listed page have its script, in Dutch and at its English address', () => {
		expect(unlistedScript('/scholen', '<script src="/js/school-suggestions.js" defer></script>')).toBeUndefined();
		expect(unlistedScript('/en/schools', '<script src="/js/school-suggestions.js" defer></script>')).toBeUndefined();
		expect(unlistedScript('/dossier/c1/voorval/i1/bijlagen', '<script src="/js/evidence-drop.js" defer></script>')).toBeUndefined();
	});

	it('catch a script, inline code or noscript on any other page', () => {
		expect(unlistedScript('/hulp', '<p>x</p><script src="/js/new.js"></script>')).toBe('/hulp');
		expect(unlistedScript('/gids', '<script>alert(1)</script>')).toBe('/gids');
		expect(unlistedScript('/dossier/c1', '<noscript>Zet JavaScript aan</noscript>')).toBe('/dossier/c1');
		expect(unlistedScript('/scholen/12ZC00', '<SCRIPT type="module" src="/x.js"></SCRIPT>')).toBe('/scholen/12ZC00');
	});

	it('let a page without code, or with a JSON data block only, pass', () => {
		expect(unlistedScript('/hulp', '<main><h1>Hulp</h1><p>describe a scripted page</p></main>')).toBeUndefined();
		expect(unlistedScript('/', '<script type="application/ld+json">{}</script>')).toBeUndefined();
	});
});
