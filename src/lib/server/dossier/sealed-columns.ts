/**
 * Which columns of the dossier hold free text, sealed under the dossier's data key (decision 0015). One list per
 * table, used by the services that write and read them, the export and the upgrade of older dossiers alike, so a
 * new text column is sealed everywhere by adding it here. Dates, codes and counts stay plain: the pages filter
 * and sort on them.
 */
import type { DataKey } from '../crypto/envelope';

export const SEALED_COLUMNS = {
	child: ['name', 'school_name'],
	incident: ['place_detail', 'online_platform', 'perpetrators', 'witnesses', 'what_happened', 'child_response', 'adults_knew', 'impact_emotional', 'impact_physical'],
	attachment: ['display_name'],
	dossier_contact: ['person_name', 'summary'],
	agreement: ['description']
} as const;

export type SealedTable = keyof typeof SEALED_COLUMNS;

type TextColumns<T extends SealedTable> = (typeof SEALED_COLUMNS)[T][number];

/** A copy of the values with the table's text columns sealed (columns absent from the values stay absent). */
export function sealColumns<T extends SealedTable, V extends Partial<Record<TextColumns<T>, string | null>>>(key: DataKey, table: T, values: V): V {
	const sealed: Record<string, unknown> = { ...values };
	for (const column of SEALED_COLUMNS[table]) {
		if (column in sealed) sealed[column] = key.sealOrNull(sealed[column] as string | null);
	}
	return sealed as V;
}

/** A copy of the row with the table's text columns opened. */
export function openColumns<T extends SealedTable, R extends Partial<Record<TextColumns<T>, string | null>>>(key: DataKey, table: T, row: R): R {
	const opened: Record<string, unknown> = { ...row };
	for (const column of SEALED_COLUMNS[table]) {
		if (column in opened) opened[column] = key.openOrNull(opened[column] as string | null);
	}
	return opened as R;
}
