/**
 * Reads the app's SQLite database, read-only, next to the running server: the mail it kept in its
 * outbox table (no SMTP server is configured in the tests) and whether an account was made.
 */
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { DATABASE_FILE, ORIGIN } from './environment';

export interface OutboxMail {
	to_address: string;
	subject: string;
	text_body: string;
	locale: string;
	created_at: string;
}

function read<T>(query: (db: Database.Database) => T): T {
	const db = new Database(DATABASE_FILE, { readonly: true, fileMustExist: true });
	try {
		return query(db);
	} finally {
		db.close();
	}
}

/** Every mail to this address, newest first. */
export function mailsTo(address: string): OutboxMail[] {
	return read(
		(db) =>
			db
				.prepare('SELECT to_address, subject, text_body, locale, created_at FROM mail_outbox WHERE to_address = ? ORDER BY created_at DESC, rowid DESC')
				.all(address.toLowerCase()) as OutboxMail[]
	);
}

export function accountExists(address: string): boolean {
	return read((db) => db.prepare('SELECT 1 FROM app_user WHERE email = ?').get(address.toLowerCase()) !== undefined);
}

/** Waits until a mail with this subject reached the address, and returns the newest one. */
export async function waitForMail(address: string, subject: string): Promise<OutboxMail> {
	let found: OutboxMail | undefined;
	await expect
		.poll(
			() => {
				found = mailsTo(address).find((mail) => mail.subject === subject);
				return found !== undefined;
			},
			{ message: `a mail "${subject}" to ${address} in the outbox`, timeout: 5_000 }
		)
		.toBe(true);
	return found as OutboxMail;
}

/** The link in the mail to a path of the app, as path and query (the tests use their own base URL). */
export function linkIn(mail: OutboxMail, pathname: string): string {
	const link = mail.text_body
		.match(/https?:\/\/\S+/g)
		?.map((raw) => new URL(raw))
		.find((url) => url.pathname === pathname);
	if (!link) throw new Error(`No link to ${pathname} in the mail "${mail.subject}":\n${mail.text_body}`);
	// Links in mail use the public address the app was configured with (ORIGIN).
	expect(link.origin, 'the origin of the link in the mail').toBe(ORIGIN);
	return link.pathname + link.search;
}
