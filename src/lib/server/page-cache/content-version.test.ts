/**
 * Migration 008's triggers: every write to a table that public pages show bumps the content version, in the same
 * transaction (a rolled-back edit bumps nothing), and writes elsewhere (a parent's dossier, sessions) do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { newId } from '../auth/tokens';
import type { Actor } from '../auth/actor';
import { seedHelpDirectory } from '../help/help-directory.seed';
import { setHelpRetired } from '../help/help-directory.service';
import { currentContentVersion } from './content-version';

const admin: Actor = { userId: newId(), email: 'a@example.nl', displayName: 'A', locale: 'nl', secondFactorEnabled: true, roles: [{ role: 'platform_admin', school_id: null, board_id: null }] };
const now = '2026-12-06T12:00:00.000Z';

describe.each(testDatabaseKinds())('the content version on %s', (kind) => {
	let t: TestDatabase;
	const boardId = newId();
	const schoolId = newId();
	beforeAll(async () => {
		t = await createTestDatabase(kind);
		await seedHelpDirectory(t.db);
	});
	afterAll(async () => t.dispose());

	/** Runs the write and says by how much the version went up. */
	async function bumpOf(write: () => Promise<unknown>): Promise<number> {
		const before = Number(await currentContentVersion(t.db));
		await write();
		return Number(await currentContentVersion(t.db)) - before;
	}

	it('goes up with every insert, update and delete on each table a public page shows', async () => {
		const db = t.db;
		const writes: [string, () => Promise<unknown>][] = [
			['board insert', () => db.insertInto('board').values({ id: boardId, code: '41000', name: 'Stichting Test', created_at: now }).execute()],
			['school insert', () => db.insertInto('school').values({ id: schoolId, vestigingscode: '98XX00', instellingscode: '98XX', name: 'Testschool', place: 'Zwolle', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now }).execute()],
			['school update', () => db.updateTable('school').set({ name: 'Testschool De Linde' }).where('id', '=', schoolId).execute()],
			['profile insert', () => db.insertInto('school_profile').values({ school_id: schoolId, coordinator_is_aanspreekpunt: null, mentor_text: 'Praat eerst met de mentor.', complaints_commission: null, complaints_commission_name: null, complaints_commission_url: null, complaints_text: null, mr_consent_safety_policy: null, mr_consent_on: null, programme_choice: null, programme_name: null, programme_since_year: null, monitor_on: null, monitor_instrument: null, updated_at: now }).execute()],
			['profile update', () => db.updateTable('school_profile').set({ mentor_text: 'Praat eerst met de leerkracht.' }).where('school_id', '=', schoolId).execute()],
			['contact insert', () => db.insertInto('school_contact').values({ id: 'c1', school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Mevrouw Jansen', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now }).execute()],
			['contact delete', () => db.deleteFrom('school_contact').where('id', '=', 'c1').execute()],
			['document insert', () => db.insertInto('school_document').values({ id: 'd1', school_id: schoolId, kind: 'safety_policy', status: 'link', url: 'https://example.nl/beleid.pdf', file_key: null, file_size: null, file_sha256: null, updated_at: now }).execute()],
			['help update by the admin', () => setHelpRetired(db, admin, 'kindertelefoon', true)]
		];
		for (const [name, write] of writes) expect(await bumpOf(write), name).toBeGreaterThanOrEqual(1);
	});

	it('stays the same when the edit is rolled back', async () => {
		const bump = await bumpOf(() =>
			t.db
				.transaction()
				.execute(async (trx) => {
					await trx.updateTable('school').set({ name: 'Nooit opgeslagen' }).where('id', '=', schoolId).execute();
					throw new Error('rolled back');
				})
				.catch(() => undefined)
		);
		expect(bump).toBe(0);
	});

	it('stays the same for writes that no public page shows', async () => {
		const bump = await bumpOf(() =>
			t.db.insertInto('rate_limit').values({ key: `test:${newId()}`, window_started_at: now, count: 1 }).execute()
		);
		expect(bump).toBe(0);
	});
});
