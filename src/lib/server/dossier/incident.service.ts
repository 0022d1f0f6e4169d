/**
 * Incidents (GLOSSARY: incident): what a parent writes down with the child. A quick entry first, details later;
 * the timeline newest first with filters, and its summary. Only the child's guardians reach them.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { IncidentRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { RuleError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { requireChild, requireIncident, type DossierChild } from './dossier-access';
import { openColumns, sealColumns } from './sealed-columns';
import type { DataKey } from '../crypto/envelope';
import { BULLYING_FORMS, sortedFormCounts, summarise, type BullyingForm, type DossierSummary, type IncidentDetailInput, type IncidentQuickInput, type Place, type TimelineFilter } from '../../dossier/dossier';

export interface IncidentView {
	id: string;
	occurredOn: string;
	occurredTime: string | null;
	approximate: boolean;
	place: Place | null;
	placeDetail: string | null;
	onlinePlatform: string | null;
	forms: BullyingForm[];
	perpetrators: string | null;
	witnesses: string | null;
	whatHappened: string | null;
	childResponse: string | null;
	adultsKnew: string | null;
	impactEmotional: string | null;
	impactPhysical: string | null;
	absenceDays: number | null;
	physicalViolence: boolean;
	attachmentCount: number;
	createdAt: string;
	updatedAt: string;
}

function parseForms(json: string): BullyingForm[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((x): x is BullyingForm => (BULLYING_FORMS as readonly string[]).includes(x as string)) : [];
	} catch {
		return [];
	}
}

function toView(key: DataKey, sealed: IncidentRow, attachmentCount = 0): IncidentView {
	const row = openColumns(key, 'incident', sealed);
	return {
		id: row.id,
		occurredOn: row.occurred_on,
		occurredTime: row.occurred_time,
		approximate: Boolean(Number(row.approximate)),
		place: row.place as Place | null,
		placeDetail: row.place_detail,
		onlinePlatform: row.online_platform,
		forms: parseForms(row.forms),
		perpetrators: row.perpetrators,
		witnesses: row.witnesses,
		whatHappened: row.what_happened,
		childResponse: row.child_response,
		adultsKnew: row.adults_knew,
		impactEmotional: row.impact_emotional,
		impactPhysical: row.impact_physical,
		absenceDays: row.absence_days === null ? null : Number(row.absence_days),
		physicalViolence: Boolean(Number(row.physical_violence)),
		attachmentCount,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

/** An incident cannot be before the year the child was born (nor in the future: the form checks that). */
function checkDate(child: DossierChild, occurredOn: string): void {
	if (Number(occurredOn.slice(0, 4)) < Number(child.birth_year)) throw new RuleError('occurredOn', 'dossier_error_before_birth');
}

export async function recordIncident(db: Db, actor: Actor | undefined, childId: string, input: IncidentQuickInput): Promise<string> {
	const child = await requireChild(db, actor, childId);
	checkDate(child, input.occurredOn);
	const now = nowIso();
	const id = newId();
	await db
		.insertInto('incident')
		.values({
			id,
			child_id: child.id,
			occurred_on: input.occurredOn,
			occurred_time: null,
			approximate: input.approximate,
			place: null,
			place_detail: null,
			online_platform: null,
			forms: JSON.stringify(input.forms),
			perpetrators: null,
			witnesses: null,
			what_happened: child.key.sealOrNull(input.whatHappened),
			child_response: null,
			adults_knew: null,
			impact_emotional: null,
			impact_physical: null,
			absence_days: null,
			physical_violence: input.physicalViolence,
			created_at: now,
			updated_at: now
		})
		.execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'incident.record', subjectType: 'child', subjectId: child.id, detail: { incident: id } });
	return id;
}

export async function updateIncident(db: Db, actor: Actor | undefined, childId: string, incidentId: string, input: IncidentDetailInput): Promise<void> {
	const { child, incident } = await requireIncident(db, actor, childId, incidentId);
	checkDate(child, input.occurredOn);
	await db
		.updateTable('incident')
		.set({
			...sealColumns(child.key, 'incident', {
				place_detail: input.placeDetail,
				// A platform only makes sense for something online.
				online_platform: input.place === 'online' || input.forms.some((f) => f.startsWith('online_')) ? input.onlinePlatform : null,
				perpetrators: input.perpetrators,
				witnesses: input.witnesses,
				what_happened: input.whatHappened,
				child_response: input.childResponse,
				adults_knew: input.adultsKnew,
				impact_emotional: input.impactEmotional,
				impact_physical: input.impactPhysical
			}),
			occurred_on: input.occurredOn,
			occurred_time: input.occurredTime,
			approximate: input.approximate,
			place: input.place,
			forms: JSON.stringify(input.forms),
			absence_days: input.absenceDays,
			physical_violence: input.physicalViolence,
			updated_at: nowIso()
		})
		.where('id', '=', incident.id)
		.execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'incident.update', subjectType: 'child', subjectId: child.id, detail: { incident: incident.id } });
}

/** Deletes an incident; returns the storage keys of its attachments, for the caller to delete after the commit. */
export async function deleteIncident(db: Db, actor: Actor | undefined, childId: string, incidentId: string): Promise<string[]> {
	const { child, incident } = await requireIncident(db, actor, childId, incidentId);
	const files = await db.selectFrom('attachment').select('file_key').where('incident_id', '=', incident.id).execute();
	await db.deleteFrom('attachment').where('incident_id', '=', incident.id).execute();
	await db.deleteFrom('incident').where('id', '=', incident.id).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'incident.delete', subjectType: 'child', subjectId: child.id, detail: { incident: incident.id } });
	return files.map((f) => f.file_key);
}

export async function getIncident(db: Db, actor: Actor | undefined, childId: string, incidentId: string): Promise<IncidentView> {
	const { child, incident } = await requireIncident(db, actor, childId, incidentId);
	const count = await db.selectFrom('attachment').select((eb) => eb.fn.countAll().as('n')).where('incident_id', '=', incident.id).executeTakeFirst();
	return toView(child.key, incident, Number(count?.n ?? 0));
}

export interface Timeline {
	incidents: IncidentView[];
	/** The summary of the whole dossier, not only of the filtered part. */
	summary: DossierSummary;
	filtered: boolean;
}

/** Which part of the timeline to show: page `page` (from 1; out of range is brought in range) of `size` incidents. */
export interface TimelinePaging {
	page: number;
	size: number;
}

/** What the timeline shows of an incident, and all that is read and opened of it for the dossier page. */
export interface TimelineEntry {
	id: string;
	occurredOn: string;
	occurredTime: string | null;
	approximate: boolean;
	forms: BullyingForm[];
	whatHappened: string | null;
	physicalViolence: boolean;
	attachmentCount: number;
}

/** One page of the timeline: its entries, the summary of all incidents, and where the page is among the pages. */
export interface TimelinePage {
	incidents: TimelineEntry[];
	summary: DossierSummary;
	filtered: boolean;
	/** The page shown, how many there are (at least 1), and how many incidents the filter lets through on all pages. */
	paging: { page: number; pages: number; total: number };
}

/** The child's incidents, newest first, filtered by form and period; with the summary of all of them. For the PDF and the letters, which need every field. */
export async function getTimeline(db: Db, actor: Actor | undefined, childId: string, filter: TimelineFilter = {}): Promise<Timeline> {
	const child = await requireChild(db, actor, childId);
	// The same order on every request, also for incidents written at the same moment (the id decides between them).
	const rows = await db.selectFrom('incident').selectAll().where('child_id', '=', child.id).orderBy('occurred_on', 'desc').orderBy('occurred_time', (ob) => ob.desc().nullsLast()).orderBy('created_at', 'desc').orderBy('id').execute();
	const counts = await db.selectFrom('attachment').select(['incident_id', (eb) => eb.fn.countAll().as('n')]).where('child_id', '=', child.id).groupBy('incident_id').execute();
	const countOf = new Map(counts.map((c) => [c.incident_id, Number(c.n)]));
	const all = rows.map((row) => toView(child.key, row, countOf.get(row.id) ?? 0));
	const incidents = all.filter(
		(i) => (!filter.form || i.forms.includes(filter.form)) && (!filter.from || i.occurredOn >= filter.from) && (!filter.to || i.occurredOn <= filter.to)
	);
	return { incidents, summary: summarise(all), filtered: Boolean(filter.form || filter.from || filter.to) };
}

/** One page of the child's timeline (the dossier page). */
export async function getTimelinePage(db: Db, actor: Actor | undefined, childId: string, filter: TimelineFilter, paging: TimelinePaging): Promise<TimelinePage> {
	return timelinePageOf(db, await requireChild(db, actor, childId), filter, paging);
}

/**
 * One page of the timeline of a child the caller has already admitted (requireChild): the database filters, counts,
 * sorts and cuts the page (limit and offset), and only the columns the timeline shows are read, so one text per
 * incident is opened instead of nine; the summary of all incidents comes from aggregates over dates and codes, which
 * stay plain (DESIGN.md). Reading and rendering all 200 incidents of a long dossier was the dossier page's cost.
 */
export async function timelinePageOf(db: Db, child: DossierChild, filter: TimelineFilter, paging: TimelinePaging): Promise<TimelinePage> {
	const childId = child.id;
	const filtered = Boolean(filter.form || filter.from || filter.to);
	const matching = db
		.selectFrom('incident')
		.where('child_id', '=', childId)
		// The forms are a JSON array of codes: the quoted code is in it exactly when the array holds it ("_" escaped).
		.$if(Boolean(filter.form), (qb) => qb.where(sql<boolean>`${sql.ref('forms')} like ${`%${JSON.stringify(filter.form).replaceAll('_', '\\_')}%`} escape '\\'`))
		.$if(Boolean(filter.from), (qb) => qb.where('occurred_on', '>=', filter.from!))
		.$if(Boolean(filter.to), (qb) => qb.where('occurred_on', '<=', filter.to!));
	const summary = await summaryOf(db, childId);
	const total = filtered ? Number((await matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0) : summary.count;
	const pages = Math.max(1, Math.ceil(total / paging.size));
	const page = Math.min(Math.max(1, Math.trunc(paging.page) || 1), pages);
	const rows =
		total === 0
			? []
			: await matching
					.select(['id', 'occurred_on', 'occurred_time', 'approximate', 'forms', 'what_happened', 'physical_violence'])
					// Counted in the same query: one index look-up per row of the page (attachment_incident).
					.select((eb) => eb.selectFrom('attachment').select(eb.fn.countAll().as('n')).whereRef('attachment.incident_id', '=', 'incident.id').as('attachments'))
					.orderBy('occurred_on', 'desc')
					.orderBy('occurred_time', (ob) => ob.desc().nullsLast())
					.orderBy('created_at', 'desc')
					.orderBy('id')
					.limit(paging.size)
					.offset((page - 1) * paging.size)
					.execute();
	const incidents = rows.map(
		(row): TimelineEntry => ({
			id: row.id,
			occurredOn: row.occurred_on,
			occurredTime: row.occurred_time,
			approximate: Boolean(Number(row.approximate)),
			forms: parseForms(row.forms),
			whatHappened: child.key.openOrNull(row.what_happened),
			physicalViolence: Boolean(Number(row.physical_violence)),
			attachmentCount: Number(row.attachments ?? 0)
		})
	);
	return { incidents, summary, filtered, paging: { page, pages, total } };
}

/**
 * The summary of all the child's incidents, the same as `summarise` makes from the rows, from one aggregate query:
 * per distinct list of forms (parents pick a few forms per incident, so there are few lists however long the
 * dossier is), added up here.
 */
async function summaryOf(db: Db, childId: string): Promise<DossierSummary> {
	const groups = await db
		.selectFrom('incident')
		.where('child_id', '=', childId)
		.select((eb) => [
			'forms',
			eb.fn.countAll().as('count'),
			eb.fn.min('occurred_on').as('since'),
			eb.fn.max('occurred_on').as('latest'),
			eb.fn.sum('absence_days').as('absenceDays'),
			eb.fn.sum(eb.case().when('physical_violence', '<>', 0).then(1).else(0).end()).as('physicalViolence')
		])
		.groupBy('forms')
		.execute();
	const summary: DossierSummary = { count: 0, since: null, latest: null, forms: [], absenceDays: 0, physicalViolence: 0 };
	const forms = new Map<BullyingForm, number>();
	for (const group of groups) {
		const count = Number(group.count);
		summary.count += count;
		if (summary.since === null || group.since < summary.since) summary.since = group.since;
		if (summary.latest === null || group.latest > summary.latest) summary.latest = group.latest;
		summary.absenceDays += Number(group.absenceDays ?? 0);
		summary.physicalViolence += Number(group.physicalViolence ?? 0);
		for (const form of parseForms(group.forms)) forms.set(form, (forms.get(form) ?? 0) + count);
	}
	summary.forms = sortedFormCounts(forms);
	return summary;
}
