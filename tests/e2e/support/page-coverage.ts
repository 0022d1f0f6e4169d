/**
 * Keeps count of the documents a page loaded and which of them got checkA11y, so a test that forgets
 * to check a page it visited fails (DESIGN.md: an axe check on every page visited).
 */
import type { Page } from '@playwright/test';

interface Coverage {
	/** The URL of every document loaded in this page, in order. */
	documents: string[];
	checked: Set<number>;
}

const coverage = new WeakMap<Page, Coverage>();

export function trackDocuments(page: Page): void {
	const state: Coverage = { documents: [], checked: new Set() };
	coverage.set(page, state);
	// DOMContentLoaded is reported before the load state that checkA11y waits for, so a check
	// always sees the document it runs on counted.
	page.on('domcontentloaded', () => state.documents.push(page.url()));
}

export function markChecked(page: Page): void {
	const state = coverage.get(page);
	if (state && state.documents.length > 0) state.checked.add(state.documents.length - 1);
}

/** The URLs of documents that were loaded but never checked. */
export function uncheckedDocuments(page: Page): string[] {
	const state = coverage.get(page);
	if (!state) return [];
	return state.documents.filter((_, i) => !state.checked.has(i));
}
