import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect';
import * as m001 from './migrations/001-foundation';
import * as m002 from './migrations/002-help-directory-and-audit';
import * as m003 from './migrations/003-feedback';
import * as m004 from './migrations/004-school-onboarding-and-profile';
import * as m005 from './migrations/005-dossier';
import * as m006 from './migrations/006-login-device';
import * as m008 from './migrations/008-content-version';
import * as m009 from './migrations/009-data-keys';
import * as m010 from './migrations/010-timeline-indexes';
import * as m011 from './migrations/011-reports';
import * as m012 from './migrations/012-report-inbox';
import * as m013 from './migrations/013-cases';
import * as m014 from './migrations/014-report-from-dossier';
import * as m015 from './migrations/015-notifications';
import * as m016 from './migrations/016-case-retention';
import * as m017 from './migrations/017-agreements-with-reporters';

/** Every migration, in order. Add new ones at the end; never change one that has shipped. */
const migrations: Record<string, Migration> = {
	'001-foundation': m001,
	'002-help-directory-and-audit': m002,
	'003-feedback': m003,
	'004-school-onboarding-and-profile': m004,
	'005-dossier': m005,
	'006-login-device': m006,
	'008-content-version': m008,
	'009-data-keys': m009,
	'010-timeline-indexes': m010,
	'011-reports': m011,
	'012-report-inbox': m012,
	'013-cases': m013,
	'014-report-from-dossier': m014,
	'015-notifications': m015,
	'016-case-retention': m016,
	'017-agreements-with-reporters': m017
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {
	override name = 'MigrationError';
}

/** Brings the database to the newest schema. Safe to run at every start and from several processes. */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
	// With a PostgreSQL schema of its own (tests), the migration tables must live in it too.
	const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
		throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
