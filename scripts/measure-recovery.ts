/**
 * Times the recovery steps of README "Backup and recovery" on a data set of a realistic size, so the figures there
 * can be measured again: `node --import tsx scripts/measure-recovery.ts [dossiers]` (default 1 000).
 * The data: `dossiers` parents with one dossier each of 20 incidents with their text fields filled in, and one
 * 250 kB evidence file per dossier. Then `backup` while nothing else runs, and a restore into an empty directory
 * with 10 of the dossiers in the erasure journal.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { prepareDatabase } from '../src/lib/server/db';
import { newId, nowIso } from '../src/lib/server/auth/tokens';
import { putFile } from '../src/lib/server/files/file-store';
import { recordErasure } from '../src/lib/server/db/erasure-journal';
import { dossierScope, loadDataKey } from '../src/lib/server/crypto/data-key.service';
import { insertChild, insertSealed, incidentRow } from '../src/lib/server/testing/dossier-rows';

const DOSSIERS = Number(process.argv[2] ?? 1000);
const INCIDENTS = 20;
const FILE_BYTES = 250_000;
const TEXT = 'Ze zeiden weer dat ze niet mee mocht doen. Daarna lachten ze haar uit in de klas. De juf zag het niet. ';

function cli(args: string[], dataDir: string): { seconds: number; out: string } {
	const started = performance.now();
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir }, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${args[0]} failed: ${result.stderr}`);
	return { seconds: (performance.now() - started) / 1000, out: result.stdout.trim() };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-recovery-'));
const dataDir = path.join(work, 'data');
const cfg = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
setConfigForTests(cfg);
const handle = openDatabase(cfg.database);
await prepareDatabase(handle.db);
const now = nowIso();
const children: string[] = [];
for (let d = 0; d < DOSSIERS; d++) {
	await handle.db.transaction().execute(async (trx) => {
		const userId = newId();
		await trx.insertInto('app_user').values({ id: userId, email: `ouder${d}@example.nl`, password_hash: 'x', display_name: `Ouder ${d}`, locale: 'nl', email_verified_at: now, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: now, updated_at: now }).execute();
		const childId = newId();
		children.push(childId);
		await insertChild(trx, { id: childId, name: `Kind ${d}`, birth_year: 2015, year_group: 'groep-6', school_id: null, school_name: 'De Regenboog', created_at: now, updated_at: now });
		await trx.insertInto('child_guardian').values({ child_id: childId, user_id: userId, created_at: now }).execute();
		let first = '';
		for (let i = 0; i < INCIDENTS; i++) {
			const id = newId();
			first ||= id;
			await insertSealed(trx, 'incident', incidentRow(id, childId, { what_happened: TEXT.repeat(4), perpetrators: 'Twee jongens uit groep 7', witnesses: 'De overblijfmoeder', impact_emotional: 'Verdrietig, wil niet naar school' }));
		}
		const fileKey = newId();
		await putFile(fileKey, crypto.randomBytes(FILE_BYTES), await loadDataKey(trx, dossierScope(childId)));
		await insertSealed(trx, 'attachment', { id: newId(), incident_id: first, child_id: childId, content_type: 'image/jpeg', display_name: 'foto.jpg', size: FILE_BYTES, sha256: 'a'.repeat(64), width: 1600, height: 1200, file_key: fileKey, received_at: now });
	});
}
await handle.close();
console.log(`data: ${DOSSIERS} dossiers, ${DOSSIERS * INCIDENTS} incidents, ${DOSSIERS} files of ${FILE_BYTES / 1000} kB; database ${(fs.statSync(path.join(dataDir, 'pestwijzer.db')).size / 1e6).toFixed(1)} MB`);

const archive = path.join(work, 'backup.pwb');
const made = cli(['backup', archive], dataDir);
console.log(`backup: ${made.seconds.toFixed(1)} s (${made.out.split('\n')[0]})`);
for (const childId of children.slice(0, 10)) recordErasure('dossier', childId);
const target = path.join(work, 'restored');
fs.mkdirSync(target);
fs.copyFileSync(path.join(dataDir, 'secret.key'), path.join(target, 'secret.key'));
fs.copyFileSync(cfg.erasureJournal, path.join(target, 'erasure-journal.jsonl'));
const restored = cli(['restore', archive], target);
console.log(`restore: ${restored.seconds.toFixed(1)} s (${restored.out.split('\n').join(' | ')})`);
fs.rmSync(work, { recursive: true, force: true });
