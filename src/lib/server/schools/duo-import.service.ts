/**
 * Writes the schools of a DUO file into the registry: insert new locations, update known ones (by vestigingscode).
 * A re-import therefore updates rather than duplicates, and never removes a school a profile may hang on.
 */
import type { Db } from '../db/connect';
import { newId, nowIso } from '../auth/tokens';
import type { DuoSchoolRow } from './duo-file';

export const SECTORS = ['po', 'vo', 'so', 'mbo', 'onbekend'] as const;
export type Sector = (typeof SECTORS)[number];

/** DUO's per-sector files end in bo (primary), vo, so or mbo: vestigingenbo.csv, 02.-alle-vestigingen-vo.csv. */
export function sectorFromFileName(fileName: string): Sector {
	const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.[a-z]+$/, '');
	if (base.endsWith('mbo')) return 'mbo';
	if (base.endsWith('bo') || base.endsWith('po')) return 'po';
	if (base.endsWith('vo')) return 'vo';
	if (base.endsWith('so')) return 'so';
	return 'onbekend';
}

const BATCH = 500;

export async function importSchools(db: Db, rows: readonly DuoSchoolRow[], sector: Sector): Promise<{ inserted: number; updated: number }> {
	let inserted = 0;
	let updated = 0;
	for (let start = 0; start < rows.length; start += BATCH) {
		const batch = rows.slice(start, start + BATCH);
		await db.transaction().execute(async (trx) => {
			const known = new Set(
				(await trx.selectFrom('school').select('vestigingscode').where('vestigingscode', 'in', batch.map((r) => r.vestigingscode)).execute()).map((r) => r.vestigingscode)
			);
			const now = nowIso();
			await trx
				.insertInto('school')
				.values(
					batch.map((r) => ({
						id: newId(),
						vestigingscode: r.vestigingscode,
						instellingscode: r.instellingscode,
						name: r.name,
						place: r.place,
						postcode: r.postcode,
						sector,
						board_id: null,
						created_at: now,
						updated_at: now
					}))
				)
				.onConflict((oc) =>
					oc.column('vestigingscode').doUpdateSet((eb) => ({
						instellingscode: eb.ref('excluded.instellingscode'),
						name: eb.ref('excluded.name'),
						place: eb.ref('excluded.place'),
						postcode: eb.ref('excluded.postcode'),
						sector: eb.ref('excluded.sector'),
						updated_at: eb.ref('excluded.updated_at')
					}))
				)
				.execute();
			updated += batch.filter((r) => known.has(r.vestigingscode)).length;
			inserted += batch.filter((r) => !known.has(r.vestigingscode)).length;
		});
	}
	return { inserted, updated };
}
