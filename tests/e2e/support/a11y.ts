/**
 * The check every page visited gets. With JavaScript on, axe-core (WCAG 2.0/2.1/2.2 A and AA) must find
 * nothing. axe cannot run with JavaScript off (STACK.md pitfall 4), so there the page is checked for the
 * basics a screen reader needs: a language, a title, one h1, a main landmark.
 */
import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { markChecked } from './page-coverage';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeNode {
	target: unknown;
	html: string;
	failureSummary?: string;
}
interface AxeViolation {
	id: string;
	impact?: string | null;
	help: string;
	helpUrl: string;
	nodes: AxeNode[];
}

/** One readable block per rule: what is wrong, where, and how to fix it. */
export function formatViolations(violations: readonly AxeViolation[]): string {
	return violations
		.map((v) => {
			const nodes = v.nodes
				.map((n) => `    at ${JSON.stringify(n.target)}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
				.join('\n');
			return `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}`;
		})
		.join('\n\n');
}

export function javaScriptEnabled(): boolean {
	return test.info().project.use.javaScriptEnabled !== false;
}

export async function checkA11y(page: Page): Promise<void> {
	await page.waitForLoadState('load');
	const where = new URL(page.url()).pathname;

	await expect(page.locator('html'), `<html lang> on ${where}`).toHaveAttribute('lang', /^(nl|en)$/);
	await expect(page, `a title on ${where}`).toHaveTitle(/\S/);
	await expect(page.locator('h1'), `one h1 on ${where}`).toHaveCount(1);
	await expect(page.getByRole('main'), `a main landmark on ${where}`).toHaveCount(1);

	const seen = javaScriptEnabled() ? await fingerprint(page) : '';
	if (javaScriptEnabled() && !passed.has(seen)) {
		const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
		const violations = results.violations as AxeViolation[];
		expect(
			violations.map((v) => `${v.id} (${v.nodes.length}×)`),
			`axe found accessibility problems on ${page.url()}:\n\n${formatViolations(violations)}\n`
		).toEqual([]);
		passed.add(seen);
	}
	markChecked(page);
}

/**
 * The pages are rendered on the server and run no script, so the same markup at the same path and
 * screen size is the same page: axe's verdict on it cannot change within a run. Remembering the pages
 * that passed keeps the run fast. (The path counts because relative links to stylesheets depend on it.)
 */
const passed = new Set<string>();

async function fingerprint(page: Page): Promise<string> {
	const key = [new URL(page.url()).pathname, page.viewportSize(), await page.content()];
	return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}
