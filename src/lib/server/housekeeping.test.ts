import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing/test-database';
import { runHousekeeping } from './housekeeping';
import { createVerifiedUser } from './auth/account.service';
import { createSession } from './auth/session.service';
import { newId } from './auth/tokens';

describe.each(testDatabaseKinds())('housekeeping on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	it('removes ended sessions, old limits, dead links and old outbox mail, and keeps the rest', async () => {
		const now = new Date('2026-06-01T12:00:00Z');
		const user = await createVerifiedUser(t.db, { email: 'a@example.nl', password: 'paarse olifant danst', displayName: '', locale: 'nl' });
		const policy = { idleMinutes: 60, absoluteHours: 12 };
		await createSession(t.db, user.id, { pendingSecondFactor: false, policy, now: new Date('2026-05-01T00:00:00Z') });
		const live = await createSession(t.db, user.id, { pendingSecondFactor: false, policy, now });
		await t.db
			.insertInto('rate_limit')
			.values([
				{ key: 'old', window_started_at: '2026-05-30T00:00:00.000Z', count: 3 },
				{ key: 'new', window_started_at: '2026-06-01T11:50:00.000Z', count: 1 }
			])
			.execute();
		const token = (id: string, expires: string, used: string | null) => ({ id, user_id: user.id, purpose: 'verify_email' as const, created_at: '2026-05-01T00:00:00.000Z', expires_at: expires, used_at: used });
		await t.db
			.insertInto('email_token')
			.values([token('expired', '2026-05-02T00:00:00.000Z', null), token('used', '2026-06-02T00:00:00.000Z', '2026-06-01T00:00:00.000Z'), token('live', '2026-06-02T00:00:00.000Z', null)])
			.execute();
		const mail = (created: string) => ({ id: newId(), to_address: 'a@example.nl', subject: 's', text_body: 't', locale: 'nl', created_at: created });
		await t.db.insertInto('mail_outbox').values([mail('2026-04-01T00:00:00.000Z'), mail('2026-05-20T00:00:00.000Z')]).execute();

		await runHousekeeping(t.db, now);
		await runHousekeeping(t.db, now);

		expect((await t.db.selectFrom('session').select('id').execute()).map((s) => s.id)).toEqual([live.session.id]);
		expect((await t.db.selectFrom('rate_limit').select('key').execute()).map((r) => r.key)).toEqual(['new']);
		expect((await t.db.selectFrom('email_token').select('id').execute()).map((r) => r.id)).toEqual(['live']);
		expect((await t.db.selectFrom('mail_outbox').select('created_at').execute()).map((r) => r.created_at)).toEqual(['2026-05-20T00:00:00.000Z']);
	});
});
