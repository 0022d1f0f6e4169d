/**
 * Rotating the secret key (issue 10, item 4): every dossier stays readable, the sealed text and files are not
 * touched (byte for byte), the old key opens nothing any more, and a rotation stopped after its commit is finished
 * by running it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { loadConfig, setConfigForTests, config } from '../config';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { beginTotpSetup } from '../auth/two-factor.service';
import { minimalPdf } from '../testing/sample-files';
import { readStoredFile } from '../testing/stored-file';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema, incidentQuickSchema } from '../../dossier/dossier';
import { addChild, getChild } from '../dossier/child.service';
import { getTimeline, recordIncident } from '../dossier/incident.service';
import { addAttachments, getAttachmentFile, listAttachments } from '../dossier/attachment.service';
import { KeyMismatchError, secretKeyId, unwrapDataKey } from './envelope';
import { rotateSecretKey } from './secret-key-rotation';

const lastYear = Number(todayInNetherlands().slice(0, 4)) - 1;

describe.each(testDatabaseKinds())('rotating the secret key on %s', (kind) => {
	let t: TestDatabase;
	let actor: Actor;
	let childId: string;
	let incidentId: string;
	let attachmentId: string;
	let keyFile: string;

	const reloadConfig = () => setConfigForTests(loadConfig({ DATA_DIR: t.config.dataDir, ORIGIN: 'http://localhost:3000', LOG_LEVEL: 'silent' }));
	const sealedRows = async () => ({
		keys: await t.db.selectFrom('data_key').select(['scope', 'wrapped']).orderBy('scope').execute(),
		incident: await t.db.selectFrom('incident').select(['what_happened']).where('id', '=', incidentId).executeTakeFirstOrThrow(),
		child: await t.db.selectFrom('child').select(['name']).where('id', '=', childId).executeTakeFirstOrThrow(),
		file: await readStoredFile((await t.db.selectFrom('attachment').select('file_key').where('id', '=', attachmentId).executeTakeFirstOrThrow()).file_key)
	});
	const readsEverything = async () => {
		expect((await getChild(t.db, actor, childId)).name).toBe('Roos');
		expect((await getTimeline(t.db, actor, childId)).incidents[0]?.whatHappened).toBe('Ze pakten haar tas af.');
		const file = await getAttachmentFile(t.db, actor, childId, incidentId, attachmentId);
		expect(Buffer.from(minimalPdf('bewijs')).equals(file.bytes)).toBe(true);
		expect(file.attachment.name).toBe('brief.pdf');
	};

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		keyFile = path.join(t.config.dataDir, 'secret.key');
		const user = await createVerifiedUser(t.db, { email: `roos-${kind}@example.nl`, password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		actor = await loadActor(t.db, (await findUserById(t.db, user.id))!);
		childId = await addChild(t.db, actor, v.parse(childSchema, { name: 'Roos', birthYear: String(lastYear - 9) }));
		incidentId = await recordIncident(t.db, actor, childId, v.parse(incidentQuickSchema, { 'occurredOn-day': '3', 'occurredOn-month': '4', 'occurredOn-year': String(lastYear), forms: 'physical', whatHappened: 'Ze pakten haar tas af.' }));
		await addAttachments(t.db, actor, childId, incidentId, [{ name: 'brief.pdf', bytes: minimalPdf('bewijs') }]);
		attachmentId = (await listAttachments(t.db, actor, childId, incidentId))[0]!.id;
		await beginTotpSetup(t.db, user.id);
	});
	afterAll(() => t.dispose());

	it('re-wraps the data keys and re-seals TOTP secrets only; everything stays readable under the new key', async () => {
		const oldKey = config().secretKey;
		const totpBefore = (await beginTotpSetup(t.db, actor.userId)).secret;
		const before = await sealedRows();
		const result = await rotateSecretKey(t.db, { currentKey: oldKey, dataDir: t.config.dataDir, keyFile, pendingKey: undefined, announce: () => expect.fail('a key file needs no announcement') });
		expect(result).toMatchObject({ dataKeys: 1, totpSecrets: 1 });
		expect(fs.existsSync(path.join(t.config.dataDir, 'secret.key.next'))).toBe(false);
		reloadConfig();
		const newKey = config().secretKey;
		expect(newKey.equals(oldKey)).toBe(false);
		expect(result.newKeyId).toBe(secretKeyId(newKey));

		const after = await sealedRows();
		// The data itself is not touched: same ciphertext, same file bytes. Only the wrapped keys changed.
		expect(after.incident).toEqual(before.incident);
		expect(after.child).toEqual(before.child);
		expect(after.file.equals(before.file)).toBe(true);
		expect(after.keys[0]!.wrapped).not.toBe(before.keys[0]!.wrapped);
		expect(() => unwrapDataKey(after.keys[0]!.wrapped, oldKey, after.keys[0]!.scope)).toThrow(KeyMismatchError);

		await readsEverything();
		expect((await beginTotpSetup(t.db, actor.userId)).secret).toBe(totpBefore);
	});

	it('a rotation stopped after its commit refuses to serve until the command runs again, which finishes it', async () => {
		const oldKey = config().secretKey;
		// The move of the new key over the old one fails (a folder that does not exist): the commit happened.
		await expect(
			rotateSecretKey(t.db, { currentKey: oldKey, dataDir: t.config.dataDir, keyFile: path.join(t.config.dataDir, 'missing', 'secret.key'), pendingKey: undefined, announce: () => undefined })
		).rejects.toThrow();
		reloadConfig();
		expect(config().secretKey.equals(oldKey)).toBe(true);
		expect(config().nextSecretKey).toBeDefined();
		// Run again, as the app's refusal says: nothing is re-wrapped twice, and the new key takes over.
		const result = await rotateSecretKey(t.db, { currentKey: config().secretKey, dataDir: t.config.dataDir, keyFile, pendingKey: config().nextSecretKey, announce: () => undefined });
		expect(result).toMatchObject({ dataKeys: 0, totpSecrets: 0 });
		reloadConfig();
		expect(config().nextSecretKey).toBeUndefined();
		expect(config().secretKey.equals(oldKey)).toBe(false);
		await readsEverything();
	});

	it('with SECRET_KEY in the environment, announces the new key before the commit', async () => {
		let announced = '';
		const result = await rotateSecretKey(t.db, { currentKey: config().secretKey, dataDir: t.config.dataDir, keyFile: undefined, pendingKey: undefined, announce: (hex) => (announced = hex) });
		expect(announced).toMatch(/^[0-9a-f]{64}$/);
		expect(result.dataKeys).toBe(1);
		setConfigForTests(loadConfig({ DATA_DIR: t.config.dataDir, SECRET_KEY: announced, LOG_LEVEL: 'silent' }));
		await readsEverything();
	});
});
