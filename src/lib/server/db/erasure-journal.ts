/**
 * The erasure journal (decision 0014): one line per erased dossier or account — what kind, its id and the day,
 * nothing else — kept beside the secret key and never in a backup. A restore replays it, so that a backup made
 * before an erasure does not bring the erased data back (AVG art. 17).
 *
 * A line is written and flushed to disk inside the erasure's transaction, before it commits: if the commit then fails
 * the line stays, and a later restore erases what the parent had asked to erase anyway; the other order could bring
 * back what the parent was told was gone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { todayInNetherlands } from '../../i18n/locale';

/**
 * A dossier or account erased on request; a case removed by its school's retention; a shared item withdrawn; a report
 * outside any case removed by its school's retention (decision 0026).
 */
export const ERASED_KINDS = ['dossier', 'account', 'case', 'report_item', 'report'] as const;
export type ErasedKind = (typeof ERASED_KINDS)[number];

export interface ErasureEntry {
	kind: ErasedKind;
	id: string;
	/** yyyy-mm-dd, the day only. */
	on: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function recordErasure(kind: ErasedKind, id: string, file = config().erasureJournal, now = new Date()): void {
	if (!ID.test(id)) throw new Error('An erasure is journalled by id');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const fd = fs.openSync(file, 'a', 0o600);
	try {
		fs.writeSync(fd, `${JSON.stringify({ kind, id, on: todayInNetherlands(now) } satisfies ErasureEntry)}\n`);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/** Every entry of a journal; a missing journal has none. A damaged line stops the reading with its line number. */
export function readErasureJournal(file = config().erasureJournal): ErasureEntry[] {
	if (!fs.existsSync(file)) return [];
	const entries: ErasureEntry[] = [];
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	for (const [index, line] of lines.entries()) {
		if (!line.trim()) continue;
		let entry: Partial<ErasureEntry>;
		try {
			entry = JSON.parse(line) as Partial<ErasureEntry>;
		} catch {
			// A line cut short by a crash during its write can only be the last one.
			if (index === lines.length - 1) continue;
			throw new Error(`The erasure journal ${file} is damaged at line ${index + 1}.`);
		}
		if (!(ERASED_KINDS as readonly unknown[]).includes(entry.kind) || typeof entry.id !== 'string' || !ID.test(entry.id) || typeof entry.on !== 'string') {
			throw new Error(`The erasure journal ${file} is damaged at line ${index + 1}.`);
		}
		entries.push({ kind: entry.kind as ErasedKind, id: entry.id, on: entry.on });
	}
	return entries;
}
