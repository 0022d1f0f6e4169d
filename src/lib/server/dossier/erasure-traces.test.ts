/**
 * Dossier text leaves no plain copy on disk (issue 10, items 4 and 10): a canary text written into every free-text
 * field of a dossier is found neither in the SQLite database file nor in its WAL, nor in a pg_dump of the
 * PostgreSQL schema — while it is stored (sealed under the dossier's data key, yet readable through the services)
 * and after the dossier or the account is deleted as a parent would. The control rows prove that the search finds
 * a plain canary where one is, and that without the checkpoint the WAL would still hold it.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresTestUrl, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { insertSealed, incidentRow } from '../testing/dossier-rows';
import { checkpointAfterErasure } from '../db/erasure';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema } from '../../dossier/dossier';
import { contactSchema } from '../../dossier/contacts';
import { addChild, getChild } from './child.service';
import { listContacts, recordContact } from './contact.service';
import { getTimeline } from './incident.service';
import { deleteAccount, deleteChildDossier, finishErasure } from './data-rights.service';

const PASSWORD = 'paarse olifant danst';
const lastYear = Number(todayInNetherlands().slice(0, 4)) - 1;

/** A text that appears nowhere by chance; letters only, so every field accepts it. */
function canary(): string {
	return `Kanarie${crypto.randomBytes(6).toString('hex').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
}

describe.each(testDatabaseKinds())('no trace of erased text on %s', (kind) => {
	let t: TestDatabase;
	let schema = '';

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		if (kind === 'postgres') schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]!.s;
		await sql`create table erasure_control (id text primary key, body text not null)`.execute(t.db);
	});
	afterAll(() => t.dispose());

	/** Everything on disk that could hold the text: the database file and its WAL, or a dump of the schema. */
	function diskHolds(text: string): boolean {
		if (kind === 'sqlite') {
			const file = path.join(t.config.dataDir, 'test.db');
			return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(text)));
		}
		const dump = execFileSync('pg_dump', ['--schema', schema, '--data-only', postgresTestUrl()!], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
		return dump.includes(text);
	}

	async function parent(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: PASSWORD, displayName: 'Ouder', locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** A dossier with the canary in the child's name and in every free-text field of an incident, a contact and an agreement. */
	async function dossierWith(actor: Actor, text: string): Promise<string> {
		const childId = await addChild(t.db, actor, v.parse(childSchema, { name: text, birthYear: String(lastYear - 9), schoolName: text }));
		const incidentId = newId();
		const fields = ['place_detail', 'online_platform', 'perpetrators', 'witnesses', 'what_happened', 'child_response', 'adults_knew', 'impact_emotional', 'impact_physical'] as const;
		await insertSealed(t.db, 'incident', incidentRow(incidentId, childId, Object.fromEntries(fields.map((f) => [f, `${f} ${text}`]))));
		await insertSealed(t.db, 'attachment', { id: newId(), incident_id: incidentId, child_id: childId, content_type: 'application/pdf', display_name: `${text}.pdf`, size: 1, sha256: 'b'.repeat(64), width: null, height: null, file_key: newId(), received_at: nowIso() });
		await recordContact(
			t.db,
			actor,
			childId,
			v.parse(contactSchema, { 'contactedOn-day': '5', 'contactedOn-month': '4', 'contactedOn-year': String(lastYear), rung: 'leerkracht', channel: 'talk', personName: text, summary: text, agreement1: text })
		);
		// Stored: sealed on disk, whole through the services.
		expect(diskHolds(text)).toBe(false);
		expect((await getChild(t.db, actor, childId)).name).toBe(text);
		expect((await getTimeline(t.db, actor, childId)).incidents[0]).toMatchObject({ whatHappened: `what_happened ${text}`, impactPhysical: `impact_physical ${text}` });
		expect((await listContacts(t.db, actor, childId))[0]).toMatchObject({ personName: text, summary: text, agreements: [{ description: text }] });
		return childId;
	}

	it('finds a plain canary where one is, and the WAL keeps a deleted one until the checkpoint (controls)', async () => {
		const text = canary();
		await t.db.insertInto('erasure_control' as never).values({ id: newId(), body: text } as never).execute();
		expect(diskHolds(text)).toBe(true);
		await t.db.deleteFrom('erasure_control' as never).execute();
		if (kind === 'sqlite') {
			// secure_delete has zeroed nothing yet: the deleted row's page is still in the WAL.
			expect(diskHolds(text)).toBe(true);
			expect(await checkpointAfterErasure(t.db)).toBe(true);
		}
		expect(diskHolds(text)).toBe(false);
	});

	it('a deleted dossier leaves its text nowhere on disk', async () => {
		const text = canary();
		const actor = await parent(`dossier-${kind}@example.nl`);
		const childId = await dossierWith(actor, text);
		const { fileKeys } = await t.db.transaction().execute((trx) => deleteChildDossier(trx, actor, childId, text));
		await finishErasure(t.db, fileKeys);
		expect(diskHolds(text)).toBe(false);
	});

	it('a deleted account leaves the text of its dossiers nowhere on disk', async () => {
		const text = canary();
		const actor = await parent(`account-${kind}@example.nl`);
		await dossierWith(actor, text);
		await dossierWith(actor, `${text}b`);
		const fileKeys = await t.db.transaction().execute((trx) => deleteAccount(trx, actor, PASSWORD));
		await finishErasure(t.db, fileKeys);
		expect(diskHolds(text)).toBe(false);
	});
});
