/**
 * Removes what no longer serves anyone: ended sessions, old rate-limit windows, used or expired e-mail links,
 * and outbox mail older than 30 days (it holds links and addresses; SECURITY.md: collect the minimum).
 * Every step is an idempotent delete, so several app servers may run it at the same time.
 * It also sends the day's reminders for agreements with school and for actions of cases, and the daily digests of
 * notifications (after the reminders, so that a reminder for someone on the digest goes in today's); each is
 * claimed before it is sent, so once only. And it removes closed cases, and reports that never became a case, whose
 * retention period is over (claimed the same way).
 */
import type { Db } from './db/connect';
import { pruneLimits } from './auth/rate-limit';
import { pruneSessions } from './auth/session.service';
import { pruneDevices } from './auth/login-device.service';
import { nowIso } from './auth/tokens';
import { sendAgreementReminders } from './dossier/contact.service';
import { sendDailyDigests } from './notifications/notification.service';
import { runCaseRetention } from './cases/case-retention.service';
import { runReportRetention } from './cases/report-retention.service';
import { sendActionReminders } from './cases/action-reminders';

export const OUTBOX_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export async function runHousekeeping(db: Db, now = new Date()): Promise<void> {
	await pruneSessions(db, now);
	await pruneDevices(db, now);
	// The longest window is an hour; a day leaves room for any later limit.
	await pruneLimits(db, new Date(now.getTime() - DAY));
	await db
		.deleteFrom('email_token')
		.where((eb) => eb.or([eb('expires_at', '<=', nowIso(now)), eb('used_at', 'is not', null)]))
		.execute();
	await db.deleteFrom('mail_outbox').where('created_at', '<', nowIso(new Date(now.getTime() - OUTBOX_DAYS * DAY))).execute();
	await sendAgreementReminders(db, now);
	await sendActionReminders(db, now);
	await sendDailyDigests(db, now);
	await runCaseRetention(db, now);
	await runReportRetention(db, now);
}
