/**
 * "Goed artikel?": anonymous yes/no answers with an optional comment. The only trace of the sender is a
 * hashed, short-lived rate-limit counter, so one person cannot flood a page.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { RateLimitedError } from '../errors';
import { countAttempt, limitKey, peekLimit, type Limit } from '../auth/rate-limit';
import { newId } from '../auth/tokens';
import type { Locale } from '../../i18n/locale';

/** Answers per page and per sender in an hour, and per sender across the site. */
export const FEEDBACK_LIMIT_PAGE: Limit = { max: 3, windowSeconds: 60 * 60 };
export const FEEDBACK_LIMIT_SITE: Limit = { max: 20, windowSeconds: 60 * 60 };

export interface FeedbackInput {
	page: string;
	locale: Locale;
	helpful: boolean;
	comment: string;
	/** Only hashed into a rate-limit key; never stored with the answer. */
	sender: string;
}

export async function recordFeedback(db: Db, input: FeedbackInput, now = new Date()): Promise<void> {
	const pageKey = limitKey('feedback-page', input.sender, input.page);
	const siteKey = limitKey('feedback-site', input.sender);
	for (const [key, limit] of [
		[pageKey, FEEDBACK_LIMIT_PAGE],
		[siteKey, FEEDBACK_LIMIT_SITE]
	] as const) {
		const state = await peekLimit(db, key, limit, now);
		if (!state.allowed) throw new RateLimitedError(state.retryAfterSeconds);
	}
	await countAttempt(db, pageKey, FEEDBACK_LIMIT_PAGE, now);
	await countAttempt(db, siteKey, FEEDBACK_LIMIT_SITE, now);
	await db
		.insertInto('feedback')
		.values({ id: newId(), page: input.page, locale: input.locale, helpful: input.helpful ? 1 : 0, comment: input.comment || null, created_on: now.toISOString().slice(0, 10) })
		.execute();
}

export interface PageFeedback {
	page: string;
	locale: string;
	yes: number;
	no: number;
	comments: { helpful: boolean; comment: string; on: string }[];
}

/** Counts and comments per page, for platform admins. */
export async function feedbackSummary(db: Db, actor: Actor | undefined): Promise<PageFeedback[]> {
	requireRole(actor, ['platform_admin']);
	const rows = await db.selectFrom('feedback').selectAll().orderBy('created_on', 'desc').execute();
	const byPage = new Map<string, PageFeedback>();
	for (const row of rows) {
		const key = `${row.page}\u0000${row.locale}`;
		const entry = byPage.get(key) ?? { page: row.page, locale: row.locale, yes: 0, no: 0, comments: [] };
		if (Number(row.helpful)) entry.yes++;
		else entry.no++;
		if (row.comment) entry.comments.push({ helpful: Boolean(Number(row.helpful)), comment: row.comment, on: row.created_on });
		byPage.set(key, entry);
	}
	return [...byPage.values()].sort((a, b) => a.page.localeCompare(b.page) || a.locale.localeCompare(b.locale));
}
