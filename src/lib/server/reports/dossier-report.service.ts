/**
 * Reports from a child's dossier (issue 11 item 7, decision 0022): a parent reports to the child's school by name,
 * choosing which incidents and files to share; the school's answers come back into the dossier; each shared item
 * can be withdrawn, and then the school no longer has it.
 *
 * The dossier is read through its own services (getChild, getIncident, getAttachmentFile), which admit the child's
 * guardians only. What is shared is copied under the school's data key (migration 014 says why), and every share
 * and withdrawal is audited without content.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { isId, newId } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import type { DataKey } from '../crypto/envelope';
import { NotFoundError, RuleError } from '../errors';
import { deleteFile, putFile } from '../files/file-store';
import { recordErasure, type ErasureEntry } from '../db/erasure-journal';
import { finishErasure } from '../dossier/data-rights.service';
import { getChild } from '../dossier/child.service';
import { getIncident, type IncidentView } from '../dossier/incident.service';
import { getAttachmentFile } from '../dossier/attachment.service';
import { findReportableSchool } from '../schools/school-profile.service';
import { findSchoolsByIds } from '../schools/school-registry.service';
import { todayInNetherlands } from '../../i18n/locale';
import type { BullyingForm } from '../../dossier/dossier';
import type { Motive, Ongoing, ReportInput } from '../../reports/report-form';
import { addReporterMessage, notifyReceivers, openReportById, storeReport, type ReporterView } from './report.service';
import { paths } from '../../paths';

/** What a parent sends from the dossier; the ids are the dossier's, checked against the child here. */
export interface DossierReportInput {
	whatHappened: string;
	ongoing: Ongoing;
	motives: Motive[];
	incidentIds: string[];
	/** `<incident id>/<attachment id>`, only of chosen incidents. */
	attachments: string[];
}

/** What the school gets of a shared incident: the facts the parent wrote down, no dossier ids. */
export interface SharedIncident {
	occurredOn: string;
	occurredTime: string | null;
	approximate: boolean;
	place: string | null;
	placeDetail: string | null;
	onlinePlatform: string | null;
	forms: BullyingForm[];
	perpetrators: string | null;
	witnesses: string | null;
	whatHappened: string | null;
	physicalViolence: boolean;
}

export interface SharedFile {
	name: string;
	contentType: string;
}

function sharedIncidentOf(incident: IncidentView): SharedIncident {
	return {
		occurredOn: incident.occurredOn,
		occurredTime: incident.occurredTime,
		approximate: incident.approximate,
		place: incident.place,
		placeDetail: incident.placeDetail,
		onlinePlatform: incident.onlinePlatform,
		forms: incident.forms,
		perpetrators: incident.perpetrators,
		witnesses: incident.witnesses,
		whatHappened: incident.whatHappened,
		physicalViolence: incident.physicalViolence
	};
}

/** The school of the child that takes reports, or why not: no school chosen, or one without an aanspreekpunt. */
export async function reportableSchoolOfChild(db: Db, actor: Actor | undefined, childId: string) {
	const child = await getChild(db, actor, childId);
	if (!child.school) return { child, school: undefined, reason: 'no_school' as const };
	const school = await findReportableSchool(db, child.school.code);
	return school ? { child, school, reason: undefined } : { child, school: undefined, reason: 'not_reportable' as const };
}

/**
 * Sends the report and its copies. Files are read and stored before the transaction (and removed again if it
 * fails), as the pupil's report does. Returns the report id.
 */
export async function reportFromDossier(db: Db, actor: Actor | undefined, childId: string, input: DossierReportInput): Promise<string> {
	const { school, child } = await reportableSchoolOfChild(db, actor, childId);
	if (!school) throw new RuleError('whatHappened', 'report_error_school_closed');
	const chosen = new Set(input.incidentIds);
	const incidents = await Promise.all([...chosen].map((id) => getIncident(db, actor, childId, id)));
	const files = await Promise.all(
		input.attachments.map(async (pair) => {
			const [incidentId, attachmentId] = pair.split('/');
			// A file of an incident that is not shared is not shared either.
			if (!incidentId || !attachmentId || !chosen.has(incidentId)) throw new RuleError('attachments', 'report_error_file_without_incident');
			return { incidentId, attachmentId, file: await getAttachmentFile(db, actor, childId, incidentId, attachmentId) };
		})
	);
	const key = await ensureDataKey(db, schoolScope(school.id));
	const today = todayInNetherlands();
	const written: string[] = [];
	let reportId: string;
	try {
		const storedFiles: ((typeof files)[number] & { fileKey: string })[] = [];
		for (const f of files) {
			const fileKey = newId();
			await putFile(fileKey, f.file.bytes, key);
			written.push(fileKey);
			storedFiles.push({ ...f, fileKey });
		}
		const report: ReportInput = {
			reporterKind: 'parent',
			whatHappened: input.whatHappened,
			occurredOn: incidents.map((i) => i.occurredOn).sort()[0] ?? null,
			occurredAround: null,
			place: null,
			peopleInvolved: null,
			forms: [...new Set(incidents.flatMap((i) => i.forms))],
			motives: input.motives,
			ongoing: input.ongoing,
			anonymous: false,
			reporterName: actor!.displayName,
			contact: actor!.email
		};
		const options = { channel: 'online' as const, receivedOn: today, enteredBy: null, withReceipt: false, fromDossier: { childId: child.id, reporterUserId: actor!.userId } };
		// The shared copies go in the report's own transaction: a report without what the parent chose is never seen.
		({ reportId } = await storeReport(db, school.id, report, [], options, async (trx, reportId) => {
			let position = 0;
			const itemOfIncident = new Map<string, string>();
			for (const incident of incidents) {
				const itemId = newId();
				itemOfIncident.set(incident.id, itemId);
				await trx
					.insertInto('report_item')
					.values({ id: itemId, report_id: reportId, position: ++position, kind: 'incident', source_id: incident.id, parent_item_id: null, content: key.seal(JSON.stringify(sharedIncidentOf(incident))), shared_on: today, withdrawn_on: null })
					.execute();
			}
			for (const f of storedFiles) {
				const itemId = newId();
				const shared: SharedFile = { name: f.file.attachment.name, contentType: f.file.attachment.contentType };
				await trx
					.insertInto('report_item')
					.values({ id: itemId, report_id: reportId, position: ++position, kind: 'attachment', source_id: f.attachmentId, parent_item_id: itemOfIncident.get(f.incidentId)!, content: key.seal(JSON.stringify(shared)), shared_on: today, withdrawn_on: null })
					.execute();
				await trx
					.insertInto('report_attachment')
					.values({ id: newId(), report_id: reportId, file_key: f.fileKey, content_type: f.file.attachment.contentType, size: f.file.bytes.byteLength, content_mac: key.mac(f.file.bytes), item_id: itemId })
					.execute();
			}
			await recordAudit(trx, { actorUserId: actor!.userId, action: 'report.from_dossier', subjectType: 'report', subjectId: reportId, detail: { childId: child.id, incidents: incidents.length, files: files.length } });
		}));
	} catch (error) {
		await Promise.all(written.map((fileKey) => deleteFile(fileKey)));
		throw error;
	}
	// A named parent with an account: the staff may hear of it at once, as they chose.
	await notifyReceivers(db, school.id, { kind: 'report_new', link: paths.schoolReport(school.vestigingscode, reportId) });
	return reportId;
}

export interface DossierReportSummary {
	id: string;
	schoolName: string;
	receivedOn: string;
	status: 'new' | 'acknowledged';
	messagesFromSchool: number;
}

/** The reports sent from this child's dossier, newest first (for every guardian of the child). */
export async function listDossierReports(db: Db, actor: Actor | undefined, childId: string): Promise<DossierReportSummary[]> {
	const child = await getChild(db, actor, childId);
	const rows = await db
		.selectFrom('report')
		.select(['report.id', 'report.received_on', 'report.status', 'report.school_id'])
		.select((eb) =>
			eb
				.selectFrom('report_message')
				.select((m) => m.fn.countAll<number | string>().as('n'))
				.whereRef('report_message.report_id', '=', 'report.id')
				.where('report_message.author', '=', 'school')
				.as('from_school')
		)
		.where('report.child_id', '=', child.id)
		.orderBy('report.received_on', 'desc')
		.orderBy('report.id')
		.execute();
	const schools = await findSchoolsByIds(db, rows.map((row) => row.school_id));
	return rows.map((row) => ({ id: row.id, schoolName: schools.get(row.school_id)?.name ?? '', receivedOn: row.received_on, status: row.status, messagesFromSchool: Number(row.from_school ?? 0) }));
}

export interface SharedItemView {
	id: string;
	kind: 'incident' | 'attachment';
	/** The dossier's id of the item (for a link to it in the dossier). */
	sourceId: string;
	parentItemId: string | null;
	sharedOn: string;
	withdrawnOn: string | null;
	incident?: SharedIncident;
	file?: SharedFile;
}

export interface DossierReportView extends ReporterView {
	items: SharedItemView[];
}

async function requireDossierReport(db: Db, actor: Actor | undefined, childId: string, reportId: string) {
	const child = await getChild(db, actor, childId);
	const row = isId(reportId) ? await db.selectFrom('report').select(['child_id', 'school_id']).where('id', '=', reportId).executeTakeFirst() : undefined;
	// Another child's report looks absent, like one that does not exist.
	if (!row || row.child_id !== child.id) throw new NotFoundError();
	return { child, report: await openReportById(db, reportId), schoolId: row.school_id };
}

function itemViewOf(key: DataKey, row: { id: string; kind: 'incident' | 'attachment'; source_id: string; parent_item_id: string | null; content: string | null; shared_on: string; withdrawn_on: string | null }): SharedItemView {
	const content = row.content === null ? undefined : (JSON.parse(key.open(row.content)) as SharedIncident | SharedFile);
	return {
		id: row.id,
		kind: row.kind,
		sourceId: row.source_id,
		parentItemId: row.parent_item_id,
		sharedOn: row.shared_on,
		withdrawnOn: row.withdrawn_on,
		...(content ? (row.kind === 'incident' ? { incident: content as SharedIncident } : { file: content as SharedFile }) : {})
	};
}

/** The shared items of a report in the order shared; also what the school's pages show of them. */
export async function sharedItemsOf(db: Db, reportId: string, schoolId: string): Promise<SharedItemView[]> {
	const key = await ensureDataKey(db, schoolScope(schoolId));
	const rows = await db.selectFrom('report_item').selectAll().where('report_id', '=', reportId).orderBy('position').execute();
	return rows.map((row) => itemViewOf(key, row));
}

/** One report of this child's dossier, with the messages and the consent list. */
export async function getDossierReport(db: Db, actor: Actor | undefined, childId: string, reportId: string): Promise<DossierReportView> {
	const { report, schoolId } = await requireDossierReport(db, actor, childId, reportId);
	return { ...report, items: await sharedItemsOf(db, report.id, schoolId) };
}

/** The parent answers the school, in the dossier. */
export async function addParentMessage(db: Db, actor: Actor | undefined, childId: string, reportId: string, body: string): Promise<void> {
	const { report } = await requireDossierReport(db, actor, childId, reportId);
	await addReporterMessage(db, report.id, body);
}

/**
 * Withdraws the consent for one shared item (and, for an incident, for its files): the copies and files are
 * erased at once and the school keeps only the line "withdrawn on <day>". Withdrawing twice changes nothing.
 */
export async function withdrawSharedItem(db: Db, actor: Actor | undefined, childId: string, reportId: string, itemId: string): Promise<void> {
	const { report } = await requireDossierReport(db, actor, childId, reportId);
	const items = await db.selectFrom('report_item').select(['id', 'parent_item_id', 'withdrawn_on']).where('report_id', '=', report.id).execute();
	const item = items.find((i) => i.id === itemId);
	if (!item) throw new NotFoundError();
	if (item.withdrawn_on !== null) return;
	const ids = [item.id, ...items.filter((i) => i.parent_item_id === item.id && i.withdrawn_on === null).map((i) => i.id)];
	const fileKeys = await db.transaction().execute(async (trx) => {
		// Journalled first (decision 0014): a backup made before this withdrawal must not bring the copies back.
		for (const id of ids) recordErasure('report_item', id);
		const files = await trx.selectFrom('report_attachment').select('file_key').where('item_id', 'in', ids).execute();
		await trx.deleteFrom('report_attachment').where('item_id', 'in', ids).execute();
		await trx.updateTable('report_item').set({ content: null, withdrawn_on: todayInNetherlands() }).where('id', 'in', ids).execute();
		await recordAudit(trx, { actorUserId: actor!.userId, action: 'report.item.withdraw', subjectType: 'report', subjectId: report.id, detail: { items: ids.length } });
		return files.map((f) => f.file_key);
	});
	await finishErasure(db, fileKeys);
}

/** At restore: shared items withdrawn after the backup was made are withdrawn again. Returns the file keys. */
export async function replayWithdrawals(db: Db, entries: readonly ErasureEntry[]): Promise<{ fileKeys: string[]; items: number }> {
	const ids = entries.filter((e) => e.kind === 'report_item').map((e) => ({ id: e.id, on: e.on }));
	const fileKeys: string[] = [];
	let items = 0;
	for (const { id, on } of ids) {
		const item = await db.selectFrom('report_item').select(['id', 'withdrawn_on']).where('id', '=', id).executeTakeFirst();
		if (!item || item.withdrawn_on !== null) continue;
		const files = await db.selectFrom('report_attachment').select('file_key').where('item_id', '=', id).execute();
		await db.deleteFrom('report_attachment').where('item_id', '=', id).execute();
		await db.updateTable('report_item').set({ content: null, withdrawn_on: on }).where('id', '=', id).execute();
		fileKeys.push(...files.map((f) => f.file_key));
		items++;
	}
	return { fileKeys, items };
}
