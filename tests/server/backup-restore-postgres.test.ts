/**
 * Recovery with PostgreSQL (issue 10, item 5; README: Backup and recovery): the database by pg_dump, the files by
 * `backup`; after pg_restore into a new database, `restore` brings the files back and replays the erasure journal,
 * so a dossier deleted after the dump stays deleted. The dump holds no dossier text (it is sealed).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, postgresTestUrl } from '../../src/lib/server/testing/test-database';
import { loadConfig, setConfigForTests, type Config } from '../../src/lib/server/config';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { prepareDatabase } from '../../src/lib/server/db';
import { newId, nowIso } from '../../src/lib/server/auth/tokens';
import { createVerifiedUser } from '../../src/lib/server/auth/account.service';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { findUserById, insertRole } from '../../src/lib/server/auth/user.repository';
import type { Actor } from '../../src/lib/server/auth/actor';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { childSchema, incidentQuickSchema } from '../../src/lib/dossier/dossier';
import { addChild, getChild } from '../../src/lib/server/dossier/child.service';
import { getTimeline, recordIncident } from '../../src/lib/server/dossier/incident.service';
import { addAttachments, getAttachmentFile, listAttachments } from '../../src/lib/server/dossier/attachment.service';
import { deleteChildDossier, finishErasure } from '../../src/lib/server/dossier/data-rights.service';
import { backup, restore } from '../../src/lib/server/backup/backup.service';
import { minimalPdf } from '../../src/lib/server/testing/sample-files';

const base = postgresTestUrl();
const lastYear = Number(todayInNetherlands().slice(0, 4)) - 1;
const CANARY = 'Kanariepgdumpzwemt';

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: base });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

describe.skipIf(!base)('recovery with PostgreSQL: pg_dump, the files archive and the erasure journal', () => {
	const name = `pw_recovery_${crypto.randomBytes(4).toString('hex')}`;
	const url = base ? Object.assign(new URL(base), { pathname: `/${name}` }).toString() : '';
	const work = makeTempDir('pw-pg-recovery-');
	let cfg: Config;
	let handle: DatabaseHandle;
	let parent: Actor;

	beforeAll(async () => {
		await admin(`create database ${name}`);
		cfg = loadConfig({ DATA_DIR: path.join(work, 'data'), DATABASE_URL: url, LOG_LEVEL: 'silent' });
		setConfigForTests(cfg);
		handle = openDatabase(cfg.database);
		await prepareDatabase(handle.db);
		const user = await createVerifiedUser(handle.db, { email: 'herstel@example.nl', password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(handle.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		parent = await loadActor(handle.db, (await findUserById(handle.db, user.id))!);
	});
	afterAll(async () => {
		await handle?.close();
		setConfigForTests(undefined);
		await admin(`drop database if exists ${name} with (force)`);
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('restores the dump and the files; a dossier deleted after the backup stays deleted', async () => {
		const dossier = async (child: string) => {
			const childId = await addChild(handle.db, parent, v.parse(childSchema, { name: child, birthYear: String(lastYear - 9) }));
			const incidentId = await recordIncident(handle.db, parent, childId, v.parse(incidentQuickSchema, { 'occurredOn-day': '3', 'occurredOn-month': '4', 'occurredOn-year': String(lastYear), forms: 'verbal', whatHappened: `${CANARY} ${child}` }));
			await addAttachments(handle.db, parent, childId, incidentId, [{ name: `${child}.pdf`, bytes: minimalPdf(child) }]);
			return childId;
		};
		const kept = await dossier('Fleur');
		const erased = await dossier('Mees');

		// The backup as the README describes it: pg_dump, then the files.
		const dump = path.join(work, 'pestwijzer.dump');
		execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, url]);
		const files = path.join(work, 'files.pwb');
		expect((await backup(handle, cfg, files)).manifest).toMatchObject({ database: 'postgres', files: 2 });
		expect(execFileSync('pg_restore', ['--file=-', dump], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).not.toContain(CANARY);

		// After it, the parent deletes one dossier.
		const { fileKeys } = await handle.db.transaction().execute((trx) => deleteChildDossier(trx, parent, erased, 'Mees'));
		await finishErasure(handle.db, fileKeys);
		await handle.close();

		// The disaster: database and data directory gone; the secret key and the erasure journal were kept apart.
		await admin(`drop database ${name} with (force)`);
		await admin(`create database ${name}`);
		execFileSync('pg_restore', ['--no-owner', `--dbname=${url}`, dump]);
		const fresh = path.join(work, 'fresh');
		fs.mkdirSync(fresh);
		fs.copyFileSync(path.join(cfg.dataDir, 'secret.key'), path.join(fresh, 'secret.key'));
		fs.copyFileSync(cfg.erasureJournal, path.join(fresh, 'erasure-journal.jsonl'));
		cfg = loadConfig({ DATA_DIR: fresh, DATABASE_URL: url, LOG_LEVEL: 'silent' });
		setConfigForTests(cfg);
		const report = await restore(cfg, files);
		expect(report).toMatchObject({ files: 2, erasedAgain: { dossiers: 1, accounts: 0 } });

		handle = openDatabase(cfg.database);
		expect(await handle.db.selectFrom('child').select('id').where('id', '=', erased).execute()).toEqual([]);
		expect((await getChild(handle.db, parent, kept)).name).toBe('Fleur');
		const [incident] = (await getTimeline(handle.db, parent, kept)).incidents;
		expect(incident!.whatHappened).toBe(`${CANARY} Fleur`);
		const [attachment] = await listAttachments(handle.db, parent, kept, incident!.id);
		expect(Buffer.from(minimalPdf('Fleur')).equals((await getAttachmentFile(handle.db, parent, kept, incident!.id, attachment!.id)).bytes)).toBe(true);
		const left = fs.readdirSync(path.join(fresh, 'files'), { recursive: true }).filter((f) => fs.statSync(path.join(fresh, 'files', String(f))).isFile());
		expect(left).toHaveLength(1);
	});
});
