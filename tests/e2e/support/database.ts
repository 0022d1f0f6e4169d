/**
 * Reads the app's SQLite database, read-only, next to the running server: the mail it kept in its
 * outbox table (no SMTP server is configured in the tests), whether an account was made, and what is left of a
 * child's dossier (its rows, and where its evidence files are kept on disk).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from '@playwright/test';
import { DATA_DIR, DATABASE_FILE, ORIGIN } from './environment';

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

/** The tables that hold a child's dossier besides `child` itself, each with a child_id column. */
export const DOSSIER_TABLES = ['child_guardian', 'incident', 'attachment', 'dossier_contact', 'agreement', 'step_skip'] as const;

/** How many rows of this child each table holds: `child` by its id, the others by child_id. */
export function rowsOfChild(childId: string): Record<string, number> {
	return read((db) => {
		const count = (table: string, column: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).get(childId) as { n: number }).n;
		return Object.fromEntries([['child', count('child', 'id')], ...DOSSIER_TABLES.map((table) => [table, count(table, 'child_id')])]);
	});
}

/** The keys of the child's evidence files, as the attachment table holds them. */
export function attachmentFileKeys(childId: string): string[] {
	return read((db) => (db.prepare('SELECT file_key FROM attachment WHERE child_id = ? ORDER BY received_at').all(childId) as { file_key: string }[]).map((row) => row.file_key));
}

/** Where the server keeps a stored file (encrypted): DATA_DIR/files/<first two characters>/<key>, as file-store.ts. */
export function storedFilePath(key: string): string {
	return path.join(DATA_DIR, 'files', key.slice(0, 2), key);
}

/**
 * A staff account of the test's own at a school, written straight into the database (as `cli demo` would), with
 * its e-mail verified and no second factor yet: the test sets that up through the pages. The demo accounts are
 * shared with other journeys, and setting up a second factor changes an account for good.
 */
export async function createStaffAccount(email: string, password: string, role: string, schoolCode: string): Promise<void> {
	const { hashPassword } = await import('../../../src/lib/server/auth/password-hash');
	// The cost of the app's tests: the server verifies with whatever cost the hash carries.
	const hash = await hashPassword(password, { memoryKiB: 19_456, iterations: 2 });
	const db = new Database(DATABASE_FILE, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const now = new Date().toISOString();
		const school = db.prepare('SELECT id FROM school WHERE vestigingscode = ?').get(schoolCode) as { id: string } | undefined;
		if (!school) throw new Error(`No school ${schoolCode} in the test database.`);
		const userId = crypto.randomUUID();
		db.transaction(() => {
			db.prepare('INSERT INTO app_user (id, email, email_verified_at, password_hash, display_name, locale, totp_secret, totp_enabled_at, totp_last_step, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)').run(userId, email.toLowerCase(), now, hash, `Test ${role}`, 'nl', now, now);
			db.prepare('INSERT INTO role_assignment (id, user_id, role, school_id, board_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run(crypto.randomUUID(), userId, role, school.id, now);
		})();
	} finally {
		db.close();
	}
}
