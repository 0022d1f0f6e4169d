import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, RateLimitedError } from '../errors';
import { newId } from '../auth/tokens';
import { FEEDBACK_LIMIT_PAGE, feedbackSummary, recordFeedback } from './feedback.service';

const admin: Actor = { userId: newId(), email: 'a@example.nl', displayName: 'A', locale: 'nl', secondFactorEnabled: true, roles: [{ role: 'platform_admin', school_id: null, board_id: null }] };

describe.each(testDatabaseKinds())('feedback on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	it('counts answers per page and language and keeps comments, with no trace of the sender', async () => {
		await recordFeedback(t.db, { page: 'online-pesten', locale: 'nl', helpful: true, comment: '', sender: '192.0.2.1' });
		await recordFeedback(t.db, { page: 'online-pesten', locale: 'nl', helpful: false, comment: 'Meer over TikTok graag.', sender: '192.0.2.2' });
		await recordFeedback(t.db, { page: 'online-pesten', locale: 'en', helpful: true, comment: '', sender: '192.0.2.2' });
		const summary = await feedbackSummary(t.db, admin);
		expect(summary.map((s) => [s.page, s.locale, s.yes, s.no])).toEqual([
			['online-pesten', 'en', 1, 0],
			['online-pesten', 'nl', 1, 1]
		]);
		expect(summary[1]!.comments.map((c) => c.comment)).toEqual(['Meer over TikTok graag.']);
		const stored = JSON.stringify(await t.db.selectFrom('feedback').selectAll().execute());
		expect(stored).not.toContain('192.0.2');
		expect(JSON.stringify(await t.db.selectFrom('rate_limit').selectAll().execute())).not.toContain('192.0.2');
	});

	it('refuses a flood from one sender, not from others', async () => {
		for (let i = 0; i < FEEDBACK_LIMIT_PAGE.max; i++) {
			await recordFeedback(t.db, { page: 'pesten-herkennen', locale: 'nl', helpful: true, comment: '', sender: '198.51.100.1' });
		}
		await expect(recordFeedback(t.db, { page: 'pesten-herkennen', locale: 'nl', helpful: true, comment: '', sender: '198.51.100.1' })).rejects.toBeInstanceOf(RateLimitedError);
		await recordFeedback(t.db, { page: 'pesten-herkennen', locale: 'nl', helpful: true, comment: '', sender: '198.51.100.2' });
		const summary = await feedbackSummary(t.db, admin);
		expect(summary.find((s) => s.page === 'pesten-herkennen')!.yes).toBe(FEEDBACK_LIMIT_PAGE.max + 1);
	});

	it('shows the answers to platform admins only', async () => {
		await expect(feedbackSummary(t.db, { ...admin, roles: [{ role: 'school_admin', school_id: null, board_id: null }] })).rejects.toBeInstanceOf(ForbiddenError);
	});
});
