import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { seedHelpDirectory } from './help-directory.seed';

describe.each(testDatabaseKinds())('seeding the help directory on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t.dispose());

	it('two seeds at once (two app servers starting on an empty database) both succeed and store each record once', async () => {
		// Both read "nothing there" before either inserts: without `on conflict do nothing` the second fails.
		const inserted = await Promise.all([seedHelpDirectory(t.db), seedHelpDirectory(t.db)]);
		expect(inserted[0]! + inserted[1]!).toBe(14);
		const rows = await t.db.selectFrom('help_resource').select('id').execute();
		expect(rows).toHaveLength(14);
		expect(await seedHelpDirectory(t.db)).toBe(0);
	});
});
