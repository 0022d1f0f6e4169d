/**
 * Children in a parent's dossier: first name or nickname, birth year, year group and school. Only the child's
 * guardians see or change them (dossier-access.ts).
 */
import { inTransaction, type Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { RuleError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { openChild, requireChild, type DossierChild } from './dossier-access';
import { sealColumns } from './sealed-columns';
import { createDataKey, dossierScope } from '../crypto/data-key.service';
import { sql } from 'kysely';
import { findSchoolByCode } from '../schools/school-registry.service';
import type { ChildInput } from '../../dossier/dossier';
import type { ChildRow } from '../db/schema';

export interface ChildView {
	id: string;
	name: string;
	birthYear: number;
	yearGroup: string | null;
	school: { code: string; name: string; place: string } | null;
	schoolName: string | null;
	incidentCount: number;
}

async function schoolFields(db: Db, input: ChildInput): Promise<{ school_id: string | null; school_name: string | null }> {
	if (!input.schoolCode) return { school_id: null, school_name: input.schoolName };
	const school = await findSchoolByCode(db, input.schoolCode);
	if (!school) throw new RuleError('schoolCode', 'dossier_error_school_unknown');
	const row = await db.selectFrom('school').select('id').where('vestigingscode', '=', school.vestigingscode).executeTakeFirstOrThrow();
	return { school_id: row.id, school_name: null };
}

export async function addChild(db: Db, actor: Actor | undefined, input: ChildInput): Promise<string> {
	requireRole(actor, ['parent']);
	const now = nowIso();
	const id = newId();
	const school = await schoolFields(db, input);
	// The dossier's data key is born with the dossier, in one transaction: no dossier ever exists without one.
	await inTransaction(db, async (trx) => {
		const key = await createDataKey(trx, dossierScope(id));
		await trx
			.insertInto('child')
			.values({ id, ...sealColumns(key, 'child', { name: input.name, ...school }), birth_year: input.birthYear, year_group: input.yearGroup, created_at: now, updated_at: now })
			.execute();
		await trx.insertInto('child_guardian').values({ child_id: id, user_id: actor.userId, created_at: now }).execute();
		await recordAudit(trx, { actorUserId: actor.userId, action: 'child.add', subjectType: 'child', subjectId: id, detail: {} });
	});
	return id;
}

export async function updateChild(db: Db, actor: Actor | undefined, childId: string, input: ChildInput): Promise<void> {
	const child = await requireChild(db, actor, childId);
	const earliest = await db.selectFrom('incident').select((eb) => eb.fn.min('occurred_on').as('first')).where('child_id', '=', child.id).executeTakeFirst();
	// An incident before the new birth year would make the dossier contradict itself.
	if (earliest?.first && Number(String(earliest.first).slice(0, 4)) < input.birthYear) throw new RuleError('birthYear', 'dossier_error_birth_year_after_incident');
	await db
		.updateTable('child')
		.set({ ...sealColumns(child.key, 'child', { name: input.name, ...(await schoolFields(db, input)) }), birth_year: input.birthYear, year_group: input.yearGroup, updated_at: nowIso() })
		.where('id', '=', child.id)
		.execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'child.update', subjectType: 'child', subjectId: child.id, detail: {} });
}

async function toViews(db: Db, rows: ChildFields[]): Promise<ChildView[]> {
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const schoolIds = rows.map((r) => r.school_id).filter((id): id is string => id !== null);
	const [schools, counts] = await Promise.all([
		schoolIds.length ? db.selectFrom('school').select(['id', 'vestigingscode', 'name', 'place']).where('id', 'in', schoolIds).execute() : [],
		db.selectFrom('incident').select(['child_id', (eb) => eb.fn.countAll().as('n')]).where('child_id', 'in', ids).groupBy('child_id').execute()
	]);
	return rows.map((r) =>
		viewOf(
			r,
			schools.find((s) => s.id === r.school_id),
			Number(counts.find((c) => c.child_id === r.id)?.n ?? 0)
		)
	);
}

type ChildFields = Pick<ChildRow, 'id' | 'name' | 'birth_year' | 'year_group' | 'school_id' | 'school_name'>;

function viewOf(r: ChildFields, school: { vestigingscode: string; name: string; place: string } | undefined, incidentCount: number): ChildView {
	return {
		id: r.id,
		name: r.name,
		birthYear: Number(r.birth_year),
		yearGroup: r.year_group,
		school: school ? { code: school.vestigingscode, name: school.name, place: school.place } : null,
		schoolName: r.school_name,
		incidentCount
	};
}

/** The children of this parent, in the order they were added. */
export async function listMyChildren(db: Db, actor: Actor | undefined): Promise<ChildView[]> {
	requireRole(actor, ['parent']);
	const rows = await db
		.selectFrom('child')
		.innerJoin('child_guardian', 'child_guardian.child_id', 'child.id')
		.leftJoin('data_key', (join) => join.on('data_key.scope', '=', sql<string>`${sql.lit(dossierScope(''))} || child.id`))
		.selectAll('child')
		.select('data_key.wrapped')
		.where('child_guardian.user_id', '=', actor.userId)
		.orderBy('child.created_at')
		.execute();
	return toViews(db, rows.map(openChild));
}

/** The view of a child the caller has already admitted (requireChild), when its number of incidents is known. */
export async function childViewOf(db: Db, child: DossierChild, incidentCount: number): Promise<ChildView> {
	const school = child.school_id ? await db.selectFrom('school').select(['vestigingscode', 'name', 'place']).where('id', '=', child.school_id).executeTakeFirst() : undefined;
	return viewOf(child, school, incidentCount);
}

export async function getChild(db: Db, actor: Actor | undefined, childId: string): Promise<ChildView> {
	const child = await requireChild(db, actor, childId);
	const [view] = await toViews(db, [child]);
	return view!;
}

/** The child's name for the page of an invitation to the dossier; the invitation service has checked the token. */
export async function childNameForInvitation(db: Db, childId: string): Promise<string | undefined> {
	const row = await db
		.selectFrom('child')
		.leftJoin('data_key', (join) => join.on('data_key.scope', '=', dossierScope(childId)))
		.selectAll('child')
		.select('data_key.wrapped')
		.where('child.id', '=', childId)
		.executeTakeFirst();
	return row ? openChild(row).name : undefined;
}

/** The account ids of a child's guardians, for a notification that something new is in the dossier. */
export async function guardianIdsOf(db: Db, childId: string): Promise<string[]> {
	const rows = await db.selectFrom('child_guardian').select('user_id').where('child_id', '=', childId).orderBy('user_id').execute();
	return rows.map((row) => row.user_id);
}
