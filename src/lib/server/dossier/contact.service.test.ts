import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole } from '../auth/user.repository';
import { todayInNetherlands } from '../../i18n/locale';
import { childSchema } from '../../dossier/dossier';
import { contactSchema } from '../../dossier/contacts';
import { addChild } from './child.service';
import { addAgreement, agreementCalendarEvent, deleteContact, getAgreementForCalendar, getContact, listContacts, recordContact, sendAgreementReminders, setAgreementStatus } from './contact.service';
import { getStepPlan, setStepSkipped } from './step-plan.service';
import { recordIncident } from './incident.service';
import { incidentQuickSchema } from '../../dossier/dossier';
import { seedReferenceData } from '../reference-data/seed';

const today = todayInNetherlands();
const thisYear = Number(today.slice(0, 4));
const parts = (name: string, iso: string) => {
	const [y, m, d] = iso.split('-');
	return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};
const lastYear = (md: string) => `${thisYear - 1}-${md}`;
const contact = (fields: Record<string, unknown>) => v.parse(contactSchema, { ...parts('contactedOn', lastYear('03-01')), rung: 'leerkracht', channel: 'talk', ...fields });

describe('agreementCalendarEvent', () => {
	it('is an all-day event with an alarm, escaped and folded as RFC 5545 asks', () => {
		const ics = agreementCalendarEvent({ id: 'abc', description: 'Juf let op; ook, in de pauze\nen bij gym', followUpOn: '2026-12-31' }, 'Afspraak nakijken (Noor)', 'https://pestwijzer.example/x', new Date('2026-11-26T10:00:00Z'));
		expect(ics).toContain('DTSTART;VALUE=DATE:20261231\r\n');
		expect(ics).toContain('DTEND;VALUE=DATE:20270101\r\n');
		expect(ics).toContain('DTSTAMP:20261126T100000Z\r\n');
		expect(ics).toContain('Juf let op\\; ook\\, in de pauze\\nen bij gym');
		expect(ics).toContain('BEGIN:VALARM');
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
	});
});

describe.each(testDatabaseKinds())('contacts, agreements and the step plan on %s', (kind) => {
	let t: TestDatabase;
	let parentA: Actor;
	let parentB: Actor;
	let childA: string;
	let childB: string;

	async function parent(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		// The step plan shows help directory records with steps outside the school.
		await seedReferenceData(t.db);
		parentA = await parent('anna@example.nl');
		parentB = await parent('bram@example.nl');
		childA = await addChild(t.db, parentA, v.parse(childSchema, { name: 'Noor', birthYear: String(thisYear - 10) }));
		childB = await addChild(t.db, parentB, v.parse(childSchema, { name: 'Bas', birthYear: String(thisYear - 10) }));
	});
	afterAll(async () => t?.dispose());

	it('records a contact with its agreements, newest first, and marks an overdue agreement', async () => {
		const id = await recordContact(t.db, parentA, childA, contact({ personName: 'Juf Anja', agreement1: 'Let op in de pauze', ...parts('followUp1', lastYear('03-15')), agreement2: 'Nieuw gesprek' }));
		await recordContact(t.db, parentA, childA, contact({ ...parts('contactedOn', lastYear('04-01')), rung: 'aanspreekpunt', channel: 'email' }));
		const list = await listContacts(t.db, parentA, childA);
		expect(list.map((c) => c.rung)).toEqual(['aanspreekpunt', 'leerkracht']);
		const first = await getContact(t.db, parentA, childA, id);
		expect(first.agreements.map((a) => [a.description, a.followUpOn, a.status, a.overdue])).toEqual([
			['Let op in de pauze', lastYear('03-15'), 'open', true],
			['Nieuw gesprek', null, 'open', false]
		]);
		await setAgreementStatus(t.db, parentA, childA, id, first.agreements[0]!.id, 'kept');
		expect((await getContact(t.db, parentA, childA, id)).agreements[0]).toMatchObject({ status: 'kept', overdue: false });
	});

	it('never lets another family reach a contact, an agreement or the calendar file', async () => {
		const id = await recordContact(t.db, parentA, childA, contact({ agreement1: 'Gesprek', ...parts('followUp1', lastYear('05-01')) }));
		const agreementId = (await getContact(t.db, parentA, childA, id)).agreements[0]!.id;
		await expect(getContact(t.db, parentB, childA, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getContact(t.db, parentB, childB, id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listContacts(t.db, parentB, childA)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addAgreement(t.db, parentB, childB, id, { description: 'x', followUpOn: null })).rejects.toBeInstanceOf(NotFoundError);
		await expect(setAgreementStatus(t.db, parentB, childB, id, agreementId, 'broken')).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAgreementForCalendar(t.db, parentB, childB, agreementId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(deleteContact(t.db, parentB, childA, id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getAgreementForCalendar(t.db, parentA, childA, agreementId)).childName).toBe('Noor');
		await deleteContact(t.db, parentA, childA, id);
		expect(await t.db.selectFrom('agreement').select('id').where('contact_id', '=', id).execute()).toEqual([]);
	});

	it('mails each guardian once on the follow-up day, without the child or the agreement in the mail', async () => {
		await t.db.deleteFrom('mail_outbox').execute();
		await recordContact(t.db, parentB, childB, contact({ agreement1: 'Geheime afspraak over Bas', ...parts('followUp1', lastYear('06-01')) }));
		const sent = await sendAgreementReminders(t.db);
		expect(sent).toBeGreaterThanOrEqual(1);
		const mails = await t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'bram@example.nl').execute();
		expect(mails).toHaveLength(1);
		expect(mails[0]!.text_body).not.toMatch(/Bas|Geheime/);
		expect(mails[0]!.text_body).toContain(`/dossier/${childB}/contact/`);
		expect(await sendAgreementReminders(t.db)).toBe(0);
		expect(await t.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'bram@example.nl').execute()).toHaveLength(1);
	});

	it('builds the step plan from the dossier: violence first, then the next rung after an overdue agreement', async () => {
		const child = await addChild(t.db, parentA, v.parse(childSchema, { name: 'Mila', birthYear: String(thisYear - 9) }));
		expect((await getStepPlan(t.db, parentA, child, 'nl')).writtenDown).toBe(false);
		await recordIncident(t.db, parentA, child, v.parse(incidentQuickSchema, { ...parts('occurredOn', lastYear('02-01')), forms: 'physical', physicalViolence: 'yes' }));
		await recordContact(t.db, parentA, child, contact({ agreement1: 'Let op', ...parts('followUp1', lastYear('02-20')) }));
		const plan = await getStepPlan(t.db, parentA, child, 'nl');
		expect(plan.suggestions.map((s) => [s.step, s.reasons])).toEqual([
			['politie', ['violence']],
			['huisarts', ['violence']],
			['aanspreekpunt', ['agreement_not_kept']]
		]);
		// The police record of the help directory is shown with the step (seeded from the reference data).
		expect(plan.help.politie?.map((h) => h.id)).toEqual(['politie']);
		await setStepSkipped(t.db, parentA, child, 'politie', true);
		await setStepSkipped(t.db, parentA, child, 'politie', true);
		const after = await getStepPlan(t.db, parentA, child, 'nl');
		expect(after.steps.find((s) => s.step === 'politie')?.state).toBe('skipped');
		expect(after.suggestions.map((s) => s.step)).toEqual(['huisarts', 'aanspreekpunt']);
		await setStepSkipped(t.db, parentA, child, 'politie', false);
		expect((await getStepPlan(t.db, parentA, child, 'nl')).suggestions[0]?.step).toBe('politie');
		await expect(getStepPlan(t.db, parentB, child, 'nl')).rejects.toBeInstanceOf(NotFoundError);
		await expect(setStepSkipped(t.db, parentA, child, 'not-a-step', true)).rejects.toBeInstanceOf(NotFoundError);
		await expect(setStepSkipped(t.db, parentB, child, 'politie', true)).rejects.toBeInstanceOf(NotFoundError);
	});
});
