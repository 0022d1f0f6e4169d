/** Rows for tests that need a dossier in the database without going through the services. */
import type { IncidentTable } from '../db/schema';

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
