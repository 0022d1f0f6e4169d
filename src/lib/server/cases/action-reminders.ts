/**
 * Reminders for actions, agreements and referrals of open cases that reach their due day (issue 11 item 5). Run by
 * housekeeping on every app server: each action is claimed by setting its reminded_on, so the reminder goes once.
 * The mail, like every notification, says only that something is due and links to the case (never what).
 */
import type { Db } from '../db/connect';
import { notifyAccounts } from '../notifications/notification.service';
import { findRoles } from '../auth/user.repository';
import { findSchoolsByIds } from '../schools/school-registry.service';
import { paths } from '../../paths';
import { todayInNetherlands } from '../../i18n/locale';

/** Returns how many actions were reminded of. */
export async function sendActionReminders(db: Db, now = new Date()): Promise<number> {
	const today = todayInNetherlands(now);
	const due = await db
		.selectFrom('case_action')
		.innerJoin('case', 'case.id', 'case_action.case_id')
		.select(['case_action.id', 'case_action.case_id', 'case_action.owner_user_id', 'case.school_id'])
		.where('case_action.done_on', 'is', null)
		.where('case_action.reminded_on', 'is', null)
		.where('case_action.due_on', '<=', today)
		.where('case.state', '!=', 'closed')
		.execute();
	if (due.length === 0) return 0;
	const schools = await findSchoolsByIds(
		db,
		due.map((d) => d.school_id)
	);
	let sent = 0;
	for (const action of due) {
		const claimed = await db.updateTable('case_action').set({ reminded_on: today }).where('id', '=', action.id).where('reminded_on', 'is', null).executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) continue;
		const school = schools.get(action.school_id);
		if (!school) continue;
		// The owner, while they still work at the school; otherwise the case's handlers, so that it is not lost.
		const ownerStays = (await findRoles(db, action.owner_user_id)).some((r) => r.school_id === action.school_id);
		const recipients = ownerStays
			? [action.owner_user_id]
			: (await db.selectFrom('case_handler').select('user_id').where('case_id', '=', action.case_id).execute()).map((h) => h.user_id);
		await notifyAccounts(db, [...new Set(recipients)], { kind: 'action_due', link: paths.schoolCase(school.vestigingscode, action.case_id) }, now);
		sent++;
	}
	return sent;
}
