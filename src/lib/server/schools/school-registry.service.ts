/** The public school registry: find a school by name, place or postcode, and read one by its code. */
import type { Db } from '../db/connect';
import { PUBLIC_COLUMNS, schoolsByPostcode, schoolsContaining, type PublicSchool } from './school-search-index';

export const SCHOOL_QUERY_MAX = 100;

export type { PublicSchool } from './school-search-index';

/**
 * Schools by part of their name or place (any case), by postcode ("1234" or "1234 AB"), or by code, in the order
 * of place and name; at most `limit`. Served from the register in memory (school-search-index.ts).
 */
export async function searchSchools(db: Db, rawQuery: string, limit = 50): Promise<PublicSchool[]> {
	const query = rawQuery.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, SCHOOL_QUERY_MAX);
	if (!query) return [];
	const postcode = /^([1-9][0-9]{3}) ?([A-Za-z]{0,2})$/.exec(query);
	if (postcode) return schoolsByPostcode(db, `${postcode[1]}${postcode[2] ? ` ${postcode[2].toUpperCase()}` : ''}`, limit);
	return schoolsContaining(db, query, query.toUpperCase(), limit);
}

/** A vestigingscode is 6 letters and digits; anything else cannot be a school, so it is not looked up. */
export function normaliseSchoolCode(code: string): string | undefined {
	return /^[0-9A-Za-z]{6}$/.test(code) ? code.toUpperCase() : undefined;
}

export async function findSchoolByCode(db: Db, code: string): Promise<PublicSchool | undefined> {
	const normalised = normaliseSchoolCode(code);
	if (!normalised) return undefined;
	return db.selectFrom('school').select(PUBLIC_COLUMNS).where('vestigingscode', '=', normalised).executeTakeFirst();
}

/** Schools by their internal ids, for services that keep a school id (reports, the dossier): id → school. */
export async function findSchoolsByIds(db: Db, ids: readonly string[]): Promise<Map<string, PublicSchool & { id: string }>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await db.selectFrom('school').select([...PUBLIC_COLUMNS, 'id']).where('id', 'in', unique).execute();
	return new Map(rows.map((row) => [row.id, row]));
}
