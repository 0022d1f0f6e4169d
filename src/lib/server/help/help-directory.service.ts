/**
 * The help directory: the public view (only verified facts, filtered by audience and topic) and the
 * platform admin's edits (create, edit, retire, restore), each written to the audit log.
 */
import type { Db } from '../db/connect';
import type { HelpResourceRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import type { Locale } from '../../i18n/locale';
import { HELP_AUDIENCES, HELP_TOPICS, type HelpAudience, type HelpResourceInput, type HelpTopic, type PublicHelpResource } from '../../help/help-directory';

function parseList<T extends string>(json: string, allowed: readonly T[]): T[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((x): x is T => (allowed as readonly string[]).includes(x)) : [];
	} catch {
		return [];
	}
}

function parseStrings(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

/** What the public may see: a field that is not verified is left out, never shown as fact. */
export function toPublic(row: HelpResourceRow, locale: Locale): PublicHelpResource {
	const english = locale === 'en';
	return {
		id: row.id,
		name: row.name,
		description: (english && row.description_en) || row.description_nl,
		descriptionInDutch: english && !row.description_en,
		whenToUse: (english && row.when_to_use_en) || row.when_to_use_nl,
		phone: row.phone && Number(row.phone_verified) ? row.phone : undefined,
		website: row.website && Number(row.website_verified) ? row.website : undefined,
		hours: row.hours && Number(row.hours_verified) ? row.hours : undefined,
		openNow: Boolean(Number(row.always_open) && Number(row.hours_verified)),
		ages: row.ages ?? undefined,
		channels: parseStrings(row.channels),
		audiences: parseList(row.audiences, HELP_AUDIENCES),
		topics: parseList(row.topics, HELP_TOPICS),
		sourceUrl: row.source_url,
		lastChecked: row.last_checked
	};
}

export interface HelpFilter {
	audience?: HelpAudience;
	topic?: HelpTopic;
}

/** The active records for the public page, filtered; 113 first when someone looks for help with suicidal thoughts. */
export async function listPublicHelp(db: Db, locale: Locale, filter: HelpFilter = {}): Promise<PublicHelpResource[]> {
	const rows = await db.selectFrom('help_resource').selectAll().where('retired_at', 'is', null).orderBy('name').execute();
	return rows
		.map((row) => toPublic(row, locale))
		.filter((r) => (!filter.audience || r.audiences.includes(filter.audience)) && (!filter.topic || r.topics.includes(filter.topic)));
}

export async function findPublicHelp(db: Db, id: string, locale: Locale): Promise<PublicHelpResource | undefined> {
	const row = await db.selectFrom('help_resource').selectAll().where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
	return row ? toPublic(row, locale) : undefined;
}

// Admin

export async function listAllHelp(db: Db, actor: Actor | undefined): Promise<HelpResourceRow[]> {
	requireRole(actor, ['platform_admin']);
	return db.selectFrom('help_resource').selectAll().orderBy('retired_at', 'desc').orderBy('name').execute();
}

export async function getHelpForEdit(db: Db, actor: Actor | undefined, id: string): Promise<HelpResourceRow> {
	requireRole(actor, ['platform_admin']);
	const row = await db.selectFrom('help_resource').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFoundError();
	return row;
}

function toColumns(input: HelpResourceInput) {
	return {
		name: input.name,
		description_nl: input.descriptionNl,
		description_en: input.descriptionEn,
		when_to_use_nl: input.whenToUseNl,
		when_to_use_en: input.whenToUseEn,
		phone: input.phone,
		phone_verified: input.phone ? input.phoneVerified : 0,
		website: input.website,
		website_verified: input.website ? input.websiteVerified : 0,
		hours: input.hours,
		hours_verified: input.hours ? input.hoursVerified : 0,
		always_open: input.alwaysOpen,
		ages: input.ages,
		channels: JSON.stringify(input.channels),
		audiences: JSON.stringify(input.audiences),
		topics: JSON.stringify(input.topics),
		source_url: input.sourceUrl,
		caveats: input.caveats,
		last_checked: input.lastChecked
	} as const;
}

/** The fields whose value changed, old and new: the audit log says what an admin did, not only that. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
	const diff: Record<string, { from: unknown; to: unknown }> = {};
	for (const [key, value] of Object.entries(after)) if (before[key] !== value) diff[key] = { from: before[key] ?? null, to: value };
	return diff;
}

export async function createHelp(db: Db, actor: Actor | undefined, input: HelpResourceInput): Promise<string> {
	requireRole(actor, ['platform_admin']);
	const now = nowIso();
	const columns = toColumns(input);
	const id = newId();
	await db.insertInto('help_resource').values({ id, ...columns, retired_at: null, created_at: now, updated_at: now }).execute();
	await recordAudit(db, { actorUserId: actor.userId, action: 'help.create', subjectType: 'help_resource', subjectId: id, detail: { changes: changes({}, columns) } });
	return id;
}

export async function updateHelp(db: Db, actor: Actor | undefined, id: string, input: HelpResourceInput): Promise<void> {
	const before = await getHelpForEdit(db, actor, id);
	const columns = toColumns(input);
	const diff = changes(before as unknown as Record<string, unknown>, columns);
	if (Object.keys(diff).length === 0) return;
	await db.updateTable('help_resource').set({ ...columns, updated_at: nowIso() }).where('id', '=', id).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'help.update', subjectType: 'help_resource', subjectId: id, detail: { changes: diff } });
}

/** Retired records leave the public page but stay, with their history; restore brings one back. */
export async function setHelpRetired(db: Db, actor: Actor | undefined, id: string, retired: boolean): Promise<void> {
	const before = await getHelpForEdit(db, actor, id);
	if (Boolean(before.retired_at) === retired) return;
	await db.updateTable('help_resource').set({ retired_at: retired ? nowIso() : null, updated_at: nowIso() }).where('id', '=', id).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: retired ? 'help.retire' : 'help.restore', subjectType: 'help_resource', subjectId: id, detail: {} });
}
