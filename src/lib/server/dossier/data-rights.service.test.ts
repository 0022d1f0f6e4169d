import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { putFile } from '../files/file-store';
import { ruleKey } from '../testing/rule-error';
import { minimalPdf } from '../testing/sample-files';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema, incidentQuickSchema } from '../../dossier/dossier';
import { contactSchema } from '../../dossier/contacts';
import { addChild } from './child.service';
import { recordIncident } from './incident.service';
import { recordContact } from './contact.service';
import { deleteAccount, deleteChildDossier, exportAccount, exportChild } from './data-rights.service';
import { insertSealed } from '../testing/dossier-rows';
import { dossierScope, loadDataKey } from '../crypto/data-key.service';
import { readErasureJournal } from '../db/erasure-journal';

const lastYear = Number(todayInNetherlands().slice(0, 4)) - 1;
const day = { 'occurredOn-day': '3', 'occurredOn-month': '4', 'occurredOn-year': String(lastYear) };
const PASSWORD = 'paarse olifant danst';

/** Every dossier table with the rows of one child: what must be gone after deletion. */
const DOSSIER_TABLES = ['incident', 'attachment', 'dossier_contact', 'agreement', 'step_skip', 'child_guardian'] as const;

describe.each(testDatabaseKinds())('export and erasure on %s', (kind) => {
	let t: TestDatabase;

	async function parent(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: PASSWORD, displayName: email.split('@')[0]!, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** A child with an incident, a PDF as evidence, a contact with an agreement and a skipped step. */
	async function fullDossier(actor: Actor, name: string): Promise<{ childId: string; fileKey: string }> {
		const childId = await addChild(t.db, actor, v.parse(childSchema, { name, birthYear: String(lastYear - 9) }));
		const incidentId = await recordIncident(t.db, actor, childId, v.parse(incidentQuickSchema, { ...day, forms: 'verbal', whatHappened: 'Uitgescholden.' }));
		const fileKey = newId();
		const bytes = minimalPdf(name);
		await putFile(fileKey, bytes, await loadDataKey(t.db, dossierScope(childId)));
		await insertSealed(t.db, 'attachment', { id: newId(), incident_id: incidentId, child_id: childId, content_type: 'application/pdf', display_name: 'brief van school.pdf', size: bytes.byteLength, sha256: 'b'.repeat(64), width: null, height: null, file_key: fileKey, received_at: nowIso() });
		await recordContact(
			t.db,
			actor,
			childId,
			v.parse(contactSchema, { 'contactedOn-day': '5', 'contactedOn-month': '4', 'contactedOn-year': String(lastYear), rung: 'leerkracht', channel: 'talk', agreement1: 'Let op' })
		);
		await t.db.insertInto('step_skip').values({ child_id: childId, step: 'politie', created_at: nowIso() }).execute();
		return { childId, fileKey };
	}

	async function rowsOf(childId: string): Promise<number> {
		let count = (await t.db.selectFrom('child').select('id').where('id', '=', childId).execute()).length;
		for (const table of DOSSIER_TABLES) count += (await t.db.selectFrom(table).select('child_id').where('child_id', '=', childId).execute()).length;
		return count;
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(async () => t?.dispose());

	it('exports a child as a zip with every item and the evidence file, decrypted', async () => {
		const anna = await parent('anna@example.nl');
		const { childId } = await fullDossier(anna, 'Noor');
		const { zip, name } = await exportChild(t.db, anna, childId, 'nl');
		expect(name).toBe('Noor');
		const files = unzipSync(zip);
		const json = JSON.parse(strFromU8(files["Noor/dossier.json"]!)) as { child: { name: string }; incidents: unknown[]; contacts: { agreements: unknown[] }[]; attachments: { file: string; file_key?: string }[]; steps_not_for_us: string[] };
		expect(json.child.name).toBe('Noor');
		expect(json.incidents).toHaveLength(1);
		expect(json.contacts).toHaveLength(1);
		expect(json.contacts[0]!.agreements).toHaveLength(1);
		expect(json.steps_not_for_us).toEqual(['politie']);
		const attachment = json.attachments[0]!;
		expect(attachment.file_key).toBeUndefined();
		expect(strFromU8(files[`Noor/${attachment.file}`]!).startsWith('%PDF')).toBe(true);
		// The dossier PDF is in the zip too.
		expect(strFromU8(files['Noor/dossier.pdf']!.subarray(0, 5))).toBe('%PDF-');
		// The whole account: account.json and the child's folder.
		const all = unzipSync(await exportAccount(t.db, anna, 'nl'));
		expect(JSON.parse(strFromU8(all['account.json']!)).account.email).toBe('anna@example.nl');
		expect(Object.keys(all)).toContain('1-Noor/dossier.json');
	});

	it('never exports or deletes another family\'s child', async () => {
		const owner = await parent('owner@example.nl');
		const other = await parent('other@example.nl');
		const { childId } = await fullDossier(owner, 'Sem');
		await expect(exportChild(t.db, other, childId, 'nl')).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteChildDossier(t.db, other, childId, 'Sem')).rejects.toBeInstanceOf(NotFoundError);
		expect(await rowsOf(childId)).toBeGreaterThan(0);
	});

	it('deletes a dossier only when the name is typed, and then leaves nothing of the child', async () => {
		const bram = await parent('bram@example.nl');
		const { childId, fileKey } = await fullDossier(bram, 'Lotte');
		expect(await ruleKey(deleteChildDossier(t.db, bram, childId, 'Lot'))).toBe('dossier_error_confirm_name');
		const result = await deleteChildDossier(t.db, bram, childId, ' lotte ');
		expect(result).toEqual({ deleted: true, fileKeys: [fileKey] });
		expect(await rowsOf(childId)).toBe(0);
		// The data key is gone, so every copy of the text elsewhere (a backup, a disk block) is unreadable;
		// the erasure journal holds the id and the day, for a restore to erase it again.
		expect(await t.db.selectFrom('data_key').select('scope').where('scope', '=', dossierScope(childId)).execute()).toEqual([]);
		expect(readErasureJournal()).toContainEqual({ kind: 'dossier', id: childId, on: todayInNetherlands() });
		const events = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('subject_id', '=', childId).orderBy('seq').execute();
		expect(events.at(-1)).toEqual({ action: 'child.delete', detail: '{}' });
	});

	it('with two guardians, the first one leaves and the last one deletes', async () => {
		const mother = await parent('moeder@example.nl');
		const father = await parent('vader@example.nl');
		const { childId } = await fullDossier(mother, 'Daan');
		await t.db.insertInto('child_guardian').values({ child_id: childId, user_id: father.userId, created_at: nowIso() }).execute();
		expect(await deleteChildDossier(t.db, mother, childId, 'Daan')).toEqual({ deleted: false, fileKeys: [] });
		// Leaving is not erasing: nothing in the journal for a dossier that stays.
		expect(readErasureJournal().map((e) => e.id)).not.toContain(childId);
		await expect(exportChild(t.db, mother, childId, 'nl')).rejects.toBeInstanceOf(NotFoundError);
		expect((await exportChild(t.db, father, childId, 'nl')).name).toBe('Daan');
		expect((await deleteChildDossier(t.db, father, childId, 'Daan')).deleted).toBe(true);
		expect(await rowsOf(childId)).toBe(0);
	});

	it('deletes an account after the password, with its dossiers, sessions and waiting mail', async () => {
		const sara = await parent('sara@example.nl');
		const { childId, fileKey } = await fullDossier(sara, 'Fien');
		await t.db.insertInto('mail_outbox').values({ id: newId(), to_address: 'sara@example.nl', subject: 's', text_body: 'b', locale: 'nl', created_at: nowIso() }).execute();
		expect(await ruleKey(deleteAccount(t.db, sara, 'verkeerd wachtwoord'))).toBe('auth_error_current_password_wrong');
		expect(await deleteAccount(t.db, sara, PASSWORD)).toEqual([fileKey]);
		expect(await findUserById(t.db, sara.userId)).toBeUndefined();
		expect(readErasureJournal()).toEqual(expect.arrayContaining([{ kind: 'dossier', id: childId, on: todayInNetherlands() }, { kind: 'account', id: sara.userId, on: todayInNetherlands() }]));
		expect(JSON.stringify(readErasureJournal())).not.toMatch(/sara|Fien/);
		expect(await rowsOf(childId)).toBe(0);
		expect(await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'sara@example.nl').execute()).toEqual([]);
		expect(await t.db.selectFrom('role_assignment').select('id').where('user_id', '=', sara.userId).execute()).toEqual([]);
	});

	it('refuses to delete an account that also works for a school', async () => {
		const juf = await parent('juf@example.nl');
		const schoolId = newId();
		await t.db
			.insertInto('school')
			.values({ id: schoolId, vestigingscode: '12CD00', instellingscode: '12CD', name: 'School', place: 'Ede', postcode: null, sector: 'po', board_id: null, created_at: nowIso(), updated_at: nowIso() })
			.execute();
		await insertRole(t.db, { id: newId(), user_id: juf.userId, role: 'mentor', school_id: schoolId, board_id: null, created_at: nowIso() });
		const actor = { ...(await loadActor(t.db, (await findUserById(t.db, juf.userId))!)), secondFactorEnabled: true };
		expect(await ruleKey(deleteAccount(t.db, actor, PASSWORD))).toBe('account_error_delete_staff');
	});
});
