/**
 * The dossier page's one read (dossier-overview.service.ts) gives what the three services give on their own: the
 * child, the page of the timeline and the contacts; and nothing to another family.
 */
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
import { childSchema, incidentQuickSchema } from '../../dossier/dossier';
import { contactSchema } from '../../dossier/contacts';
import { seedReferenceData } from '../reference-data/seed';
import { addChild, getChild } from './child.service';
import { recordIncident, getTimelinePage } from './incident.service';
import { listContacts, recordContact } from './contact.service';
import { getDossierOverview } from './dossier-overview.service';

const thisYear = Number(todayInNetherlands().slice(0, 4));
const date = (name: string, day: number) => ({ [`${name}-day`]: String(day), [`${name}-month`]: '3', [`${name}-year`]: String(thisYear - 1) });

describe.each(testDatabaseKinds())('the dossier overview on %s', (kind) => {
	let t: TestDatabase;
	let parent: Actor;
	let stranger: Actor;
	let child: string;

	async function account(email: string): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
		await insertRole(t.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		await seedReferenceData(t.db);
		parent = await account('anna@example.nl');
		stranger = await account('bram@example.nl');
		child = await addChild(t.db, parent, v.parse(childSchema, { name: 'Noor', birthYear: String(thisYear - 10) }));
		for (let day = 1; day <= 4; day++) {
			await recordIncident(t.db, parent, child, v.parse(incidentQuickSchema, { ...date('occurredOn', day), forms: day % 2 ? ['verbal'] : ['exclusion'], whatHappened: `Op dag ${day} werd Noor uitgescholden.`, physicalViolence: 'no' }));
		}
		await recordContact(t.db, parent, child, v.parse(contactSchema, { ...date('contactedOn', 5), rung: 'leerkracht', channel: 'talk', personName: 'Juf Anja', agreement1: 'Let op in de pauze', ...date('followUp1', 20) }));
	});
	afterAll(async () => t?.dispose());

	it('is the child, the page of the timeline and the contacts, as each service gives them', async () => {
		const paging = { page: 2, size: 3 };
		const overview = await getDossierOverview(t.db, parent, child, { form: 'verbal' }, paging);
		expect(overview.child).toEqual(await getChild(t.db, parent, child));
		expect(overview.child.incidentCount).toBe(4);
		expect(overview.timeline).toEqual(await getTimelinePage(t.db, parent, child, { form: 'verbal' }, paging));
		expect(overview.contacts).toEqual(await listContacts(t.db, parent, child));
		expect(overview.contacts[0]).toMatchObject({ personName: 'Juf Anja', agreements: [{ description: 'Let op in de pauze' }] });
		const first = await getDossierOverview(t.db, parent, child, {}, { page: 1, size: 3 });
		expect(first.timeline.incidents.map((i) => i.whatHappened)).toEqual([4, 3, 2].map((day) => `Op dag ${day} werd Noor uitgescholden.`));
	});

	it('is not found for another family or a malformed id', async () => {
		await expect(getDossierOverview(t.db, stranger, child, {}, { page: 1, size: 25 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getDossierOverview(t.db, parent, 'x', {}, { page: 1, size: 25 })).rejects.toBeInstanceOf(NotFoundError);
	});
});
