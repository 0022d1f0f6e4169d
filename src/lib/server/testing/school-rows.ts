/** Rows a test puts straight into a school's profile, for what a school must have before it takes reports. */
import type { Db } from '../db/connect';
import { newId, nowIso } from '../auth/tokens';

/**
 * Names a public aanspreekpunt on the school's profile: from then on the school takes reports (issue 11 item 1).
 * Does nothing when the school already has one, so tests that share a school may each ask for it.
 */
export async function addAanspreekpunt(db: Db, schoolId: string, name = 'Mevrouw Jansen'): Promise<void> {
	const existing = await db.selectFrom('school_contact').select('id').where('school_id', '=', schoolId).where('kind', '=', 'aanspreekpunt').executeTakeFirst();
	if (existing) return;
	await db
		.insertInto('school_contact')
		.values({ id: newId(), school_id: schoolId, kind: 'aanspreekpunt', user_id: null, name, job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: nowIso() })
		.execute();
}
