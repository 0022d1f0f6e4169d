/** Rows for tests that need a dossier in the database without going through the services. */
import type { Insertable } from 'kysely';
import type { ChildTable, Database, IncidentTable } from '../db/schema';
import type { Db } from '../db/connect';
import type { DataKey } from '../crypto/envelope';
import { createDataKey, dossierScope, loadDataKey } from '../crypto/data-key.service';
import { openColumns, sealColumns, type SealedTable } from '../dossier/sealed-columns';

/** An incident with only the required fields filled in; pass what the test cares about in `fields`. */
export function incidentRow(id: string, childId: string, fields: Partial<IncidentTable> = {}): IncidentTable {
	const now = new Date().toISOString();
	return {
		id,
		child_id: childId,
		occurred_on: '2026-03-02',
		occurred_time: null,
		approximate: 0,
		place: null,
		place_detail: null,
		online_platform: null,
		forms: '[]',
		perpetrators: null,
		witnesses: null,
		what_happened: null,
		child_response: null,
		adults_knew: null,
		impact_emotional: null,
		impact_physical: null,
		absence_days: null,
		physical_violence: 0,
		created_at: now,
		updated_at: now,
		...fields
	};
}

/** Inserts a child with its data key, its name sealed as the services do; returns the key. */
export async function insertChild(db: Db, values: ChildTable): Promise<DataKey> {
	const key = await createDataKey(db, dossierScope(values.id));
	await db.insertInto('child').values(sealColumns(key, 'child', values)).execute();
	return key;
}

/** Inserts dossier rows (one or many) with their text sealed under the child's data key, as the services write them. */
export async function insertSealed<T extends Exclude<SealedTable, 'child'>>(db: Db, table: T, values: (Insertable<Database[T]> & { child_id: string }) | (Insertable<Database[T]> & { child_id: string })[]): Promise<void> {
	for (const row of Array.isArray(values) ? values : [values]) {
		const key = await loadDataKey(db, dossierScope(row.child_id));
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for four tables
		await (db as any).insertInto(table).values(sealColumns(key, table, row as any)).execute();
	}
}

/** A dossier row read straight from the database, with its text opened: what the services would show. */
export async function openRow<T extends SealedTable, R extends { id: string }>(db: Db, table: T, row: R): Promise<R> {
	const childId = table === 'child' ? row.id : (row as unknown as { child_id: string }).child_id;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return openColumns(await loadDataKey(db, dossierScope(childId)), table, row as any) as R;
}
