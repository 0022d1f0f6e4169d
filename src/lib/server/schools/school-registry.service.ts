/** The public school registry: find a school by name, place or postcode, and read one by its code. */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { School } from '../db/schema';

export const SCHOOL_QUERY_MAX = 100;

/** LIKE treats % and _ as wildcards: a search for "100%" must mean the characters. */
function likePattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type PublicSchool = Pick<School, 'vestigingscode' | 'instellingscode' | 'name' | 'place' | 'postcode' | 'sector'>;

const PUBLIC_COLUMNS = ['vestigingscode', 'instellingscode', 'name', 'place', 'postcode', 'sector'] as const;

export async function searchSchools(db: Db, rawQuery: string, limit = 50): Promise<PublicSchool[]> {
	const query = rawQuery.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, SCHOOL_QUERY_MAX);
	if (!query) return [];
	const postcode = /^([1-9][0-9]{3}) ?([A-Za-z]{0,2})$/.exec(query);
	let select = db.selectFrom('school').select(PUBLIC_COLUMNS);
	if (postcode) {
		select = select.where('postcode', 'like', `${postcode[1]}${postcode[2] ? ` ${postcode[2].toUpperCase()}` : ''}%`);
	} else {
		const pattern = likePattern(query.toLowerCase());
		select = select.where((eb) =>
			eb.or([
				eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
				eb(sql`lower(place)`, 'like', sql`${pattern} escape '\\'`),
				eb('vestigingscode', '=', query.toUpperCase())
			])
		);
	}
	return select.orderBy('place').orderBy('name').limit(limit).execute();
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
