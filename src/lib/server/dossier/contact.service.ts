/**
 * Contacts with school and their agreements. Only the child's guardians reach them (dossier-access.ts).
 * Open agreements with a follow-up day get a reminder mail on that day (sendAgreementReminders, run by housekeeping)
 * and can be added to the phone's calendar (agreementCalendarEvent).
 */
import type { Db } from '../db/connect';
import type { AgreementRow, DossierContactRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { config } from '../config';
import { sendMail } from '../mail/mailer';
import { agreementReminderMail } from '../mail/templates';
import { isId, requireChild, type DossierChild } from './dossier-access';
import { openColumns, sealColumns } from './sealed-columns';
import type { DataKey } from '../crypto/envelope';
import { isLocale, todayInNetherlands } from '../../i18n/locale';
import { isOverdue, type AgreementStatusValue, type ContactChannel, type ContactInput, type ContactRung } from '../../dossier/contacts';
import { paths } from '../../paths';

export interface AgreementView {
	id: string;
	contactId: string;
	description: string;
	followUpOn: string | null;
	status: AgreementStatusValue;
	overdue: boolean;
}

export interface ContactView {
	id: string;
	contactedOn: string;
	personName: string | null;
	rung: ContactRung;
	channel: ContactChannel;
	summary: string | null;
	agreements: AgreementView[];
}

function agreementView(key: DataKey, row: AgreementRow, today: string): AgreementView {
	const view = { id: row.id, contactId: row.contact_id, description: key.open(row.description), followUpOn: row.follow_up_on, status: row.status };
	return { ...view, overdue: isOverdue(view, today) };
}

function contactView(key: DataKey, sealed: DossierContactRow, agreements: AgreementRow[], today: string): ContactView {
	const row = openColumns(key, 'dossier_contact', sealed);
	return {
		id: row.id,
		contactedOn: row.contacted_on,
		personName: row.person_name,
		rung: row.rung as ContactRung,
		channel: row.channel as ContactChannel,
		summary: row.summary,
		agreements: agreements.filter((a) => a.contact_id === row.id).map((a) => agreementView(key, a, today))
	};
}

export async function recordContact(db: Db, actor: Actor | undefined, childId: string, input: ContactInput): Promise<string> {
	const child = await requireChild(db, actor, childId);
	const now = nowIso();
	const id = newId();
	await db
		.insertInto('dossier_contact')
		.values({ id, child_id: child.id, contacted_on: input.contactedOn, ...sealColumns(child.key, 'dossier_contact', { person_name: input.personName, summary: input.summary }), rung: input.rung, channel: input.channel, created_at: now, updated_at: now })
		.execute();
	for (const [index, agreement] of input.agreements.entries()) {
		await db
			.insertInto('agreement')
			.values({ id: newId(), contact_id: id, child_id: child.id, position: index + 1, description: child.key.seal(agreement.description), follow_up_on: agreement.followUpOn, status: 'open', reminded_at: null, created_at: now, updated_at: now })
			.execute();
	}
	await recordAudit(db, { actorUserId: actor!.userId, action: 'contact.record', subjectType: 'child', subjectId: child.id, detail: { contact: id, agreements: input.agreements.length } });
	return id;
}

async function requireContact(db: Db, actor: Actor | undefined, childId: string, contactId: string): Promise<{ child: DossierChild; contact: DossierContactRow }> {
	const child = await requireChild(db, actor, childId);
	if (!isId(contactId)) throw new NotFoundError();
	const contact = await db.selectFrom('dossier_contact').selectAll().where('id', '=', contactId).where('child_id', '=', child.id).executeTakeFirst();
	if (!contact) throw new NotFoundError();
	return { child, contact };
}

export async function getContact(db: Db, actor: Actor | undefined, childId: string, contactId: string): Promise<ContactView> {
	const { child, contact } = await requireContact(db, actor, childId, contactId);
	const agreements = await db.selectFrom('agreement').selectAll().where('contact_id', '=', contact.id).orderBy('position').execute();
	return contactView(child.key, contact, agreements, todayInNetherlands());
}

/** The child's contacts with school, newest first, each with its agreements. */
export async function listContacts(db: Db, actor: Actor | undefined, childId: string): Promise<ContactView[]> {
	return contactsOf(db, await requireChild(db, actor, childId));
}

/** The contacts of a child the caller has already admitted (requireChild). */
export async function contactsOf(db: Db, child: DossierChild): Promise<ContactView[]> {
	const [rows, agreements] = await Promise.all([
		db.selectFrom('dossier_contact').selectAll().where('child_id', '=', child.id).orderBy('contacted_on', 'desc').orderBy('created_at', 'desc').execute(),
		db.selectFrom('agreement').selectAll().where('child_id', '=', child.id).orderBy('contact_id').orderBy('position').execute()
	]);
	const today = todayInNetherlands();
	return rows.map((row) => contactView(child.key, row, agreements, today));
}

export async function addAgreement(db: Db, actor: Actor | undefined, childId: string, contactId: string, input: { description: string; followUpOn: string | null }): Promise<void> {
	const { child, contact } = await requireContact(db, actor, childId, contactId);
	const now = nowIso();
	const last = await db.selectFrom('agreement').select((eb) => eb.fn.max('position').as('position')).where('contact_id', '=', contact.id).executeTakeFirst();
	await db
		.insertInto('agreement')
		.values({ id: newId(), contact_id: contact.id, child_id: contact.child_id, position: Number(last?.position ?? 0) + 1, description: child.key.seal(input.description), follow_up_on: input.followUpOn, status: 'open', reminded_at: null, created_at: now, updated_at: now })
		.execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'agreement.add', subjectType: 'child', subjectId: contact.child_id, detail: { contact: contact.id } });
}

export async function setAgreementStatus(db: Db, actor: Actor | undefined, childId: string, contactId: string, agreementId: string, status: AgreementStatusValue): Promise<void> {
	const { contact } = await requireContact(db, actor, childId, contactId);
	const result = await db.updateTable('agreement').set({ status, updated_at: nowIso() }).where('id', '=', agreementId).where('contact_id', '=', contact.id).executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'agreement.status', subjectType: 'child', subjectId: contact.child_id, detail: { agreement: agreementId, status } });
}

export async function deleteContact(db: Db, actor: Actor | undefined, childId: string, contactId: string): Promise<void> {
	const { contact } = await requireContact(db, actor, childId, contactId);
	await db.deleteFrom('agreement').where('contact_id', '=', contact.id).execute();
	await db.deleteFrom('dossier_contact').where('id', '=', contact.id).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'contact.delete', subjectType: 'child', subjectId: contact.child_id, detail: { contact: contact.id } });
}

/** One agreement with a follow-up day, for the calendar file. */
export async function getAgreementForCalendar(db: Db, actor: Actor | undefined, childId: string, agreementId: string): Promise<AgreementView & { childName: string }> {
	const child = await requireChild(db, actor, childId);
	const row = isId(agreementId) ? await db.selectFrom('agreement').selectAll().where('id', '=', agreementId).where('child_id', '=', child.id).executeTakeFirst() : undefined;
	if (!row?.follow_up_on) throw new NotFoundError();
	return { ...agreementView(child.key, row, todayInNetherlands()), childName: child.name };
}

/** Escapes text for an iCalendar value (RFC 5545 3.3.11). */
function icsText(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds an iCalendar line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
	const parts: string[] = [];
	let current = '';
	for (const char of line) {
		if (Buffer.byteLength(current + char, 'utf8') > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = char;
		} else current += char;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** An all-day calendar event on the follow-up day, with a reminder that morning. */
export function agreementCalendarEvent(agreement: { id: string; description: string; followUpOn: string }, title: string, url: string, now = new Date()): string {
	const day = agreement.followUpOn.replace(/-/g, '');
	const next = new Date(`${agreement.followUpOn}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Pestwijzer//Dossier//NL',
		'CALSCALE:GREGORIAN',
		'BEGIN:VEVENT',
		`UID:${agreement.id}@pestwijzer`,
		`DTSTAMP:${stamp}`,
		`DTSTART;VALUE=DATE:${day}`,
		`DTEND;VALUE=DATE:${next.toISOString().slice(0, 10).replace(/-/g, '')}`,
		`SUMMARY:${icsText(title)}`,
		`DESCRIPTION:${icsText(`${agreement.description}\n\n${url}`)}`,
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${icsText(title)}`,
		'TRIGGER:PT9H',
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * Mails every guardian of a child whose open agreement reaches its follow-up day, once per agreement.
 * The mail names neither the child nor the agreement (mail passes through other servers); it links to the dossier.
 */
export async function sendAgreementReminders(db: Db, now = new Date()): Promise<number> {
	const today = todayInNetherlands(now);
	const due = await db
		.selectFrom('agreement')
		.select(['id', 'child_id', 'contact_id'])
		.where('status', '=', 'open')
		.where('reminded_at', 'is', null)
		.where('follow_up_on', '<=', today)
		.execute();
	let sent = 0;
	for (const agreement of due) {
		// Claim the agreement first: with several app servers running housekeeping, only one sends the mail.
		const claimed = await db.updateTable('agreement').set({ reminded_at: nowIso(now) }).where('id', '=', agreement.id).where('reminded_at', 'is', null).executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) continue;
		sent++;
		const guardians = await db
			.selectFrom('child_guardian')
			.innerJoin('app_user', 'app_user.id', 'child_guardian.user_id')
			.select(['app_user.email', 'app_user.display_name', 'app_user.locale'])
			.where('child_guardian.child_id', '=', agreement.child_id)
			.execute();
		const link = `${config().origin}${paths.dossierContact(agreement.child_id, agreement.contact_id)}`;
		for (const guardian of guardians) {
			const locale = isLocale(guardian.locale) ? guardian.locale : 'nl';
			await sendMail(db, { smtpUrl: config().smtpUrl, from: config().mailFrom }, agreementReminderMail(guardian.email, locale, { name: guardian.display_name, link }));
		}
	}
	return sent;
}
