/**
 * Sends mail over SMTP when SMTP_URL is set; otherwise keeps it in the outbox table,
 * which platform admins read at /beheer/uitgaande-mail and tests read directly.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/connect';
import type { MailOutboxEntry } from '../db/schema';
import { newId, nowIso } from '../auth/tokens';
import { logger } from '../log';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	locale: string;
}

export interface MailSettings {
	smtpUrl: string | undefined;
	from: string;
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
	if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
	return transport.transporter;
}

export async function sendMail(db: Db, settings: MailSettings, mail: OutgoingMail): Promise<void> {
	if (settings.smtpUrl) {
		await transporterFor(settings.smtpUrl).sendMail({
			from: settings.from,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			headers: { 'Content-Language': mail.locale }
		});
		logger.info({ mail: 'sent' }, 'mail sent over SMTP');
		return;
	}
	await db
		.insertInto('mail_outbox')
		.values({ id: newId(), to_address: mail.to, subject: mail.subject, text_body: mail.text, locale: mail.locale, created_at: nowIso() })
		.execute();
}

export function listOutbox(db: Db, limit = 100): Promise<MailOutboxEntry[]> {
	return db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
