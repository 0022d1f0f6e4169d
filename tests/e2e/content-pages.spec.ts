/**
 * The content pages are plain HTML and CSS: no JavaScript at all (DESIGN.md: content pages ship none),
 * and, like every page, nothing from another host (checked for every test in support/fixtures.ts).
 */
import { paths } from '../../src/lib/paths';
import { test, expect } from './support/fixtures';
import { t } from './support/messages';
import { arrive } from './pages/common';

const CONTENT_PAGES = [
	{ path: paths.home, heading: 'home_title' },
	{ path: paths.privacy, heading: 'privacy_title' },
	{ path: paths.accessibility, heading: 'a11y_title' }
];

for (const { path, heading } of CONTENT_PAGES) {
	test(`${path} loads no JavaScript`, async ({ page }) => {
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(request.url());
		});

		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		await arrive(page, path, t(heading));

		expect(scripts, 'script requests').toEqual([]);
		await expect(page.locator('script[src]'), '<script src> elements').toHaveCount(0);
		// Inline code counts too; only data blocks (JSON) would be allowed.
		await expect(page.locator('script:not([type="application/json"]):not([type="application/ld+json"])'), 'inline scripts').toHaveCount(0);
		await expect(page.locator('link[rel="modulepreload"]'), 'preloaded modules').toHaveCount(0);
	});
}
