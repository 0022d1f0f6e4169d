/**
 * The parent's rights over their data (AVG art. 15, 17, 20): everything of a child, or of the whole account, as a
 * zip (JSON, the dossier PDF and the stored files, decrypted); deleting a child's dossier for good, with its files; deleting the account.
 * A child with two guardians stays for the other one: the one who deletes leaves; the last one deletes everything.
 * Each step is in the audit log (ids only).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { RuleError } from '../errors';
import { nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { checkpointAfterErasure } from '../db/erasure';
import { confirmPassword } from '../auth/account.service';
import { deleteFile, getFile } from '../files/file-store';
import { requireChild, type DossierChild } from './dossier-access';
import { openColumns } from './sealed-columns';
import { sortAttachments } from './attachment.service';
import { destroyDataKey, dossierScope } from '../crypto/data-key.service';
import { recordErasure, type ErasureEntry } from '../db/erasure-journal';
import { buildDossierPdf, PDF_ITEMS } from './dossier-pdf.service';
import type { Locale } from '../../i18n/locale';

/** A name that is safe inside a zip on every system: letters, digits, dot, dash and underscore. */
function safeName(name: string): string {
	return (
		name
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'bestand'
	);
}

/** Everything stored of one child, opened: the export gives the parent their text, not its ciphertext. */
async function childData(db: Db, child: DossierChild) {
	const { key, ...row } = child;
	const [incidents, attachments, contacts, agreements, skips] = await Promise.all([
		db.selectFrom('incident').selectAll().where('child_id', '=', child.id).orderBy('occurred_on').execute(),
		db.selectFrom('attachment').selectAll().where('child_id', '=', child.id).execute(),
		db.selectFrom('dossier_contact').selectAll().where('child_id', '=', child.id).orderBy('contacted_on').execute(),
		db.selectFrom('agreement').selectAll().where('child_id', '=', child.id).orderBy('contact_id').orderBy('position').execute(),
		db.selectFrom('step_skip').selectAll().where('child_id', '=', child.id).execute()
	]);
	const opened = sortAttachments(attachments.map((a) => ({ ...openColumns(key, 'attachment', a), receivedAt: a.received_at, name: key.open(a.display_name) })));
	return {
		child: row,
		key,
		incidents: incidents.map((i) => openColumns(key, 'incident', i)),
		attachments: opened.map(({ receivedAt: _r, name: _n, ...a }) => a),
		contacts: contacts.map((c) => openColumns(key, 'dossier_contact', c)),
		agreements: agreements.map((a) => openColumns(key, 'agreement', a)),
		skips
	};
}

/** Adds one child's folder to the zip: dossier.json, the PDF and the evidence files; returns how many files were missing. */
async function addChildToZip(db: Db, actor: Actor, child: DossierChild, folder: string, zip: Zippable, locale: Locale): Promise<number> {
	const data = await childData(db, child);
	const files: Zippable = {};
	let missing = 0;
	const attachments = [];
	for (const a of data.attachments) {
		const bytes = await getFile(a.file_key, data.key);
		const extension = a.content_type === 'application/pdf' ? 'pdf' : a.content_type.split('/')[1] ?? 'bin';
		const path = `bewijs/${a.received_at.slice(0, 10)}-${a.id.slice(0, 8)}-${safeName(a.display_name.replace(/\.[^.]+$/, ''))}.${extension}`;
		// Images and PDFs are compressed already: store them as they are.
		if (bytes) files[path] = [new Uint8Array(bytes), { level: 0 }];
		else missing++;
		const { file_key: _key, ...visible } = a;
		attachments.push({ ...visible, file: bytes ? path : null });
	}
	const json = {
		exported_at: nowIso(),
		child: data.child,
		incidents: data.incidents.map((i) => ({ ...i, forms: JSON.parse(i.forms) as unknown })),
		attachments,
		contacts: data.contacts.map((c) => ({ ...c, agreements: data.agreements.filter((a) => a.contact_id === c.id) })),
		steps_not_for_us: data.skips.map((s) => s.step)
	};
	// The same PDF a parent takes to the talk with school, with everything in it.
	const pdf = await buildDossierPdf(db, actor, child.id, { items: PDF_ITEMS, locale });
	zip[folder] = { 'dossier.json': strToU8(JSON.stringify(json, null, 2)), 'dossier.pdf': [new Uint8Array(pdf), { level: 0 }], ...files };
	return missing;
}

/** Everything of one child as a zip. */
export async function exportChild(db: Db, actor: Actor | undefined, childId: string, locale: Locale): Promise<{ zip: Uint8Array; name: string }> {
	const child = await requireChild(db, actor, childId);
	const zip: Zippable = {};
	await addChildToZip(db, actor!, child, safeName(child.name), zip, locale);
	await recordAudit(db, { actorUserId: actor!.userId, action: 'child.export', subjectType: 'child', subjectId: child.id, detail: {} });
	return { zip: zipSync(zip), name: safeName(child.name) };
}

/** Everything of the account: its own data and every child's dossier. */
export async function exportAccount(db: Db, actor: Actor | undefined, locale: Locale): Promise<Uint8Array> {
	requireRole(actor, ['parent']);
	const user = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'locale', 'email_verified_at', 'totp_enabled_at', 'created_at', 'updated_at']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
	const roles = await db.selectFrom('role_assignment').select(['role', 'school_id', 'board_id', 'created_at']).where('user_id', '=', actor.userId).execute();
	const children = await db.selectFrom('child_guardian').innerJoin('child', 'child.id', 'child_guardian.child_id').select('child.id').where('child_guardian.user_id', '=', actor.userId).orderBy('child.created_at').execute();
	const zip: Zippable = { 'account.json': strToU8(JSON.stringify({ exported_at: nowIso(), account: user, roles }, null, 2)) };
	for (const [index, { id }] of children.entries()) {
		const child = await requireChild(db, actor, id);
		await addChildToZip(db, actor, child, `${index + 1}-${safeName(child.name)}`, zip, locale);
	}
	await recordAudit(db, { actorUserId: actor.userId, action: 'account.export', subjectType: 'user', subjectId: actor.userId, detail: {} });
	return zipSync(zip);
}

/**
 * Deletes a child's dossier for this parent. With another guardian the parent only leaves (the dossier stays
 * theirs); the last guardian deletes the child and everything under it. Returns the file keys to delete after commit.
 */
export async function deleteChildDossier(db: Db, actor: Actor | undefined, childId: string, typedName: string): Promise<{ fileKeys: string[]; deleted: boolean }> {
	const child = await requireChild(db, actor, childId);
	// Typing the name is the confirmation: a mis-tap cannot throw a child's dossier away.
	if (typedName.normalize('NFC').trim().toLocaleLowerCase('nl') !== child.name.normalize('NFC').trim().toLocaleLowerCase('nl')) {
		throw new RuleError('confirmName', 'dossier_error_confirm_name');
	}
	const guardians = await db.selectFrom('child_guardian').select('user_id').where('child_id', '=', child.id).execute();
	if (guardians.length > 1) {
		await db.deleteFrom('child_guardian').where('child_id', '=', child.id).where('user_id', '=', actor!.userId).execute();
		await recordAudit(db, { actorUserId: actor!.userId, action: 'child.leave', subjectType: 'child', subjectId: child.id, detail: {} });
		return { fileKeys: [], deleted: false };
	}
	recordErasure('dossier', child.id);
	const fileKeys = await eraseDossierRows(db, child.id);
	await recordAudit(db, { actorUserId: actor!.userId, action: 'child.delete', subjectType: 'child', subjectId: child.id, detail: {} });
	return { fileKeys, deleted: true };
}

/** Deletes a dossier's rows, its data key first; returns its file keys, for finishErasure after the commit. */
async function eraseDossierRows(db: Db, childId: string): Promise<string[]> {
	// The key first: from this statement on, every copy of the dossier's text and files is unreadable.
	await destroyDataKey(db, dossierScope(childId));
	const files = await db.selectFrom('attachment').select('file_key').where('child_id', '=', childId).execute();
	// Children first of all: foreign keys cascade, but explicit deletes keep SQLite and PostgreSQL alike.
	for (const table of ['step_skip', 'agreement', 'dossier_contact', 'attachment', 'incident', 'child_guardian'] as const) {
		await db.deleteFrom(table).where('child_id', '=', childId).execute();
	}
	await db.deleteFrom('child').where('id', '=', childId).execute();
	return files.map((f) => f.file_key);
}

/** Deletes an account's own rows (its dossiers went before, each on its own). */
async function eraseAccountRows(db: Db, userId: string): Promise<void> {
	const user = await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst();
	// Mail waiting in the outbox holds the address and links: it goes too.
	if (user) await db.deleteFrom('mail_outbox').where('to_address', '=', user.email).execute();
	await db.deleteFrom('app_user').where('id', '=', userId).execute();
}

/**
 * Replays an erasure journal after a restore (decision 0014): every dossier and account erased after the backup was
 * made is erased again, in the caller's transaction; returns the file keys for finishErasure and what was erased.
 * Only the dossier and account lines: cases and withdrawn report items are replayed by their own services.
 */
export async function replayErasures(db: Db, entries: readonly ErasureEntry[]): Promise<{ fileKeys: string[]; dossiers: number; accounts: number }> {
	const fileKeys: string[] = [];
	let dossiers = 0;
	let accounts = 0;
	for (const entry of entries) {
		if (entry.kind === 'dossier') {
			if (!(await db.selectFrom('child').select('id').where('id', '=', entry.id).executeTakeFirst())) continue;
			fileKeys.push(...(await eraseDossierRows(db, entry.id)));
			dossiers++;
		} else if (entry.kind === 'account') {
			if (!(await db.selectFrom('app_user').select('id').where('id', '=', entry.id).executeTakeFirst())) continue;
			await eraseAccountRows(db, entry.id);
			accounts++;
		}
	}
	return { fileKeys, dossiers, accounts };
}

/**
 * Deletes a parent account for good after the password was given again: every dossier it is the last guardian of
 * (with its files), its place in shared dossiers, its sessions and roles. Staff accounts are removed by their school.
 */
export async function deleteAccount(db: Db, actor: Actor | undefined, password: string): Promise<string[]> {
	requireRole(actor, ['parent']);
	if (actor.roles.some((r) => r.role !== 'parent')) throw new RuleError('password', 'account_error_delete_staff');
	if (!(await confirmPassword(db, actor.userId, password))) throw new RuleError('password', 'auth_error_current_password_wrong');
	const children = await db.selectFrom('child_guardian').select('child_id').where('user_id', '=', actor.userId).execute();
	const fileKeys: string[] = [];
	for (const { child_id } of children) {
		const child = await requireChild(db, actor, child_id);
		fileKeys.push(...(await deleteChildDossier(db, actor, child_id, child.name)).fileKeys);
	}
	recordErasure('account', actor.userId);
	await eraseAccountRows(db, actor.userId);
	await recordAudit(db, { actorUserId: actor.userId, action: 'account.delete', subjectType: 'user', subjectId: actor.userId, detail: {} });
	return fileKeys;
}

/**
 * The end of every erasure, after its transaction committed: the evidence files go (only now, so a failed delete
 * never leaves rows without their evidence), then the copies of the deleted rows in SQLite's WAL (db/erasure.ts).
 */
export async function finishErasure(db: Db, fileKeys: readonly string[]): Promise<void> {
	await Promise.all(fileKeys.map((key) => deleteFile(key)));
	await checkpointAfterErasure(db);
}
