/**
 * E-mails that say only that something is new, with a link to it (issue 11 item 11, decision 0023): no names, no
 * text, no school in the subject. Each account chooses instant mails or one digest a day.
 *
 * An event caused by someone without an account (an anonymous pupil's report or message) always waits for the
 * digest: the time of an instant mail, kept by the mail server, would date that report to the minute.
 */
import type { Db } from '../db/connect';
import { newId, nowIso } from '../auth/tokens';
import { config } from '../config';
import { findRecipients, type MailRecipient } from '../auth/user.repository';
import { sendMail } from '../mail/mailer';
import { notificationDigestMail, notificationMail } from '../mail/templates';
import { isLocale, todayInNetherlands } from '../../i18n/locale';
import type { Actor } from '../auth/actor';
import { UnauthenticatedError } from '../errors';

export const NOTIFICATION_KINDS = ['report_new', 'report_message', 'report_reply', 'case_assigned', 'action_due'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_MODES = ['instant', 'daily'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/** The hour (Dutch time) from which the day's digest goes out; housekeeping runs hourly, so within the next hour. */
export const DIGEST_HOUR = 7;

export interface NotificationEvent {
	kind: NotificationKind;
	/** A path of the app; the mail carries it as a full link. */
	link: string;
	/** Caused by someone without an account: never an instant mail. */
	digestOnly?: boolean;
}

const settings = () => ({ smtpUrl: config().smtpUrl, from: config().mailFrom });
const localeOf = (recipient: MailRecipient) => (isLocale(recipient.locale) ? recipient.locale : 'nl');

async function modesOf(db: Db, userIds: readonly string[]): Promise<Map<string, NotificationMode>> {
	if (userIds.length === 0) return new Map();
	const rows = await db.selectFrom('notification_setting').select(['user_id', 'mode']).where('user_id', 'in', [...userIds]).execute();
	return new Map(rows.map((row) => [row.user_id, row.mode]));
}

/**
 * Tells these people that something is new. Call it after the change has committed: a mail about a change that was
 * rolled back would lead to nothing. Who is told is the caller's decision (the service that owns the event).
 */
export async function notify(db: Db, recipients: readonly MailRecipient[], event: NotificationEvent, now = new Date()): Promise<void> {
	const modes = await modesOf(
		db,
		recipients.map((r) => r.userId)
	);
	for (const recipient of recipients) {
		const mode = modes.get(recipient.userId) ?? 'instant';
		if (mode === 'instant' && !event.digestOnly) {
			await sendMail(db, settings(), notificationMail(recipient.email, localeOf(recipient), { name: recipient.name, kind: event.kind, link: `${config().origin}${event.link}` }));
		} else {
			await db.insertInto('notification_pending').values({ id: newId(), user_id: recipient.userId, kind: event.kind, link: event.link, happened_on: todayInNetherlands(now) }).execute();
		}
	}
}

/** notify() for accounts known by id. */
export async function notifyAccounts(db: Db, userIds: readonly string[], event: NotificationEvent, now = new Date()): Promise<void> {
	await notify(db, await findRecipients(db, userIds), event, now);
}

function dutchHour(now: Date): number {
	return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/**
 * Sends each waiting account one digest a day, from DIGEST_HOUR: per kind how many and where. Run by housekeeping on
 * every app server; the (account, day) row is claimed first, so a digest goes out once. Returns how many were sent.
 */
export async function sendDailyDigests(db: Db, now = new Date()): Promise<number> {
	if (dutchHour(now) < DIGEST_HOUR) return 0;
	const today = todayInNetherlands(now);
	const waiting = await db.selectFrom('notification_pending').select('user_id').distinct().execute();
	let sent = 0;
	for (const { user_id: userId } of waiting) {
		const claimed = await db
			.insertInto('notification_digest')
			.values({ user_id: userId, day: today })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst();
		if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
		const rows = await db.selectFrom('notification_pending').select(['id', 'kind', 'link']).where('user_id', '=', userId).orderBy('happened_on').orderBy('id').execute();
		const [recipient] = await findRecipients(db, [userId]);
		if (recipient && rows.length > 0) {
			// Per kind: how many, and the first link (an inbox or a case, where the rest is found too).
			const byKind = new Map<NotificationKind, { count: number; link: string }>();
			for (const row of rows) {
				const kind = row.kind as NotificationKind;
				const entry = byKind.get(kind);
				if (entry) entry.count++;
				else byKind.set(kind, { count: 1, link: `${config().origin}${row.link}` });
			}
			await sendMail(db, settings(), notificationDigestMail(recipient.email, localeOf(recipient), { name: recipient.name, items: [...byKind].map(([kind, v]) => ({ kind, ...v })) }));
			sent++;
		}
		await db.deleteFrom('notification_pending').where('id', 'in', rows.length > 0 ? rows.map((r) => r.id) : ['']).execute();
	}
	// Claims older than a week serve nothing any more.
	await db.deleteFrom('notification_digest').where('day', '<', todayInNetherlands(new Date(now.getTime() - 7 * 86_400_000))).execute();
	return sent;
}

export async function getNotificationMode(db: Db, actor: Actor | undefined): Promise<NotificationMode> {
	if (!actor) throw new UnauthenticatedError();
	return (await modesOf(db, [actor.userId])).get(actor.userId) ?? 'instant';
}

export async function setNotificationMode(db: Db, actor: Actor | undefined, mode: NotificationMode): Promise<void> {
	if (!actor) throw new UnauthenticatedError();
	await db
		.insertInto('notification_setting')
		.values({ user_id: actor.userId, mode, updated_at: nowIso() })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ mode, updated_at: nowIso() }))
		.execute();
}
