/**
 * The upgrade of school documents stored before decision 0015 (under a key derived from the secret key): each is
 * re-encrypted under its school's data key at start-up, so that rotating the secret key only has to re-wrap data
 * keys. A school's scope stays in sealing_pending until all its files are done, so a crash is finished next start.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import { upgradeLegacyFile } from '../files/file-store';

const PREFIX = schoolScope('');

export async function sealOlderSchoolDocuments(db: Db): Promise<number> {
	const schools = await db
		.selectFrom('school_document')
		.leftJoin('data_key', (join) => join.on('data_key.scope', '=', sql<string>`${sql.lit(PREFIX)} || school_document.school_id`))
		.select('school_document.school_id')
		.distinct()
		.where('school_document.file_key', 'is not', null)
		.where('data_key.scope', 'is', null)
		.execute();
	for (const { school_id } of schools) {
		await db.transaction().execute(async (trx) => {
			await ensureDataKey(trx, schoolScope(school_id));
			await trx.insertInto('sealing_pending').values({ scope: schoolScope(school_id) }).onConflict((oc) => oc.column('scope').doNothing()).execute();
		});
	}
	let files = 0;
	const pending = await db.selectFrom('sealing_pending').select('scope').where('scope', 'like', `${PREFIX}%`).execute();
	for (const { scope } of pending) {
		const key = await ensureDataKey(db, scope);
		const documents = await db.selectFrom('school_document').select('file_key').where('school_id', '=', scope.slice(PREFIX.length)).where('file_key', 'is not', null).execute();
		for (const { file_key } of documents) if (await upgradeLegacyFile(file_key!, key)) files++;
		await db.deleteFrom('sealing_pending').where('scope', '=', scope).execute();
	}
	return files;
}
