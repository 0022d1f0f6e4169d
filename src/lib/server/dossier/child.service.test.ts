import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { ruleKey } from '../testing/rule-error';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema, incidentQuickSchema, type ChildInput } from '../../dossier/dossier';
import type { Role } from '../../auth/roles';
import { addChild, getChild, listMyChildren, updateChild } from './child.service';
import { recordIncident } from './incident.service';
import { dossierScope, loadDataKey } from '../crypto/data-key.service';

const thisYear = Number(todayInNetherlands().slice(0, 4));
const CODE = '12AB00';

/** A child as the form sends it. */
const childInput = (fields: Record<string, string> = {}): ChildInput => v.parse(childSchema, { name: 'Sam', birthYear: String(thisYear - 10), ...fields });

async function expectError(call: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
	await expect(call).rejects.toBeInstanceOf(type);
}

describe.each(testDatabaseKinds())('children in the dossier on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	let parentA: Actor;
	let parentB: Actor;
	let schoolAdmin: Actor;
	let mentorWithoutSecondFactor: Actor;

	async function account(email: string, roles: { role: Role; school?: string }[], secondFactor = true): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		if (secondFactor) await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	const childCount = async () => Number((await t.db.selectFrom('child').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
	const childRow = (id: string) => t.db.selectFrom('child').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const events = (subjectId: string) => t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', subjectId).orderBy('seq').execute();

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db
			.insertInto('school')
			.values({ id: schoolId, vestigingscode: CODE, instellingscode: '12AB', name: 'OBS De Regenboog', place: 'Delft', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now })
			.execute();
		parentA = await account('anna@example.nl', [{ role: 'parent' }], false);
		parentB = await account('bram@example.nl', [{ role: 'parent' }], false);
		schoolAdmin = await account('admin@regenboog.nl', [{ role: 'school_admin', school: schoolId }]);
		mentorWithoutSecondFactor = await account('mentor@regenboog.nl', [{ role: 'mentor', school: schoolId }, { role: 'parent' }], false);
	});
	afterAll(async () => t?.dispose());

	describe('adding a child', () => {
		it('with a school from the registry: the child, the parent as guardian and an audit event without the name', async () => {
			const id = await addChild(t.db, parentA, childInput({ name: 'Noor', yearGroup: 'groep-6', schoolCode: CODE.toLowerCase() }));
			expect(id).toMatch(/^[0-9a-f-]{36}$/);
			const row = await childRow(id);
			expect(row).toMatchObject({ year_group: 'groep-6', school_id: schoolId, school_name: null });
			// The name is sealed under the dossier's own data key (decision 0015).
			expect(row.name).toMatch(/^pw1\./);
			expect(row.name).not.toContain('Noor');
			expect((await loadDataKey(t.db, dossierScope(id))).open(row.name)).toBe('Noor');
			expect(Number((await childRow(id)).birth_year)).toBe(thisYear - 10);
			const guardians = await t.db.selectFrom('child_guardian').selectAll().where('child_id', '=', id).execute();
			expect(guardians.map((g) => g.user_id)).toEqual([parentA.userId]);
			const audit = await events(id);
			expect(audit).toHaveLength(1);
			expect(audit[0]).toMatchObject({ action: 'child.add', subject_type: 'child', actor_user_id: parentA.userId });
			expect(audit[0]!.detail).not.toContain('Noor');
			expect(await getChild(t.db, parentA, id)).toEqual({
				id,
				name: 'Noor',
				birthYear: thisYear - 10,
				yearGroup: 'groep-6',
				school: { code: CODE, name: 'OBS De Regenboog', place: 'Delft' },
				schoolName: null,
				incidentCount: 0
			});
		});

		it("with 'school not listed' and a typed name: no registry school", async () => {
			const id = await addChild(t.db, parentA, childInput({ name: 'Jesse', schoolCode: 'none', schoolName: 'De Vrije School Zuid' }));
			const row = await childRow(id);
			expect(row).toMatchObject({ school_id: null, year_group: null });
			expect(row.school_name).not.toContain('Vrije');
			expect((await loadDataKey(t.db, dossierScope(id))).open(row.school_name!)).toBe('De Vrije School Zuid');
			expect(await getChild(t.db, parentA, id)).toMatchObject({ school: null, schoolName: 'De Vrije School Zuid' });
		});

		it('without a school at all', async () => {
			const id = await addChild(t.db, parentA, childInput({ name: 'Mo' }));
			expect(await getChild(t.db, parentA, id)).toMatchObject({ school: null, schoolName: null, yearGroup: null });
		});

		it('a school code that is not in the registry: RuleError on the school, nothing stored', async () => {
			const before = await childCount();
			expect(await ruleKey(addChild(t.db, parentA, childInput({ schoolCode: '99XX99' })))).toBe('dossier_error_school_unknown');
			expect(await childCount()).toBe(before);
		});

		it('only parents: a school admin is forbidden, a visitor unauthenticated, staff without a second factor forbidden', async () => {
			const before = await childCount();
			await expectError(addChild(t.db, schoolAdmin, childInput()), ForbiddenError);
			await expectError(addChild(t.db, undefined, childInput()), UnauthenticatedError);
			await expectError(addChild(t.db, mentorWithoutSecondFactor, childInput()), ForbiddenError);
			expect(await childCount()).toBe(before);
		});
	});

	describe("another family's child looks absent", () => {
		let childOfA: string;
		beforeAll(async () => {
			childOfA = await addChild(t.db, parentA, childInput({ name: 'Lotte', schoolCode: CODE }));
		});

		it('parent B gets NotFound for getChild and updateChild, and nothing changes', async () => {
			const before = await childRow(childOfA);
			const eventsBefore = await events(childOfA);
			await expectError(getChild(t.db, parentB, childOfA), NotFoundError);
			await expectError(updateChild(t.db, parentB, childOfA, childInput({ name: 'Gekaapt' })), NotFoundError);
			expect(await childRow(childOfA)).toEqual(before);
			expect(await events(childOfA)).toEqual(eventsBefore);
		});

		it('the same NotFound as for a child that does not exist or an id that is not one', async () => {
			for (const id of [newId(), 'not-an-id', '', `${childOfA} `, childOfA.toUpperCase()]) {
				await expectError(getChild(t.db, parentA, id), NotFoundError);
				await expectError(updateChild(t.db, parentA, id, childInput()), NotFoundError);
			}
		});

		it('a school admin is forbidden, a visitor unauthenticated', async () => {
			await expectError(getChild(t.db, schoolAdmin, childOfA), ForbiddenError);
			await expectError(updateChild(t.db, schoolAdmin, childOfA, childInput()), ForbiddenError);
			await expectError(listMyChildren(t.db, schoolAdmin), ForbiddenError);
			await expectError(getChild(t.db, undefined, childOfA), UnauthenticatedError);
		});

		it('a second guardian linked to the child sees it too', async () => {
			const shared = await addChild(t.db, parentA, childInput({ name: 'Gedeeld' }));
			await expectError(getChild(t.db, parentB, shared), NotFoundError);
			await t.db.insertInto('child_guardian').values({ child_id: shared, user_id: parentB.userId, created_at: nowIso() }).execute();
			expect((await getChild(t.db, parentB, shared)).name).toBe('Gedeeld');
			await t.db.deleteFrom('child_guardian').where('child_id', '=', shared).where('user_id', '=', parentB.userId).execute();
			await expectError(getChild(t.db, parentB, shared), NotFoundError);
		});
	});

	describe('changing a child', () => {
		it('saves every field, switches the school and audits the change', async () => {
			const id = await addChild(t.db, parentA, childInput({ name: 'Fenna', schoolCode: CODE }));
			await updateChild(t.db, parentA, id, childInput({ name: 'Fen', birthYear: String(thisYear - 12), yearGroup: 'klas-1', schoolCode: 'none', schoolName: 'Het Lyceum' }));
			expect(await getChild(t.db, parentA, id)).toMatchObject({ name: 'Fen', birthYear: thisYear - 12, yearGroup: 'klas-1', school: null, schoolName: 'Het Lyceum' });
			await updateChild(t.db, parentA, id, childInput({ name: 'Fen', birthYear: String(thisYear - 12), schoolCode: CODE, schoolName: 'genegeerd' }));
			expect(await getChild(t.db, parentA, id)).toMatchObject({ school: { code: CODE }, schoolName: null, yearGroup: null });
			expect((await events(id)).map((e) => e.action)).toEqual(['child.add', 'child.update', 'child.update']);
		});

		it('to an unknown school: RuleError, nothing changed', async () => {
			const id = await addChild(t.db, parentA, childInput({ name: 'Isa' }));
			const before = await childRow(id);
			expect(await ruleKey(updateChild(t.db, parentA, id, childInput({ name: 'Isa2', schoolCode: '00ZZ00' })))).toBe('dossier_error_school_unknown');
			expect(await childRow(id)).toEqual(before);
		});

		it('to a birth year after an incident already written down: RuleError, nothing changed', async () => {
			const born = thisYear - 15;
			const id = await addChild(t.db, parentA, childInput({ name: 'Bo', birthYear: String(born) }));
			await recordIncident(t.db, parentA, id, v.parse(incidentQuickSchema, { 'occurredOn-day': '10', 'occurredOn-month': '6', 'occurredOn-year': String(born + 4) }));
			const before = await childRow(id);
			expect(await ruleKey(updateChild(t.db, parentA, id, childInput({ name: 'Bo', birthYear: String(born + 5) })))).toBe('dossier_error_birth_year_after_incident');
			expect(await childRow(id)).toEqual(before);
			// The incident's own year is still possible.
			await updateChild(t.db, parentA, id, childInput({ name: 'Bo', birthYear: String(born + 4) }));
			expect((await getChild(t.db, parentA, id)).birthYear).toBe(born + 4);
		});
	});

	describe('listMyChildren', () => {
		it("shows only the parent's own children, in the order added, with their incident counts", async () => {
			const c = await account('carla@example.nl', [{ role: 'parent' }], false);
			const d = await account('daan@example.nl', [{ role: 'parent' }], false);
			expect(await listMyChildren(t.db, c)).toEqual([]);
			const first = await addChild(t.db, c, childInput({ name: 'Eerste', schoolCode: CODE }));
			const second = await addChild(t.db, c, childInput({ name: 'Tweede' }));
			const other = await addChild(t.db, d, childInput({ name: 'Van D' }));
			const date = { 'occurredOn-day': '1', 'occurredOn-month': '3', 'occurredOn-year': String(thisYear - 1) };
			for (let i = 0; i < 3; i++) await recordIncident(t.db, c, second, v.parse(incidentQuickSchema, date));
			await recordIncident(t.db, d, other, v.parse(incidentQuickSchema, date));

			const mine = await listMyChildren(t.db, c);
			expect(mine.map((k) => [k.id, k.name, k.incidentCount])).toEqual([
				[first, 'Eerste', 0],
				[second, 'Tweede', 3]
			]);
			expect(mine[0]!.school).toEqual({ code: CODE, name: 'OBS De Regenboog', place: 'Delft' });
			expect((await getChild(t.db, c, second)).incidentCount).toBe(3);
			expect((await listMyChildren(t.db, d)).map((k) => [k.name, k.incidentCount])).toEqual([['Van D', 1]]);
			expect((await listMyChildren(t.db, parentB)).map((k) => k.name)).not.toContain('Eerste');
		});
	});

	it('the audit chain is intact', async () => {
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});
