/**
 * Backup and restore (issue 10, item 5): `npm run cli -- backup` writes one encrypted archive while the app runs and
 * others write; `restore` brings it back into an empty data directory, checks it, and replays the erasure journal,
 * so a dossier deleted after the backup stays deleted. Controls: a restore into a directory in use, with another
 * secret key, or of a changed archive is refused and leaves nothing behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { loadConfig, setConfigForTests } from '../../src/lib/server/config';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { findUserById } from '../../src/lib/server/auth/user.repository';
import type { Actor } from '../../src/lib/server/auth/actor';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { childSchema, incidentQuickSchema } from '../../src/lib/dossier/dossier';
import { addChild, getChild } from '../../src/lib/server/dossier/child.service';
import { getTimeline, recordIncident } from '../../src/lib/server/dossier/incident.service';
import { addAttachments, getAttachmentFile, listAttachments } from '../../src/lib/server/dossier/attachment.service';
import { deleteChildDossier, finishErasure } from '../../src/lib/server/dossier/data-rights.service';
import { minimalPdf } from '../../src/lib/server/testing/sample-files';
import { startApp, type AppServer } from './support/app-server';
import { seedPersonas, type Seed } from './support/personas';

const lastYear = Number(todayInNetherlands().slice(0, 4)) - 1;
const CANARY = 'Kanariebackupzwemt';

function cli(args: string[], dataDir: string, extra: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
		env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...extra },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, out: result.stdout, err: result.stderr };
}

function cliAsync(args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir } });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('exit', (code) => resolve({ code, out, err }));
	});
}

/** An empty data directory with the secret key and the erasure journal of `from`, as the README says. */
function emptyDirWithKeyOf(from: string): string {
	const dir = makeTempDir('pw-restore-');
	fs.copyFileSync(path.join(from, 'secret.key'), path.join(dir, 'secret.key'));
	if (fs.existsSync(path.join(from, 'erasure-journal.jsonl'))) fs.copyFileSync(path.join(from, 'erasure-journal.jsonl'), path.join(dir, 'erasure-journal.jsonl'));
	return dir;
}

describe('backup and restore on sqlite', () => {
	const work = makeTempDir('pw-backup-');
	let dataDir: string;
	let app: AppServer;
	let seed: Seed;
	let parent: Actor;
	let kept: string;
	let erased: string;
	const archive = path.join(work, 'pestwijzer.pwb');

	async function dossier(name: string): Promise<string> {
		const childId = await addChild(seed.db, parent, v.parse(childSchema, { name, birthYear: String(lastYear - 9) }));
		const incidentId = await recordIncident(seed.db, parent, childId, v.parse(incidentQuickSchema, { 'occurredOn-day': '3', 'occurredOn-month': '4', 'occurredOn-year': String(lastYear), forms: 'verbal', whatHappened: `${CANARY} ${name}` }));
		await addAttachments(seed.db, parent, childId, incidentId, [{ name: `${name}.pdf`, bytes: minimalPdf(name) }]);
		return childId;
	}

	beforeAll(async () => {
		dataDir = makeTempDir('pw-backup-data-');
		app = await startApp({ DATA_DIR: dataDir });
		seed = await seedPersonas(dataDir);
		parent = await loadActor(seed.db, (await findUserById(seed.db, seed.personas.parent.userId))!);
		kept = await dossier('Bente');
		erased = await dossier('Joep');
	});
	afterAll(async () => {
		await seed?.close();
		await app?.stop();
		setConfigForTests(undefined);
	});

	it('writes one encrypted archive while the app runs and incidents are being written', async () => {
		let writing = true;
		let written = 0;
		const writer = (async () => {
			while (writing) {
				await recordIncident(seed.db, parent, kept, v.parse(incidentQuickSchema, { 'occurredOn-day': '4', 'occurredOn-month': '4', 'occurredOn-year': String(lastYear), forms: 'verbal', whatHappened: `tijdens de backup ${written}` }));
				written++;
				// SQLite answers synchronously: without a turn of the event loop, the CLI's exit would never be seen.
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		})();
		const result = await cliAsync(['backup', archive], dataDir);
		writing = false;
		await writer;
		expect(result.err).toBe('');
		expect(result.code).toBe(0);
		expect(result.out).toMatch(/^Backup written to .*pestwijzer\.pwb: [\d.]+ MB, \d+ rows, \d+ files, in [\d.]+ s\./m);
		expect(written).toBeGreaterThan(0);
		const bytes = fs.readFileSync(archive);
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('PWB1');
		// Encrypted as a whole: no e-mail address, no SQLite header, no text of any kind readable.
		for (const plain of ['SQLite format 3', 'example.nl', CANARY, 'Bente', '%PDF']) expect(bytes.includes(Buffer.from(plain))).toBe(false);
		// The app went on serving meanwhile.
		expect((await fetch(`${app.origin}/healthz`)).status).toBe(200);
		console.log(`[backup] ${result.out.split('\n')[0]} (${written} incidents written during it)`);
	});

	it('restores into an empty directory, checks it, and does not bring back a dossier deleted after the backup', async () => {
		const { fileKeys } = await seed.db.transaction().execute((trx) => deleteChildDossier(trx, parent, erased, 'Joep'));
		await finishErasure(seed.db, fileKeys);

		const target = emptyDirWithKeyOf(dataDir);
		const result = cli(['restore', archive], target);
		expect(result.err).toBe('');
		expect(result.code).toBe(0);
		expect(result.out).toContain('Checked: integrity_check ok;');
		expect(result.out).toContain('Erased again from the erasure journal: 1 dossiers, 0 accounts, 0 cases, 0 reports outside a case and 0 withdrawn shared items.');
		console.log(`[restore] ${result.out.trim().split('\n').join(' | ')}`);

		// Open the restored installation as the app would.
		setConfigForTests(loadConfig({ DATA_DIR: target, LOG_LEVEL: 'silent' }));
		const restored: DatabaseHandle = openDatabase({ kind: 'sqlite', file: path.join(target, 'pestwijzer.db') });
		try {
			const actor = await loadActor(restored.db, (await findUserById(restored.db, parent.userId))!);
			expect(await restored.db.selectFrom('child').select('id').where('id', '=', erased).execute()).toEqual([]);
			expect(await restored.db.selectFrom('data_key').select('scope').where('scope', '=', `dossier:${erased}`).execute()).toEqual([]);
			expect((await getChild(restored.db, actor, kept)).name).toBe('Bente');
			const timeline = await getTimeline(restored.db, actor, kept);
			expect(timeline.incidents.map((i) => i.whatHappened)).toContain(`${CANARY} Bente`);
			const incident = timeline.incidents.find((i) => i.whatHappened === `${CANARY} Bente`)!;
			const [attachment] = await listAttachments(restored.db, actor, kept, incident.id);
			expect(Buffer.from(minimalPdf('Bente')).equals((await getAttachmentFile(restored.db, actor, kept, incident.id, attachment!.id)).bytes)).toBe(true);
			// The erased dossier's evidence file is gone from disk too: the seeded family's and Bente's are left.
			const files = fs.readdirSync(path.join(target, 'files'), { recursive: true }).filter((f) => !fs.statSync(path.join(target, 'files', String(f))).isDirectory());
			const stored = await restored.db.selectFrom('attachment').select('file_key').execute();
			expect(files.map((f) => path.basename(String(f))).sort()).toEqual(stored.map((s) => s.file_key).sort());
			expect(files).toHaveLength(2);
		} finally {
			await restored.close();
			setConfigForTests(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
		}
	});

	it('refuses a directory in use, another secret key, and a changed archive, and leaves nothing behind', () => {
		const inUse = cli(['restore', archive], dataDir);
		expect(inUse.code).toBe(1);
		expect(inUse.err.trim()).toMatch(/holds a database or files already: restore into an empty data directory/);

		const otherKey = makeTempDir('pw-restore-');
		const wrongKey = cli(['restore', archive], otherKey);
		expect(wrongKey.code).toBe(1);
		expect(wrongKey.err.trim()).toMatch(/^This backup was made under secret key [0-9a-f]{12}, and the configured key is [0-9a-f]{12}/);
		expect(fs.readdirSync(otherKey).sort()).toEqual(['secret.key']);

		const changed = path.join(work, 'changed.pwb');
		const bytes = fs.readFileSync(archive);
		const middle = Math.floor(bytes.length / 2);
		bytes[middle] = bytes[middle]! ^ 0x01;
		fs.writeFileSync(changed, bytes);
		const target = emptyDirWithKeyOf(dataDir);
		const damaged = cli(['restore', changed], target);
		expect(damaged.code).toBe(1);
		expect(damaged.err.trim()).toMatch(/^The backup cannot be read: it is damaged or was changed/);
		expect(fs.existsSync(path.join(target, 'pestwijzer.db'))).toBe(false);
		expect(fs.existsSync(path.join(target, 'files')) ? fs.readdirSync(path.join(target, 'files'), { recursive: true }).filter((f) => fs.statSync(path.join(target, 'files', String(f))).isFile()) : []).toEqual([]);

		expect(cli(['backup'], dataDir).err.trim()).toMatch(/^backup needs the name of the archive file/);
		expect(cli(['backup', archive], dataDir).err.trim()).toMatch(/exists already: choose a new file name/);
	});
});
