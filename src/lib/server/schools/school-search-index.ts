/**
 * The school register in memory, for the school search (issue 10: p99 under 50 ms at 10 connections over 8 000
 * schools). In SQL the search was `lower(name) like '%…%' or lower(place) like '%…%'`, which no index can serve: a
 * scan of every school with lower() on two columns and a sort, 2–3.5 ms a search on this machine, so ten at once
 * queued into hundreds of milliseconds. Here the names and places are lowercased once, in the register's order
 * (place, name, as the database sorts them), in one string that `indexOf` runs through: a fraction of a millisecond.
 *
 * The copy follows the content version (migration 008), which triggers bump with every change to the school table:
 * every search reads the version (one primary-key read) and reloads the register when it moved, so an import or an
 * edit on any app server is seen by the next search on every other one, as with the page cache.
 */
import type { Db } from '../db/connect';
import type { School } from '../db/schema';
import { currentContentVersion } from '../page-cache/content-version';

export type PublicSchool = Pick<School, 'vestigingscode' | 'instellingscode' | 'name' | 'place' | 'postcode' | 'sector'>;

export const PUBLIC_COLUMNS = ['vestigingscode', 'instellingscode', 'name', 'place', 'postcode', 'sector'] as const;

// Between the name and the place of a school, and between schools: no query holds them, so no match spans two.
const FIELD = '\u0001';
const SCHOOL = '\u0000';

interface Register {
	version: string;
	schools: PublicSchool[];
	/** Every school's lowercased name and place, in the order of `schools`. */
	text: string;
	/** Where each school's part of `text` starts. */
	starts: Int32Array;
	byCode: Map<string, number>;
}

const registers = new WeakMap<Db, Register>();
const loading = new WeakMap<Db, { version: string; register: Promise<Register> }>();

async function load(db: Db, version: string): Promise<Register> {
	const schools = await db.selectFrom('school').select(PUBLIC_COLUMNS).orderBy('place').orderBy('name').execute();
	const starts = new Int32Array(schools.length);
	const parts: string[] = [];
	let at = 0;
	schools.forEach((school, i) => {
		const part = `${school.name.toLowerCase()}${FIELD}${school.place.toLowerCase()}${SCHOOL}`;
		starts[i] = at;
		at += part.length;
		parts.push(part);
	});
	return { version, schools, text: parts.join(''), starts, byCode: new Map(schools.map((s, i) => [s.vestigingscode, i])) };
}

/** The register as of the current content version: the kept one, or a fresh one when the version moved. */
async function register(db: Db): Promise<Register> {
	// The version first: a change committed while the rows are read makes the next search load again, never keeps a stale copy.
	const version = await currentContentVersion(db);
	const kept = registers.get(db);
	if (kept?.version === version) return kept;
	// Searches that arrive during a load of the same version wait for it instead of loading again.
	let pending = loading.get(db);
	if (pending?.version !== version) {
		const started = { version, register: load(db, version) };
		started.register.then(
			() => loading.get(db) === started && loading.delete(db),
			() => loading.get(db) === started && loading.delete(db)
		);
		loading.set(db, (pending = started));
	}
	const fresh = await pending.register;
	// Two loads can finish out of order: the copy kept is the newest.
	const current = registers.get(db);
	if (!current || BigInt(fresh.version) > BigInt(current.version)) registers.set(db, fresh);
	return fresh;
}

/** The school whose part of the text holds this position. */
function schoolAt(starts: Int32Array, position: number): number {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= position) low = middle;
		else high = middle - 1;
	}
	return low;
}

/**
 * The first `limit` schools, in the register's order, whose name or place contains `text` (any case), or whose
 * vestigingscode is `code`.
 */
export async function schoolsContaining(db: Db, text: string, code: string, limit: number): Promise<PublicSchool[]> {
	const r = await register(db);
	const needle = text.toLowerCase();
	const found: number[] = [];
	if (needle && !needle.includes(FIELD) && !needle.includes(SCHOOL)) {
		let position = r.text.indexOf(needle);
		while (position !== -1 && found.length < limit) {
			const school = schoolAt(r.starts, position);
			found.push(school);
			// On to the next school: one found in its name and its place is listed once.
			position = school + 1 < r.starts.length ? r.text.indexOf(needle, r.starts[school + 1]) : -1;
		}
	}
	const byCode = r.byCode.get(code);
	if (byCode !== undefined && !found.includes(byCode)) {
		found.push(byCode);
		found.sort((a, b) => a - b);
	}
	return found.slice(0, limit).map((i) => r.schools[i]!);
}

/** The first `limit` schools, in the register's order, whose postcode starts with `prefix` ("1234" or "1234 AB"). */
export async function schoolsByPostcode(db: Db, prefix: string, limit: number): Promise<PublicSchool[]> {
	const r = await register(db);
	const found: PublicSchool[] = [];
	for (const school of r.schools) {
		if (school.postcode?.toUpperCase().startsWith(prefix)) found.push(school);
		if (found.length === limit) break;
	}
	return found;
}
