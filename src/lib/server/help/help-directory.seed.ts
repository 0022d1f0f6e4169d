/**
 * The first contents of the help directory, from ../shared/data/help-directory.json (copied in reference-data/).
 * The data's `caveats` decide what may be shown as fact (../shared/data/README.md): a value they call
 * not verified or conflicting is stored, but marked unverified, and the public page leaves it out.
 * Audiences and topics are our own classification, from each record's description and "when to use".
 */
import type { Db } from '../db/connect';
import type { HelpAudience, HelpTopic } from '../../help/help-directory';
import type { HelpResourceRow } from '../db/schema';
import { nowIso } from '../auth/tokens';
import records from '../reference-data/help-directory.json';

interface SourceRecord {
	id: string;
	name: string;
	description_nl: string;
	phone: string | null;
	website: string | null;
	hours: string | null;
	ages: string | null;
	channels: string[];
	when_to_use_nl: string;
	source_url: string;
	caveats?: string;
}

interface Curation {
	audiences: HelpAudience[];
	topics: HelpTopic[];
	/** Fields the caveats call not verified or conflicting. */
	unverified?: ('phone' | 'website' | 'hours')[];
	alwaysOpen?: boolean;
	/** Not shown as active help: the caveats say so. An admin can bring it back after checking. */
	retired?: boolean;
}

export const CURATION: Record<string, Curation | 'skip'> = {
	kindertelefoon: { audiences: ['child', 'young_person'], topics: ['bullying', 'online', 'violence', 'sexual_images'], unverified: ['hours'] },
	// "Niet als actieve hulplijn tonen zonder nieuwe controle."
	pestweb: { audiences: ['child', 'young_person'], topics: ['bullying'], retired: true },
	meldknop: { audiences: ['young_person'], topics: ['online', 'sexual_images'] },
	// "Actuele tijden niet geverifieerd."
	kinderombudsman: { audiences: ['child', 'young_person', 'parent'], topics: ['complaint_school'], unverified: ['hours'] },
	vertrouwensinspecteurs: { audiences: ['parent', 'school', 'young_person'], topics: ['bullying', 'violence', 'sexual_images', 'complaint_school'] },
	'loket-onderwijsinspectie': { audiences: ['parent', 'school'], topics: ['complaint_school'] },
	// "Het telefoonnummer komt van een oudere site van derden … eerst controleren."
	'onderwijsgeschillen-lkc': { audiences: ['parent', 'school'], topics: ['complaint_school'], unverified: ['phone'] },
	'stichting-school-en-veiligheid': { audiences: ['school'], topics: ['bullying'] },
	'week-tegen-pesten': { audiences: ['school'], topics: ['bullying'] },
	// "NUMMER IS TEGENSTRIJDIG … Tijden niet geverifieerd."
	'ouders-en-onderwijs': { audiences: ['parent'], topics: ['bullying', 'complaint_school'], unverified: ['phone', 'hours'] },
	// "Dit is geen hulplijn": the parents' panel has its own place (issue 7), not the help directory.
	'landelijk-ouderpanel': 'skip',
	'113-zelfmoordpreventie': { audiences: ['child', 'young_person', 'parent'], topics: ['suicidal_thoughts'], alwaysOpen: true },
	// "Websiteadres … komt van een site van derden."
	'veilig-thuis': { audiences: ['child', 'young_person', 'parent'], topics: ['violence'], unverified: ['website'], alwaysOpen: true },
	// "Openingstijden niet geverifieerd."
	helpwanted: { audiences: ['young_person', 'parent', 'school'], topics: ['online', 'sexual_images'], unverified: ['hours'] },
	politie: { audiences: ['child', 'young_person', 'parent', 'school'], topics: ['violence', 'sexual_images', 'online'] }
};

/** The day the reference data was read; it has no date of its own per record. */
export const REFERENCE_DATA_CHECKED = '2026-11-01';

export function seedRecords(now = nowIso()): HelpResourceRow[] {
	const rows: HelpResourceRow[] = [];
	for (const record of records as SourceRecord[]) {
		const curation = CURATION[record.id];
		if (!curation) throw new Error(`help-directory.json has "${record.id}", which the seed does not know: classify it in CURATION.`);
		if (curation === 'skip') continue;
		const unverified = new Set(curation.unverified ?? []);
		rows.push({
			id: record.id,
			name: record.name,
			description_nl: record.description_nl,
			description_en: null,
			when_to_use_nl: record.when_to_use_nl,
			when_to_use_en: null,
			phone: record.phone,
			phone_verified: record.phone && !unverified.has('phone') ? 1 : 0,
			website: record.website,
			website_verified: record.website?.startsWith('https://') && !unverified.has('website') ? 1 : 0,
			hours: record.hours,
			hours_verified: record.hours && !unverified.has('hours') ? 1 : 0,
			always_open: curation.alwaysOpen ? 1 : 0,
			ages: record.ages,
			channels: JSON.stringify(record.channels),
			audiences: JSON.stringify(curation.audiences),
			topics: JSON.stringify(curation.topics),
			source_url: record.source_url,
			caveats: record.caveats ?? null,
			last_checked: REFERENCE_DATA_CHECKED,
			retired_at: curation.retired ? now : null,
			created_at: now,
			updated_at: now
		});
	}
	return rows;
}

/**
 * Adds the records a database does not have yet. Idempotent; never overwrites what an admin changed.
 * Several app servers starting at once on an empty database all see the records missing: `on conflict do nothing`
 * lets the first insert win instead of failing the others' start-up on the primary key.
 */
export async function seedHelpDirectory(db: Db): Promise<number> {
	const existing = new Set((await db.selectFrom('help_resource').select('id').execute()).map((r) => r.id));
	const missing = seedRecords().filter((r) => !existing.has(r.id));
	if (missing.length === 0) return 0;
	const result = await db.insertInto('help_resource').values(missing).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}
