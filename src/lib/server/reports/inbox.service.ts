/**
 * The school's report inbox (issue 11 items 3 and 4, decision 0020): the list of every report of one school, one
 * report's page for staff with its possible duplicates, acknowledging, oral and paper reports entered by staff and
 * the CSV export. Only the school's aanspreekpunt and coordinator; everyone else gets the NotFound of an absent
 * school or report (SECURITY.md), whatever their role.
 *
 * The list reads plain columns only (day, channel, kind, named or not, status): unsealing 2 000 reports' text on
 * every request would cost CPU for nothing the list shows. Text is opened on one report's page, and for its
 * duplicate suggestions only the same school year's place and names are opened (decision 0020).
 */
import { sharedItemsOf, type SharedItemView } from './dossier-report.service';
import { caseOfReport } from '../cases/case.service';
import type { Db } from '../db/connect';
import type { ReportRow, School } from '../db/schema';
import type { Actor } from '../auth/actor';
import { isId } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import { getFile } from '../files/file-store';
import { ForbiddenError, NotFoundError, RuleError } from '../errors';
import { requireSchool, mayActOnSchool } from '../schools/school-access';
import { checkReportImages, contentOf, replyToReporter, storeReport, type ReportContent, type ReportFileRefusal, type UploadedImage } from './report.service';
import type { Receipt } from '../../reports/receipt-code';
import type { ReporterKind } from '../../reports/report-form';
import { todayInNetherlands } from '../../i18n/locale';
import { acknowledgementDueOn, DEFAULT_ACKNOWLEDGEMENT_SCHOOL_DAYS, isDay, isOverdue, type AcknowledgementTarget } from '../../cases/school-days';
import { schoolYearOf } from '../../schools/legal-duties';
import { comparerFor, isoWeekOf, type ReportForComparison, type SuggestionReason } from '../../reports/duplicate-suggestions';
import { ageInDays, INBOX_PAGE_SIZE, overdueCutoff, pupilNamesFrom, type Channel, type InboxFilter, type StaffReportInput } from '../../reports/inbox';

/** Who reads the inbox and the reports in it (the case handlers come with cases). */
export const INBOX_ROLES = ['aanspreekpunt', 'coordinator'] as const;

/** At most this many suggestions on one report's page, strongest first: staff read each one, so few and good. */
export const MAX_SUGGESTIONS = 10;

/**
 * The access check of every inbox function. A role that may not read reports at all answers NotFound too, like a
 * school that does not exist: a mentor learns nothing about the inbox, not even that it is there.
 */
async function requireInbox(db: Db, actor: Actor | undefined, schoolCode: string): Promise<School & { actor: Actor }> {
	try {
		const school = await requireSchool(db, actor, schoolCode, INBOX_ROLES);
		return { ...school, actor: actor! };
	} catch (error) {
		if (error instanceof ForbiddenError) throw new NotFoundError();
		throw error;
	}
}

/** The school of an inbox page, for its heading; NotFound for anyone but its aanspreekpunt and coordinator. */
export async function getInboxSchool(db: Db, actor: Actor | undefined, schoolCode: string): Promise<{ name: string; code: string }> {
	const school = await requireInbox(db, actor, schoolCode);
	return { name: school.name, code: school.vestigingscode };
}

async function requireReport(db: Db, school: School, reportId: string): Promise<ReportRow> {
	if (!isId(reportId)) throw new NotFoundError();
	const row = await db.selectFrom('report').selectAll().where('id', '=', reportId).where('school_id', '=', school.id).executeTakeFirst();
	if (!row) throw new NotFoundError();
	return row;
}

/** The school's acknowledgement target; a school that never set one has the default of two school days. */
export async function acknowledgementTargetOf(db: Db, schoolId: string): Promise<AcknowledgementTarget> {
	const row = await db.selectFrom('report_settings').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
	if (!row) return { schoolDays: DEFAULT_ACKNOWLEDGEMENT_SCHOOL_DAYS, noSchoolDays: [] };
	const days = JSON.parse(row.no_school_days) as unknown;
	return { schoolDays: Number(row.acknowledgement_school_days), noSchoolDays: Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string' && isDay(d)) : [] };
}

/** Sets the school's target (0–20 school days) and the days it is closed (holidays, study days). Audited. */
export async function setAcknowledgementTarget(db: Db, actor: Actor | undefined, schoolCode: string, target: AcknowledgementTarget): Promise<void> {
	const school = await requireInbox(db, actor, schoolCode);
	if (!Number.isInteger(target.schoolDays) || target.schoolDays < 0 || target.schoolDays > 20) throw new RuleError('schoolDays', 'inbox_error_target');
	if (target.noSchoolDays.length > 400 || !target.noSchoolDays.every(isDay)) throw new RuleError('noSchoolDays', 'inbox_error_no_school_days');
	const values = { acknowledgement_school_days: target.schoolDays, no_school_days: JSON.stringify([...new Set(target.noSchoolDays)].sort()) };
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('report_settings')
			.values({ school_id: school.id, ...values })
			.onConflict((oc) => oc.column('school_id').doUpdateSet(values))
			.execute();
		await recordAudit(trx, { actorUserId: school.actor.userId, action: 'report.settings', subjectType: 'school', subjectId: school.id, detail: { schoolDays: target.schoolDays, noSchoolDays: target.noSchoolDays.length } });
	});
}

export interface InboxRow {
	id: string;
	channel: Channel;
	reporterKind: ReporterKind;
	anonymous: boolean;
	receivedOn: string;
	ageInDays: number;
	acknowledgedOn: string | null;
	acknowledged: boolean;
	dueOn: string;
	overdue: boolean;
}

export interface Inbox {
	school: { name: string; code: string };
	target: AcknowledgementTarget;
	filter: InboxFilter;
	rows: InboxRow[];
	page: number;
	pages: number;
	total: number;
	newCount: number;
	/** Unacknowledged reports past their due day. */
	overdueCount: number;
}

const LIST_COLUMNS = ['id', 'channel', 'reporter_kind', 'anonymous', 'received_on', 'status', 'acknowledged_on'] as const;

type ListRow = Pick<ReportRow, (typeof LIST_COLUMNS)[number]>;

function rowOf(row: ListRow, today: string, target: AcknowledgementTarget): InboxRow {
	const acknowledgedOn = row.acknowledged_on;
	const acknowledged = row.status !== 'new';
	return {
		id: row.id,
		channel: row.channel,
		reporterKind: row.reporter_kind,
		anonymous: Number(row.anonymous) === 1,
		receivedOn: row.received_on,
		ageInDays: ageInDays(row.received_on, today),
		acknowledgedOn,
		acknowledged,
		dueOn: acknowledgementDueOn(row.received_on, target),
		// An acknowledgement from before migration 012 has no day; it counts as on time rather than as late.
		overdue: acknowledged && !acknowledgedOn ? false : isOverdue(row.received_on, acknowledgedOn ?? undefined, today, target)
	};
}

/** The school's counts for its staff home page: how many reports are new. Undefined for anyone outside the inbox. */
export async function countNewReports(db: Db, actor: Actor | undefined, schoolId: string): Promise<number | undefined> {
	// The inbox roles are held at one school, never through a board, so the school's board does not matter here.
	if (!actor || !mayActOnSchool(actor, { id: schoolId, board_id: null }, INBOX_ROLES)) return undefined;
	const row = await db.selectFrom('report').select((eb) => eb.fn.countAll<number | string>().as('n')).where('school_id', '=', schoolId).where('status', '=', 'new').executeTakeFirst();
	return Number(row?.n ?? 0);
}

/**
 * One page of the inbox: new reports first, then the newest, 25 a page. Plain columns only; the counts come from
 * the index on (school, status, received_on), the overdue count from one range on it (overdueCutoff).
 */
export async function listInbox(db: Db, actor: Actor | undefined, schoolCode: string, options: { filter?: InboxFilter; page?: number } = {}, today = todayInNetherlands()): Promise<Inbox> {
	const school = await requireInbox(db, actor, schoolCode);
	const filter = options.filter ?? 'all';
	const target = await acknowledgementTargetOf(db, school.id);
	const cutoff = overdueCutoff(today, target);
	const counts = await db
		.selectFrom('report')
		.select((eb) => [
			eb.fn.countAll<number | string>().as('total'),
			eb.fn.sum<number | string | null>(eb.case().when('status', '=', 'new').then(1).else(0).end()).as('new'),
			eb.fn.sum<number | string | null>(eb.case().when(eb.and([eb('status', '=', 'new'), eb('received_on', '<', cutoff)])).then(1).else(0).end()).as('overdue')
		])
		.where('school_id', '=', school.id)
		.executeTakeFirst();
	const total = Number(counts?.total ?? 0);
	const newCount = Number(counts?.new ?? 0);
	const listed = filter === 'new' ? newCount : total;
	const pages = Math.max(1, Math.ceil(listed / INBOX_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
	let query = db.selectFrom('report').select(LIST_COLUMNS).where('school_id', '=', school.id);
	if (filter === 'new') query = query.where('status', '=', 'new');
	// 'new' sorts after 'acknowledged', so descending puts new reports first; the id settles equal days.
	const rows = await query
		.orderBy('status', 'desc')
		.orderBy('received_on', 'desc')
		.orderBy('id', 'desc')
		.limit(INBOX_PAGE_SIZE)
		.offset((page - 1) * INBOX_PAGE_SIZE)
		.execute();
	return {
		school: { name: school.name, code: school.vestigingscode },
		target,
		filter,
		rows: rows.map((row) => rowOf(row, today, target)),
		page,
		pages,
		total,
		newCount,
		overdueCount: Number(counts?.overdue ?? 0)
	};
}

/** Every report of the school as plain rows for the CSV export (no text: the export is the list). Audited. */
export async function exportInbox(db: Db, actor: Actor | undefined, schoolCode: string, today = todayInNetherlands()): Promise<{ school: { name: string; code: string }; rows: InboxRow[] }> {
	const school = await requireInbox(db, actor, schoolCode);
	const target = await acknowledgementTargetOf(db, school.id);
	const rows = await db.selectFrom('report').select(LIST_COLUMNS).where('school_id', '=', school.id).orderBy('status', 'desc').orderBy('received_on', 'desc').orderBy('id', 'desc').execute();
	await recordAudit(db, { actorUserId: school.actor.userId, action: 'report.inbox.export', subjectType: 'school', subjectId: school.id, detail: { rows: rows.length } });
	return { school: { name: school.name, code: school.vestigingscode }, rows: rows.map((row) => rowOf(row, today, target)) };
}

export interface StaffMessageView {
	position: number;
	author: 'reporter' | 'school';
	body: string;
	writtenOn: string;
}

export interface StaffAttachmentView {
	id: string;
	contentType: string;
	size: number;
	/** A file a parent shared from the dossier (a PDF perhaps): listed with its item, not among the photos. */
	itemId: string | null;
}

export interface LinkedReportView {
	id: string;
	receivedOn: string;
	channel: Channel;
	decidedOn: string;
}

export interface SuggestionView {
	id: string;
	receivedOn: string;
	channel: Channel;
	score: number;
	/** The reasons, with the names they point at from each report (shown to staff who may read both). */
	reasons: { kind: SuggestionReason['kind']; match?: 'exact' | 'close'; names?: [string, string]; week?: string; hashes?: number }[];
}

export interface StaffReportView extends ReportContent {
	id: string;
	school: { name: string; code: string };
	channel: Channel;
	reporterKind: ReporterKind;
	anonymous: boolean;
	receivedOn: string;
	ageInDays: number;
	dueOn: string;
	overdue: boolean;
	status: 'new' | 'acknowledged';
	acknowledgedOn: string | null;
	enteredByName: string | null;
	hasReceipt: boolean;
	attachments: StaffAttachmentView[];
	/** What a parent shared from the dossier, in the order shared; a withdrawn item keeps only its day. */
	shared: SharedItemView[];
	/** The case that handles this report, if one was opened. */
	caseId: string | null;
	messages: StaffMessageView[];
	links: LinkedReportView[];
	suggestions: SuggestionView[];
}

/**
 * Possible duplicates of one report among the school's other reports of the same school year: the only reports
 * compared (classes change on 1 August), so the work is bounded by one school year of one school. Pairs staff
 * already decided (linked or dismissed) are left out: a dismissed pair is never suggested again.
 */
async function suggestionsFor(db: Db, row: ReportRow, key: Awaited<ReturnType<typeof ensureDataKey>>): Promise<{ links: LinkedReportView[]; suggestions: SuggestionView[] }> {
	const decided = await db
		.selectFrom('report_link')
		.select(['report_a', 'report_b', 'decision', 'decided_on'])
		.where((eb) => eb.or([eb('report_a', '=', row.id), eb('report_b', '=', row.id)]))
		.execute();
	const decidedIds = new Set(decided.map((d) => (d.report_a === row.id ? d.report_b : d.report_a)));
	const year = schoolYearOf(row.received_on);
	const others = await db
		.selectFrom('report')
		.select(['id', 'received_on', 'channel', 'occurred_on', 'place', 'people_involved'])
		.where('school_id', '=', row.school_id)
		.where('received_on', '>=', year.start)
		.where('received_on', '<=', year.end)
		.where('id', '!=', row.id)
		.execute();
	const macs = await db
		.selectFrom('report_attachment')
		.innerJoin('report', 'report.id', 'report_attachment.report_id')
		.select(['report_attachment.report_id', 'report_attachment.content_mac'])
		.where('report.school_id', '=', row.school_id)
		.where('report.received_on', '>=', year.start)
		.where('report.received_on', '<=', year.end)
		.execute();
	const macsOf = new Map<string, string[]>();
	for (const m of macs) macsOf.set(m.report_id, [...(macsOf.get(m.report_id) ?? []), m.content_mac]);
	const selfWeek = row.occurred_on ? isoWeekOf(row.occurred_on) : undefined;
	const comparable = (r: { id: string; received_on: string; occurred_on: string | null; place: string | null; people_involved: string | null }): ReportForComparison => {
		const week = r.occurred_on ? isoWeekOf(r.occurred_on) : undefined;
		// The place only counts together with the same week: no need to unseal it for a report of another week.
		const place = r.id === row.id || (week && week === selfWeek) ? key.openOrNull(r.place) : null;
		return {
			id: r.id,
			schoolYear: year.label,
			receivedOn: r.received_on,
			place: place ? { text: place } : undefined,
			occurrenceWeek: week,
			pupilNames: pupilNamesFrom(key.openOrNull(r.people_involved)),
			evidenceHashes: macsOf.get(r.id) ?? []
		};
	};
	const self = comparable(row);
	const compareWithSelf = comparerFor(self);
	const suggestions: SuggestionView[] = [];
	for (const other of others) {
		if (decidedIds.has(other.id)) continue;
		const otherComparable = comparable(other);
		const suggestion = compareWithSelf(otherComparable);
		if (!suggestion) continue;
		// reportIds (and the name indexes) put the earlier report first; find which side this report is on.
		const selfFirst = suggestion.reportIds[0] === row.id;
		suggestions.push({
			id: other.id,
			receivedOn: other.received_on,
			channel: other.channel,
			score: suggestion.score,
			reasons: suggestion.reasons.map((reason) => {
				if (reason.kind === 'same_evidence') return { kind: reason.kind, hashes: reason.hashes };
				if (reason.kind === 'same_place_and_week') return { kind: reason.kind, week: reason.week };
				const [first, second] = reason.names;
				const [mine, theirs] = selfFirst ? [first, second] : [second, first];
				const names: [string, string] = [self.pupilNames[mine] ?? '', otherComparable.pupilNames[theirs] ?? ''];
				return reason.kind === 'same_pupil' ? { kind: reason.kind, match: reason.match, names } : { kind: reason.kind, names };
			})
		});
	}
	suggestions.sort((a, b) => b.score - a.score || (a.receivedOn < b.receivedOn ? 1 : a.receivedOn > b.receivedOn ? -1 : 0));
	const confirmed = decided.filter((d) => d.decision === 'confirmed');
	const linkedIds = confirmed.map((d) => (d.report_a === row.id ? d.report_b : d.report_a));
	const linkedRows = linkedIds.length ? await db.selectFrom('report').select(['id', 'received_on', 'channel']).where('id', 'in', linkedIds).execute() : [];
	const links = confirmed
		.map((d) => {
			const id = d.report_a === row.id ? d.report_b : d.report_a;
			const r = linkedRows.find((x) => x.id === id);
			return r ? { id, receivedOn: r.received_on, channel: r.channel, decidedOn: d.decided_on } : undefined;
		})
		.filter((x): x is LinkedReportView => x !== undefined)
		.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1));
	return { links, suggestions: suggestions.slice(0, MAX_SUGGESTIONS) };
}

/** One report as staff see it: its text, files, thread, links and possible duplicates. Every view is audited. */
export async function getReportForStaff(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, today = todayInNetherlands()): Promise<StaffReportView> {
	const school = await requireInbox(db, actor, schoolCode);
	const row = await requireReport(db, school, reportId);
	const key = await ensureDataKey(db, schoolScope(school.id));
	const target = await acknowledgementTargetOf(db, school.id);
	const messages = await db.selectFrom('report_message').selectAll().where('report_id', '=', row.id).orderBy('position').execute();
	const attachments = await db.selectFrom('report_attachment').select(['id', 'content_type', 'size', 'item_id']).where('report_id', '=', row.id).orderBy('id').execute();
	const shared = row.child_id || row.reporter_user_id ? await sharedItemsOf(db, row.id, school.id) : [];
	const caseId = (await caseOfReport(db, row.id)) ?? null;
	const enteredBy = row.entered_by_user_id ? await db.selectFrom('app_user').select('display_name').where('id', '=', row.entered_by_user_id).executeTakeFirst() : undefined;
	const { links, suggestions } = await suggestionsFor(db, row, key);
	// Who read which report and when; never what it says.
	await recordAudit(db, { actorUserId: school.actor.userId, action: 'report.view', subjectType: 'report', subjectId: row.id, detail: { schoolId: school.id } });
	const listed = rowOf(row, today, target);
	return {
		id: row.id,
		school: { name: school.name, code: school.vestigingscode },
		channel: row.channel,
		reporterKind: row.reporter_kind,
		anonymous: listed.anonymous,
		receivedOn: row.received_on,
		ageInDays: listed.ageInDays,
		dueOn: listed.dueOn,
		overdue: listed.overdue,
		status: row.status,
		acknowledgedOn: row.acknowledged_on,
		enteredByName: enteredBy?.display_name ?? null,
		hasReceipt: row.receipt_lookup !== null,
		...contentOf(key, row),
		attachments: attachments.map((a) => ({ id: a.id, contentType: a.content_type, size: Number(a.size), itemId: a.item_id })),
		shared,
		caseId,
		messages: messages.map((m) => ({ position: Number(m.position), author: m.author, body: key.open(m.body), writtenOn: m.written_on })),
		links,
		suggestions
	};
}

/**
 * A reply to the reporter from the report's page: the inbox's access check first (so another role gets the same
 * NotFound as on the page itself), then the report service's reply, which acknowledges and audits.
 */
export async function replyFromInbox(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, body: string): Promise<void> {
	const school = await requireInbox(db, actor, schoolCode);
	await requireReport(db, school, reportId);
	await replyToReporter(db, actor, schoolCode, reportId, body);
}

/** Acknowledges a report today: the status and the day, audited. Acknowledging twice keeps the first day. */
export async function acknowledgeReport(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, today = todayInNetherlands()): Promise<void> {
	const school = await requireInbox(db, actor, schoolCode);
	const row = await requireReport(db, school, reportId);
	if (row.status !== 'new') return;
	await db.transaction().execute(async (trx) => {
		const result = await trx.updateTable('report').set({ status: 'acknowledged', acknowledged_on: today }).where('id', '=', row.id).where('status', '=', 'new').executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) return;
		await recordAudit(trx, { actorUserId: school.actor.userId, action: 'report.acknowledge', subjectType: 'report', subjectId: row.id, detail: { schoolId: school.id } });
	});
}

/**
 * Staff confirm (link) or dismiss a suggested pair. Both reports must be of this school; the pair is stored once
 * (report_a < report_b), and a second decision on the same pair changes nothing. Never automatic.
 */
export async function decideSuggestion(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, otherId: string, decision: 'confirmed' | 'dismissed', today = todayInNetherlands()): Promise<void> {
	const school = await requireInbox(db, actor, schoolCode);
	const row = await requireReport(db, school, reportId);
	const other = await requireReport(db, school, otherId);
	if (row.id === other.id) throw new NotFoundError();
	const [a, b] = row.id < other.id ? [row.id, other.id] : [other.id, row.id];
	await db.transaction().execute(async (trx) => {
		const inserted = await trx
			.insertInto('report_link')
			.values({ report_a: a, report_b: b, school_id: school.id, decision, decided_by_user_id: school.actor.userId, decided_on: today })
			.onConflict((oc) => oc.columns(['report_a', 'report_b']).doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
		await recordAudit(trx, { actorUserId: school.actor.userId, action: decision === 'confirmed' ? 'report.link' : 'report.link.dismiss', subjectType: 'report', subjectId: row.id, detail: { schoolId: school.id, otherReportId: other.id } });
	});
}

/** One photo of a report, decrypted, for staff; audited. NotFound for another school's file or a wrong report. */
export async function getReportAttachment(db: Db, actor: Actor | undefined, schoolCode: string, reportId: string, attachmentId: string): Promise<{ bytes: Buffer; contentType: string }> {
	const school = await requireInbox(db, actor, schoolCode);
	const row = await requireReport(db, school, reportId);
	if (!isId(attachmentId)) throw new NotFoundError();
	const attachment = await db.selectFrom('report_attachment').selectAll().where('id', '=', attachmentId).where('report_id', '=', row.id).executeTakeFirst();
	if (!attachment) throw new NotFoundError();
	const bytes = await getFile(attachment.file_key, await ensureDataKey(db, schoolScope(school.id)));
	if (!bytes) throw new NotFoundError();
	await recordAudit(db, { actorUserId: school.actor.userId, action: 'report.attachment.view', subjectType: 'report', subjectId: row.id, detail: { schoolId: school.id, attachmentId } });
	return { bytes, contentType: attachment.content_type };
}

export type EnterResult = { ok: true; reportId: string; receipt: Receipt | undefined } | { ok: false; refused: { name: string; reasonKey: ReportFileRefusal }[] };

/**
 * A report heard in person, by phone, e-mail or on paper, entered by the school's staff, with photos or scans if
 * there are any. It is stored the way an online report is (checkReportImages, storeReport), with the channel, the
 * day it came in and who entered it; with a receipt when asked, which is returned once and never stored. If a file
 * is refused, nothing is stored. Audited (who entered which report; no content).
 */
export async function enterReport(db: Db, actor: Actor | undefined, schoolCode: string, input: StaffReportInput, files: readonly UploadedImage[] = [], today = todayInNetherlands()): Promise<EnterResult> {
	const school = await requireInbox(db, actor, schoolCode);
	const receivedOn = input.receivedOn || today;
	if (!isDay(receivedOn) || receivedOn > today) throw new RuleError('receivedOn', 'inbox_error_received_future');
	const { refused, images } = await checkReportImages(files);
	if (refused.length > 0) return { ok: false, refused };
	const stored = await storeReport(db, school.id, input.report, images, { channel: input.channel, receivedOn, enteredBy: school.actor.userId, withReceipt: input.withReceipt }, async (trx, reportId) => {
		await recordAudit(trx, { actorUserId: school.actor.userId, action: 'report.enter', subjectType: 'report', subjectId: reportId, detail: { schoolId: school.id, channel: input.channel, receipt: input.withReceipt, photos: images.length } });
	});
	return { ok: true, ...stored };
}
