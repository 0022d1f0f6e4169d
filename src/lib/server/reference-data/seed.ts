/** Brings reference data into a database that does not have it yet; runs after the migrations at start-up. */
import type { Db } from '../db/connect';
import { seedHelpDirectory } from '../help/help-directory.seed';

export async function seedReferenceData(db: Db): Promise<void> {
	await seedHelpDirectory(db);
}
