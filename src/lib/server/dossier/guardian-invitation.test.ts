import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findRoles, findUserByEmail, findUserById, insertRole } from '../auth/user.repository';
import { ruleKey } from '../testing/rule-error';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema } from '../../dossier/dossier';
import { acceptAsActor, acceptWithNewAccount, describeInvitation, inviteGuardian, listGuardianInvitations } from '../schools/invitation.service';
import { addChild, getChild, listMyChildren } from './child.service';

const birthYear = String(Number(todayInNetherlands().slice(0, 4)) - 9);

describe.each(testDatabaseKinds())('sharing a dossier with a second guardian on %s', (kind) => {
	let t: TestDatabase;
	let mother: Actor;
	let stranger: Actor;
	let childId: string;

	async function parent(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	/** The token from the last invitation mail to this address. */
	async function tokenFor(email: string): Promise<string> {
		const mail = await t.db.selectFrom('mail_outbox').select(['text_body', 'subject']).where('to_address', '=', email).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
		// The child's name stays out of the mail.
		expect(mail.text_body).not.toContain('Noor');
		return decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(mail.text_body)![1]!);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		mother = await parent('moeder@example.nl');
		stranger = await parent('vreemde@example.nl');
		childId = await addChild(t.db, mother, v.parse(childSchema, { name: 'Noor', birthYear }));
	});
	afterAll(async () => t?.dispose());

	it('a new guardian makes an account from the link and then sees and edits the dossier', async () => {
		await inviteGuardian(t.db, mother, childId, { email: 'Vader@Example.nl', displayName: 'Vader', locale: 'nl' });
		expect((await listGuardianInvitations(t.db, mother, childId)).map((i) => i.email)).toEqual(['vader@example.nl']);
		const token = await tokenFor('vader@example.nl');
		expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'open', childId, placeName: 'Noor', accountExists: false });
		const user = await acceptWithNewAccount(t.db, token, { displayName: 'Vader', password: 'paarse olifant danst', locale: 'nl' });
		expect((await findRoles(t.db, user.id)).map((r) => r.role)).toEqual(['parent']);
		const father = await loadActor(t.db, (await findUserById(t.db, user.id))!);
		expect((await getChild(t.db, father, childId)).name).toBe('Noor');
		expect((await listMyChildren(t.db, father)).map((c) => c.id)).toEqual([childId]);
		expect(await ruleKey(inviteGuardian(t.db, mother, childId, { email: 'vader@example.nl', displayName: 'Vader', locale: 'nl' }))).toBe('invite_error_already_guardian');
	});

	it('an existing parent accepts while signed in, only with the invited address', async () => {
		const oma = await parent('oma@example.nl');
		await inviteGuardian(t.db, mother, childId, { email: 'oma@example.nl', displayName: 'Oma', locale: 'nl' });
		const token = await tokenFor('oma@example.nl');
		expect(await ruleKey(acceptAsActor(t.db, stranger, token))).toBe('invite_error_other_account');
		await acceptAsActor(t.db, oma, token);
		expect((await getChild(t.db, oma, childId)).name).toBe('Noor');
		expect(await ruleKey(acceptAsActor(t.db, oma, token))).toBe('invite_error_not_open');
	});

	it('only a guardian of the child can invite or see the invitations', async () => {
		await expect(inviteGuardian(t.db, stranger, childId, { email: 'x@example.nl', displayName: 'X', locale: 'nl' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(listGuardianInvitations(t.db, stranger, childId)).rejects.toBeInstanceOf(NotFoundError);
		expect(await findUserByEmail(t.db, 'x@example.nl')).toBeUndefined();
		await expect(getChild(t.db, stranger, childId)).rejects.toBeInstanceOf(NotFoundError);
	});
});
