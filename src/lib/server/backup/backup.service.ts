/**
 * Backup and restore (issue 10, item 5; decision 0014).
 *
 * backup: SQLite's `VACUUM INTO` makes a consistent copy of the database while the app goes on writing (one read
 * transaction: every commit before it is in, none after it), then the evidence files that copy refers to are added.
 * With PostgreSQL the database is backed up by `pg_dump` (README: Backup and recovery); the archive then holds the
 * files only.
 *
 * restore: into a data directory without a database or files, with the secret key of the backup's time in place:
 * unpacks, checks (`integrity_check`, the row count of every table against the manifest, the files), and replays the
 * erasure journal, so that nothing erased after the backup comes back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '../config';
import { openDatabase, type DatabaseHandle, type Db } from '../db/connect';
import { readErasureJournal } from '../db/erasure-journal';
import { replayErasures, finishErasure } from '../dossier/data-rights.service';
import { replayCaseErasures } from '../cases/case-retention.service';
import { replayWithdrawals } from '../reports/dossier-report.service';
import { replayReportErasures } from '../reports/report.service';
import { prepareDatabase } from '../db';
import { ArchiveError, readArchive, writeArchive, type ArchiveEntry } from './archive';
import { secretKeyId } from '../crypto/envelope';

export { ArchiveError };

const FORMAT = 1;
const DATABASE_ENTRY = 'pestwijzer.db';

export interface Manifest {
	format: number;
	createdAt: string;
	database: 'sqlite' | 'postgres';
	secretKeyId: string;
	/** Rows per table in the database copy (SQLite only). */
	counts: Record<string, number>;
	files: number;
	/** Files a row referred to that were gone when the backup read them (deleted between the copy and the read). */
	missingFiles: number;
}

export interface BackupReport {
	manifest: Manifest;
	bytes: number;
	milliseconds: number;
}

function fileOnDisk(dataDir: string, key: string): string {
	return path.join(dataDir, 'files', key.slice(0, 2), key);
}

function sqliteCounts(sqlite: SQLite.Database): Record<string, number> {
	const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
	return Object.fromEntries(tables.map((table) => [table, Number(sqlite.prepare(`select count(*) from "${table}"`).pluck().get())]));
}

/** The file keys a database refers to. */
async function referencedFiles(db: Db): Promise<string[]> {
	const [attachments, documents] = await Promise.all([
		db.selectFrom('attachment').select('file_key').execute(),
		db.selectFrom('school_document').select('file_key').where('file_key', 'is not', null).execute()
	]);
	return [...attachments.map((a) => a.file_key), ...documents.map((d) => d.file_key!)];
}

export async function backup(handle: DatabaseHandle, cfg: Config, target: string): Promise<BackupReport> {
	const started = performance.now();
	if (fs.existsSync(target)) throw new ArchiveError(`${target} exists already: choose a new file name.`);
	const entries: ArchiveEntry[] = [];
	let copy: string | undefined;
	let counts: Record<string, number> = {};
	let keys: string[];
	try {
		if (handle.kind === 'sqlite') {
			// In DATA_DIR, not /tmp: the copy is as private as the database, and removed at the end.
			copy = path.join(cfg.dataDir, `.backup-${crypto.randomBytes(6).toString('hex')}.db`);
			await sql`vacuum into ${copy}`.execute(handle.db);
			const snapshot = openDatabase({ kind: 'sqlite', file: copy });
			try {
				// One file, no WAL beside it: the archive holds a database that opens on its own.
				snapshot.sqlite!.pragma('journal_mode = DELETE');
				counts = sqliteCounts(snapshot.sqlite!);
				keys = await referencedFiles(snapshot.db);
			} finally {
				await snapshot.close();
			}
			entries.push({ name: DATABASE_ENTRY, source: { file: copy } });
		} else {
			keys = await referencedFiles(handle.db);
		}
		let missingFiles = 0;
		for (const key of keys) {
			const file = fileOnDisk(cfg.dataDir, key);
			if (fs.existsSync(file)) entries.push({ name: path.relative(cfg.dataDir, file), source: { file } });
			else missingFiles++;
		}
		const manifest: Manifest = {
			format: FORMAT,
			createdAt: new Date().toISOString(),
			database: handle.kind,
			secretKeyId: secretKeyId(cfg.secretKey),
			counts,
			files: keys.length - missingFiles,
			missingFiles
		};
		await writeArchive(target, cfg.secretKey, [{ name: 'manifest.json', source: { bytes: Buffer.from(JSON.stringify(manifest)) } }, ...entries]);
		return { manifest, bytes: fs.statSync(target).size, milliseconds: Math.round(performance.now() - started) };
	} finally {
		if (copy) fs.rmSync(copy, { force: true });
	}
}

export interface RestoreReport {
	manifest: Manifest;
	integrity: string;
	counts: Record<string, number>;
	files: number;
	erasedAgain: { dossiers: number; accounts: number; cases: number; reports: number; withdrawnItems: number };
	milliseconds: number;
}

function isManifest(value: unknown): value is Manifest {
	const m = value as Partial<Manifest>;
	return typeof m === 'object' && m !== null && m.format === FORMAT && (m.database === 'sqlite' || m.database === 'postgres') && typeof m.counts === 'object';
}

/** Refuses a data directory that holds a database or files already: a restore never overwrites. */
function requireEmpty(cfg: Config): void {
	const db = path.join(cfg.dataDir, DATABASE_ENTRY);
	const files = path.join(cfg.dataDir, 'files');
	if ((cfg.database.kind === 'sqlite' && fs.existsSync(db)) || (fs.existsSync(files) && fs.readdirSync(files).length > 0)) {
		throw new ArchiveError(`${cfg.dataDir} holds a database or files already: restore into an empty data directory (only secret.key and the erasure journal in it).`);
	}
}

export async function restore(cfg: Config, archive: string): Promise<RestoreReport> {
	const started = performance.now();
	if (!fs.existsSync(archive)) throw new ArchiveError(`${archive} does not exist.`);
	requireEmpty(cfg);
	const journal = readErasureJournal(cfg.erasureJournal);
	const { manifest, written } = await readArchive(archive, cfg.secretKey, cfg.dataDir);
	try {
		if (!isManifest(manifest)) throw new ArchiveError('The backup\'s manifest is not one this version knows.');
		if (manifest.database !== cfg.database.kind) {
			throw new ArchiveError(`This backup is of a ${manifest.database} installation, and DATABASE_URL points at ${cfg.database.kind}.`);
		}
		let integrity = 'ok';
		let counts: Record<string, number> = {};
		if (cfg.database.kind === 'sqlite') {
			const check = new SQLite(cfg.database.file, { fileMustExist: true });
			try {
				integrity = String(check.pragma('integrity_check', { simple: true }));
				counts = sqliteCounts(check);
			} finally {
				check.close();
			}
			if (integrity !== 'ok') throw new ArchiveError(`The restored database fails its integrity check: ${integrity}`);
			const differ = Object.keys(manifest.counts).filter((table) => counts[table] !== manifest.counts[table]);
			if (differ.length) throw new ArchiveError(`The restored database does not have the rows the backup recorded (${differ.join(', ')}).`);
		}
		const files = written.filter((f) => f.startsWith(path.join(cfg.dataDir, 'files') + path.sep)).length;
		if (files !== manifest.files) throw new ArchiveError(`The backup recorded ${manifest.files} files, and ${files} came out of it.`);

		// Erased after the backup: erased again, before anything can serve it (the app is not running yet).
		const handle = openDatabase(cfg.database);
		let erasedAgain = { dossiers: 0, accounts: 0, cases: 0, reports: 0, withdrawnItems: 0 };
		try {
			await prepareDatabase(handle.db);
			const result = await handle.db.transaction().execute(async (trx) => {
				const dossiersAndAccounts = await replayErasures(trx, journal);
				const cases = await replayCaseErasures(trx, journal);
				const reports = await replayReportErasures(trx, journal);
				const withdrawn = await replayWithdrawals(trx, journal);
				return {
					...dossiersAndAccounts,
					cases: cases.cases,
					reports: reports.reports,
					withdrawnItems: withdrawn.items,
					fileKeys: [...dossiersAndAccounts.fileKeys, ...cases.fileKeys, ...reports.fileKeys, ...withdrawn.fileKeys]
				};
			});
			await finishErasure(handle.db, result.fileKeys);
			erasedAgain = { dossiers: result.dossiers, accounts: result.accounts, cases: result.cases, reports: result.reports, withdrawnItems: result.withdrawnItems };
		} finally {
			await handle.close();
		}
		return { manifest, integrity, counts, files, erasedAgain, milliseconds: Math.round(performance.now() - started) };
	} catch (error) {
		// A restore that cannot be trusted leaves the directory as empty as it found it.
		for (const target of written) fs.rmSync(target, { force: true });
		if (cfg.database.kind === 'sqlite') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${cfg.database.file}${suffix}`, { force: true });
		throw error;
	}
}
