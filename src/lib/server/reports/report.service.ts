/**
 * Reports to a school (issue 11, slice 1; decision 0019): a pupil or parent reports without an account, gets a
 * receipt code and passphrase, and comes back with them to read the school's replies and add to the report.
 *
 * An anonymous report stores no user id, session, address, user agent or time of day: a random id, the day it came
 * in, sealed free text under the school's data key and the plain codes the inbox will filter on. The school is
 * found through the school profile service, never its tables.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/connect';
import type { Database, ReportRow } from '../db/schema';
import type { ErasureEntry } from '../db/erasure-journal';
import { isSqlite } from '../db/erasure';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import { isId, newId } from '../auth/tokens';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password-hash';
import { countAttempt, peekLimit, type Limit } from '../auth/rate-limit';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import type { DataKey } from '../crypto/envelope';
import { checkEvidence, isImageType, MAX_EVIDENCE_FILE_BYTES, type EvidenceRefusal } from '../files/evidence-check';
import { deleteFile, putFile } from '../files/file-store';
import { NotFoundError } from '../errors';
import { findReportableSchool } from '../schools/school-profile.service';
import { requireSchool } from '../schools/school-access';
import { newReceipt, normaliseCode, normalisePassphrase, type Receipt } from '../../reports/receipt-code';
import { MAX_REPORT_FILES, MOTIVES, type Motive, type OccurredAround, type Ongoing, type ReportInput, type ReporterKind } from '../../reports/report-form';
import { BULLYING_FORMS, type BullyingForm } from '../../dossier/dossier';
import { todayInNetherlands } from '../../i18n/locale';
import { AddressLimiter } from './address-limit';
import { notify, notifyAccounts, type NotificationEvent } from '../notifications/notification.service';
import { findRecipientsWithRoleAt } from '../auth/user.repository';
import { findSchoolsByIds } from '../schools/school-registry.service';
import { guardianIdsOf } from '../dossier/child.service';
import { paths } from '../../paths';
import { recordAudit } from '../audit/audit.service';

/** Failed look-ups of one receipt code: in the database, so the limit holds across app servers. */
export const RECEIPT_CODE_LIMIT: Limit = { max: 5, windowSeconds: 15 * 60 };
/** Failed look-ups from one address, in memory (address-limit.ts). */
export const receiptAddressLimiter = new AddressLimiter({ max: 20, windowSeconds: 15 * 60 });

/**
 * Reports sent from one address, in memory: enough for a class on the school's one network address that reports
 * together during a lesson about bullying, too few to flood an inbox.
 */
export const submitAddressLimiter = new AddressLimiter({ max: 60, windowSeconds: 10 * 60 });

/** The scope whose key makes receipt look-ups: a data key, so rotating the secret key keeps every code working. */
const RECEIPT_SCOPE = 'reports:receipt-lookup';

/** Who on the school's staff may answer a reporter in this slice (the case handlers come later). */
const REPLIERS = ['aanspreekpunt', 'coordinator'] as const;

export interface UploadedImage {
	name: string;
	bytes: Uint8Array;
}

export type ReportFileRefusal = EvidenceRefusal | 'evidence_refused_too_many_files';

export type SubmitResult = { ok: true; receipt: Receipt } | { ok: false; refused: { name: string; reasonKey: ReportFileRefusal }[] };

async function lookupOf(db: Db, normalisedCode: string): Promise<string> {
	return (await ensureDataKey(db, RECEIPT_SCOPE)).mac(normalisedCode);
}

export interface CheckedImage {
	contentType: string;
	bytes: Uint8Array;
}

/**
 * Checks a report's files before anything is stored, for online reports and for the ones staff enter: photos and
 * screenshots only, at most MAX_REPORT_FILES, each through the evidence check (re-encoded, metadata dropped).
 */
export async function checkReportImages(files: readonly UploadedImage[]): Promise<{ refused: { name: string; reasonKey: ReportFileRefusal }[]; images: CheckedImage[] }> {
	const refused: { name: string; reasonKey: ReportFileRefusal }[] = [];
	const images: CheckedImage[] = [];
	for (const [index, file] of files.entries()) {
		if (index >= MAX_REPORT_FILES) {
			refused.push({ name: file.name, reasonKey: 'evidence_refused_too_many_files' });
			continue;
		}
		const result = await checkEvidence(file.bytes, MAX_EVIDENCE_FILE_BYTES);
		// Photos and screenshots only: a pupil's report needs no PDF, and an image is re-encoded clean.
		if (!result.ok) refused.push({ name: file.name, reasonKey: result.reason });
		else if (!isImageType(result.contentType)) refused.push({ name: file.name, reasonKey: 'evidence_refused_type' });
		else images.push({ contentType: result.contentType, bytes: result.bytes });
	}
	return { refused, images };
}

/**
 * Sends a report to a school that takes reports. Files are checked first, outside any transaction; if one is
 * refused, nothing is stored and every refusal is returned (the page says the files must be chosen again).
 */
export async function submitReport(db: Db, schoolCode: string, input: ReportInput, files: readonly UploadedImage[] = []): Promise<SubmitResult> {
	const school = await findReportableSchool(db, schoolCode);
	if (!school) throw new NotFoundError();
	const { refused, images } = await checkReportImages(files);
	if (refused.length > 0) return { ok: false, refused };

	const { receipt } = await storeReport(db, school.id, input, images, { channel: 'online', receivedOn: todayInNetherlands(), enteredBy: null, withReceipt: true });
	// No audit event: its time and sequence would date an anonymous report to the second. For the same reason the
	// staff hear of it in their daily digest only.
	await notifyReceivers(db, school.id, { kind: 'report_new', link: paths.schoolInbox(school.vestigingscode), digestOnly: true });
	return { ok: true, receipt: receipt! };
}

/** The staff who receive a school's reports: its aanspreekpunt and coordinator (the inbox's readers). */
export async function notifyReceivers(db: Db, schoolId: string, event: NotificationEvent): Promise<void> {
	await notify(db, await findRecipientsWithRoleAt(db, schoolId, REPLIERS), event);
}

export type ReportChannel = ReportRow['channel'];

export interface StoreOptions {
	channel: ReportChannel;
	/** The day it came in (Dutch calendar), checked by the caller: today for online reports. */
	receivedOn: string;
	/** The staff member who entered an oral or paper report; null for online reports, always. */
	enteredBy: string | null;
	/** Whether the reporter gets a receipt code and passphrase to come back with. */
	withReceipt: boolean;
	/** A parent's report from a child's dossier (dossier-report.service.ts): where the school's answers go. */
	fromDossier?: { childId: string; reporterUserId: string };
}

/**
 * Stores a report with its checked images: the one way a report row is written, for online reports (submitReport),
 * the ones staff enter (inbox.service enterReport) and a parent's from the dossier (dossier-report.service.ts). Files are written first and removed again if the rows
 * fail; the receipt is made here, so its code and passphrase never exist anywhere but in the answer.
 * Runs its own transaction: the caller passes the database, not a transaction, because argon2id work and file
 * writes must not hold SQLite's write lock.
 */
export async function storeReport(
	db: Db,
	schoolId: string,
	input: ReportInput,
	images: readonly { contentType: string; bytes: Uint8Array }[],
	options: StoreOptions,
	inTransaction?: (trx: Db, reportId: string) => Promise<void>
): Promise<{ reportId: string; receipt: Receipt | undefined }> {
	const receipt = options.withReceipt ? newReceipt() : undefined;
	const key = await ensureDataKey(db, schoolScope(schoolId));
	const lookup = receipt ? await lookupOf(db, normaliseCode(receipt.code)!) : null;
	const passphraseHash = receipt ? await hashPassword(normalisePassphrase(receipt.passphrase)!, config().passwordHash) : null;
	const reportId = newId();
	const written: string[] = [];
	try {
		const stored: { fileKey: string; contentType: string; bytes: Uint8Array }[] = [];
		for (const image of images) {
			const fileKey = newId();
			await putFile(fileKey, image.bytes, key);
			written.push(fileKey);
			stored.push({ fileKey, ...image });
		}
		await db.transaction().execute(async (trx) => {
			await trx
				.insertInto('report')
				.values({
					id: reportId,
					school_id: schoolId,
					channel: options.channel,
					reporter_kind: input.reporterKind,
					anonymous: input.anonymous ? 1 : 0,
					received_on: options.receivedOn,
					what_happened: key.seal(input.whatHappened),
					place: key.sealOrNull(input.place),
					people_involved: key.sealOrNull(input.peopleInvolved),
					reporter_name: input.anonymous ? null : key.sealOrNull(input.reporterName),
					contact: input.anonymous ? null : key.sealOrNull(input.contact),
					occurred_on: input.occurredOn,
					occurred_around: input.occurredOn ? null : input.occurredAround,
					forms: JSON.stringify(input.forms),
					motives: JSON.stringify(input.motives),
					ongoing: input.ongoing,
					status: 'new',
					receipt_lookup: lookup,
					passphrase_hash: passphraseHash,
					entered_by_user_id: options.channel === 'online' ? null : options.enteredBy,
					child_id: options.fromDossier?.childId ?? null,
					reporter_user_id: options.fromDossier?.reporterUserId ?? null
				})
				.execute();
			for (const image of stored) {
				await trx
					.insertInto('report_attachment')
					.values({ id: newId(), report_id: reportId, file_key: image.fileKey, content_type: image.contentType, size: image.bytes.byteLength, content_mac: key.mac(image.bytes) })
					.execute();
			}
			if (inTransaction) await inTransaction(trx, reportId);
		});
	} catch (error) {
		await Promise.all(written.map((fileKey) => deleteFile(fileKey)));
		throw error;
	}
	return { reportId, receipt };
}

export interface ReportMessageView {
	position: number;
	author: 'reporter' | 'school';
	body: string;
	writtenOn: string;
}

/** What a report says, unsealed: the same for its reporter and for the school's staff. */
export interface ReportContent {
	whatHappened: string;
	place: string | null;
	peopleInvolved: string | null;
	reporterName: string | null;
	contact: string | null;
	occurredOn: string | null;
	occurredAround: OccurredAround | null;
	forms: BullyingForm[];
	motives: Motive[];
	ongoing: Ongoing;
}

/** Opens a report row's text under its school's key; the codes are read as they are stored (unknown ones left out). */
export function contentOf(key: DataKey, row: ReportRow): ReportContent {
	return {
		whatHappened: key.open(row.what_happened),
		place: key.openOrNull(row.place),
		peopleInvolved: key.openOrNull(row.people_involved),
		reporterName: key.openOrNull(row.reporter_name),
		contact: key.openOrNull(row.contact),
		occurredOn: row.occurred_on,
		occurredAround: row.occurred_around,
		forms: codesOf(row.forms, BULLYING_FORMS),
		motives: codesOf(row.motives, MOTIVES),
		ongoing: row.ongoing
	};
}

/** A stored JSON list of codes, keeping only codes this version knows (a later version may have added some). */
function codesOf<T extends string>(json: string, known: readonly T[]): T[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? known.filter((code) => value.includes(code)) : [];
	} catch {
		return [];
	}
}

/** What the reporter sees of their own report. */
export interface ReporterView extends ReportContent {
	id: string;
	schoolName: string;
	schoolCode: string;
	receivedOn: string;
	anonymous: boolean;
	reporterKind: ReporterKind;
	status: 'new' | 'acknowledged';
	attachments: number;
	messages: ReportMessageView[];
}

async function viewOf(db: Db, row: ReportRow, key: DataKey): Promise<ReporterView> {
	const school = (await findSchoolsByIds(db, [row.school_id])).get(row.school_id);
	if (!school) throw new NotFoundError();
	const messages = await db.selectFrom('report_message').selectAll().where('report_id', '=', row.id).orderBy('position').execute();
	const attachments = await db.selectFrom('report_attachment').select((eb) => eb.fn.countAll<number | string>().as('n')).where('report_id', '=', row.id).executeTakeFirst();
	return {
		id: row.id,
		schoolName: school.name,
		schoolCode: school.vestigingscode,
		receivedOn: row.received_on,
		anonymous: Number(row.anonymous) === 1,
		reporterKind: row.reporter_kind,
		...contentOf(key, row),
		status: row.status,
		attachments: Number(attachments?.n ?? 0),
		messages: messages.map((m) => ({ position: Number(m.position), author: m.author, body: key.open(m.body), writtenOn: m.written_on }))
	};
}

export type ReceiptResult = { ok: true; report: ReporterView } | { ok: false };

/**
 * Opens a report by its receipt code and passphrase, or answers one neutral refusal: the same for an unknown code,
 * a wrong passphrase, a malformed entry and a limit reached. A code that is unknown costs a dummy argon2id verify,
 * so the time does not tell whether it exists. `address` is only counted in memory.
 */
export async function openReceipt(db: Db, codeInput: string, passphraseInput: string, address: string): Promise<ReceiptResult> {
	const code = normaliseCode(codeInput);
	const passphrase = normalisePassphrase(passphraseInput) ?? passphraseInput.slice(0, 100);
	const addressAllowed = receiptAddressLimiter.allowed(address);
	const lookup = code ? await lookupOf(db, code) : undefined;
	const limitKey = lookup ? `report-receipt:${lookup}` : undefined;
	const codeAllowed = limitKey ? (await peekLimit(db, limitKey, RECEIPT_CODE_LIMIT)).allowed : true;
	if (!addressAllowed || !codeAllowed) {
		// Refused before any look-up: whether a limit is reached does not depend on the code existing (unknown
		// codes count too), and a flood of guesses then costs no argon2id work.
		return { ok: false };
	}
	const row = lookup ? await db.selectFrom('report').selectAll().where('receipt_lookup', '=', lookup).executeTakeFirst() : undefined;
	const ok = row?.passphrase_hash ? await verifyPassword(row.passphrase_hash, passphrase) : await verifyAgainstDummy(passphrase, config().passwordHash);
	if (!row || !ok) {
		receiptAddressLimiter.count(address);
		// Unknown codes count too, so the limit's behaviour does not tell whether a code exists.
		if (limitKey) await countAttempt(db, limitKey, RECEIPT_CODE_LIMIT);
		return { ok: false };
	}
	return { ok: true, report: await viewOf(db, row, await ensureDataKey(db, schoolScope(row.school_id))) };
}

/** The report of a reporter signed in by the report cookie (report-cookie.ts); NotFound when it is gone. */
export async function openReportById(db: Db, reportId: string): Promise<ReporterView> {
	const row = await findReport(db, reportId);
	return viewOf(db, row, await ensureDataKey(db, schoolScope(row.school_id)));
}

async function findReport(db: Db, reportId: string): Promise<ReportRow> {
	if (!isId(reportId)) throw new NotFoundError();
	const row = await db.selectFrom('report').selectAll().where('id', '=', reportId).executeTakeFirst();
	if (!row) throw new NotFoundError();
	return row;
}

async function addMessage(db: Db, row: ReportRow, author: 'reporter' | 'school', body: string, inTransaction?: (trx: Db) => Promise<void>): Promise<void> {
	const key = await ensureDataKey(db, schoolScope(row.school_id));
	await db.transaction().execute(async (trx) => {
		const last = await trx.selectFrom('report_message').select((eb) => eb.fn.max<number | string | null>('position').as('p')).where('report_id', '=', row.id).executeTakeFirst();
		// The unique (report_id, position) refuses a second message racing for the same place.
		await trx
			.insertInto('report_message')
			.values({ id: newId(), report_id: row.id, position: Number(last?.p ?? 0) + 1, author, body: key.seal(body), written_on: todayInNetherlands() })
			.execute();
		if (inTransaction) await inTransaction(trx);
	});
}

/** A message or more information from the reporter, on the report they opened with their receipt. */
export async function addReporterMessage(db: Db, reportId: string, body: string): Promise<void> {
	const row = await findReport(db, reportId);
	await addMessage(db, row, 'reporter', body);
	const school = (await findSchoolsByIds(db, [row.school_id])).get(row.school_id);
	// Someone without an account (a pupil with a receipt) is never dated by an instant mail; a parent may be.
	if (school) await notifyReceivers(db, row.school_id, { kind: 'report_message', link: paths.schoolReport(school.vestigingscode, row.id), digestOnly: row.reporter_user_id === null });
}

/** A reply from the school, by its aanspreekpunt or coordinator; another school's report answers NotFound. */
export async function replyToReporter(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, body: string): Promise<void> {
	const school = await requireSchool(db, actor, schoolCode, REPLIERS);
	const row = await findReport(db, reportId);
	if (row.school_id !== school.id) throw new NotFoundError();
	await addMessage(db, row, 'school', body, async (trx) => {
		// The first reply acknowledges the report, on the day it was written; the staff side is audited (no text).
		await trx.updateTable('report').set({ status: 'acknowledged', acknowledged_on: todayInNetherlands() }).where('id', '=', row.id).where('status', '=', 'new').execute();
		await recordAudit(trx, { actorUserId: actor!.userId, action: 'report.reply', subjectType: 'report', subjectId: row.id, detail: { schoolId: school.id } });
	});
	await notifyReporter(db, row.id);
}

/**
 * A report from a dossier: its guardians hear that the school has written something (never what it says). A reporter
 * with only a receipt code has no address; they see it when they come back.
 */
export async function notifyReporter(db: Db, reportId: string): Promise<void> {
	const row = await db.selectFrom('report').select(['id', 'child_id']).where('id', '=', reportId).executeTakeFirst();
	if (row?.child_id) await notifyAccounts(db, await guardianIdsOf(db, row.child_id), { kind: 'report_reply', link: paths.dossierReport(row.child_id, row.id) });
}

/** The plain facts of a school's reports that the case service needs: no text, no reporter, no receipt. */
export interface ReportFacts {
	id: string;
	/** How the report came in (a code; the case PDF lists it). */
	channel: ReportChannel;
	receivedOn: string;
	/** The day staff acknowledged the report (the button, or the first reply), or null while they have not. */
	acknowledgedOn: string | null;
	reporterKind: ReporterKind;
	forms: BullyingForm[];
	motives: Motive[];
	/** Whether the reporter can read what the school writes back: a receipt code, or a report from a dossier. */
	canHearBack: boolean;
}

/**
 * Facts of the reports of one school: the given ids (an id of another school is simply absent, so the caller can
 * refuse it), or those received within a range of days. The caller has checked the actor's access to the school.
 */
export async function reportFactsOfSchool(db: Db, schoolId: string, filter: { ids: readonly string[] } | { receivedFrom: string; receivedTo: string }): Promise<ReportFacts[]> {
	let query = db
		.selectFrom('report')
		.select(['report.id', 'report.received_on', 'report.reporter_kind', 'report.forms', 'report.motives', 'report.acknowledged_on', 'report.receipt_lookup', 'report.child_id'])
		.where('report.school_id', '=', schoolId);
	if ('ids' in filter) {
		const ids = filter.ids.filter(isId);
		if (ids.length === 0) return [];
		query = query.where('report.id', 'in', ids);
	} else query = query.where('report.received_on', '>=', filter.receivedFrom).where('report.received_on', '<=', filter.receivedTo);
	const rows = await query.select('report.channel').execute();
	return rows.map((row) => ({
		id: row.id,
		channel: row.channel,
		receivedOn: row.received_on,
		acknowledgedOn: row.acknowledged_on ?? null,
		reporterKind: row.reporter_kind,
		forms: JSON.parse(row.forms) as BullyingForm[],
		motives: JSON.parse(row.motives) as Motive[],
		canHearBack: row.receipt_lookup !== null || row.child_id !== null
	}));
}

/**
 * Deletes reports with their messages, shared items and attachments (the cascade), for a case removed by retention
 * and at restore; returns the file keys, for the caller to delete after its transaction commits (finishErasure).
 */
export async function eraseReportRows(db: Db, reportIds: readonly string[]): Promise<string[]> {
	if (reportIds.length === 0) return [];
	const files = await db.selectFrom('report_attachment').select('file_key').where('report_id', 'in', [...reportIds]).execute();
	await db.deleteFrom('report').where('id', 'in', [...reportIds]).execute();
	return files.map((f) => f.file_key);
}

/**
 * Nothing has happened to the report on or after `since`: it came in, was acknowledged, had a message from either
 * side and had an item shared from a dossier before it (the days of reportLastActivity, src/lib/cases/retention.ts).
 */
function idleBefore(since: string) {
	return (eb: ExpressionBuilder<Database, 'report'>): Expression<SqlBool> =>
		eb.and([
			eb('report.received_on', '<', since),
			eb.or([eb('report.acknowledged_on', 'is', null), eb('report.acknowledged_on', '<', since)]),
			eb.not(eb.exists(eb.selectFrom('report_message').select('report_message.id').whereRef('report_message.report_id', '=', 'report.id').where('report_message.written_on', '>=', since))),
			eb.not(eb.exists(eb.selectFrom('report_item').select('report_item.id').whereRef('report_item.report_id', '=', 'report.id').where('report_item.shared_on', '>=', since)))
		]);
}

/** A report's stored days, for the retention of reports that never became a case (decision 0026). */
export interface IdleReport {
	id: string;
	schoolId: string;
	receivedOn: string;
	acknowledgedOn: string | null;
	lastMessageOn: string | null;
	lastSharedOn: string | null;
}

/** Every report, of any school, to which nothing has happened on or after `since`, with its days. */
export async function reportsIdleBefore(db: Db, since: string): Promise<IdleReport[]> {
	const rows = await db
		.selectFrom('report')
		.select((eb) => [
			'report.id',
			'report.school_id',
			'report.received_on',
			'report.acknowledged_on',
			eb.selectFrom('report_message').select((m) => m.fn.max('report_message.written_on').as('day')).whereRef('report_message.report_id', '=', 'report.id').as('last_message_on'),
			eb.selectFrom('report_item').select((i) => i.fn.max('report_item.shared_on').as('day')).whereRef('report_item.report_id', '=', 'report.id').as('last_shared_on')
		])
		.where(idleBefore(since))
		.execute();
	return rows.map((row) => ({
		id: row.id,
		schoolId: row.school_id,
		receivedOn: row.received_on,
		acknowledgedOn: row.acknowledged_on ?? null,
		lastMessageOn: row.last_message_on ?? null,
		lastSharedOn: row.last_shared_on ?? null
	}));
}

/**
 * Holds the report's row until the transaction ends, and says whether it is still there. On PostgreSQL a row lock
 * (FOR UPDATE) keeps out what would add to the report meanwhile: a case that takes it in, a message, a shared item
 * (their foreign keys lock the row too) and an acknowledgement; the statements after it see what committed before.
 * SQLite runs one write transaction at a time (BEGIN IMMEDIATE, connect.ts), which holds everything off already.
 */
export async function lockReport(trx: Db, reportId: string): Promise<boolean> {
	const query = trx.selectFrom('report').select('id').where('id', '=', reportId);
	return (await (isSqlite(trx) ? query : query.forUpdate()).executeTakeFirst()) !== undefined;
}

/**
 * Deletes a report with all below it (the cascade) only while nothing has happened to it on or after `since`: the
 * claim of the retention job (the caller holds the lock of lockReport and has checked the report is in no case).
 * Returns the file keys, for the caller to delete after its transaction commits, or undefined when not deleted.
 */
export async function eraseIdleReport(trx: Db, reportId: string, since: string): Promise<string[] | undefined> {
	const files = await trx.selectFrom('report_attachment').select('file_key').where('report_id', '=', reportId).execute();
	const deleted = await trx.deleteFrom('report').where('report.id', '=', reportId).where(idleBefore(since)).executeTakeFirst();
	return Number(deleted.numDeletedRows) === 1 ? files.map((f) => f.file_key) : undefined;
}

/**
 * At restore: reports removed by retention after the backup was made are removed again (decisions 0014 and 0026).
 * Returns the file keys, for the caller to delete after its transaction commits.
 */
export async function replayReportErasures(db: Db, entries: readonly ErasureEntry[]): Promise<{ fileKeys: string[]; reports: number }> {
	const fileKeys: string[] = [];
	let reports = 0;
	for (const entry of entries) {
		if (entry.kind !== 'report') continue;
		if (!(await db.selectFrom('report').select('id').where('id', '=', entry.id).executeTakeFirst())) continue;
		fileKeys.push(...(await eraseReportRows(db, [entry.id])));
		reports++;
	}
	return { fileKeys, reports };
}

/** The ids of a school's reports, for its audit log (the caller has checked the reader may see the log). */
export async function reportIdsOfSchool(db: Db, schoolId: string): Promise<string[]> {
	return (await db.selectFrom('report').select('id').where('school_id', '=', schoolId).execute()).map((row) => row.id);
}
