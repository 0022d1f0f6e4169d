/**
 * The upgrade of dossiers written before the envelope (decision 0015): plain rows and PWF1 files become sealed under
 * a new data key per dossier, once; the dossier reads the same through the services; a crash between the rows and the
 * files is finished by the next run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { config } from '../config';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { encryptLegacyFile } from '../files/file-store';
import { minimalPdf } from '../testing/sample-files';
import { readStoredFile } from '../testing/stored-file';
import { incidentRow } from '../testing/dossier-rows';
import { getChild } from './child.service';
import { getTimeline } from './incident.service';
import { getAttachmentFile, listAttachments } from './attachment.service';
import { listContacts } from './contact.service';
import { sealOlderDossiers } from './dossier-sealing';

describe.each(testDatabaseKinds())('sealing dossiers of before the envelope on %s', (kind) => {
	let t: TestDatabase;
	let actor: Actor;

	/** A dossier as the code before decision 0015 wrote it: plain text, a PWF1 file. */
	async function legacyDossier(name: string): Promise<{ childId: string; incidentId: string; fileKey: string }> {
		const now = nowIso();
		const childId = newId();
		const incidentId = newId();
		const contactId = newId();
		const fileKey = newId();
		await t.db.insertInto('child').values({ id: childId, name, birth_year: 2015, year_group: null, school_id: null, school_name: 'Basisschool Oud', created_at: now, updated_at: now }).execute();
		await t.db.insertInto('child_guardian').values({ child_id: childId, user_id: actor.userId, created_at: now }).execute();
		await t.db.insertInto('incident').values(incidentRow(incidentId, childId, { what_happened: `${name} werd geduwd.`, perpetrators: 'Twee jongens' })).execute();
		await t.db.insertInto('dossier_contact').values({ id: contactId, child_id: childId, contacted_on: '2025-03-03', person_name: 'Meester Ali', rung: 'leerkracht', channel: 'talk', summary: 'Gesprek.', created_at: now, updated_at: now }).execute();
		await t.db.insertInto('agreement').values({ id: newId(), contact_id: contactId, child_id: childId, position: 1, description: 'Hij let op.', follow_up_on: null, status: 'open', reminded_at: null, created_at: now, updated_at: now }).execute();
		const file = path.join(config().dataDir, 'files', fileKey.slice(0, 2), fileKey);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, encryptLegacyFile(minimalPdf(name), config().secretKey));
		const pdf = minimalPdf(name);
		await t.db
			.insertInto('attachment')
			.values({ id: newId(), incident_id: incidentId, child_id: childId, content_type: 'application/pdf', display_name: 'oud.pdf', size: pdf.byteLength, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), width: null, height: null, file_key: fileKey, received_at: now })
			.execute();
		return { childId, incidentId, fileKey };
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const user = await createVerifiedUser(t.db, { email: `oud-${kind}@example.nl`, password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		actor = await loadActor(t.db, (await findUserById(t.db, user.id))!);
	});
	afterAll(() => t.dispose());

	it('seals the text and re-encrypts the files once; the dossier reads as before', async () => {
		const { childId, incidentId, fileKey } = await legacyDossier('Mila');
		expect(await sealOlderDossiers(t.db)).toEqual({ dossiers: 1, files: 1 });
		const raw = await t.db.selectFrom('incident').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
		expect(raw.what_happened).toMatch(/^pw1\./);
		expect(JSON.stringify(await t.db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirstOrThrow())).not.toMatch(/Mila|Oud/);
		expect((await readStoredFile(fileKey)).subarray(0, 4).toString('latin1')).toBe('PWF2');

		expect(await getChild(t.db, actor, childId)).toMatchObject({ name: 'Mila', schoolName: 'Basisschool Oud' });
		expect((await getTimeline(t.db, actor, childId)).incidents[0]).toMatchObject({ whatHappened: 'Mila werd geduwd.', perpetrators: 'Twee jongens' });
		expect((await listContacts(t.db, actor, childId))[0]).toMatchObject({ personName: 'Meester Ali', summary: 'Gesprek.', agreements: [{ description: 'Hij let op.' }] });
		const [attachment] = await listAttachments(t.db, actor, childId, incidentId);
		expect(attachment!.name).toBe('oud.pdf');
		expect(Buffer.from(minimalPdf('Mila')).equals((await getAttachmentFile(t.db, actor, childId, incidentId, attachment!.id)).bytes)).toBe(true);

		// Run again (every start does): nothing is sealed twice.
		expect(await sealOlderDossiers(t.db)).toEqual({ dossiers: 0, files: 0 });
		expect((await getTimeline(t.db, actor, childId)).incidents[0]?.whatHappened).toBe('Mila werd geduwd.');
	});

	it('finishes the files at the next run when a crash came between the rows and the files', async () => {
		const { childId, incidentId, fileKey } = await legacyDossier('Daan');
		expect((await sealOlderDossiers(t.db)).dossiers).toBe(1);
		// As if the process died after the commit: the scope pending, the file back in the old format.
		const file = path.join(config().dataDir, 'files', fileKey.slice(0, 2), fileKey);
		fs.writeFileSync(file, encryptLegacyFile(minimalPdf('Daan'), config().secretKey));
		await t.db.insertInto('sealing_pending').values({ scope: `dossier:${childId}` }).execute();
		// Meanwhile the file store still reads it.
		const [attachment] = await listAttachments(t.db, actor, childId, incidentId);
		expect(Buffer.from(minimalPdf('Daan')).equals((await getAttachmentFile(t.db, actor, childId, incidentId, attachment!.id)).bytes)).toBe(true);
		expect(await sealOlderDossiers(t.db)).toEqual({ dossiers: 0, files: 1 });
		expect((await readStoredFile(fileKey)).subarray(0, 4).toString('latin1')).toBe('PWF2');
		expect(await t.db.selectFrom('sealing_pending').selectAll().execute()).toEqual([]);
	});
});
