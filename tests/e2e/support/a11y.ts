/**
 * The check every page visited gets. With JavaScript on, axe-core (WCAG 2.0/2.1/2.2 A and AA) must find
 * nothing. axe cannot run with JavaScript off (STACK.md pitfall 4), so there the page is checked for the
 * basics a screen reader needs: a language, a title, one h1, a main landmark.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { markChecked } from './page-coverage';
import { AXE_PASSED_DIR } from './environment';

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

	if (javaScriptEnabled()) {
		const seen = await fingerprint(page);
		const passedFile = path.join(AXE_PASSED_DIR, seen);
		if (!fs.existsSync(passedFile)) {
			// Legacy mode runs axe in the page itself. The default opens a blank page per check to put the results of all
			// frames together (a quarter of this step's time), and our pages have no frames. Not resultTypes: ['violations']:
			// faster too, but it made landmark-unique fail on a case page that passes.
			const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
			const violations = results.violations as AxeViolation[];
			expect(
				violations.map((v) => `${v.id} (${v.nodes.length}×)`),
				`axe found accessibility problems on ${page.url()}:\n\n${formatViolations(violations)}\n`
			).toEqual([]);
			fs.mkdirSync(AXE_PASSED_DIR, { recursive: true });
			fs.writeFileSync(passedFile, page.url());
		}
	}
	markChecked(page);
}

/**
 * The key under which a page that passed axe is remembered for the rest of the run (a file in AXE_PASSED_DIR, seen
 * by every worker): the shape of its markup. axe judges the markup and its styles: which elements, attributes,
 * classes and roles there are, whether an element has text, and which ids refer to which.
 * It does not judge what a name or a date says. So two pages that differ only in such data (another parent's
 * e-mail address on /account, another case's notes, another secret on the two-step set-up page) get one verdict,
 * and the run checks each shape once instead of each visit (305 runs of 0.8 s each before this, on 2 cores).
 * Every element and attribute stays in the shape, and ids keep which of them are equal, so a page with one more
 * field, a missing label, an empty link or a repeated id is another shape and is checked again.
 */
async function fingerprint(page: Page): Promise<string> {
	const shape = await page.evaluate(markupShape);
	// The page's path counts, without its ids and codes; so does the screen size.
	const route = new URL(page.url()).pathname.split('/').map((part) => (/\d/.test(part) ? ':' : part));
	return createHash('sha256').update(JSON.stringify([route, page.viewportSize(), shape])).digest('hex');
}

/** Runs in the page: the markup with its data taken out (see `fingerprint`). */
function markupShape(): string {
	// Attributes whose value is data, shown or sent: only whether they are empty counts. (A stylesheet's href stays:
	// it names the build's CSS by its content.)
	const data = new Set(['value', 'href', 'src', 'srcset', 'action', 'datetime', 'content', 'alt', 'title', 'aria-label', 'placeholder', 'd', 'points', 'viewbox', 'transform', 'download']);
	const renamed = new Map<string, string>();
	// A token with a digit in it (an id from the database, a receipt code) becomes its place in the order of first
	// appearance: ids stay equal where they were equal, and different where they differed.
	const rename = (value: string) =>
		value.replace(/\S*\d\S*/g, (token) => {
			if (!renamed.has(token)) renamed.set(token, `#${renamed.size}`);
			return renamed.get(token)!;
		});
	const out: string[] = [];
	const walk = (node: Node): void => {
		if (node.nodeType === Node.TEXT_NODE) {
			if (node.textContent?.trim()) out.push('T');
			return;
		}
		if (node.nodeType !== Node.ELEMENT_NODE) return;
		const element = node as Element;
		const attributes = [...element.attributes]
			.map((a) => {
				if (a.name === 'style' || a.name === 'class' || (element.localName === 'link' && a.name === 'href')) return `${a.name}=${a.value}`;
				return `${a.name}=${data.has(a.name) ? (a.value ? 'V' : '') : rename(a.value)}`;
			})
			.sort();
		out.push(`<${element.localName} ${attributes.join(' ')}>`);
		if (element.localName === 'style' || element.localName === 'script') out.push(element.textContent ?? '');
		else for (const child of element.childNodes) walk(child);
		out.push('>');
	};
	walk(document.documentElement);
	return out.join('');
}
