/**
 * Evidence attachments of an incident (issue 5): screenshots, photos and PDFs in the parent's private dossier.
 *
 * Only the child's own guardians reach them (requireIncident; anyone else gets NotFound, as if the file did not
 * exist). Each file is checked by content and images are re-encoded (files/evidence-check.ts); the stored bytes are
 * encrypted at rest (files/file-store.ts) under a server-made key, with their SHA-256 and the server's receive time.
 * Files are refused one by one with a reason; the rest are kept.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/connect';
import type { AttachmentRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { NotFoundError } from '../errors';
import { deleteFile, getFile, putFile } from '../files/file-store';
import { checkEvidence, isEvidenceType, isImageType, MAX_EVIDENCE_FILE_BYTES, MAX_IMAGE_PIXELS, type EvidenceRefusal, type EvidenceType } from '../files/evidence-check';
import { isId, requireChild, requireIncident, type DossierChild } from './dossier-access';
import type { DataKey } from '../crypto/envelope';

/** Files in one upload: enough for a series of screenshots; the rest of a larger drop is refused by name. */
export const MAX_FILES_PER_UPLOAD = 20;
/**
 * Bytes in one upload, counted from the files received. Below adapter-node's BODY_SIZE_LIMIT (32M, scripts/start.js),
 * so an upload a little over this is still read and answered file by file instead of refused as a whole.
 */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Bytes stored for one child's dossier (after re-encoding): about 50 phone photos or hundreds of screenshots. */
export const MAX_DOSSIER_BYTES = 200 * 1024 * 1024;
/** Characters of a display name. */
export const MAX_NAME_LENGTH = 120;

export type AttachmentRefusal = EvidenceRefusal | 'evidence_refused_too_many_files' | 'evidence_refused_upload_total' | 'evidence_refused_dossier_full' | 'evidence_refused_duplicate';

export interface UploadedFile {
	/** The name the browser sent: only shown, never used as a storage key or a path. */
	name: string;
	bytes: Uint8Array;
}

export interface AttachmentView {
	id: string;
	name: string;
	contentType: EvidenceType;
	isImage: boolean;
	size: number;
	sha256: string;
	width: number | null;
	height: number | null;
	/** ISO time the server received the file. */
	receivedAt: string;
}

export interface Refused {
	name: string;
	reasonKey: AttachmentRefusal;
}

export interface AddResult {
	added: AttachmentView[];
	refused: Refused[];
}

/** The numbers the refusal messages mention (their placeholders). */
export const LIMIT_PARAMS = {
	maxFiles: MAX_FILES_PER_UPLOAD,
	maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024,
	maxUploadMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
	dossierMegabytes: MAX_DOSSIER_BYTES / 1024 / 1024,
	maxMegapixels: MAX_IMAGE_PIXELS / 1_000_000
} as const;

const EXTENSION: Record<EvidenceType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * A name to show, made from the upload's name: the last path part only, without control and formatting characters
 * (a right-to-left override could make "gpj.exe" look like "exe.jpg"), in NFC, at most MAX_NAME_LENGTH characters
 * with the extension kept.
 */
export function displayNameOf(uploadName: string): string {
	const base = uploadName.toWellFormed().split(/[/\\]/).pop() ?? '';
	const clean = base
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/gu, '')
		.replace(/\s+/gu, ' ')
		.trim();
	const chars = [...clean];
	if (chars.length <= MAX_NAME_LENGTH) return clean;
	const dot = clean.lastIndexOf('.');
	const extension = dot > 0 ? [...clean.slice(dot)] : [];
	if (extension.length > 0 && extension.length <= 10) return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('').trimEnd() + extension.join('');
	return chars.slice(0, MAX_NAME_LENGTH).join('').trimEnd();
}

function stemOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The names for Content-Disposition: a plain ASCII `filename` (letters, digits, - and _ only, so no quote, slash or
 * header trick gets through) and an RFC 5987 `filename*` in UTF-8. Both end in the extension of the stored type,
 * whatever the upload was called.
 */
export function downloadNames(displayName: string, contentType: EvidenceType): { ascii: string; utf8: string } {
	const extension = EXTENSION[contentType];
	const stem = stemOf(displayName);
	const ascii =
		stem
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.replace(/[^A-Za-z0-9_-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 80) || 'bijlage';
	const unicode = stem.trim() || 'bijlage';
	return { ascii: `${ascii}.${extension}`, utf8: encodeURIComponent(`${unicode}.${extension}`) };
}

function toView(key: DataKey, row: AttachmentRow): AttachmentView {
	const contentType = isEvidenceType(row.content_type) ? row.content_type : 'application/pdf';
	return {
		id: row.id,
		name: key.open(row.display_name),
		contentType,
		isImage: isImageType(contentType),
		size: Number(row.size),
		sha256: row.sha256,
		width: row.width === null ? null : Number(row.width),
		height: row.height === null ? null : Number(row.height),
		receivedAt: row.received_at
	};
}

interface Candidate {
	index: number;
	name: string;
	contentType: EvidenceType;
	bytes: Uint8Array;
	width: number | null;
	height: number | null;
}

/**
 * Adds the files to the incident, as far as they pass: each refused file gets its own reason, the rest are kept.
 *
 * The checking and re-encoding (seconds for a batch of photos) runs before any transaction: on SQLite a transaction
 * holds the one connection, and every other request would wait. Pass the database, and this opens one short
 * transaction for the quota check and the inserts; pass a transaction, and it works inside that one. Keys of files
 * written go into `stored`, so a caller whose transaction rolls back can delete them (they are deleted here already
 * when the failing transaction is this function's own).
 */
export async function addAttachments(db: Db, actor: Actor | undefined, childId: string, incidentId: string, files: readonly UploadedFile[], stored: string[] = []): Promise<AddResult> {
	await requireIncident(db, actor, childId, incidentId);
	const receivedAt = nowIso();
	const refused: (Refused & { index: number })[] = [];
	const candidates: Candidate[] = [];
	let received = 0;
	for (const [index, file] of files.entries()) {
		const name = displayNameOf(file.name);
		const size = file.bytes.byteLength;
		if (index >= MAX_FILES_PER_UPLOAD) {
			refused.push({ index, name, reasonKey: 'evidence_refused_too_many_files' });
			continue;
		}
		if (size > 0 && size <= MAX_EVIDENCE_FILE_BYTES) {
			if (received + size > MAX_UPLOAD_BYTES) {
				refused.push({ index, name, reasonKey: 'evidence_refused_upload_total' });
				continue;
			}
			received += size;
		}
		// One at a time: a batch of 40-megapixel images decoded at once would take a lot of memory.
		const result = await checkEvidence(file.bytes);
		if (!result.ok) refused.push({ index, name, reasonKey: result.reason });
		else candidates.push({ index, name, contentType: result.contentType, bytes: result.bytes, width: result.width, height: result.height });
	}

	const written: string[] = [];
	const store = async (trx: Db): Promise<(AttachmentView & { index: number })[]> => {
		// Again inside the transaction: the other guardian may have deleted the incident meanwhile.
		const { child, incident } = await requireIncident(trx, actor, childId, incidentId);
		// Touching the child's row takes its lock (PostgreSQL) or the write lock (SQLite), so two uploads at the same
		// time cannot both fit under the dossier limit that only one of them fits under.
		await trx
			.updateTable('child')
			.set((eb) => ({ updated_at: eb.ref('updated_at') }))
			.where('id', '=', child.id)
			.execute();
		const total = await trx
			.selectFrom('attachment')
			.select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.lit(0)).as('bytes'))
			.where('child_id', '=', child.id)
			.executeTakeFirst();
		let used = Number(total?.bytes ?? 0);
		const known = new Set((await trx.selectFrom('attachment').select('sha256').where('incident_id', '=', incident.id).execute()).map((r) => r.sha256));
		const added: (AttachmentView & { index: number })[] = [];
		for (const candidate of candidates) {
			const sha256 = crypto.createHash('sha256').update(candidate.bytes).digest('hex');
			// The same file twice (a page reloaded after sending, a file chosen twice) would only clutter the dossier.
			if (known.has(sha256)) {
				refused.push({ index: candidate.index, name: candidate.name, reasonKey: 'evidence_refused_duplicate' });
				continue;
			}
			if (used + candidate.bytes.byteLength > MAX_DOSSIER_BYTES) {
				refused.push({ index: candidate.index, name: candidate.name, reasonKey: 'evidence_refused_dossier_full' });
				continue;
			}
			const fileKey = newId();
			await putFile(fileKey, candidate.bytes, child.key);
			written.push(fileKey);
			stored.push(fileKey);
			const row: AttachmentRow = {
				id: newId(),
				incident_id: incident.id,
				child_id: child.id,
				content_type: candidate.contentType,
				display_name: child.key.seal(candidate.name || `bijlage.${EXTENSION[candidate.contentType]}`),
				size: candidate.bytes.byteLength,
				sha256,
				width: candidate.width,
				height: candidate.height,
				file_key: fileKey,
				received_at: receivedAt
			};
			await trx.insertInto('attachment').values(row).execute();
			// Ids only: never the file's name or content (SECURITY.md: privacy).
			await recordAudit(trx, { actorUserId: actor!.userId, action: 'dossier.attachment.add', subjectType: 'attachment', subjectId: row.id, detail: { childId: child.id, incidentId: incident.id } });
			known.add(sha256);
			used += candidate.bytes.byteLength;
			added.push({ ...toView(child.key, row), index: candidate.index });
		}
		return added;
	};

	let added: (AttachmentView & { index: number })[];
	if (db.isTransaction) {
		added = await store(db);
	} else {
		try {
			added = await db.transaction().execute(store);
		} catch (error) {
			// Rolled back: the files written for it belong to nothing.
			await Promise.all(written.map((key) => deleteFile(key)));
			throw error;
		}
	}
	// In the order the files were sent, so the summary reads like the parent's own list.
	const byIndex = <T extends { index: number }>(list: T[]) => list.sort((a, b) => a.index - b.index).map(({ index: _, ...rest }) => rest);
	return { added: byIndex(added), refused: byIndex(refused) };
}

/** By receive time; the files of one upload share that time and come by name. */
export async function listAttachments(db: Db, actor: Actor | undefined, childId: string, incidentId: string): Promise<AttachmentView[]> {
	const { child, incident } = await requireIncident(db, actor, childId, incidentId);
	const rows = await db.selectFrom('attachment').selectAll().where('incident_id', '=', incident.id).execute();
	return sortAttachments(rows.map((row) => toView(child.key, row)));
}

/** By receive time, then by name: names are sealed, so they are sorted here rather than by the database. */
export function sortAttachments<T extends { receivedAt: string; name: string; id: string }>(views: T[]): T[] {
	return views.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.id.localeCompare(b.id));
}

async function requireAttachment(db: Db, actor: Actor | undefined, childId: string, incidentId: string, attachmentId: string): Promise<{ child: DossierChild; row: AttachmentRow }> {
	const { child, incident } = await requireIncident(db, actor, childId, incidentId);
	if (!isId(attachmentId)) throw new NotFoundError();
	const row = await db.selectFrom('attachment').selectAll().where('id', '=', attachmentId).where('incident_id', '=', incident.id).where('child_id', '=', child.id).executeTakeFirst();
	if (!row) throw new NotFoundError();
	return { child, row };
}

export interface AttachmentFile {
	attachment: AttachmentView;
	bytes: Buffer;
	downloadName: { ascii: string; utf8: string };
}

/** The decrypted file, for its own guardians only. */
export async function getAttachmentFile(db: Db, actor: Actor | undefined, childId: string, incidentId: string, attachmentId: string): Promise<AttachmentFile> {
	const { child, row } = await requireAttachment(db, actor, childId, incidentId, attachmentId);
	const bytes = await getFile(row.file_key, child.key);
	// A row without its file cannot be shown; it looks the same as a missing one.
	if (!bytes) throw new NotFoundError();
	const attachment = toView(child.key, row);
	return { attachment, bytes, downloadName: downloadNames(attachment.name, attachment.contentType) };
}

/** Deletes the row; returns the storage key, for the caller to delete after the commit. */
export async function deleteAttachment(db: Db, actor: Actor | undefined, childId: string, incidentId: string, attachmentId: string): Promise<string> {
	const { row } = await requireAttachment(db, actor, childId, incidentId, attachmentId);
	await db.deleteFrom('attachment').where('id', '=', row.id).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'dossier.attachment.delete', subjectType: 'attachment', subjectId: row.id, detail: { childId: row.child_id, incidentId: row.incident_id } });
	return row.file_key;
}

export interface DossierAttachment extends AttachmentView {
	incidentId: string;
	fileKey: string;
}

/** Every attachment of the dossier with a reader for their files, for the dossier PDF. */
export async function listDossierAttachments(
	db: Db,
	actor: Actor | undefined,
	childId: string
): Promise<{ attachments: DossierAttachment[]; readFile: (fileKey: string) => Promise<Buffer | undefined> }> {
	const child = await requireChild(db, actor, childId);
	const rows = await db.selectFrom('attachment').selectAll().where('child_id', '=', child.id).execute();
	const attachments = sortAttachments(rows.map((row) => ({ ...toView(child.key, row), incidentId: row.incident_id, fileKey: row.file_key })));
	return { attachments, readFile: (fileKey) => getFile(fileKey, child.key) };
}
