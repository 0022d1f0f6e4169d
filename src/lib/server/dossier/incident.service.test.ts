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
import { childSchema, incidentDetailSchema, incidentQuickSchema, type IncidentDetailInput, type IncidentQuickInput } from '../../dossier/dossier';
import type { Role } from '../../auth/roles';
import { addChild, getChild } from './child.service';
import { deleteIncident, getIncident, getTimeline, recordIncident, updateIncident } from './incident.service';
import { insertSealed } from '../testing/dossier-rows';
import { dossierScope, loadDataKey } from '../crypto/data-key.service';

const thisYear = Number(todayInNetherlands().slice(0, 4));
/** Last year: always in the past, and after the birth year of every child here. */
const Y = thisYear - 1;
const BORN = thisYear - 10;

const dateFields = (iso: string) => {
	const [year, month, day] = iso.split('-');
	return { 'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year! };
};
/** A quick entry as the form sends it. */
const quick = (iso: string, fields: Record<string, unknown> = {}): IncidentQuickInput => v.parse(incidentQuickSchema, { ...dateFields(iso), ...fields });
/** All details as the form sends them. */
const detail = (iso: string, fields: Record<string, unknown> = {}): IncidentDetailInput => v.parse(incidentDetailSchema, { ...dateFields(iso), ...fields });

async function expectError(call: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
	await expect(call).rejects.toBeInstanceOf(type);
}

describe.each(testDatabaseKinds())('incidents in the dossier on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	let parentA: Actor;
	let parentB: Actor;
	let schoolAdmin: Actor;
	let childOfA: string;
	let childOfB: string;

	async function account(email: string, roles: { role: Role; school?: string }[], secondFactor = true): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		if (secondFactor) await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	const newChild = (actor: Actor, name: string, birthYear = BORN) => addChild(t.db, actor, v.parse(childSchema, { name, birthYear: String(birthYear) }));
	const incidentRow = (id: string) => t.db.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();
	const actionsFor = async (childId: string) => (await t.db.selectFrom('audit_event').select('action').where('subject_id', '=', childId).orderBy('seq').execute()).map((e) => e.action);

	/** An evidence row straight in the table (the upload itself is attachment.service's business). */
	async function insertAttachment(childId: string, incidentId: string): Promise<string> {
		const fileKey = newId();
		await insertSealed(t.db, 'attachment', { id: newId(), incident_id: incidentId, child_id: childId, content_type: 'image/png', display_name: 'foto.png', size: 68, sha256: 'a'.repeat(64), width: 1, height: 1, file_key: fileKey, received_at: nowIso() });
		return fileKey;
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db
			.insertInto('school')
			.values({ id: schoolId, vestigingscode: '12AB00', instellingscode: '12AB', name: 'OBS De Regenboog', place: 'Delft', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now })
			.execute();
		parentA = await account('anna@example.nl', [{ role: 'parent' }], false);
		parentB = await account('bram@example.nl', [{ role: 'parent' }], false);
		schoolAdmin = await account('admin@regenboog.nl', [{ role: 'school_admin', school: schoolId }]);
		childOfA = await newChild(parentA, 'Noor');
		childOfB = await newChild(parentB, 'Bas');
	});
	afterAll(async () => t?.dispose());

	describe('recording and changing', () => {
		it('the quick entry is stored, audited without its content, and read back with empty details', async () => {
			const id = await recordIncident(t.db, parentA, childOfA, quick(`${Y}-04-02`, { approximate: 'on', forms: ['verbal', 'exclusion'], whatHappened: 'Niemand wilde naast haar zitten.', physicalViolence: 'yes' }));
			const row = await incidentRow(id);
			expect(row).toMatchObject({ child_id: childOfA, occurred_on: `${Y}-04-02`, occurred_time: null });
			// Sealed under the dossier's data key; dates and forms stay plain for filtering.
			expect(row!.what_happened).not.toContain('Niemand');
			expect((await loadDataKey(t.db, dossierScope(childOfA))).open(row!.what_happened!)).toBe('Niemand wilde naast haar zitten.');
			expect(JSON.parse(row!.forms)).toEqual(['verbal', 'exclusion']);
			const view = await getIncident(t.db, parentA, childOfA, id);
			expect(view).toMatchObject({
				id,
				occurredOn: `${Y}-04-02`,
				occurredTime: null,
				approximate: true,
				place: null,
				forms: ['verbal', 'exclusion'],
				whatHappened: 'Niemand wilde naast haar zitten.',
				perpetrators: null,
				absenceDays: null,
				physicalViolence: true,
				attachmentCount: 0
			});
			const event = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'incident.record').where('subject_id', '=', childOfA).executeTakeFirstOrThrow();
			expect(event.actor_user_id).toBe(parentA.userId);
			expect(event.detail).toContain(id);
			expect(event.detail).not.toContain('Niemand');
		});

		it('all details can be filled in later', async () => {
			const id = await recordIncident(t.db, parentA, childOfA, quick(`${Y}-04-03`));
			await updateIncident(
				t.db,
				parentA,
				childOfA,
				id,
				detail(`${Y}-04-04`, {
					occurredTime: '12.30',
					place: 'online',
					placeDetail: 'Klassenapp',
					onlinePlatform: 'WhatsApp',
					forms: ['online_group_exclusion', 'rumours'],
					perpetrators: 'Tim en Lisa',
					witnesses: 'Fatima',
					whatHappened: 'Ze haalden haar uit de groep.',
					childResponse: 'Niets gezegd.',
					adultsKnew: 'De juf',
					impactEmotional: 'Verdrietig',
					impactPhysical: 'Buikpijn',
					absenceDays: '2',
					physicalViolence: 'no'
				})
			);
			expect(await getIncident(t.db, parentA, childOfA, id)).toMatchObject({
				occurredOn: `${Y}-04-04`,
				occurredTime: '12:30',
				approximate: false,
				place: 'online',
				placeDetail: 'Klassenapp',
				onlinePlatform: 'WhatsApp',
				forms: ['online_group_exclusion', 'rumours'],
				perpetrators: 'Tim en Lisa',
				witnesses: 'Fatima',
				whatHappened: 'Ze haalden haar uit de groep.',
				childResponse: 'Niets gezegd.',
				adultsKnew: 'De juf',
				impactEmotional: 'Verdrietig',
				impactPhysical: 'Buikpijn',
				absenceDays: 2,
				physicalViolence: false
			});
			expect(await actionsFor(childOfA)).toContain('incident.update');
		});

		it('an online platform is kept only for something online', async () => {
			const id = await recordIncident(t.db, parentA, childOfA, quick(`${Y}-04-05`));
			await updateIncident(t.db, parentA, childOfA, id, detail(`${Y}-04-05`, { place: 'playground', forms: 'physical', onlinePlatform: 'TikTok' }));
			expect((await getIncident(t.db, parentA, childOfA, id)).onlinePlatform).toBeNull();
			await updateIncident(t.db, parentA, childOfA, id, detail(`${Y}-04-05`, { place: 'class', forms: ['verbal', 'online_fake_profile'], onlinePlatform: 'TikTok' }));
			expect((await getIncident(t.db, parentA, childOfA, id)).onlinePlatform).toBe('TikTok');
		});

		it('a date before the birth year: RuleError on the date, for a new and a changed incident', async () => {
			const kid = await newChild(parentA, 'Jong', thisYear - 4);
			expect(await ruleKey(recordIncident(t.db, parentA, kid, quick(`${thisYear - 5}-12-31`)))).toBe('dossier_error_before_birth');
			expect(await getChild(t.db, parentA, kid)).toMatchObject({ incidentCount: 0 });
			// The birth year itself is fine.
			const id = await recordIncident(t.db, parentA, kid, quick(`${thisYear - 4}-01-01`));
			const before = await incidentRow(id);
			expect(await ruleKey(updateIncident(t.db, parentA, kid, id, detail(`${thisYear - 5}-06-01`)))).toBe('dossier_error_before_birth');
			expect(await incidentRow(id)).toEqual(before);
		});
	});

	describe("another family's child and incidents look absent", () => {
		let incidentOfA: string;
		let incidentOfB: string;
		beforeAll(async () => {
			incidentOfA = await recordIncident(t.db, parentA, childOfA, quick(`${Y}-05-01`, { forms: 'threats', whatHappened: 'Geheim' }));
			incidentOfB = await recordIncident(t.db, parentB, childOfB, quick(`${Y}-05-02`));
		});

		async function state() {
			return JSON.stringify({
				incidents: await t.db.selectFrom('incident').selectAll().orderBy('id').execute(),
				attachments: await t.db.selectFrom('attachment').selectAll().orderBy('id').execute(),
				audit: await t.db.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').limit(1).execute()
			});
		}

		it("parent B gets NotFound for everything on A's child and incident, and nothing changes", async () => {
			const before = await state();
			await expectError(recordIncident(t.db, parentB, childOfA, quick(`${Y}-05-03`)), NotFoundError);
			await expectError(getIncident(t.db, parentB, childOfA, incidentOfA), NotFoundError);
			await expectError(updateIncident(t.db, parentB, childOfA, incidentOfA, detail(`${Y}-05-03`, { whatHappened: 'Overschreven' })), NotFoundError);
			await expectError(deleteIncident(t.db, parentB, childOfA, incidentOfA), NotFoundError);
			await expectError(getTimeline(t.db, parentB, childOfA), NotFoundError);
			await expectError(getTimeline(t.db, parentB, childOfA, { form: 'threats' }), NotFoundError);
			expect(await state()).toBe(before);
		});

		it("parent B gets NotFound for A's incident under B's own child, and nothing changes", async () => {
			const before = await state();
			await expectError(getIncident(t.db, parentB, childOfB, incidentOfA), NotFoundError);
			await expectError(updateIncident(t.db, parentB, childOfB, incidentOfA, detail(`${Y}-05-03`, { whatHappened: 'Overschreven' })), NotFoundError);
			await expectError(deleteIncident(t.db, parentB, childOfB, incidentOfA), NotFoundError);
			expect(await state()).toBe(before);
			expect((await getIncident(t.db, parentA, childOfA, incidentOfA)).whatHappened).toBe('Geheim');
			expect((await getTimeline(t.db, parentB, childOfB)).incidents.map((i) => i.id)).toEqual([incidentOfB]);
		});

		it("parent A cannot reach B's incident under A's own child either", async () => {
			await expectError(getIncident(t.db, parentA, childOfA, incidentOfB), NotFoundError);
			await expectError(deleteIncident(t.db, parentA, childOfA, incidentOfB), NotFoundError);
			expect(await incidentRow(incidentOfB)).toBeDefined();
		});

		it("an incident of one of A's own children under another of A's children is NotFound", async () => {
			const sibling = await newChild(parentA, 'Zus');
			await expectError(getIncident(t.db, parentA, sibling, incidentOfA), NotFoundError);
			await expectError(updateIncident(t.db, parentA, sibling, incidentOfA, detail(`${Y}-05-03`)), NotFoundError);
			await expectError(deleteIncident(t.db, parentA, sibling, incidentOfA), NotFoundError);
			expect(await incidentRow(incidentOfA)).toBeDefined();
		});

		it('ids that do not exist or are not ids are NotFound', async () => {
			for (const id of [newId(), 'x', '', incidentOfA.toUpperCase(), `${incidentOfA}' or '1'='1`]) {
				await expectError(getIncident(t.db, parentA, childOfA, id), NotFoundError);
				await expectError(deleteIncident(t.db, parentA, childOfA, id), NotFoundError);
			}
			await expectError(recordIncident(t.db, parentA, newId(), quick(`${Y}-05-03`)), NotFoundError);
			await expectError(getTimeline(t.db, parentA, 'x'), NotFoundError);
		});

		it('a school role is forbidden, a visitor unauthenticated', async () => {
			const before = await state();
			await expectError(recordIncident(t.db, schoolAdmin, childOfA, quick(`${Y}-05-03`)), ForbiddenError);
			await expectError(getIncident(t.db, schoolAdmin, childOfA, incidentOfA), ForbiddenError);
			await expectError(updateIncident(t.db, schoolAdmin, childOfA, incidentOfA, detail(`${Y}-05-03`)), ForbiddenError);
			await expectError(deleteIncident(t.db, schoolAdmin, childOfA, incidentOfA), ForbiddenError);
			await expectError(getTimeline(t.db, schoolAdmin, childOfA), ForbiddenError);
			await expectError(getTimeline(t.db, undefined, childOfA), UnauthenticatedError);
			await expectError(recordIncident(t.db, undefined, childOfA, quick(`${Y}-05-03`)), UnauthenticatedError);
			expect(await state()).toBe(before);
		});
	});

	describe('the timeline', () => {
		let kid: string;
		const ids: Record<string, string> = {};

		beforeAll(async () => {
			kid = await newChild(parentA, 'Tijdlijn');
			const add = async (name: string, iso: string, fields: Record<string, unknown>, time?: string) => {
				ids[name] = await recordIncident(t.db, parentA, kid, quick(iso, fields));
				if (time || fields.absenceDays) {
					await updateIncident(t.db, parentA, kid, ids[name]!, detail(iso, { ...fields, occurredTime: time ?? '' }));
				}
			};
			// Recorded out of order on purpose.
			await add('march', `${Y}-03-10`, { forms: ['verbal', 'exclusion'], absenceDays: '1' });
			await add('januaryMorning', `${Y}-01-20`, { forms: 'exclusion', physicalViolence: 'yes' }, '08:15');
			await add('may', `${Y}-05-01`, { forms: ['physical', 'exclusion'], physicalViolence: 'yes', absenceDays: '3' });
			await add('januaryAfternoon', `${Y}-01-20`, { forms: 'online_threats' }, '14:30');
			await add('january9', `${Y}-01-20`, { forms: 'verbal' }, '9:05');
			await add('december', `${Y - 1}-12-24`, {});
		});

		it('newest first, and within a day the latest time first', async () => {
			const timeline = await getTimeline(t.db, parentA, kid);
			expect(timeline.incidents.map((i) => Object.keys(ids).find((k) => ids[k] === i.id))).toEqual(['may', 'march', 'januaryAfternoon', 'january9', 'januaryMorning', 'december']);
			expect(timeline.filtered).toBe(false);
		});

		it('within a day an incident without a time comes after the timed ones, on every database', async () => {
			const other = await newChild(parentA, 'Zonder tijd');
			const untimed = await recordIncident(t.db, parentA, other, quick(`${Y}-02-02`));
			const timed = await recordIncident(t.db, parentA, other, quick(`${Y}-02-02`));
			await updateIncident(t.db, parentA, other, timed, detail(`${Y}-02-02`, { occurredTime: '10:00' }));
			expect((await getTimeline(t.db, parentA, other)).incidents.map((i) => i.id)).toEqual([timed, untimed]);
		});

		it('the summary covers every incident', async () => {
			const { summary } = await getTimeline(t.db, parentA, kid);
			expect(summary).toEqual({
				count: 6,
				since: `${Y - 1}-12-24`,
				latest: `${Y}-05-01`,
				forms: [
					{ form: 'exclusion', count: 3 },
					{ form: 'verbal', count: 2 },
					{ form: 'physical', count: 1 },
					{ form: 'online_threats', count: 1 }
				],
				absenceDays: 4,
				physicalViolence: 2
			});
		});

		it('filters by form, and the summary still counts all incidents', async () => {
			const timeline = await getTimeline(t.db, parentA, kid, { form: 'exclusion' });
			expect(timeline.incidents.map((i) => i.id)).toEqual([ids.may, ids.march, ids.januaryMorning]);
			expect(timeline.filtered).toBe(true);
			expect(timeline.summary.count).toBe(6);
			expect(timeline.summary.absenceDays).toBe(4);
			expect((await getTimeline(t.db, parentA, kid, { form: 'rumours' })).incidents).toEqual([]);
		});

		it('filters by period, both ends included', async () => {
			const period = await getTimeline(t.db, parentA, kid, { from: `${Y}-01-20`, to: `${Y}-03-10` });
			expect(period.incidents.map((i) => i.id)).toEqual([ids.march, ids.januaryAfternoon, ids.january9, ids.januaryMorning]);
			expect(period.summary.count).toBe(6);
			expect((await getTimeline(t.db, parentA, kid, { from: `${Y}-03-11` })).incidents.map((i) => i.id)).toEqual([ids.may]);
			expect((await getTimeline(t.db, parentA, kid, { to: `${Y - 1}-12-31` })).incidents.map((i) => i.id)).toEqual([ids.december]);
			const both = await getTimeline(t.db, parentA, kid, { form: 'verbal', from: `${Y}-02-01` });
			expect(both.incidents.map((i) => i.id)).toEqual([ids.march]);
		});

		it('counts the evidence of each incident', async () => {
			await insertAttachment(kid, ids.march!);
			await insertAttachment(kid, ids.march!);
			await insertAttachment(kid, ids.may!);
			const timeline = await getTimeline(t.db, parentA, kid);
			expect(Object.fromEntries(timeline.incidents.map((i) => [i.id, i.attachmentCount]))).toMatchObject({ [ids.march!]: 2, [ids.may!]: 1, [ids.december!]: 0 });
			expect((await getIncident(t.db, parentA, kid, ids.march!)).attachmentCount).toBe(2);
		});

		it('an empty dossier has an empty timeline and summary', async () => {
			const empty = await newChild(parentA, 'Leeg');
			expect(await getTimeline(t.db, parentA, empty)).toEqual({ incidents: [], summary: { count: 0, since: null, latest: null, forms: [], absenceDays: 0, physicalViolence: 0 }, filtered: false });
		});
	});

	describe('deleting', () => {
		it('removes the incident and its evidence rows, returns the file keys, leaves other incidents alone and audits', async () => {
			const kid = await newChild(parentA, 'Wissen');
			const doomed = await recordIncident(t.db, parentA, kid, quick(`${Y}-06-01`));
			const kept = await recordIncident(t.db, parentA, kid, quick(`${Y}-06-02`));
			const keys = [await insertAttachment(kid, doomed), await insertAttachment(kid, doomed)];
			const keptKey = await insertAttachment(kid, kept);

			expect((await deleteIncident(t.db, parentA, kid, doomed)).sort()).toEqual(keys.sort());
			expect(await incidentRow(doomed)).toBeUndefined();
			expect(await t.db.selectFrom('attachment').select('file_key').where('incident_id', '=', doomed).execute()).toEqual([]);
			expect((await t.db.selectFrom('attachment').select('file_key').where('child_id', '=', kid).execute()).map((r) => r.file_key)).toEqual([keptKey]);
			expect((await getTimeline(t.db, parentA, kid)).incidents.map((i) => i.id)).toEqual([kept]);
			expect(await actionsFor(kid)).toEqual(['child.add', 'incident.record', 'incident.record', 'incident.delete']);
			// Gone is gone.
			await expectError(getIncident(t.db, parentA, kid, doomed), NotFoundError);
			await expectError(deleteIncident(t.db, parentA, kid, doomed), NotFoundError);
		});

		it('an incident without evidence returns no keys', async () => {
			const id = await recordIncident(t.db, parentA, childOfA, quick(`${Y}-06-03`));
			expect(await deleteIncident(t.db, parentA, childOfA, id)).toEqual([]);
		});
	});

	it('the audit chain is intact', async () => {
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});
